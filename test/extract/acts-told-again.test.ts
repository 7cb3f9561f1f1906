import { describe, expect, it } from 'vitest';
import { news, read, tuples } from './helpers.js';

/**
 * An act a report tells twice — once in its lead, once closer by — is one
 * incident, and a count repeated with no place goes with the act it repeats.
 * Sentences written for these tests.
 */
describe('an act summed up in the lead over an area, then told at a town inside it', () => {
  it.each<[text: string, published: string, places: string[]]>([
    [
      'قتلت قوات النظام ثلاثة مدنيين في ريف درعا الغربي صباح اليوم، فيما جرح طفلان بقصف مماثل على ريف القنيطرة. وقال ناشطون إن القصف المدفعي استهدف مدينة نوى وأدى إلى مقتل ثلاثة مدنيين من عائلة واحدة. كما تعرضت بلدة خان أرنبة في ريف القنيطرة لقصف مماثل أدى إلى جرح طفلين.',
      '2022-03-10',
      ['Nawa', 'Khan Arnaba'],
    ],
    [
      'استهدفت طائرات حربية روسية ريف إدلب الجنوبي اليوم، وأصيبت امرأتان بغارة مماثلة على ريف حلب الغربي. وقال الدفاع المدني إن الغارات على مدينة معرة النعمان قتلت ستة مدنيين. كما أصيبت امرأتان بغارة جوية روسية على بلدة الأتارب غربي حلب.',
      '2019-06-10',
      ["Ma'arrat An Nu'man", 'Atareb'],
    ],
    [
      'قصفت قوات النظام بلدات في ريف حمص الشمالي، وأصيبت ثلاث نساء بقصف مماثل على ريف حماة الجنوبي. وقالت شبكة شام إن القصف على مدينة الرستن قتل طفلاً. كما أصيبت ثلاث نساء بقصف مدفعي على قرية حربنفسه.',
      '2018-02-10',
      ['Ar-Rastan', 'Ḩarbinafsah'],
    ],
    // The same small toll in another governorate is another act.
    [
      'جرح طفلان بقصف مدفعي على ريف حماة الشمالي. كما جرح طفلان آخران بقصف مماثل على بلدة كفرنبل في ريف إدلب.',
      '2019-06-10',
      ['Hama', 'Kafr Nobol'],
    ],
  ])('«%s» (%s): %j', (text, published, places) => {
    expect(news(read(text, published)).map((i) => i.location?.name_en)).toEqual(places);
  });
});

describe('a count told again with no place goes with the act it repeats, not the latest', () => {
  it.each<[text: string, published: string, place: string, tuple: [string, number]]>([
    [
      'قتل خمسة مدنيين بغارة جوية على مدينة سراقب صباح اليوم، فيما جرح طفلان بقصف مدفعي على بلدة النيرب. وكتب ناشطون على تويتر: مقتل خمسة مدنيين من عائلة واحدة.',
      '2018-02-10',
      'Saraqab',
      ['killed', 5],
    ],
    [
      'أصيب سبعة أشخاص بانفجار عبوة ناسفة في مدينة الباب، وقتل شاب برصاص مجهولين في بلدة قباسين. وأكد الدفاع المدني إصابة سبعة أشخاص بجروح متفاوتة.',
      '2021-02-10',
      'Al Bab',
      ['injured', 7],
    ],
    [
      'اعتقلت قوات الأمن أربعة شبان في مدينة جاسم أمس، وقتل رجل بقصف على بلدة نوى. وأفادت مصادر محلية باعتقال أربعة شبان من المدينة.',
      '2021-02-10',
      'Jasim',
      ['detained', 4],
    ],
  ])('«%s» (%s): %s %j', (text, published, place, [measure, count]) => {
    const incidents = news(read(text, published));
    const holders = incidents.filter((i) =>
      tuples(i).some(([, m, , n]) => m === measure && n === count),
    );
    expect(holders.map((i) => i.location?.name_en)).toEqual([place]);
  });
});

describe('a second blow of the act a sentence tells is that act, not another', () => {
  it.each<[text: string, published: string]>([
    [
      'قتل ثمانية مدنيين بقصف جوي على مدينة الأتارب اليوم. وقال ناشط إن مروحية ألقت برميلاً متفجراً على سوق المدينة، وبعد تجمع الأهالي سقط برميل متفجر ثان.',
      '2016-02-11',
    ],
    [
      'أصيب أربعة مدنيين بانفجار في مدينة الباب صباح اليوم. وأفاد مراسلنا بأن عبوة ناسفة انفجرت في سيارة وسط المدينة، وبعد دقائق انفجرت عبوة ثانية قرب المكان.',
      '2019-07-23',
    ],
    [
      'قتلت امرأتان بقصف مدفعي على بلدة كفرنبل. وذكر الدفاع المدني أن قذيفة سقطت على منزل في البلدة، ثم سقطت قذيفة ثانية على فريق الإسعاف.',
      '2019-05-30',
    ],
  ])('«%s» (%s)', (text, published) => {
    expect(news(read(text, published))).toHaveLength(1);
  });
});

