import { describe, expect, it } from 'vitest';
import { findDates, normalizeForMatching, tokenize } from '../../src/text/index.js';

const dates = (text: string, published: string | null) =>
  findDates(tokenize(normalizeForMatching(text).text), published);
const first = (text: string, published: string | null) => dates(text, published)[0];

describe('findDates', () => {
  it('resolves أمس against the publication date', () => {
    expect(first('قصفت الطائرات القرية أمس', '2017-04-13')).toMatchObject({
      from: '2017-04-12',
      to: '2017-04-12',
      precision: 'day',
    });
  });

  it.each([
    ['اليوم', '2022-12-26'],
    ['صباح اليوم', '2022-12-26'],
    ['فجر اليوم الإثنين', '2022-12-26'],
    ['يوم أمس', '2022-12-25'],
    ['مساء أمس الأحد', '2022-12-25'],
    ['الليلة الماضية', '2022-12-25'],
    ['ليل أمس', '2022-12-25'],
    ['أول أمس', '2022-12-24'],
    ['أول من أمس', '2022-12-24'],
    ['أمس الأول', '2022-12-24'],
    ['قبل يومين', '2022-12-24'],
    ['قبل ثلاثة أيام', '2022-12-23'],
    ['يوم الجمعة', '2022-12-23'],
    ['مساء السبت', '2022-12-24'],
    ['الإثنين', '2022-12-26'],
    ['الخميس المقبل', '2022-12-29'],
    ['في 21 كانون الأول', '2022-12-21'],
    ['16 من تشرين الثاني', '2022-11-16'],
    ['27 آذار/مارس', '2022-03-27'],
    ['السبت 24 من كانون الأول', '2022-12-24'],
    ['9 أبريل 2025', '2025-04-09'],
    ['12/ 7/ 2012', '2012-07-12'],
    ['02.10.2019', '2019-10-02'],
    ['2024-12-08', '2024-12-08'],
    ['في الخامس من الشهر الحالي', '2022-12-05'],
    ['الحادي والعشرين من الشهر الجاري', '2022-12-21'],
  ])('resolves «%s» in a report of Monday 2022-12-26 to %s', (text, day) => {
    expect(first(text, '2022-12-26')).toMatchObject({ from: day, to: day, precision: 'day' });
  });

  it.each([
    ['جاء ذلك بعد يومين من مقتل', '2022-12-24'],
    ['بعد 24 ساعة من قصف', '2022-12-25'],
    ['بعد ثلاثة أيام على اعتقال', '2022-12-23'],
    ['وذلك بعد 48 ساعة من انفجار', '2022-12-24'],
    ['ووقع ذلك بعد يوم من سيطرة', '2022-12-25'],
    ['بعد يوم على اغتيال', '2022-12-25'],
  ])('counts «%s» back from the report to the earlier act, %s', (text, day) => {
    expect(first(text, '2022-12-26')).toMatchObject({ from: day, precision: 'day', alone: true });
  });

  it('reads «بعد أسبوع من» as a week back, and hours under a day as no date', () => {
    expect(first('بعد أسبوع من اغتيال', '2022-12-26')).toMatchObject({
      from: '2022-12-16',
      to: '2022-12-22',
      precision: 'week',
    });
    expect(dates('سيطرت القوات على القرية بعد ساعات من الاشتباكات', '2022-12-26')).toEqual([]);
    expect(dates('بعد يومين', '2022-12-26')).toEqual([]);
  });

  it('never joins a span counted back to the day beside it («اليوم، بعد 48 ساعة من…»)', () => {
    expect(dates('أصيب طفل اليوم، بعد 24 ساعة من غارة', '2022-12-26')).toMatchObject([
      { from: '2022-12-26' },
      { from: '2022-12-25', alone: true },
    ]);
  });

  it('takes a day and month without a year from the latest year not after publication', () => {
    expect(first('في 30 كانون الأول', '2023-01-02')?.from).toBe('2022-12-30');
    expect(first('24 آب الماضي', '2025-09-27')?.from).toBe('2025-08-24');
  });

  it.each([
    ['في يناير/كانون الثاني الماضي', '2022-01-01', '2022-01-31'],
    ['الشهر الماضي', '2022-11-01', '2022-11-30'],
    ['شهر شباط/فبراير', '2022-02-01', '2022-02-28'],
    ['في ديسمبر 2024', '2024-12-01', '2024-12-31'],
  ])('reads «%s» as a month', (text, from, to) => {
    expect(first(text, '2022-12-26')).toMatchObject({ from, to, precision: 'month' });
  });

  it.each([
    ['في العام 2014', '2014-01-01'],
    ['عام 2019', '2019-01-01'],
    ['العام الماضي', '2021-01-01'],
  ])('reads «%s» as a year', (text, from) => {
    expect(first(text, '2022-12-26')).toMatchObject({ from, precision: 'year' });
  });

  it('reads «قبل أيام» and «الأسبوع الماضي» as a week', () => {
    expect(first('قبل أيام', '2022-12-26')).toMatchObject({ precision: 'week', to: '2022-12-25' });
    expect(first('الأسبوع الماضي', '2022-12-26')).toMatchObject({ precision: 'week' });
  });

  it('warns when a weekday contradicts the day it names, and keeps the day', () => {
    const d = first('أمس الأربعاء', '2022-12-26');
    expect(d?.from).toBe('2022-12-25');
    expect(d?.warning?.text).toMatch(/Wednesday.*2022-12-25.*Sunday/);
    expect(d?.warning).toMatchObject({ code: 'weekday_contradicts', date: '2022-12-25' });
  });

  it('does not warn when the weekday agrees', () => {
    expect(first('يوم أمس الأربعاء', '2017-04-13')?.warning).toBeNull();
  });

  it('leaves relative days unresolved without a publication date', () => {
    expect(first('اليوم الجمعة', null)).toMatchObject({ from: null, precision: 'unknown' });
  });

  it('does not read the word «أب» (father) as August', () => {
    expect(dates('قال الأب إن ابنه خرج', '2022-12-26')).toHaveLength(0);
  });

  it.each([
    ['تعرضت المدينة في آب 2019 لقصف عنيف', '2019-08-01'],
    ['في أب 2016 سقطت قذائف على الحي', '2016-08-01'],
    ['نزح الأهالي في آب الماضي', '2022-08-01'],
  ])('reads «آب» as August with a year or «الماضي» after it: «%s»', (text, from) => {
    expect(first(text, '2022-12-26')?.from).toBe(from);
  });

  it('does not read a year-free number as a date', () => {
    expect(dates('قتل 12 شخصا', '2022-12-26')).toHaveLength(0);
  });

  it('finds several expressions in order', () => {
    const found = dates('اختطف في 21 نيسان الجاري، وأعلن عنه اليوم الأحد 23 نيسان', '2017-04-23');
    expect(found.map((d) => d.from)).toEqual(['2017-04-21', '2017-04-23']);
  });
});

