import { describe, expect, it } from 'vitest';
import { allTuples, read, sorted } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];

/**
 * «وقالت المصادر», «أفادت الشبكة», «ذكرت الوكالة»: a definite source noun
 * with no source named before it to point back to is still a source, the
 * local sources it speaks for, and the counts are theirs, not the outlet's.
 * Sentences written for these tests.
 */
describe('a source noun that points back to no named source', () => {
  it.each<[text: string, published: string, figures: Tuple[]]>([
    [
      'وقالت المصادر إن ثلاثة مدنيين قتلوا بقصف مدفعي على بلدة كفرنبل.',
      '2019-05-20',
      [['LOCAL', 'killed', 'CIV', 3]],
    ],
    [
      'وأفادت الشبكة بمقتل طفلين بغارة جوية على مدينة أريحا.',
      '2020-02-02',
      [['LOCAL', 'killed', 'CIV', 2]],
    ],
    [
      'ذكرت الوكالة أن أربعة جنود أصيبوا بانفجار لغم قرب مدينة تدمر.',
      '2018-10-30',
      [['LOCAL', 'injured', 'SYR-GOV', 4]],
    ],
    [
      'وأكد المصدر أن مسلحين مجهولين اغتالوا مختار قرية المسيفرة بريف درعا.',
      '2021-04-12',
      [['LOCAL', 'killed', 'CIV', 1]],
    ],
    [
      'وبحسب المصادر فإن خمسة عناصر من قسد قتلوا في هجوم على حاجز في بلدة الشحيل.',
      '2022-01-25',
      [['LOCAL', 'killed', 'SDF', 5]],
    ],
  ])('«%s» (%s)', (text, published, expected) => {
    expect(allTuples(read(text, published))).toEqual(sorted(expected));
  });
});
