import { describe, expect, it } from 'vitest';
import { allTuples, read, sorted } from './helpers.js';

type Row = [string, [string | null, string, string | null, number | null][], string?];

/** Whose people a figure counts, in sentences written for these tests. */
describe('the victims of a figure', () => {
  it.each<Row>([
    // The doer of an execution, abduction or killing is never its victim.
    [
      'أعدم تنظيم الدولة الإسلامية 23 كرديا في قرية قرب مدينة عين العرب.',
      [[null, 'killed', null, 23]],
    ],
    [
      'أعدمت هيئة تحرير الشام شابا في مدينة سرمدا بعد اتهامه بالتعامل مع قوات النظام.',
      [[null, 'killed', 'CIV', 1]],
    ],
    [
      'اختطف مسلحون مجهولون ثلاثة مدنيين قرب بلدة عرمان في ريف السويداء.',
      [[null, 'detained', 'CIV', 3]],
    ],
    [
      'اعتقلت قوات سوريا الديمقراطية في حملة دهم بمدينة الشدادي تسعة شبان.',
      [[null, 'detained', 'CIV', 9]],
    ],
    [
      'نفذ مسلحو داعش إعدامات ميدانية بحق 12 تركمانيا في قرية بريف حلب الشرقي، بحسب المرصد السوري.',
      [['SOHR', 'killed', null, 12]],
    ],
    // A nationality after fighters names the state whose forces they are.
    [
      'بانفجار عبوة على طريق بلدة الصنمين لقي خمسة عسكريين سوريين حتفهم، وأصيب 17 آخرون.',
      [
        [null, 'killed', 'SYR-GOV', 5],
        [null, 'injured', 'SYR-GOV', 17],
      ],
      '2020-06-20',
    ],
    [
      'قتل ثلاثة جنود أتراك بقصف لقوات سوريا الديمقراطية على قاعدة تركية قرب بلدة مارع.',
      [[null, 'killed', 'TUR', 3]],
    ],
    ['أصيب ضابطان روس بانفجار عبوة ناسفة قرب مدينة تدمر.', [[null, 'injured', 'RUS', 2]]],
    [
      'قتل عنصران سوريان من الأمن العام وأصيب ثالث بهجوم على حاجز قرب مدينة جبلة.',
      [
        [null, 'killed', 'SYR-TRANS', 2],
        [null, 'injured', 'SYR-TRANS', 1],
      ],
      '2025-03-06',
    ],
    [
      'أسفرت غارة إسرائيلية على مستودع قرب مطار دمشق الدولي عن مقتل ستة إيرانيين من الحرس الثوري.',
      [[null, 'killed', 'IRN', 6]],
    ],
  ])('reads «%s»', (text, expected, published) => {
    expect(allTuples(read(text, published))).toEqual(sorted(expected));
  });
});

/** «ثمانية قتلى من X، إلى جانب 20 جريحاً»: a count with no people of its own counts the side before it. */
describe('a casualty count joined to one that names its side', () => {
  it.each<[string, [string | null, string, string | null, number | null][]]>([
    [
      'قال المرصد إن حصيلة الهجوم بلغت ستة قتلى من قوات النظام، إلى جانب 12 جريحا.',
      [
        ['SOHR', 'injured', 'SYR-GOV', 12],
        ['SOHR', 'killed', 'SYR-GOV', 6],
      ],
    ],
    [
      'أسفر الانفجار عن مقتل 4 عناصر من قسد و7 جرحى في بلدة ذيبان.',
      [
        [null, 'injured', 'SDF', 7],
        [null, 'killed', 'SDF', 4],
      ],
    ],
    [
      'سقط خمسة قتلى من عناصر هيئة تحرير الشام و9 جرحى بكمين في ريف إدلب.',
      [
        [null, 'injured', 'HTS', 9],
        [null, 'killed', 'HTS', 5],
      ],
    ],
  ])('%s', (text, figures) => {
    expect(allTuples(read(text, '2021-06-15'))).toEqual(figures);
  });

  it('leaves people of another kind to say whose they are', () => {
    expect(
      allTuples(read('قتل 4 عناصر من قسد وأصيب 3 مدنيين بانفجار في بلدة ذيبان.', '2021-06-15')),
    ).toEqual([
      [null, 'injured', 'CIV', 3],
      [null, 'killed', 'SDF', 4],
    ]);
  });
});

/** «ممن يقاتلون في صفوف…», «من المقاتلين في صفوف…»: people counted by the side they fight for. */
describe('people counted by the side they fight for', () => {
  it.each<Row>([
    [
      'قتل 19 عنصرا تقريبا ممن يقاتلون في صفوف قوات النظام بكمين قرب بلدة القريتين.',
      [[null, 'killed', 'SYR-GOV', 19]],
    ],
    [
      'قتل عشرة أشخاص ممن يقاتلون ضمن صفوف هيئة تحرير الشام بغارة على بلدة سرمين.',
      [[null, 'killed', 'HTS', 10]],
    ],
    [
      'لقي خمسة شبان ممن يقاتلون في صفوف الفيلق الخامس حتفهم بانفجار عبوة قرب بلدة بصرى الشام.',
      [[null, 'killed', 'SYR-GOV', 5]],
    ],
    [
      'أفاد المرصد بمقتل سبعة على الأقل من المقاتلين في صفوف قسد بهجوم في بلدة الشحيل.',
      [['SOHR', 'killed', 'SDF', 7]],
    ],
  ])('«%s»', (text, expected) => {
    expect(allTuples(read(text))).toEqual(sorted(expected));
  });
});
