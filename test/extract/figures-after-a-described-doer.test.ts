import { describe, expect, it } from 'vitest';
import { allTuples, read, sorted } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];

/**
 * «اعتقل عناصر دورية تابعة لقسد شابين»: fighters with no count right after
 * the verb are its doers, described by a few words; the count after that
 * description is of the victims. Sentences written for these tests.
 */
describe('the count after a doer and the words that describe it', () => {
  it.each<[text: string, published: string, figures: Tuple[]]>([
    [
      'اعتقل عناصر دورية تابعة لقسد شابين في بلدة الشحيل.',
      '2019-03-14',
      [[null, 'detained', 'CIV', 2]],
    ],
    [
      'اختطف مسلحون ملثمون يستقلون سيارة طفلين في بلدة طفس.',
      '2020-10-02',
      [[null, 'detained', 'CIV', 2]],
    ],
    [
      'اعتقلت عناصر دوريات تابعة للأسايش سبعة رجال في مدينة القامشلي.',
      '2021-06-23',
      [[null, 'detained', 'CIV', 7]],
    ],
  ])('«%s» (%s)', (text, published, expected) => {
    expect(allTuples(read(text, published))).toEqual(sorted(expected));
  });
});
