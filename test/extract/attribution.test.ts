import { describe, expect, it } from 'vitest';
import { only, read, tuples } from './helpers.js';

describe('claim attribution', () => {
  it.each([
    ['قال المرصد السوري لحقوق الإنسان إن 6 مدنيين قتلوا في قصف على بلدة كفرنبل اليوم.', 'SOHR'],
    ['أفادت مصادر محلية بمقتل 6 مدنيين في قصف على بلدة كفرنبل اليوم.', 'LOCAL'],
    ['قتل 6 مدنيين في قصف على بلدة كفرنبل اليوم، بحسب الدفاع المدني السوري.', 'SCD'],
    ['قتل 6 مدنيين في قصف على بلدة كفرنبل اليوم، وفق الشبكة السورية لحقوق الإنسان.', 'SNHR'],
    ['وذكرت وكالة سانا أن 6 مدنيين قتلوا في قصف على بلدة كفرنبل اليوم.', 'SANA'],
    ['أكد مصدر طبي مقتل 6 مدنيين في قصف على بلدة كفرنبل اليوم.', 'MEDICAL'],
    ['نقل المرصد السوري عن مصادر أهلية أن 6 مدنيين قتلوا في قصف على بلدة كفرنبل اليوم.', 'SOHR'],
    ['ونقلت شبكة إخبارية عن ناشطين أن 6 مدنيين قتلوا في قصف على بلدة كفرنبل اليوم.', 'LOCAL'],
  ])('attributes «%s» to %s', (text, claimant) => {
    expect(tuples(only(read(text)))[0]?.[0]).toBe(claimant);
  });

  it.each([
    'ذكرت وكالة سانا أن قذيفة سقطت على حي الميدان في دمشق اليوم، وأضافت الوكالة أنها قتلت مدنيين اثنين.',
    'قالت صحيفة الوطن إن عبوة ناسفة انفجرت في مدينة حماة اليوم، وأوضحت الصحيفة أن الانفجار أسفر عن إصابة ثلاثة مدنيين.',
    'أفاد الدفاع المدني السوري بأن غارة ضربت بلدة أريحا صباح اليوم، وأكد الدفاع المدني مقتل طفلين فيها.',
  ])('hears the source named earlier in the sentence in «الوكالة»/«الصحيفة» of «%s»', (text) => {
    const claimants = only(read(text)).claims.map((c) => c.claimant);
    expect(claimants).toHaveLength(1);
    expect(claimants[0]).not.toBe('LOCAL');
  });

  it('hears two speakers of one verb in the dual («ذكرا»)', () => {
    const incident = only(
      read('المرصد السوري والدفاع المدني ذكرا أن 6 مدنيين قتلوا في قصف على بلدة كفرنبل اليوم.'),
    );
    expect(tuples(incident)[0]?.[0]).not.toBeNull();
  });

  it('reads «شبكات موالية لقسد» as local networks, and «سيارة نقل ركاب» as no relay', () => {
    const incident = only(
      read(
        'استهدفت طائرة مسيرة تركية سيارة قالت شبكات موالية لقسد إنها سيارة نقل ركاب مدنية قرب مدينة القامشلي، ما أسفر عن أربعة جرحى.',
      ),
    );
    expect(
      tuples(incident).map(([claimant, measure, , count]) => [claimant, measure, count]),
    ).toEqual([['LOCAL', 'injured', 4]]);
  });

  it('leaves a figure nobody claims to the outlet (null)', () => {
    expect(tuples(only(read('قتل 6 مدنيين في قصف على بلدة كفرنبل اليوم.')))[0]?.[0]).toBeNull();
  });

  it('gives the channel a party speaks through: «أعلن التنظيم عبر وكالة أعماق»', () => {
    const incident = only(
      read('أعلن تنظيم داعش عبر وكالة أعماق مقتل 9 عناصر من قسد بتفجير مفخخة في بلدة الشحيل أمس.'),
    );
    expect(tuples(incident)).toContainEqual(['Amaq', 'killed', 'SDF', 9]);
  });

  it('keeps two sources of one sentence apart', () => {
    const incident = only(
      read(
        'قتل 4 عناصر من قسد في هجوم على بلدة الشحيل اليوم بحسب المرصد السوري، في حين أعلن تنظيم داعش أن 17 عنصرا من قسد قتلوا.',
      ),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        ['SOHR', 'killed', 'SDF', 4],
        ['ISIS', 'killed', 'SDF', 17],
      ]),
    );
  });

  it('carries a statement over to a sentence that continues it («وأضاف»)', () => {
    const incident = only(
      read(
        'قال الدفاع المدني السوري إن غارة جوية استهدفت مدينة سراقب اليوم. وأضاف أن 3 مدنيين قتلوا وأصيب 8 آخرون.',
      ),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        ['SCD', 'killed', 'CIV', 3],
        ['SCD', 'injured', 'CIV', 8],
      ]),
    );
  });

  it("files the lead's unattributed number under the source that states it too", () => {
    const incident = only(
      read(
        'قتل 8 مدنيين في غارة على مدينة سراقب اليوم. وقال الدفاع المدني إن 8 مدنيين قتلوا في الغارة.',
      ),
    );
    expect(tuples(incident)).toEqual([['SCD', 'killed', 'CIV', 8]]);
  });

  it('names the group a source belongs to: «مصدر في الجيش الحر»', () => {
    const incident = only(
      read(
        'وقال مصدر في الجيش الحر إن 7 عناصر من قوات النظام قتلوا في هجوم على بلدة كفرنبل اليوم.',
      ),
    );
    expect(tuples(incident)[0]?.[0]).toBe('FSA');
  });

  it('computes low, best and high from the claimants, the party for high only', () => {
    const incident = only(
      read(
        'قتل 4 عناصر من قسد بتفجير مفخخة في بلدة الشحيل اليوم بحسب المرصد السوري. وأعلن تنظيم داعش عبر وكالة أعماق مقتل 20 عنصرا من قسد في التفجير. وقالت قسد إن 6 من عناصرها قتلوا في التفجير.',
      ),
    );
    expect(incident.fatalities).toEqual({ low: 4, best: 4, high: 20 });
  });
});

