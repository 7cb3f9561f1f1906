import { describe, expect, it } from 'vitest';
import { allTuples, read, sorted } from './helpers.js';

type Row = [string, [string | null, string, string | null, number | null][]];

/** Where Arabic puts the counted people of a casualty verb, in sentences written for these tests. */
describe('the subject of a casualty verb', () => {
  it.each<Row>([
    [
      'انفجرت دراجة نارية مفخخة في سوق مدينة الباب. وأصيب نتيجة الانفجار أحد عشر مدنيا بجروح متفاوتة.',
      [[null, 'injured', 'CIV', 11]],
    ],
    [
      'وجرح بسبب تفجير عبوة ناسفة في سوق مدينة جرابلس تسعة مدنيين، وفق الدفاع المدني السوري.',
      [['SCD', 'injured', 'CIV', 9]],
    ],
    [
      'وقتل جراء الغارة التي استهدفت مدخل بلدة بنش مساء أمس ثلاثة مدنيين، بحسب المرصد السوري.',
      [['SOHR', 'killed', 'CIV', 3]],
    ],
    [
      'أصيب بجروح متفاوتة سبعة مدنيين بينهم ثلاثة أطفال إثر سقوط قذائف هاون على مدينة درعا.',
      [[null, 'injured', 'CIV', 7]],
    ],
    [
      'أعدم تنظيم داعش في ساحة عامة بمدينة الميادين ثلاثة شبان بتهمة التعامل مع التحالف.',
      [[null, 'killed', 'CIV', 3]],
    ],
    ['سقطت قذيفة على حي سكني في مدينة جرمانا، وقتل فيها مدنيان.', [[null, 'killed', 'CIV', 2]]],
    [
      'أصيب في القصف على بلدة الشيخ مسكين عنصران من قوات النظام.',
      [[null, 'injured', 'SYR-GOV', 2]],
    ],
    [
      'قتل خلال اشتباكات عنيفة مع تنظيم داعش قرب بلدة هجين خمسة مقاتلين من قوات سوريا الديمقراطية.',
      [[null, 'killed', 'SDF', 5]],
    ],
    [
      'وأعلنت قيادة قسد أن 6 من أفراد قوى الأمن الداخلي قتلوا في هجوم انتحاري على حي في مدينة الرقة.',
      [['SDF', 'killed', 'SDF', 6]],
    ],
    ['قال ناشطون إن طفلا أصيب في قصف مدفعي على بلدة معرة حرمة.', [['LOCAL', 'injured', 'CIV', 1]]],
  ])('reads «%s»', (text, expected) => {
    expect(allTuples(read(text))).toEqual(sorted(expected));
  });

  it.each<Row>([
    [
      'قتل في القصف الذي استهدف عناصر من الفصائل قرب بلدة كنصفرة طفل.',
      [[null, 'killed', 'CIV', 1]],
    ],
    ['قتل شابان برصاص مجهولين في مدينة طفس اليوم، وجميعهم مدنيون.', [[null, 'killed', 'CIV', 2]]],
  ])(
    'reads a noun that counts, not a plural far from the verb, as its subject: «%s»',
    (text, expected) => {
      expect(allTuples(read(text))).toEqual(sorted(expected));
    },
  );
});

/** «بجروح», «بجراح», «بحالات اختناق» say how a figure's people were hurt. */
describe('wounds named with the ب of manner', () => {
  it.each<Row>([
    [
      'استهدف مجهولون سيارة مدير ناحية المزيريب بعبوة ناسفة، ما أسفر عن إصابته بجروح خطيرة.',
      [[null, 'injured', null, 1]],
    ],
    [
      'أصيب المختار خالد الحسن بجروح إثر استهداف منزله بقنبلة يدوية في بلدة الجيزة.',
      [[null, 'injured', 'CIV', 1]],
    ],
    [
      'وأصيب العشرات من المدنيين بحالات اختناق جراء قصف بغازات سامة على بلدة اللطامنة.',
      [[null, 'injured', 'CIV', null]],
    ],
    [
      'أسفر القصف على بلدة كفرنبل عن مقتل طفل وإصابة آخرين بجراح متفاوتة.',
      [
        [null, 'killed', 'CIV', 1],
        [null, 'injured', 'CIV', null],
      ],
    ],
    [
      'أصيبت امرأتان بجروح بليغة بانفجار لغم في أرض زراعية قرب بلدة الحراك.',
      [[null, 'injured', 'CIV', 2]],
    ],
  ])('reads one figure in «%s»', (text, expected) => {
    expect(allTuples(read(text))).toEqual(sorted(expected));
  });
});
