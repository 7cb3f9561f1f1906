/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) in whole days of the proleptic
 * Gregorian calendar: no time zone can shift a day, and no Date object is made
 * for what is integer arithmetic (this runs for every date in every report).
 */

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${String(month)}-${day < 10 ? '0' : ''}${String(day)}`;
}

/** The number written in digits at `[from, to)` of `iso`, or NaN where a character is no digit. */
function digitsAt(iso: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = iso.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

function daysOf(iso: string): number {
  // Read digit by digit, not sliced: no string is made for each of the three numbers of a
  // date, and dates are compared for every clause (the act's day against the report's).
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 7);
  const day = digitsAt(iso, 8, 10);
  if (iso.length === 10 && !Number.isNaN(year + month + day))
    return daysFromCivil(year, month, day);
  return daysFromCivil(yearOf(iso), monthOf(iso), Number(iso.slice(8, 10)));
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function lastDayOfMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 0 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return format(year, month, day);
}

export function addDays(iso: string, days: number): string {
  const d = civilFromDays(daysOf(iso) + days);
  return format(d.year, d.month, d.day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: string): number {
  // 1970-01-01 was a Thursday.
  return (((daysOf(iso) + 4) % 7) + 7) % 7;
}

export function daysBetween(from: string, to: string): number {
  return daysOf(to) - daysOf(from);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function monthOf(iso: string): number {
  return Number(iso.slice(5, 7));
}

/**
 * The calendar day of a publication date or date-time as the source gave it
 * («2022-12-26T13:43:00+03:00» is the 26th where it was published).
 */
export function publicationDay(published: string | null | undefined): string | null {
  if (published === null || published === undefined) return null;
  // A report's day is asked of its date as given, then of the day itself (extraction, then
  // its dates): both answered from the last, with no pattern run and no day written again.
  if (published === lastAsked.given || published === lastAsked.day) return lastAsked.day;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published.trim());
  if (m === null) return null;
  const day = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // A day is its own publication day: it is kept with the date it was read from.
  if (day !== null) lastAsked = { given: published, day };
  return day;
}

/** The last date read to a day, and the day. */
let lastAsked: { readonly given: string; readonly day: string | null } = { given: '', day: null };
