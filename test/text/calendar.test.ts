import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDate, publicationDay, weekdayOf } from '../../src/text/index.js';

/** The same arithmetic through the platform's Date, to check ours against. */
function viaDate(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('calendar arithmetic', () => {
  it('agrees with the platform calendar on every day from 1999 to 2031', () => {
    let iso = '1999-01-01';
    for (let k = 0; k < 33 * 366; k++) {
      const next = addDays(iso, 1);
      expect(next).toBe(viaDate(iso, 1));
      expect(weekdayOf(iso)).toBe(new Date(`${iso}T00:00:00Z`).getUTCDay());
      iso = next;
    }
  });

  it('steps back across months, years and leap days', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2017-01-01', -1)).toBe('2016-12-31');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
  });

  it('counts the days between two dates, negative when the second is earlier', () => {
    expect(daysBetween('2017-04-12', '2017-04-13')).toBe(1);
    expect(daysBetween('2016-12-31', '2017-03-01')).toBe(60);
    expect(daysBetween('2017-04-13', '2017-04-12')).toBe(-1);
  });

  it('counts the days of dates written with their time, or with odd separators, as before', () => {
    expect(daysBetween('2017-04-12T10:00', '2017-04-13')).toBe(1);
    expect(daysBetween('2017/04/12', '2017-04-13')).toBe(1);
    expect(daysBetween('2017-04-12', '2017-04-1x')).toBeNaN();
  });

  it('refuses days that do not exist', () => {
    expect(isoDate(2017, 2, 29)).toBeNull();
    expect(isoDate(2016, 2, 29)).toBe('2016-02-29');
    expect(isoDate(2017, 13, 1)).toBeNull();
    expect(isoDate(2017, 4, 31)).toBeNull();
    expect(isoDate(2017, 4, 0)).toBeNull();
  });

  it('takes the publication day as the source wrote it, whatever its time zone', () => {
    expect(publicationDay('2022-12-26T23:43:00-05:00')).toBe('2022-12-26');
    expect(publicationDay(' 2022-12-26 ')).toBe('2022-12-26');
    expect(publicationDay('26/12/2022')).toBeNull();
    expect(publicationDay(null)).toBeNull();
  });

  it('reads the day again the same whether asked of the date as given or of the day', () => {
    expect(publicationDay('2022-12-26T23:43:00-05:00')).toBe('2022-12-26');
    expect(publicationDay('2022-12-26')).toBe('2022-12-26');
    expect(publicationDay('2022-12-26T23:43:00-05:00')).toBe('2022-12-26');
    expect(publicationDay('2023-02-29')).toBeNull();
    expect(publicationDay('2023-03-01T08:00')).toBe('2023-03-01');
    expect(publicationDay('')).toBeNull();
    expect(publicationDay('2022-12-26')).toBe('2022-12-26');
  });
});
