import { describe, expect, it } from 'vitest';
import { news, read, tuples } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];

/** Each news incident's place (Arabic name) with its figures, in the report's order. */
function byPlace(text: string): [string | null, Tuple[]][] {
  return news(read(text)).map((i) => [i.location?.name_ar ?? null, tuples(i)]);
}

/** «45 قتيلاً في جبلة و33 في طرطوس»: a count told with a place of its own is an act at that place. */
describe('counts each told at a place of their own', () => {
  it.each<[string, [string, Tuple[]][]]>([
    [
      'قال المرصد إن 9 مدنيين قتلوا في دوما، و4 في حرستا، بقصف جوي لقوات النظام اليوم.',
      [
        ['دوما', [['SOHR', 'killed', 'CIV', 9]]],
        ['حرستا', [['SOHR', 'killed', 'CIV', 4]]],
      ],
    ],
    [
      'أسفر القصف المدفعي عن مقتل ثلاثة أطفال في بلدة سرمين وامرأتين في بلدة بنش اليوم.',
      [
        ['سرمين', [[null, 'killed', 'CIV', 3]]],
        ['بنش', [[null, 'killed', 'CIV', 2]]],
      ],
    ],
    [
      'أفادت وكالة سانا بسقوط 12 قتيلاً في حمص و7 قتلى في حماة جراء تفجيرين بسيارتين مفخختين صباح اليوم.',
      [
        ['حمص', [['SANA', 'killed', null, 12]]],
        ['حماة', [['SANA', 'killed', null, 7]]],
      ],
    ],
    [
      'أصيب خمسة مدنيين في مدينة أريحا، وطفل في بلدة كنصفرة، بقصف صاروخي لقوات النظام صباح اليوم بحسب الدفاع المدني.',
      [
        ['أريحا', [['SCD', 'injured', 'CIV', 5]]],
        ['كنصفرة', [['SCD', 'injured', 'CIV', 1]]],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(byPlace(text)).toEqual(expected);
  });

  it('keeps one act when the counts share one place', () => {
    const found = byPlace(
      'قتل أربعة مدنيين في مدينة دوما، وأصيب 10 آخرون بجروح، بقصف جوي على المدينة اليوم.',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe('دوما');
  });

  it('does not read a count in an act as a count of people elsewhere', () => {
    const found = byPlace('قتل ستة مدنيين في مدينة أريحا و3 في الغارة الثانية، اليوم.');
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe('أريحا');
  });
});