describe('where the speaker is', () => {
  it.each([
    'وذكرت صفحات موالية للنظام في مدينة حماة عبر موقع فيسبوك، صباح اليوم الأحد، أن عبوة ناسفة انفجرت بسيارة عسكرية في بلدة صوران.',
    'وقالت مصادر محلية في مدينة إدلب لمراسلنا، مساء اليوم الأحد، إن غارة جوية استهدفت بلدة صوران.',
  ])('places the act, not the speaker, in «%s»', (text) => {
    const incident = only(read(text, '2020-06-21'));
    expect(incident.location?.name_ar).toBe('صوران');
  });
});

describe('a tribe or clan that speaks for its people', () => {
  it.each<[text: string, tuple: [string, string, string, number]]>([
    [
      'أعلنت عشيرة البوشعبان أن مسلحين مجهولين قتلوا اثنين من أبنائها في بلدة الكرامة.',
      ['TRIBES', 'killed', 'CIV', 2],
    ],
    [
      'قالت قبيلة الشعيطات في بيان إن قسد اعتقلت ثلاثة من أبنائها في بلدة الشحيل.',
      ['TRIBES', 'detained', 'CIV', 3],
    ],
    [
      'ذكرت العشيرة أن شابين من أبنائها أصيبا برصاص مجهولين قرب مدينة الميادين.',
      ['TRIBES', 'injured', 'CIV', 2],
    ],
  ])('«%s»: %j', (text, tuple) => {
    expect(tuples(only(read(text, '2021-09-14')))).toEqual([tuple]);
  });
});