describe('a span of days («بين 3 و6 آذار»)', () => {
  it.each<[text: string, published: string, from: string, to: string, precision: string]>([
    ['دارت اشتباكات بين 3 و6 آذار 2020', '2020-03-10', '2020-03-03', '2020-03-06', 'week'],
    ['قصفت الطائرات البلدة من 12 إلى 15 حزيران', '2019-06-20', '2019-06-12', '2019-06-15', 'week'],
    ['ما بين الثالث والسادس من أيار الماضي', '2021-06-01', '2021-05-03', '2021-05-06', 'week'],
    ['بين 1 و20 تشرين الأول 2016', '2016-11-02', '2016-10-01', '2016-10-20', 'month'],
  ])('«%s» (%s): %s to %s, %s', (text, published, from, to, precision) => {
    expect(first(text, published)).toMatchObject({ from, to, precision, kind: 'span' });
  });

  it('reads no span in counts that rise «من 3 إلى 6»', () => {
    expect(dates('ارتفع عدد القتلى من 3 إلى 6 أشخاص', '2020-03-10')).toEqual([]);
  });
});

describe('the words a date opens with', () => {
  it.each([
    ['وأمس قصفت الطائرات السوق', '2022-12-25'],
    ['وقبل يومين سقطت قذيفة', '2022-12-24'],
    ['فبعد يومين من مقتل الشاب', '2022-12-24'],
    ['والخميس الماضي', '2022-12-22'],
    ['وفي 3 كانون الأول', '2022-12-03'],
    ['وفي الثالث من الشهر الجاري', '2022-12-03'],
  ])('«%s», a proclitic written on its first word, opens %s', (text, day) => {
    expect(first(text, '2022-12-26')).toMatchObject({ from: day });
  });

  it.each([
    ['وشباط الماضي', '2022-02-01', 'month'],
    ['وعام 2014', '2014-01-01', 'year'],
    ['وهذا الشهر', '2022-12-01', 'month'],
  ])('«%s» opens a period from %s', (text, from, precision) => {
    expect(first(text, '2022-12-26')).toMatchObject({ from, precision });
  });

  // «ليلة», «ليلاً» and «فجراً» open with a proclitic's letter: that letter is theirs.
  it.each([
    ['ليلة الخميس قصفت المدفعية الحي', '2022-12-22', 'weekday'],
    ['وليلة السبت سقط صاروخان على البلدة', '2022-12-24', 'weekday'],
    ['ليلاً أمس اعتقلت الدورية شابين', '2022-12-25', 'relative'],
    ['فجراً أمس قصفت الطائرات الحي الشرقي', '2022-12-25', 'relative'],
  ])('«%s» dates from its first word, the night of %s', (text, day, kind) => {
    expect(dates(text, '2022-12-26')).toMatchObject([{ start: 0, from: day, to: day, kind }]);
  });

  // Every word a day, a period or a distance counted from the report opens with,
  // bare and with each proclitic written on: the date found starts at that word.
  describe.each(['', 'و', 'ف', 'ب', 'ل'])('with «%s» written on the first word', (proclitic) => {
    it.each([
      ['اليوم قصفت الطائرات السوق', '2022-12-26', '2022-12-26', 'today'],
      ['أمس سقطت قذيفة', '2022-12-25', '2022-12-25', 'relative'],
      ['الأمس سقطت قذيفة', '2022-12-25', '2022-12-25', 'relative'],
      ['البارحة سقطت قذيفة', '2022-12-25', '2022-12-25', 'relative'],
      ['أول أمس سقطت قذيفة', '2022-12-24', '2022-12-24', 'relative'],
      ['الليلة الماضية سقطت قذيفة', '2022-12-25', '2022-12-25', 'relative'],
      ['ليل أمس سقطت قذيفة', '2022-12-25', '2022-12-25', 'relative'],
      ['ليلة أمس سقطت قذيفة', '2022-12-25', '2022-12-25', 'relative'],
      ['ليلة البارحة اقتحمت دورية البلدة', '2022-12-25', '2022-12-25', 'relative'],
      ['هذا الشهر قتل ثلاثة', '2022-12-01', '2022-12-31', 'month'],
      ['الشهر الماضي قتل ثلاثة', '2022-11-01', '2022-11-30', 'month'],
      ['الأسبوع الماضي قتل ثلاثة', '2022-12-19', '2022-12-25', 'period'],
      ['العام الماضي قتل ثلاثة', '2021-01-01', '2021-12-31', 'period'],
      ['السنة الماضية قتل ثلاثة', '2021-01-01', '2021-12-31', 'period'],
      ['قبل يومين قتل ثلاثة', '2022-12-24', '2022-12-24', 'relative'],
      ['منذ أسبوع قتل ثلاثة', '2022-12-16', '2022-12-22', 'period'],
      ['بعد يومين من مقتل شاب', '2022-12-24', '2022-12-24', 'relative'],
    ])('«%s» opens %s–%s (%s)', (text, from, to, kind) => {
      expect(dates(`${proclitic}${text}`, '2022-12-26')).toMatchObject([
        { start: 0, from, to, kind },
      ]);
    });
  });

  it('opens a date at a word met before where it opened none, and at every number', () => {
    const found = dates(
      'عاد قبل الظهر وغادر قبل يومين، ثم قتل 4 في 5/6/2021 و7 آذار',
      '2022-12-26',
    );
    expect(found.map((d) => d.from)).toEqual(['2022-12-24', '2021-06-05', '2022-03-07']);
  });
});
