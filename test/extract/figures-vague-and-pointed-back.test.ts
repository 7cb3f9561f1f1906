import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/contracts/index.js';
import { allTuples, news, read, sorted } from './helpers.js';

function figures(text: string, published: string): Figure[] {
  return news(read(text, published)).flatMap((i) => i.claims.flatMap((c) => c.figures));
}

/**
 * «عشرات القتلى», «العديد من الجرحى»: a count given only as a vague quantity
 * is no number, but the figure keeps those words, so a reviewer sees how many
 * the report meant. Sentences written for these tests.
 */
describe('a vague count before the casualty noun', () => {
  it.each<[text: string, published: string, measure: string, words: string]>([
    ['سقط عشرات القتلى في غارات جوية على مدينة دوما.', '2018-02-21', 'killed', 'عشرات القتلى'],
    [
      'خلفت الغارات الروسية على مدينة أريحا العديد من الجرحى بين المدنيين.',
      '2019-07-12',
      'injured',
      'العديد من الجرحى',
    ],
    [
      'أسفر تفجير سيارة مفخخة وسط مدينة جرابلس عن سقوط مئات الجرحى.',
      '2017-01-08',
      'injured',
      'مئات الجرحى',
    ],
    [
      'وقع عدد من القتلى في صفوف قوات النظام إثر هجوم على حاجز قرب مدينة الصنمين.',
      '2020-03-01',
      'killed',
      'عدد من القتلى',
    ],
  ])('«%s» (%s): %s, no number, told as «%s»', (text, published, measure, words) => {
    const found = figures(text, published).filter((f) => f.measure === measure);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ count: null, qualifier: 'unspecified' });
    expect(found[0]?.text.startsWith(words)).toBe(true);
  });
});

type Tuple = [string | null, string, string | null, number | null];

/**
 * «ثلاثة شبان أكدت مقتلهم»: a casualty noun with a plural pronoun counts the
 * people named just before it.
 */
describe('a plural pronoun points back to the people counted before it', () => {
  it.each<[text: string, published: string, figures: Tuple[]]>([
    [
      'نعت عائلات في بلدة طفس ثلاثة شبان أكدت مقتلهم بقصف مدفعي على البلدة.',
      '2018-06-25',
      [[null, 'killed', 'CIV', 3]],
    ],
    [
      'نعت عائلات من مدينة الباب خمسة أطفال أكدت مصرعهم بانفجار لغم أرضي.',
      '2017-03-04',
      [[null, 'killed', 'CIV', 5]],
    ],
    [
      'نشر ناشطون صور 12 مدنيا قالوا إن قصفا جويا أدى إلى مقتلهم في قرية البيضا.',
      '2013-05-03',
      [['LOCAL', 'killed', 'CIV', 12]],
    ],
    [
      'وثقت الشبكة أسماء سبعة شبان من مدينة داريا أكدت اختطافهم على يد مسلحين ملثمين بعد اقتحام منازلهم.',
      '2012-09-15',
      [['LOCAL', 'detained', 'CIV', 7]],
    ],
  ])('«%s» (%s)', (text, published, expected) => {
    expect(allTuples(read(text, published))).toEqual(sorted(expected));
  });
});
