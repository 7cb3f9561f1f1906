import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/contracts/index.js';
import { actor, allTuples, news, only, read, sorted } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];
interface Row {
  readonly text: string;
  readonly published: string;
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly figures: Tuple[];
}

/** Whose people fell: the side that was struck, never the doer's when the text does not say. */
describe('the side that was struck', () => {
  it.each<Row>([
    // Soldiers of no named army are the state's forces of the report's day.
    {
      text: 'قتل ثلاثة جنود وأصيب خمسة آخرون بغارة إسرائيلية على موقع قرب مطار الضمير.',
      published: '2021-05-02',
      actor1: 'ISR',
      actor2: 'SYR-GOV',
      figures: [
        [null, 'killed', 'SYR-GOV', 3],
        [null, 'injured', 'SYR-GOV', 5],
      ],
    },
    {
      text: 'هاجم مسلحو داعش حاجزا في بادية السخنة ما أدى إلى مقتل جنديين.',
      published: '2019-08-11',
      actor1: 'ISIS',
      actor2: 'SYR-GOV',
      figures: [[null, 'killed', 'SYR-GOV', 2]],
    },
    {
      text: 'أصيب أربعة عسكريين بانفجار لغم أرضي بسيارتهم قرب بلدة الصنمين في ريف درعا.',
      published: '2025-04-20',
      actor1: 'UNKNOWN',
      actor2: 'SYR-TRANS',
      figures: [[null, 'injured', 'SYR-TRANS', 4]],
    },
    // Fighters of no named side, struck by a doer whose target is not named: nobody's.
    {
      text: 'استهدفت طائرة مسيرة تركية سيارة في ريف القامشلي ما أسفر عن مقتل عنصرين.',
      published: '2023-10-06',
      actor1: 'TUR',
      actor2: null,
      figures: [[null, 'killed', null, 2]],
    },
    // Fighters who fell fighting villagers are the doer's.
    {
      text: 'هاجم عناصر من داعش قرية في ريف دير الزور، وقتل ستة مقاتلين منهم في اشتباك مع أهالي البلدة.',
      published: '2015-03-12',
      actor1: 'ISIS',
      actor2: 'CIV',
      figures: [[null, 'killed', 'ISIS', 6]],
    },
    // State media, described rather than named, are SANA.
    {
      text: 'أفادت وسائل إعلام رسمية بأن هجوما صاروخيا إسرائيليا على ريف حماة أدى إلى مقتل ضابط.',
      published: '2022-09-15',
      actor1: 'ISR',
      actor2: 'SYR-GOV',
      figures: [['SANA', 'killed', 'SYR-GOV', 1]],
    },
    {
      text: 'ذكرت وكالة الأنباء الرسمية أن ضربة صاروخية روسية على سوق في مدينة أريحا قتلت 7 مدنيين.',
      published: '2016-02-01',
      actor1: 'RUS',
      actor2: 'CIV',
      figures: [['SANA', 'killed', 'CIV', 7]],
    },
    {
      text: 'قال التلفزيون الحكومي إن رشقة صاروخية تركية سقطت على بلدة تل رفعت وأصابت ثلاث نساء.',
      published: '2022-11-20',
      actor1: 'TUR',
      actor2: 'CIV',
      figures: [['SANA', 'injured', 'CIV', 3]],
    },
  ])('$text', ({ text, published, actor1, actor2, figures }) => {
    const result = read(text, published);
    const incident = only(result);
    expect(actor(incident, 'actor1')).toBe(actor1);
    expect(actor(incident, 'actor2')).toBe(actor2);
    expect(allTuples(result)).toEqual(sorted(figures));
  });

  it('reads the active «أصاب» as injuring people, and not as hitting things', () => {
    expect(allTuples(read('سقطت قذيفة على مدرسة في درعا أصابت طفلين بجروح.'))).toEqual([
      [null, 'injured', 'CIV', 2],
    ]);
    expect(allTuples(read('أصابت القذائف 3 منازل في بلدة كفرنبل.'))).toEqual([]);
  });

  it('calls a missile attack shelling, whatever its case', () => {
    for (const text of [
      'هجوم صاروخي يستهدف مدينة جبلة.',
      'شنت القوات التركية هجوما صاروخيا على قرية قرب عين عيسى.',
      'أسفرت ضربة مدفعية على بلدة قرب معرة النعمان عن إصابة طفل.',
    ]) {
      expect(only(read(text)).sub_event_type).toBe('Shelling/artillery/missile attack');
    }
  });
});

describe('a place where civilians are', () => {
  it.each([
    'انفجرت سيارة مفخخة في سوق شعبي وسط مدينة أعزاز.',
    'استهدفت غارات جوية الأحياء السكنية في مدينة معرة النعمان.',
    'سقطت قذائف هاون على مدرسة في حي القصاع بدمشق.',
  ])('«%s»: struck with no armed target named, struck civilians', (text) => {
    expect(actor(only(read(text, '2019-02-11')), 'actor2')).toBe('CIV');
  });

  it('is no civilian target when fighters are among the dead', () => {
    const incident = only(
      read(
        'انفجرت عبوة ناسفة بحافلة ركاب قرب بلدة الصنمين ما أدى إلى مقتل 6 عناصر من الفرقة الرابعة.',
        '2021-03-02',
      ),
    );
    expect(actor(incident, 'actor2')).not.toBe('CIV');
  });
});

