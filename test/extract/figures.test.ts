import { describe, expect, it } from 'vitest';
import { only, read, tuples } from './helpers.js';

/** Figures in reports written for these tests: each sentence is one act with its casualties. */
describe('casualty figures', () => {
  it.each([
    ['قتل سبعة مدنيين في قصف مدفعي على بلدة كفرنبل أمس.', ['killed', 'CIV', 7]],
    ['أسفر القصف على بلدة كفرنبل أمس عن مقتل 12 شخصا.', ['killed', null, 12]],
    ['أسفرت الغارة على مدينة سراقب اليوم عن سقوط 5 قتلى.', ['killed', null, 5]],
    ['قتل عنصر من قوات النظام بانفجار لغم قرب مدينة سراقب اليوم.', ['killed', 'SYR-GOV', 1]],
    ['أدى انفجار عبوة ناسفة في مدينة الباب اليوم إلى مقتل طفلين.', ['killed', 'CIV', 2]],
    ['أدت الغارة على بلدة كفرنبل اليوم إلى سقوط قتيلين.', ['killed', null, 2]],
    [
      'قتل ثلاثة عشر مقاتلا من قسد في هجوم لتنظيم داعش على بلدة الشحيل اليوم.',
      ['killed', 'SDF', 13],
    ],
    ['اعتقلت قوات النظام خمسة شبان في مدينة داريا اليوم.', ['detained', 'CIV', 5]],
    ['اختطف مسلحون مجهولون طفلا في مدينة جاسم اليوم.', ['detained', 'CIV', 1]],
  ])('reads «%s»', (text, expected) => {
    expect(tuples(only(read(text)))).toContainEqual([null, ...expected]);
  });

  it.each([
    ['قتل نحو 40 شخصا في غارات على مدينة إدلب اليوم.', 'approx', 40],
    ['قتل أكثر من 100 شخص في غارات على مدينة إدلب اليوم.', 'more_than', 100],
    ['قتل ما لا يقل عن 25 شخصا في غارات على مدينة إدلب اليوم.', 'at_least', 25],
    ['قتل 25 شخصا على الأقل في غارات على مدينة إدلب اليوم.', 'at_least', 25],
  ])('keeps the qualifier of «%s»', (text, qualifier, count) => {
    const figure = only(read(text)).claims[0]?.figures[0];
    expect(figure).toMatchObject({ measure: 'killed', count, qualifier });
  });

  it('reads killed and injured joined in one sentence, and «آخرون» as the same victims', () => {
    const incident = only(
      read('قتل 4 مدنيين وأصيب 11 آخرون بقصف مدفعي على بلدة معرة النعمان اليوم.'),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        [null, 'killed', 'CIV', 4],
        [null, 'injured', 'CIV', 11],
      ]),
    );
  });

  it('counts an attacker killed as of the side that attacked, and «آخر» after him as another', () => {
    const incident = only(
      read(
        'هاجم تنظيم داعش حاجزا لقوات سوريا الديمقراطية قرب بلدة الشحيل اليوم. ' +
          'وقال متحدث باسم قوات سوريا الديمقراطية إن مهاجما قتل واعتقل آخر.',
      ),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        ['SDF', 'killed', 'ISIS', 1],
        ['SDF', 'detained', 'ISIS', 1],
      ]),
    );
  });

  it('reads «قتيلا وجريحا» after a count as one casualty figure, with its words', () => {
    const incident = only(read('سقط 12 قتيلا وجريحا في قصف على مدينة سراقب اليوم.'));
    const figure = incident.claims[0]?.figures[0];
    expect(figure).toMatchObject({ measure: 'killed_or_injured', count: 12, qualifier: 'exact' });
    expect(figure?.text).toBe('12 قتيلا وجريحا');
  });

  it('shares the count words and the group of joint casualty nouns, a group in brackets too', () => {
    const incident = only(
      read(
        'قال ناشط إن عددا كبيرا من القتلى والجرحى سقطوا في صفوف (حزب الله) خلال هجوم على مدينة الزبداني اليوم.',
      ),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        ['LOCAL', 'killed', 'HEZ', null],
        ['LOCAL', 'injured', 'HEZ', null],
      ]),
    );
  });

  it.each([
    ['قتل خمسة مدنيين بينهم طفلان وأصيب سبعة آخرون بقصف على مدينة أريحا اليوم.', 2],
    ['قتل خمسة مدنيين بينهم طفل وامرأة بقصف على مدينة أريحا اليوم.', 1],
  ])('keeps a breakdown («بينهم…») out of the figures, not what follows it: «%s»', (text, n) => {
    const figures = tuples(only(read(text)));
    expect(figures).toHaveLength(n);
    expect(figures[0]).toEqual([null, 'killed', 'CIV', 5]);
    if (n === 2) expect(figures[1]).toEqual([null, 'injured', 'CIV', 7]);
  });

  it('reads a toll whose number comes first, and the deaths that raised it as part of it', () => {
    const incident = only(
      read(
        'ارتفع إلى 9 عدد القتلى جراء انفجار سيارة مفخخة في سوق مدينة أعزاز صباح اليوم، بعد وفاة 3 من الجرحى متأثرين بإصاباتهم.',
      ),
    );
    expect(tuples(incident)).toEqual([[null, 'killed', null, 9]]);
    expect(incident.fatalities?.best).toBe(9);
  });

  it('counts members wounded by a civilian’s fire as of the armed side there, and hears «مديرية الأمن»', () => {
    const incident = only(
      read(
        'قتل شاب برصاص عناصر من الأمن العام في مدينة حمص اليوم. وقالت مديرية الأمن إن الشاب أطلق النار على الدورية ما أدى إلى إصابة عنصرين.',
        '2025-03-15',
      ),
    );
    expect(tuples(incident)).toContainEqual(['SYR-TRANS', 'injured', 'SYR-TRANS', 2]);
  });

  it('reads no figure where the report says there is no news of casualties', () => {
    const incident = only(
      read('سقطت قذائف صاروخية على أطراف بلدة كفرنبل اليوم، دون ورود معلومات عن خسائر بشرية.'),
    );
    expect(tuples(incident)).toEqual([]);
  });

  it('gives «عدد من» and «عشرات» no count', () => {
    const incident = only(
      read('أسفرت الغارة على مدينة سراقب اليوم عن سقوط عدد من القتلى وعشرات الجرحى.'),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        [null, 'killed', null, null],
        [null, 'injured', null, null],
      ]),
    );
  });

  it('reads a count that continues the figure before it', () => {
    const incident = only(
      read(
        'أعلن المرصد السوري مقتل 5 عناصر من قوات النظام و3 من الفصائل في اشتباكات قرب بلدة كفرنبل اليوم.',
      ),
    );
    expect(tuples(incident)).toEqual(
      expect.arrayContaining([
        ['SOHR', 'killed', 'SYR-GOV', 5],
        ['SOHR', 'killed', 'FSA', 3],
      ]),
    );
  });

  it('reads a count before its verb', () => {
    const incident = only(
      read('قال الدفاع المدني إن 9 مدنيين قتلوا في قصف على بلدة كفرنبل اليوم.'),
    );
    expect(tuples(incident)).toContainEqual(['SCD', 'killed', 'CIV', 9]);
  });

  it('reads «بين قتيل وجريح» as killed or injured', () => {
    const incident = only(
      read('سقط 15 عنصرا من قوات النظام بين قتيل وجريح في هجوم على بلدة كفرنبل اليوم.'),
    );
    expect(tuples(incident)).toContainEqual([null, 'killed_or_injured', 'SYR-GOV', 15]);
  });

  it('does not count prisoners held, sums of money or distances', () => {
    const result = read(
      'هاجم مسلحون سجنا في مدينة الحسكة اليوم يضم نحو 300 أسير، وطالبوا بفدية قدرها 10 ملايين ليرة، على بعد 5 كم من المدينة.',
    );
    const counts = result.incidents.flatMap((i) => tuples(i)).map((t) => t[3]);
    expect(counts).not.toContain(300);
    expect(counts).not.toContain(10_000_000);
    expect(counts).not.toContain(5);
  });

  it('does not read a breakdown after «بينهم» as a figure of its own', () => {
    const incident = only(read('قتل 20 مدنيا بينهم 6 أطفال في غارة على مدينة أريحا اليوم.'));
    expect(tuples(incident).map((t) => t[3])).toEqual([20]);
  });

  it('reads the number a toll rose to', () => {
    const incident = only(read('ارتفعت حصيلة قتلى القصف على مدينة أريحا اليوم إلى 31 شخصا.'));
    expect(tuples(incident)).toContainEqual([null, 'killed', null, 31]);
  });
});

