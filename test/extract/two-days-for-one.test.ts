import { describe, expect, it } from 'vitest';
import { only, read } from './helpers.js';

describe('a report naming two days for one act', () => {
  it.each([
    [
      '«yesterday» and a calendar day: the calendar day',
      'قتل أربعة مدنيين أمس 3 آذار 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
      '2024-03-05',
      { kept: '2024-03-03', other: '2024-03-04' },
    ],
    [
      'two calendar days: the first',
      'أفاد ناشطون بمقتل رجلين يوم 5 نيسان 2024 الموافق 7 نيسان 2024 بغارة جوية على مدينة أريحا.',
      '2024-04-08',
      { kept: '2024-04-05', other: '2024-04-07' },
    ],
  ])('warns by code that the days disagree, keeping one (%s)', (_, text, published, days) => {
    const result = read(text, published);
    expect(result.coded_warnings).toEqual([{ code: 'dates_disagree', date: days.kept }]);
    expect(only(result).date.start).toBe(days.kept);
    // The words for people name the other day too.
    expect(result.warnings.filter((w) => w.includes(days.other))).toHaveLength(1);
  });

  it('gives no code when the two agree', () => {
    const result = read(
      'قتل أربعة مدنيين أمس 13 آذار 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
      '2024-03-14',
    );
    expect(result.coded_warnings).toEqual([]);
    expect(only(result).date.start).toBe('2024-03-13');
  });
});