describe('strikes on a town', () => {
  it.each([
    'قصفت مدفعية قوات النظام بلدة كفرنبل جنوبي إدلب صباح اليوم.',
    'شنت طائرات حربية روسية غارات على قرية البارة في جبل الزاوية اليوم.',
    'استهدف قصف صاروخي حي الشعار في مدينة حلب مساء أمس.',
    'قصفت الطائرات الحربية سراقب وحاس صباح اليوم.',
    'تعرضت كفرنبل لقصف مدفعي من قوات النظام مساء أمس.',
    'شن الطيران الروسي غارات جوية على معرة النعمان اليوم.',
  ])('struck its people when no front or post is named: «%s»', (text) => {
    expect(actor(only(read(text)), 'actor2')).toBe('CIV');
  });

  it.each([
    'قصفت مدفعية قوات النظام محاور بلدة كفرنبل جنوبي إدلب صباح اليوم.',
    'شنت طائرات حربية روسية غارات على مواقع في قرية البارة بجبل الزاوية اليوم.',
    'قصفت قوات النظام بالمدفعية مواقع الفصائل في كفرنبل اليوم.',
    'دارت اشتباكات بين قسد وداعش قرب بلدة الشحيل اليوم، تزامنا مع غارات لطيران التحالف على مناطق الاشتباكات في البلدة.',
  ])('struck fighters when a front or post is named: «%s»', (text) => {
    const strikes = news(read(text)).filter((i) => i.event_type === 'Explosions/Remote violence');
    expect(strikes.map((i) => actor(i, 'actor2'))).not.toContain('CIV');
  });

  it.each([
    'قتل مدنيان بقصف مدفعي لقوات النظام على بلدة البارة اليوم. وفي وقت لاحق تعرضت قرية كنصفرة لقصف مدفعي أدى إلى إصابة طفل.',
    'شنت طائرات روسية غارات على مدينة أريحا صباح اليوم. وفي المساء استهدفت غارات بلدة سرمين.',
    'قصفت قوات النظام بالمدفعية قرية الفطيرة صباح اليوم، وتعرضت بلدة حاس أيضا لقصف مدفعي.',
  ])('carries the doer of strikes told before to like strikes with none named: «%s»', (text) => {
    const strikes = news(read(text)).filter((i) => i.event_type === 'Explosions/Remote violence');
    expect(strikes.length).toBeGreaterThan(1);
    expect(new Set(strikes.map((i) => actor(i, 'actor1'))).size).toBe(1);
    expect(actor(strikes[0] as Incident, 'actor1')).not.toBe('UNKNOWN');
  });
});

describe('who did it, by the grammar around the act', () => {
  it.each([
    ['قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل اليوم.', 'SYR-GOV'],
    ['أصيب طفلان جراء قصف صاروخي لقوات سوريا الديمقراطية على قرية قرب مدينة الباب اليوم.', 'SDF'],
    ['قتلت امرأة إثر هجوم لخلايا داعش على قرية في بادية حمص اليوم.', 'ISIS'],
  ])('reads «لـ» after the act’s noun as its doer and civilians as struck: «%s»', (text, doer) => {
    const incident = only(read(text));
    expect(actor(incident, 'actor1')).toBe(doer);
    expect(actor(incident, 'actor2')).toBe('CIV');
  });

  it('tells one capture when the army and its allies are both named as taking the town', () => {
    const result = read(
      'أكد المرصد السوري اليوم سيطرة قوات النظام على مدينة القصير بعد معارك عنيفة. وقال المرصد إن عناصر حزب الله سيطروا على المدينة بعد قصف عنيف نفذته القوات النظامية.',
      '2013-06-05',
    );
    expect(news(result)).toHaveLength(1);
  });
});

describe('an unknown doer', () => {
  it.each([
    'قتل شاب برصاص مسلحين مجهولين استهدفوه قرب منزله في مدينة جاسم اليوم، وفر المسلحون إلى جهة مجهولة.',
    'اغتال مجهولون مختار قرية في ريف درعا الغربي اليوم، ولم تعرف هوية المسلحين.',
    'أطلق مسلحون مجهولون النار على سيارة مدنية على طريق بصرى الشام اليوم ما أدى إلى مقتل سائقها، وتمكن المسلحون من الفرار.',
  ])('is never its own target: «%s»', (text) => {
    const incident = news(read(text))[0];
    expect(incident).toBeDefined();
    expect(actor(incident as Incident, 'actor1')).toBe('UNKNOWN');
    expect(actor(incident as Incident, 'actor2')).toBe('CIV');
  });
});

describe('a shooting told with its shooters between the verb and «النار»', () => {
  it.each([
    'أطلق مسلحون مجهولون النار على شاب في مدينة جاسم اليوم ما أدى إلى مقتله.',
    'أطلقت عناصر مجهولة الرصاص على مزارع في بلدة المزيريب مساء أمس فأردته قتيلا.',
    'أطلق ملثمون يستقلون دراجة نارية النار على امرأة في حي الكلاسة بحلب اليوم.',
  ])('is an attack: «%s»', (text) => {
    const incident = only(read(text));
    expect(incident.sub_event_type).toBe('Attack');
  });
});

describe('a force and whose it is', () => {
  it.each([
    ['داهمت دورية للأسايش منزلا في حي غويران بالحسكة واعتقلت شابين.', 'ASAYISH'],
    ['اقتحمت قوة لقسد قرية في ريف دير الزور الشرقي واعتقلت ثلاثة مدنيين.', 'SDF'],
    ['داهمت عناصر للأمن العسكري منزلا في مدينة درعا واعتقلت شابا.', 'SYR-GOV'],
  ])('reads «لـ» after the force noun as its owner, the doer: «%s»', (text, doer) => {
    expect(actor(only(read(text, '2022-05-25')), 'actor1')).toBe(doer);
  });
});
