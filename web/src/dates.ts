/**
 * Days as people type them: in the reader's digits (Arabic-Indic or Latin),
 * day, month and year apart, so no field ever asks an Arabic reader for the
 * browser's mm/dd/yyyy.
 */

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits read as Latin ones; anything else is kept. */
export function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/** Latin digits written in the reader's: Arabic-Indic for Arabic. */
export function localDigits(lang: 'ar' | 'en', text: string): string {
  if (lang === 'en') return text;
  return text.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

export interface DayParts {
  day: string;
  month: string;
  year: string;
}

/** The parts of an ISO day (`2024-10-15`), empty where there is none. */
export function partsOf(iso: string): DayParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return { day: '', month: '', year: '' };
  const [, year = '', month = '', day = ''] = match;
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The ISO day the parts name: '' when all are empty, null when they name no
 * day (the 31st of April, a year of two digits, letters).
 */
export function isoOf(parts: DayParts): string | null {
  const day = latinDigits(parts.day).trim();
  const month = latinDigits(parts.month).trim();
  const year = latinDigits(parts.year).trim();
  if (day === '' && month === '' && year === '') return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
