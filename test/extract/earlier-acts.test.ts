import { describe, expect, it } from 'vitest';
import { actor, news, read } from './helpers.js';

/** Each incident as «NEW|PAST sub-type date place». */
function told(text: string): string[] {
  return read(text, '2021-06-15').incidents.map(
    (i) =>
      `${i.background ? 'PAST' : 'NEW'} ${i.sub_event_type} ${i.date.start ?? '-'} ${i.location?.name_ar ?? '-'}`,
  );
}

/** «…، بعد يومين من غارة على بلدة X»: an act counted back from the one told is an act of its own. */
describe('an earlier act counted back from the one told', () => {
  it.each([
    [
      'أصيب طفلان بقذائف صاروخية سقطت على مدينة الأتارب اليوم، وذلك بعد 24 ساعة من قصف مشابه طال أطراف بلدة سرمين.',
      [
        'NEW Shelling/artillery/missile attack 2021-06-15 الأتارب',
        'NEW Shelling/artillery/missile attack 2021-06-14 سرمين',
      ],
    ],
    [
      'قتل مدنيان بقصف على بلدة البارة اليوم، وجاء القصف بعد يومين من مقتل خمسة مدنيين بغارات على بلدة كنصفرة.',
      [
        'NEW Shelling/artillery/missile attack 2021-06-15 البارة',
        'NEW Air/drone strike 2021-06-13 كنصفرة',
      ],
    ],
    [
      'اغتال مسلحون مجهولون شابا في بلدة تسيل اليوم، ويأتي ذلك بعد أسبوع من اغتيال قيادي سابق في بلدة نوى.',
      ['NEW Attack 2021-06-15 تسيل', 'PAST Attack 2021-06-05 نوى'],
    ],
    [
      'قتل عنصران من قسد بهجوم مسلح في بلدة ذيبان اليوم، وهو الهجوم الثاني خلال أسبوع بعد هجوم مماثل في بلدة الشحيل.',
      ['NEW Armed clash 2021-06-15 ذيبان', 'PAST Armed clash - الشحيل'],
    ],
  ])('%s', (text, expected) => {
    expect(told(text)).toEqual(expected);
  });

  it('keeps hours under a day as the same act going on', () => {
    expect(
      told(
        'سيطرت قوات سوريا الديمقراطية على قرية في ريف الرقة الشمالي اليوم بعد ساعات من اشتباكات عنيفة مع عناصر داعش.',
      ),
    ).toEqual(['NEW Non-state actor overtakes territory 2021-06-15 الرقة']);
  });
});

describe('an act told as like the one before', () => {
  it.each([
    'قصفت قوات النظام بالمدفعية بلدة كفرنبل اليوم. وكانت بلدة حاس قد شهدت قبل يومين هجوما مماثلا أودى بحياة ثلاثة أطفال.',
    'شن الطيران الروسي غارات على مدينة أريحا اليوم، بعد 48 ساعة من هجوم مماثل استهدف بلدة سرمين.',
    'قصفت قوات النظام بلدة البارة بالصواريخ صباح اليوم، كما تعرضت بلدة كنصفرة لهجوم مشابه مساء اليوم.',
  ])('is of its kind and by its doer: «%s»', (text) => {
    const [first, second] = news(read(text, '2021-06-15'));
    if (first === undefined || second === undefined) throw new Error('expected two acts');
    expect(second.sub_event_type).toBe(first.sub_event_type);
    expect(actor(second, 'actor1')).toBe(actor(first, 'actor1'));
    expect(actor(first, 'actor1')).not.toBe('UNKNOWN');
  });
});

