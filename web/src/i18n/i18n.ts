/**
 * Every string the app shows comes from a translation file (ar.json, en.json);
 * numbers and dates are formatted for the chosen language. Arabic is the first
 * language: English must carry every Arabic key, which the type of `tables`
 * checks at build time.
 */
import ar from './ar.json';
import en from './en.json';

export type Lang = 'ar' | 'en';
export type Key = keyof typeof ar;

const tables: Record<Lang, Record<Key, string>> = { ar, en };

/** Arabic with Arabic-Indic digits as Syrian documents write them; English with Latin ones. */
const locales: Record<Lang, string> = { ar: 'ar-SY', en: 'en-GB' };

export const languages: readonly Lang[] = ['ar', 'en'];

export function direction(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

export function isKey(key: string): key is Key {
  return Object.hasOwn(tables.ar, key);
}

/** The string for `key` with `{name}` placeholders filled. */
export function translate(
  lang: Lang,
  key: Key,
  params: Record<string, string | number> = {},
): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();

export function formatNumber(lang: Lang, value: number): string {
  let format = numberFormats.get(lang);
  if (format === undefined) {
    format = new Intl.NumberFormat(locales[lang]);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/**
 * An ISO date (`2024-03-05`) or date-time as a reader of `lang` writes it. The
 * date is a calendar day, not an instant: it is shown in UTC so that no time
 * zone moves it to the day before.
 */
export function formatDate(
  lang: Lang,
  iso: string,
  precision: 'day' | 'week' | 'month' | 'year' | 'unknown' = 'day',
): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC' };
  if (precision === 'year') options.year = 'numeric';
  else if (precision === 'month') Object.assign(options, { year: 'numeric', month: 'long' });
  else Object.assign(options, { year: 'numeric', month: 'long', day: 'numeric' });
  if (precision === 'day' && iso.length === 10) options.weekday = 'long';
  return new Intl.DateTimeFormat(locales[lang], options).format(date);
}

export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