describe('the dead counted before the act that killed them, in one sentence', () => {
  it.each<[text: string, published: string, place: string, killed: number]>([
    [
      'لقي خمسة مدنيين مصرعهم، وأصيب آخرون بجروح جراء غارة جوية على بلدة كفرنبل اليوم.',
      '2019-05-30',
      'Kafr Nobol',
      5,
    ],
    [
      'فارقت امرأتان الحياة، وأصيب طفل، إثر سقوط قذائف على حي الوعر في مدينة حمص.',
      '2014-02-11',
      'Homs',
      2,
    ],
    [
      'قتل سبعة عناصر من قوات النظام، وجرح ثلاثة آخرون، في هجوم لتنظيم داعش على حاجز قرب مدينة السخنة.',
      '2017-06-19',
      'Sokhneh',
      7,
    ],
  ])('«%s» (%s): %s, %d killed', (text, published, place, killed) => {
    const incidents = news(read(text, published));
    expect(incidents.map((i) => i.location?.name_en)).toEqual([place]);
    expect(
      incidents
        .flatMap((i) => tuples(i))
        .filter(([, m]) => m === 'killed')
        .map(([, , , n]) => n),
    ).toEqual([killed]);
  });
});

describe('the dead counted over an area before any act go with the first act told inside it', () => {
  it.each<[text: string, published: string, place: string, tuple: [string, number]]>([
    [
      'أصيب ثلاثة أطفال في ريف درعا الغربي. وقال مراسلنا إن قذيفة سقطت على مدرسة في بلدة تسيل.',
      '2018-05-02',
      'Tassil',
      ['injured', 3],
    ],
    [
      'استشهد شابان بريف حمص الشمالي. وذكرت مصادر محلية أن قناصاً أطلق النار عليهما في مدينة تلبيسة.',
      '2017-03-09',
      'Talbiseh',
      ['killed', 2],
    ],
    [
      'استشهد أحد وجهاء العشائر العربية في ريف دير الزور الشرقي، وأصيب آخر. وأفادت مصادر محلية بأن مجهولين أطلقوا النار على سيارتهما في بلدة الشحيل.',
      '2021-06-30',
      'Shiheil',
      ['killed', 1],
    ],
  ])('«%s» (%s): %s %j', (text, published, place, [measure, count]) => {
    const incidents = news(read(text, published));
    expect(incidents.map((i) => i.location?.name_en)).toEqual([place]);
    expect(incidents.flatMap((i) => tuples(i))).toContainEqual([null, measure, 'CIV', count]);
  });
});

describe('a total over an area before several acts stays off each of them', () => {
  it('«استشهد خمسة مدنيين في ريف إدلب…» then two acts with their own counts', () => {
    const result = read(
      'استشهد خمسة مدنيين في ريف إدلب الجنوبي. وقتل طفلان بغارة جوية على بلدة كفرنبل، فيما قتل ثلاثة مدنيين بقصف مدفعي على مدينة معرة النعمان.',
      '2020-01-01',
    );
    expect(news(result).map((i) => [i.location?.name_en, tuples(i).map(([, , , n]) => n)])).toEqual(
      [
        ['Kafr Nobol', [2]],
        ["Ma'arrat An Nu'man", [3]],
      ],
    );
  });
});

describe('what is not the same act told again', () => {
  it.each<[text: string, published: string, count: number]>([
    // «أخرى» with a day of its own: another strike.
    [
      'قتل طفلان بغارة جوية على مدينة سراقب أمس، وقتل ثلاثة مدنيين بغارة أخرى على المدينة اليوم.',
      '2021-03-10',
      2,
    ],
    // «أخرى» on the same day at the same town: another strike all the same.
    [
      'أغارت طائرات حربية على مدينة سراقب صباح اليوم فقتلت مدنيين اثنين، ثم قتل طفل بغارة أخرى على المدينة ذاتها مساء اليوم.',
      '2021-03-10',
      2,
    ],
    // The same count of other people: the soldiers of the clash, not the shelling's civilians.
    [
      'قتل ثلاثة مدنيين بقصف مدفعي على مدينة سراقب. واندلعت اشتباكات بين قوات النظام والفصائل في بلدة النيرب. وقتل ثلاثة عناصر من قوات النظام خلال الاشتباكات.',
      '2021-03-10',
      2,
    ],
    // Another day inside the area the lead named.
    ['قتل مدني بقصف على ريف إدلب أمس. وقتل مدني اليوم بقصف على بلدة كفرنبل.', '2021-03-10', 2],
  ])('«%s» (%s): %d incidents', (text, published, count) => {
    expect(news(read(text, published))).toHaveLength(count);
  });

  it('leaves the wounded counted before an arrest off the arrest', () => {
    const incidents = news(
      read(
        'أصيب ثلاثة أطفال في ريف درعا الغربي. وفي بلدة تسيل اعتقلت قوات الأمن شابين.',
        '2021-03-10',
      ),
    );
    expect(incidents.flatMap((i) => tuples(i).map(([, m, , n]) => [m, n]))).toEqual([
      ['detained', 2],
    ]);
  });
});
