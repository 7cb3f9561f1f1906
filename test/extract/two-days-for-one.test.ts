import { describe, expect, it } from 'vitest';
import { only, read } from './helpers.js';

describe('a report naming two days for one act', () => {
  it('warns by code that the days disagree, keeping the calendar day over «yesterday»', () => {
    const result = read(
      'قتل أربعة مدنيين أمس 3 آذار 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
      '2024-03-05',
    );
    expect(result.coded_warnings).toEqual([{ code: 'dates_disagree', date: '2024-03-03' }]);
    expect(only(result).date.start).toBe('2024-03-03');
    // The words for people name the other day too («yesterday» of the report: 4 March).
    expect(result.warnings.filter((w) => w.includes('2024-03-04'))).toHaveLength(1);
  });

  it('warns by code when two calendar days are given as one, keeping the first', () => {
    const result = read(
      'أفاد ناشطون بمقتل رجلين يوم 5 نيسان 2024 الموافق 7 نيسان 2024 بغارة جوية على مدينة أريحا.',
      '2024-04-08',
    );
    expect(result.coded_warnings).toEqual([{ code: 'dates_disagree', date: '2024-04-05' }]);
    expect(only(result).date.start).toBe('2024-04-05');
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