/** Verbs of a measure are listed once and read in every third-person form. */
describe('casualty verbs in every person', () => {
  it.each([
    ['احتجزت عناصر الحاجز ثلاثة شبان قرب مدينة الصنمين اليوم.', 'detained', 3],
    ['اغتالوا مساء أمس أربعة مدنيين في بلدة الجيزة بريف درعا.', 'killed', 4],
    [
      'قالت مصادر محلية إن مسلحين مجهولين يختطفون خمسة مدنيين من طريق بلدة بصرى الشام.',
      'detained',
      5,
    ],
  ])('reads «%s»', (text, measure, count) => {
    expect(tuples(only(read(text))).map(([, m, , c]) => [m, c])).toContainEqual([measure, count]);
  });
});

describe('fighters before a count', () => {
  it('counts fighters and the civilians hurt beside them apart', () => {
    const found = tuples(
      only(
        read('أسفر القصف على بلدة اللطامنة اليوم عن مقتل عناصر من قوات النظام وإصابة 3 مدنيين.'),
      ),
    );
    expect(found).toContainEqual([null, 'injured', 'CIV', 3]);
    expect(found.filter(([, m]) => m === 'killed').map(([, , , c]) => c)).toEqual([null]);
  });
});

describe('the dead and the wounded counted together', () => {
  it.each([
    ['أسفر انفجار عبوة ناسفة في مدينة الباب اليوم عن مقتل وإصابة 10 أشخاص.', 10],
    ['قتل وأصيب سبعة مدنيين في قصف على مدينة أريحا اليوم.', 7],
    ['أدى القصف إلى إصابة ومقتل أربعة عناصر من قسد في بلدة الشحيل اليوم.', 4],
  ])('reads one killed-or-injured count in «%s»', (text, count) => {
    const found = tuples(only(read(text)));
    expect(found.map(([, m, , c]) => [m, c])).toEqual([['killed_or_injured', count]]);
  });

  it('reads dead and wounded apart when no number is given', () => {
    const found = tuples(
      only(read('قتل وجرح عدد من عناصر قسد بانفجار عبوة ناسفة في بلدة ذيبان اليوم.')),
    );
    expect(found.map(([, m]) => m).sort()).toEqual(['injured', 'killed']);
  });
});

