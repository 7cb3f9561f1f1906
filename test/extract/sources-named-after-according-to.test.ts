import { describe, expect, it } from 'vitest';
import { allTuples, read, sorted } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];

/**
 * «وفق ما أكده لنا أحد أقارب الضحية», «بحسب ما قاله لنا يوم أمس ناشطون»:
 * the source after «بحسب», «وفق», «حسب» may stand a few words on, past what
 * it did and when. Sentences written for these tests.
 */
describe('a source named a few words after «بحسب ما…»', () => {
  it.each<[text: string, published: string, figures: Tuple[]]>([
    [
      'قتل شاب برصاص قناص في مدينة درعا، وفق ما أكده لنا أحد أقارب الضحية وناشطون محليون.',
      '2021-08-05',
      [['LOCAL', 'killed', 'CIV', 1]],
    ],
    [
      'أصيب طفلان بانفجار لغم في بلدة الحراك، بحسب ما قاله لنا يوم أمس ناشطون محليون.',
      '2022-02-11',
      [['LOCAL', 'injured', 'CIV', 2]],
    ],
    [
      'اعتقلت قوات النظام خمسة شبان في مدينة التل، حسب ما نقلته لنا عائلات المعتقلين ومصادر محلية.',
      '2016-07-19',
      [['LOCAL', 'detained', 'CIV', 5]],
    ],
    [
      'قتلت امرأة بقصف على مدينة أريحا، وفقا لما ذكره في تقرير لاحق المرصد السوري لحقوق الإنسان.',
      '2019-12-28',
      [['SOHR', 'killed', 'CIV', 1]],
    ],
  ])('«%s» (%s)', (text, published, expected) => {
    expect(allTuples(read(text, published))).toEqual(sorted(expected));
  });
});