describe('a series ranked by an ordinal', () => {
  it.each([
    'قتل عنصران من قسد بهجوم مسلح في بلدة ذيبان اليوم، وهو الهجوم الثاني خلال أسبوع.',
    'قتل ثلاثة مدنيين بغارة على مدينة إدلب اليوم، وهي الغارة الثالثة منذ مطلع الشهر.',
    'أصيب طفل بانفجار لغم في بلدة نوى اليوم، في الحادثة الرابعة خلال الشهر الجاري.',
  ])('counts acts, not people: the act stays an act, «%s»', (text) => {
    const result = read(text, '2021-06-15');
    expect(result.tallies).toEqual([]);
    expect(news(result)).toHaveLength(1);
  });
});

/** «ويأتي الكمين بعد يوم على…»: a day back, an act told as what came before, and the claims after it. */
describe('an act a day before, told after the one reported', () => {
  const text =
    'نصب تنظيم داعش كمينا لرتل من قوات النظام قرب بلدة القريتين، ما أدى إلى مقتل 12 عنصرا. ويأتي الكمين بعد يوم على سيطرة قوات النظام على حي الحجر الأسود في دمشق. وتبنى التنظيم الكمين في بيان قال فيه إنه قتل 15 عنصرا.';

  it('is dated the day before and typed by what was done', () => {
    expect(told(text)).toEqual([
      'NEW Armed clash 2021-06-15 القريتين',
      'NEW Government regains territory 2021-06-14 الحجر الأسود',
    ]);
  });

  it('leaves the claim that follows it to the act reported', () => {
    const [attack, capture] = news(read(text, '2021-06-15'));
    expect(attack?.claims.flatMap((c) => c.figures.map((f) => [c.claimant, f.count]))).toEqual([
      [null, 12],
      ['ISIS', 15],
    ]);
    expect(capture?.claims).toEqual([]);
  });
});

/** «…، وكان الشاب عنصرا سابقا»: past words after the act describe who it befell, not when it was. */
describe('past words after the act', () => {
  it.each([
    'اغتال مسلحون مجهولون شابا في بلدة طفس، وكان الشاب عنصرا سابقا في فصائل المعارضة.',
    'قصفت الطائرات الحربية بلدة كفرنبل اليوم، وكانت البلدة قد شهدت نزوحا واسعا.',
    'قتل مدني برصاص قناص في مدينة درعا، وكان القتيل يعمل سائقا سابقا.',
  ])('leave the act news: «%s»', (text) => {
    expect(told(text).map((t) => t.split(' ')[0])).toEqual(['NEW']);
  });

  it('while «وكان… قد» before the act still tells of an earlier one', () => {
    expect(told('وكان مسلحون قد اغتالوا شابا في بلدة طفس الشهر الماضي.')).toEqual([
      expect.stringMatching(/^PAST /),
    ]);
  });
});

describe('an act told over a span of days is news of those days, dated as a range', () => {
  it('«بين 3 و6 آذار الجاري»: from the 3rd to the 6th, a week at most', () => {
    const result = read(
      'دارت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة قرب مدينة سراقب بين 3 و6 آذار الجاري.',
      '2020-03-10',
    );
    expect(news(result).map((i) => i.date)).toMatchObject([
      { start: '2020-03-03', end: '2020-03-06', precision: 'week' },
    ]);
  });
});

describe('an act told again after an earlier one at the same place', () => {
  const text =
    'سقطت قذائف صاروخية على بلدة كنصفرة صباح اليوم فأصابت ثلاثة مدنيين. وكانت قذائف مماثلة قد سقطت على كنصفرة قبل شهرين وأصابت ثلاثة مدنيين. وأصيب في القصف اليوم طفل رابع في كنصفرة.';

  it('joins the act of its own day, not the earlier one told last', () => {
    expect(told(text)).toEqual([
      'NEW Shelling/artillery/missile attack 2021-06-15 كنصفرة',
      'PAST Shelling/artillery/missile attack - كنصفرة',
    ]);
    const today = news(read(text, '2021-06-15'))[0];
    expect(today?.claims.flatMap((c) => c.figures.map((f) => [f.measure, f.count]))).toEqual([
      ['injured', 3],
      ['injured', 1],
    ]);
  });
});