describe('one person named by a singular noun or a kin word', () => {
  it.each([
    ['أسفرت المواجهات عن سقوط قتيل من قسد في بلدة ذيبان اليوم.', 'killed', 1],
    ['عثر الأهالي على جثة شاب مقتول بالرصاص في بلدة الكرك الشرقي اليوم.', 'killed', 1],
    ['أدى انفجار لغم في بلدة اللطامنة اليوم إلى سقوط جريح.', 'injured', 1],
    ['قتل رجل وابنته برصاص مجهولين في مدينة الصنمين اليوم.', 'killed', 2],
    ['قتلت امرأة وطفلاها بقصف على بلدة سرمين اليوم.', 'killed', 3],
    ['قتل مزارع وشقيقه وابن عمه بانفجار لغم قرب بلدة اللطامنة اليوم.', 'killed', 3],
  ])('counts «%s»', (text, measure, count) => {
    expect(tuples(only(read(text))).map(([, m, , c]) => [m, c])).toContainEqual([measure, count]);
  });
});

describe('«أحد», «إحدى» before the people it is one of counts one', () => {
  it.each<[text: string, tuple: [string, string | null, number]]>([
    ['قتل أحد عناصر قسد برصاص مجهولين في بلدة الشحيل.', ['killed', 'SDF', 1]],
    ['قتلت إحدى النساء بقصف مدفعي على بلدة كفرنبل.', ['killed', 'CIV', 1]],
    ['أصيب أحد المدنيين بجروح بانفجار لغم قرب بلدة تادف.', ['injured', 'CIV', 1]],
    ['استشهد أحد وجهاء بلدة طفس برصاص مسلحين مجهولين.', ['killed', 'CIV', 1]],
  ])('«%s»: %j', (text, [measure, victim, count]) => {
    expect(tuples(only(read(text, '2021-04-11')))).toEqual([[null, measure, victim, count]]);
  });

  it('counts no one in «لم يصب أحد بأذى»', () => {
    const result = read('سقطت قذيفة على حي الميدان في مدينة حلب، ولم يصب أحد بأذى.', '2016-04-11');
    expect(result.incidents.flatMap((i) => tuples(i))).toEqual([]);
  });
});
