import type { CodedWarning, DatePrecision } from '../contracts/index.js';
import {
  addDays,
  isoDate,
  lastDayOfMonth,
  monthOf,
  publicationDay,
  weekdayOf,
  yearOf,
} from './calendar.js';
import { readNumber } from './numbers.js';
import { WordMemo, WordTest } from './word-memo.js';
import type { Token } from './tokens.js';

/** What a date's words contradict: its code and kept day, for wathiq; its words, for people. */
export interface DateWarning extends CodedWarning {
  readonly text: string;
}

/**
 * A date expression found in the text, resolved against the publication date.
 *
 * «يوم أمس الأربعاء» in a report of Thursday 2017-04-13 is 2017-04-12 at day
 * precision; «في يناير/كانون الثاني الماضي» is a month; «قبل أيام» is a week.
 * When a weekday contradicts the day it names, the day wins and `warning` says so,
 * in words and by code.
 */
export interface DateExpression {
  /** Tokens `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** First and last day of the period meant; both null when it cannot be resolved. */
  readonly from: string | null;
  readonly to: string | null;
  readonly precision: DatePrecision;
  /** How the expression relates to the report: today, an earlier day, a period… */
  readonly kind: DateKind;
  readonly warning: DateWarning | null;
  /** «بعد 48 ساعة من غارة»: the day of the act named next, and of no later one. */
  readonly alone?: boolean;
}

export type DateKind =
  'today' | 'relative' | 'weekday' | 'calendar' | 'month' | 'year' | 'period' | 'span';

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['الاحد', 0],
  ['الاثنين', 1],
  ['الثلاثاء', 2],
  ['الاربعاء', 3],
  ['الخميس', 4],
  ['الجمعه', 5],
  ['السبت', 6],
]);
const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** Month names in normalized spelling: Gregorian, Levantine and Maghrebi, one or two words. */
const MONTHS: readonly (readonly [string, number])[] = [
  ['يناير', 1],
  ['كانون الثاني', 1],
  ['جانفي', 1],
  ['فبراير', 2],
  ['شباط', 2],
  ['فيفري', 2],
  ['مارس', 3],
  ['اذار', 3],
  ['ابريل', 4],
  ['نيسان', 4],
  ['افريل', 4],
  ['مايو', 5],
  ['ايار', 5],
  ['ماي', 5],
  ['يونيو', 6],
  ['يونيه', 6],
  ['حزيران', 6],
  ['جوان', 6],
  ['يوليو', 7],
  ['يوليه', 7],
  ['تموز', 7],
  ['جويليه', 7],
  ['اغسطس', 8],
  ['اب', 8],
  ['اوت', 8],
  ['سبتمبر', 9],
  ['ايلول', 9],
  ['اكتوبر', 10],
  ['تشرين الاول', 10],
  ['نوفمبر', 11],
  ['تشرين الثاني', 11],
  ['ديسمبر', 12],
  ['كانون الاول', 12],
];
/** Month names that are also common words («أب» father): only with a day number, a year, «شهر» or «الماضي». */
const AMBIGUOUS_MONTHS = new Set(['اب', 'ماي']);

const ORDINAL_DAYS: ReadonlyMap<string, number> = new Map([
  ['الاول', 1],
  ['الثاني', 2],
  ['الثالث', 3],
  ['الرابع', 4],
  ['الخامس', 5],
  ['السادس', 6],
  ['السابع', 7],
  ['الثامن', 8],
  ['التاسع', 9],
  ['العاشر', 10],
  ['العشرين', 20],
  ['الثلاثين', 30],
]);
/** «الحادي والعشرين», «الخامس والعشرين»: the units of a compound ordinal. */
const ORDINAL_UNITS: ReadonlyMap<string, number> = new Map([
  ['الحادي', 1],
  ...[...ORDINAL_DAYS].filter(([, n]) => n >= 2 && n <= 9),
]);

const TIME_OF_DAY = new Set([
  'فجر',
  'صباح',
  'ظهر',
  'عصر',
  'مساء',
  'ليل',
  'ليله',
  'منتصف',
  'ظهيره',
  'ضحي',
  'فجرا',
  'صباحا',
  'مساءا',
  'ليلا',
  'ظهرا',
]);
const PAST_MODIFIERS = new Set(['الماضي', 'المنصرم', 'الفائت', 'السابق', 'الماضيه']);
const CURRENT_MODIFIERS = new Set(['الجاري', 'الحالي']);
const FUTURE_MODIFIERS = new Set(['المقبل', 'القادم']);
const YEAR_CUES = new Set([
  'عام',
  'العام',
  'سنه',
  'السنه',
  'في',
  'منذ',
  'اواخر',
  'اوائل',
  'مطلع',
  'بدايه',
  'نهايه',
  'خلال',
  'حتي',
  'اواسط',
  'منتصف',
]);
const MONTH_CUES = new Set([
  'في',
  'خلال',
  'منذ',
  'شهر',
  'مطلع',
  'بدايه',
  'اواخر',
  'اوائل',
  'نهايه',
  'منتصف',
  'اواسط',
  'حتي',
  'اول',
  'اخر',
]);
/** Tokens that may sit between a weekday and the date it names: «الخميس، الموافق 12/7». */
const DATE_GLUE = new Set([',', '-', 'الموافق', 'يوم', 'من', 'في']);

interface Context {
  readonly tokens: readonly Token[];
  readonly published: string | null;
}

interface Match {
  readonly end: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly precision: DatePrecision;
  readonly kind: DateKind;
  /** Weekday named by the expression itself, if any. */
  readonly weekday: number | null;
  /** Dates another act than the one beside it («اليوم، بعد 48 ساعة من…»): never joined to a neighbour. */
  readonly alone: boolean;
}

function word(ctx: Context, i: number): string {
  const t = ctx.tokens[i];
  return t?.kind === 'word' ? t.text : '';
}

function text(ctx: Context, i: number): string {
  return ctx.tokens[i]?.text ?? '';
}

/** The word without one leading conjunction or preposition letter. */
function bare(w: string): string {
  return w.length > 3 && 'وفبل'.includes(w.charAt(0)) ? w.slice(1) : w;
}

/**
 * The word as `words` knows it: itself when it is one of them, for a word
 * that opens with one of the proclitic letters («ليلة», «ليلاً»), else
 * without its proclitic («وليلة», «بالأمس»).
 */
function knownIn(words: ReadonlySet<string>, w: string): string {
  return words.has(w) ? w : bare(w);
}

function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= 1900 && value <= 2100;
}

/**
 * A match, every one made here with all its fields in one order: the rules
 * read matches of every matcher, and V8 reads an object of one of many
 * shapes on its slow path (a spread or a field left out makes another).
 */
function match(
  end: number,
  from: string | null,
  to: string | null,
  precision: DatePrecision,
  kind: DateKind,
  weekday: number | null = null,
  alone = false,
): Match {
  return { end, from, to, precision, kind, weekday, alone };
}

function dayMatch(
  end: number,
  date: string | null,
  kind: DateKind,
  weekday: number | null = null,
): Match {
  return match(end, date, date, date === null ? 'unknown' : 'day', kind, weekday);
}

interface MonthName {
  readonly parts: readonly string[];
  readonly month: number;
  readonly ambiguous: boolean;
}

/** Month names by their first word, so a token is checked against a handful, not all. */
const MONTHS_BY_FIRST_WORD: ReadonlyMap<string, readonly MonthName[]> = (() => {
  const index = new Map<string, MonthName[]>();
  for (const [name, month] of MONTHS) {
    const parts = name.split(' ');
    const first = parts[0] ?? '';
    const list = index.get(first) ?? [];
    list.push({ parts, month, ambiguous: AMBIGUOUS_MONTHS.has(name) });
    index.set(first, list);
  }
  return index;
})();

function monthAt(ctx: Context, i: number, first: string): MonthName | null {
  for (const name of MONTHS_BY_FIRST_WORD.get(first) ?? []) {
    if (name.parts.every((p, k) => k === 0 || word(ctx, i + k) === p)) return name;
  }
  return null;
}

/** A month name at token i: its number and where it ends, including an alternative after «/» («آذار/مارس»). */
function readMonth(
  ctx: Context,
  i: number,
): { month: number; end: number; ambiguous: boolean } | null {
  const surface = word(ctx, i);
  if (surface === '') return null;
  const name = monthAt(ctx, i, surface) ?? monthAt(ctx, i, bare(surface));
  if (name === null) return null;
  let end = i + name.parts.length;
  // «آذار/مارس», «تموز / يوليو», «يناير/كانون الثاني»
  if (text(ctx, end) === '/' || text(ctx, end) === '-') {
    const alt = readMonthName(ctx, end + 1);
    if (alt !== null && alt.month === name.month) end = alt.end;
  }
  return { month: name.month, end, ambiguous: name.ambiguous };
}

function readMonthName(ctx: Context, i: number): { month: number; end: number } | null {
  const name = monthAt(ctx, i, word(ctx, i));
  return name === null ? null : { month: name.month, end: i + name.parts.length };
}

/** A day of the month: «27», «الخامس», «الحادي والعشرين». */
function readDay(ctx: Context, i: number): { day: number; end: number } | null {
  const t = ctx.tokens[i];
  if (t === undefined) return null;
  if (t.kind === 'number' && /^\d{1,2}$/.test(t.text)) {
    const day = Number(t.text);
    return day >= 1 && day <= 31 ? { day, end: i + 1 } : null;
  }
  const unit = ORDINAL_UNITS.get(t.text);
  const tens = word(ctx, i + 1);
  if (unit !== undefined && (tens === 'عشر' || tens === 'والعشرين' || tens === 'والثلاثين')) {
    const base = tens === 'عشر' ? 10 : tens === 'والعشرين' ? 20 : 30;
    return unit + base <= 31 ? { day: unit + base, end: i + 2 } : null;
  }
  const ordinal = ORDINAL_DAYS.get(t.text);
  return ordinal === undefined ? null : { day: ordinal, end: i + 1 };
}

function readYearAt(ctx: Context, i: number): { year: number; end: number } | null {
  const t = ctx.tokens[i];
  if (t?.kind !== 'number' || !/^\d{4}$/.test(t.text)) return null;
  const year = Number(t.text);
  return isYear(year) ? { year, end: i + 1 } : null;
}

type Direction = 'past' | 'current' | 'future' | 'any';

function readModifier(ctx: Context, i: number): { direction: Direction; end: number } {
  const w = word(ctx, i);
  if (PAST_MODIFIERS.has(w)) return { direction: 'past', end: i + 1 };
  if (CURRENT_MODIFIERS.has(w)) return { direction: 'current', end: i + 1 };
  if (FUTURE_MODIFIERS.has(w)) return { direction: 'future', end: i + 1 };
  return { direction: 'any', end: i };
}

/** The year of a day-and-month without a year: the latest one not after publication (two days' slack). */
function inferYear(
  published: string | null,
  month: number,
  day: number,
  direction: Direction,
): number | null {
  if (published === null) return null;
  const year = yearOf(published);
  const candidates = [year + 1, year, year - 1, year - 2]
    .map((y) => ({ y, date: isoDate(y, month, day) }))
    .filter((c): c is { y: number; date: string } => c.date !== null);
  const limit = addDays(published, 2);
  if (direction === 'future') {
    return candidates.filter((c) => c.date > published).at(-1)?.y ?? null;
  }
  return candidates.find((c) => c.date <= limit)?.y ?? null;
}

function inferMonthYear(
  published: string | null,
  month: number,
  direction: Direction,
): number | null {
  if (published === null) return null;
  const year = yearOf(published);
  const current = monthOf(published);
  if (direction === 'future') return month > current ? year : year + 1;
  if (direction === 'past') return month < current ? year : year - 1;
  return month <= current ? year : year - 1;
}

/** «27 آذار/مارس 2022», «16 من تشرين الثاني», «في 21 نيسان الجاري», «الخامس من الشهر الحالي». */
function matchDayMonth(ctx: Context, i: number): Match | null {
  const day = readDay(ctx, i);
  return day === null ? null : dayOfMonth(ctx, day.day, day.end);
}

/** The day `day` of the month named from token `after` on («6 آذار 2020», «6 من الشهر الجاري»). */
function dayOfMonth(ctx: Context, day: number, after: number): Match | null {
  let j = after;
  if (word(ctx, j) === 'من') j++;
  const month = readMonth(ctx, j);
  let monthNumber: number;
  let direction: Direction;
  let year: number | null = null;
  if (month !== null) {
    monthNumber = month.month;
    j = month.end;
    if (text(ctx, j) === ',' || text(ctx, j) === '-') {
      if (readYearAt(ctx, j + 1) !== null) j++;
    }
    const y = readYearAt(ctx, j);
    if (y !== null) {
      year = y.year;
      j = y.end;
    }
    const modifier = readModifier(ctx, j);
    direction = modifier.direction;
    j = modifier.end;
  } else if (word(ctx, j) === 'الشهر' && ctx.published !== null) {
    const modifier = readModifier(ctx, j + 1);
    if (modifier.direction === 'any') return null;
    const shift = modifier.direction === 'past' ? -1 : modifier.direction === 'future' ? 1 : 0;
    const pubMonth = monthOf(ctx.published) - 1 + shift;
    year = yearOf(ctx.published) + Math.floor(pubMonth / 12);
    monthNumber = (((pubMonth % 12) + 12) % 12) + 1;
    direction = modifier.direction;
    j = modifier.end;
  } else {
    return null;
  }
  if (year === null) {
    year =
      direction === 'current' && ctx.published !== null
        ? yearOf(ctx.published)
        : inferYear(ctx.published, monthNumber, day, direction);
  }
  const date = year === null ? null : isoDate(year, monthNumber, day);
  return dayMatch(j, date, 'calendar');
}

/** Words that open a span of days: «بين 3 و6 آذار», «من 3 إلى 6 آذار». */
const SPAN_OPENERS: ReadonlySet<string> = new Set(['بين', 'من']);
/** Words between a span's first and last days. */
const SPAN_JOINERS: ReadonlySet<string> = new Set(['و', 'الي', 'حتي', 'لغايه']);

/**
 * «بين 3 و6 آذار 2020», «من الثالث إلى السادس من حزيران»: the days from the
 * first to the last, a week or less apart, or within the month.
 */
function matchDaySpan(ctx: Context, i: number): Match | null {
  if (!SPAN_OPENERS.has(word(ctx, i))) return null;
  const first = readDay(ctx, i + 1);
  if (first === null) return null;
  let j = first.end;
  // «والسادس»: the joiner written on the ordinal.
  const joined = word(ctx, j).startsWith('و') && ORDINAL_DAYS.has(word(ctx, j).slice(1));
  if (!joined) {
    if (!SPAN_JOINERS.has(word(ctx, j))) return null;
    j++;
  }
  const last = joined
    ? dayOfMonth(ctx, ORDINAL_DAYS.get(word(ctx, j).slice(1)) ?? 0, j + 1)
    : matchDayMonth(ctx, j);
  if (last?.from == null || last.kind !== 'calendar') return null;
  const lastDay = Number(last.from.slice(8));
  if (first.day >= lastDay) return null;
  const from = `${last.from.slice(0, 8)}${String(first.day).padStart(2, '0')}`;
  const precision = lastDay - first.day <= 6 ? 'week' : 'month';
  return match(last.end, from, last.from, precision, 'span');
}

/** «12/ 7/ 2012», «02.10.2019», «2025-03-07». */
function matchNumericDate(ctx: Context, i: number): Match | null {
  const t = ctx.tokens[i];
  if (t?.kind !== 'number') return null;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t.text);
  if (dotted !== null) {
    return dayMatch(
      i + 1,
      isoDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1])),
      'calendar',
    );
  }
  const parts: number[] = [];
  let j = i;
  let separator: string | null = null;
  while (parts.length < 3) {
    const n = ctx.tokens[j];
    if (n?.kind !== 'number' || !/^\d{1,4}$/.test(n.text)) break;
    parts.push(Number(n.text));
    j++;
    if (parts.length === 3) break;
    const sep = text(ctx, j);
    if ((sep !== '/' && sep !== '-') || (separator !== null && sep !== separator)) break;
    separator = sep;
    j++;
  }
  if (parts.length !== 3) return null;
  const [a = 0, b = 0, c = 0] = parts;
  const date = isYear(a) ? isoDate(a, b, c) : isYear(c) ? isoDate(c, b, a) : null;
  return date === null ? null : dayMatch(j, date, 'calendar');
}

/**
 * The first words of a day named from the report's («اليوم», «أمس», «أول أمس»,
 * «الليلة الماضية»): what matchRelativeDay reads, the words it may start at, and date openers.
 */
const RELATIVE_DAY_WORDS: ReadonlySet<string> = new Set([
  'اليوم',
  'امس',
  'الامس',
  'البارحه',
  'اول',
  'الليله',
  'ليل',
  'ليله',
]);

/** The day `days` before publication, told by the words ending at token `end`. */
function dayBeforePublished(ctx: Context, days: number, end: number): Match {
  const pub = ctx.published;
  return dayMatch(
    end,
    pub === null ? null : addDays(pub, -days),
    days === 0 ? 'today' : 'relative',
  );
}

/** «اليوم», «أمس», «يوم أمس», «أول من أمس», «أمس الأول», «الليلة الماضية», with a time of day before them. */
function matchRelativeDay(ctx: Context, i: number): Match | null {
  const w = knownIn(RELATIVE_DAY_WORDS, word(ctx, i));
  if (!RELATIVE_DAY_WORDS.has(w)) return null;
  if (w === 'اليوم' && word(ctx, i - 1) !== 'سوريا') return dayBeforePublished(ctx, 0, i + 1);
  if (w === 'امس' || w === 'الامس' || w === 'البارحه') {
    if (word(ctx, i + 1) === 'الاول') return dayBeforePublished(ctx, 2, i + 2);
    return dayBeforePublished(ctx, 1, i + 1);
  }
  if (w === 'اول' && word(ctx, i + 1) === 'امس') return dayBeforePublished(ctx, 2, i + 2);
  if (w === 'اول' && word(ctx, i + 1) === 'من' && word(ctx, i + 2) === 'امس')
    return dayBeforePublished(ctx, 2, i + 3);
  if (w === 'الليله' && word(ctx, i + 1) === 'الماضيه') return dayBeforePublished(ctx, 1, i + 2);
  if (
    (w === 'ليل' || w === 'ليله') &&
    (word(ctx, i + 1) === 'امس' || word(ctx, i + 1) === 'البارحه')
  )
    return dayBeforePublished(ctx, 1, i + 2);
  return null;
}

/** «الخميس», «يوم الجمعة», «مساء الأحد», «الخميس المقبل». */
function matchWeekday(ctx: Context, i: number): Match | null {
  const w = word(ctx, i);
  const weekday = WEEKDAYS.get(w) ?? WEEKDAYS.get(bare(w));
  if (weekday === undefined) return null;
  const modifier = readModifier(ctx, i + 1);
  const pub = ctx.published;
  if (pub === null) return dayMatch(modifier.end, null, 'weekday', weekday);
  const back = (weekdayOf(pub) - weekday + 7) % 7;
  let date: string;
  if (modifier.direction === 'future') date = addDays(pub, (weekday - weekdayOf(pub) + 7) % 7 || 7);
  else if (modifier.direction === 'past') date = addDays(pub, -(back || 7));
  else date = addDays(pub, -back);
  return dayMatch(modifier.end, date, 'weekday', weekday);
}

/** «في يناير/كانون الثاني الماضي», «شهر شباط/فبراير», «ديسمبر 2024». */
function matchMonth(ctx: Context, i: number): Match | null {
  const month = readMonth(ctx, i);
  if (month === null) return null;
  const year = readYearAt(ctx, month.end);
  const modifier = readModifier(ctx, year?.end ?? month.end);
  const cued = MONTH_CUES.has(word(ctx, i - 1)) || word(ctx, i - 1) === 'شهر';
  if (year === null && modifier.direction === 'any' && !cued) return null;
  // «أب» is a father too; a year or «الماضي» after it makes it the month («في آب 2019»).
  if (
    month.ambiguous &&
    word(ctx, i - 1) !== 'شهر' &&
    year === null &&
    modifier.direction === 'any'
  )
    return null;
  const y = year?.year ?? inferMonthYear(ctx.published, month.month, modifier.direction);
  if (y === null) {
    return match(modifier.end, null, null, 'unknown', 'month');
  }
  return monthPeriod(y, month.month, modifier.end);
}

function monthPeriod(year: number, month: number, end: number): Match {
  return match(
    end,
    isoDate(year, month, 1),
    isoDate(year, month, lastDayOfMonth(year, month)),
    'month',
    'month',
  );
}

/** «عام 2014», «في العام 2018», «أواخر 2024». */
function matchYear(ctx: Context, i: number): Match | null {
  const cue = word(ctx, i);
  if (!YEAR_CUES.has(cue) && !YEAR_CUES.has(bare(cue))) return null;
  let j = i + 1;
  if (word(ctx, j) === 'العام' || word(ctx, j) === 'عام') j++;
  const year = readYearAt(ctx, j);
  if (year === null) return null;
  return match(year.end, isoDate(year.year, 1, 1), isoDate(year.year, 12, 31), 'year', 'year');
}

function period(from: string, to: string, precision: DatePrecision, end: number): Match {
  return match(end, from, to, precision, 'period');
}

/** The month `shift` months away from the publication month. */
function shiftedMonth(pub: string, shift: number, end: number): Match {
  const index = monthOf(pub) - 1 + shift;
  const year = yearOf(pub) + Math.floor(index / 12);
  return monthPeriod(year, (((index % 12) + 12) % 12) + 1, end);
}

const SHIFT: Readonly<Record<Direction, number | null>> = {
  past: -1,
  current: 0,
  future: 1,
  any: null,
};

/** The calendar units a period next to the report's is counted in: «الشهر الماضي». */
const CALENDAR_UNITS: ReadonlySet<string> = new Set(['الشهر', 'الاسبوع', 'العام', 'السنه']);
/** «هذا الشهر», «هذا العام»: the report's own unit. */
const THIS = 'هذا';

/** «الشهر الماضي», «هذا العام», «الأسبوع الماضي», «العام الماضي»: a calendar unit next to the report's. */
function matchUnitPeriod(ctx: Context, i: number): Match | null {
  const pub = ctx.published;
  if (pub === null) return null;
  const w = bare(word(ctx, i));
  const demonstrative = w === THIS;
  if (!demonstrative && !CALENDAR_UNITS.has(w)) return null;
  const unit = demonstrative ? word(ctx, i + 1) : w;
  const modifier = demonstrative
    ? { direction: 'current' as Direction, end: i + 2 }
    : readModifier(ctx, i + 1);
  const shift = SHIFT[modifier.direction];
  if (shift === null) return null;
  if (unit === 'الشهر') return shiftedMonth(pub, shift, modifier.end);
  if (unit === 'الاسبوع') {
    if (shift === 0) return period(addDays(pub, -6), pub, 'week', modifier.end);
    return shift < 0 ? period(addDays(pub, -7), addDays(pub, -1), 'week', modifier.end) : null;
  }
  if (unit === 'العام' || unit === 'السنه') {
    const y = yearOf(pub) + shift;
    return period(`${y}-01-01`, `${y}-12-31`, 'year', modifier.end);
  }
  return null;
}

/** The words a distance back from the report opens with: «قبل يومين», «منذ أسبوع». */
const AGO_WORDS: ReadonlySet<string> = new Set(['قبل', 'منذ']);

/** «قبل أيام», «قبل ثلاثة أيام», «قبل يومين», «منذ أسبوع»: a distance back from the report. */
function matchAgo(ctx: Context, i: number): Match | null {
  const pub = ctx.published;
  if (pub === null || !AGO_WORDS.has(bare(word(ctx, i)))) return null;
  const next = word(ctx, i + 1);
  if (next === 'يومين') return dayMatch(i + 2, addDays(pub, -2), 'relative');
  if (next === 'ايام') return period(addDays(pub, -7), addDays(pub, -1), 'week', i + 2);
  if ((next === 'بضعه' || next === 'عده') && word(ctx, i + 2) === 'ايام') {
    return period(addDays(pub, -7), addDays(pub, -1), 'week', i + 3);
  }
  if (next === 'اسبوع' || next === 'اسبوعين') {
    const days = next === 'اسبوع' ? 7 : 14;
    return period(addDays(pub, -days - 3), addDays(pub, -days + 3), 'week', i + 2);
  }
  const count = readNumber(ctx.tokens, i + 1);
  const unit = count === null ? '' : word(ctx, count.end);
  if (count !== null && count.value <= 31 && (unit === 'ايام' || unit === 'يوما')) {
    return dayMatch(count.end + 1, addDays(pub, -count.value), 'relative');
  }
  return null;
}

/** The word a span of time before the act told opens with: «بعد يومين من…». */
const SPAN_BEFORE_WORD = 'بعد';
/** The words a span of time after «بعد» ends on, before the act it is counted from. */
const SPAN_FROM = new Set(['من', 'علي']);

/**
 * «بعد يومين من مقتل…», «بعد 48 ساعة من غارة…», «بعد أسبوع من اغتيال…»: the act
 * named next came that long before the one told, which a report tells as of
 * its own day. Hours under a day («بعد ساعات من اشتباكات») are the same act going on.
 */
function matchSpanBefore(ctx: Context, i: number): Match | null {
  const span = spanBefore(ctx, i);
  return span === null
    ? null
    : match(span.end, span.from, span.to, span.precision, span.kind, span.weekday, true);
}

function spanBefore(ctx: Context, i: number): Match | null {
  const pub = ctx.published;
  if (pub === null || bare(word(ctx, i)) !== SPAN_BEFORE_WORD) return null;
  const next = word(ctx, i + 1);
  const after = (end: number): boolean => SPAN_FROM.has(bare(word(ctx, end)));
  if (next === 'يوم' && after(i + 2)) return dayMatch(i + 2, addDays(pub, -1), 'relative');
  if (next === 'يومين' && after(i + 2)) return dayMatch(i + 2, addDays(pub, -2), 'relative');
  if ((next === 'اسبوع' || next === 'اسبوعين') && after(i + 2)) {
    const days = next === 'اسبوع' ? 7 : 14;
    return period(addDays(pub, -days - 3), addDays(pub, -days + 3), 'week', i + 2);
  }
  const count = readNumber(ctx.tokens, i + 1);
  if (count === null || !after(count.end + 1)) return null;
  const unit = word(ctx, count.end);
  if (count.value <= 31 && (unit === 'ايام' || unit === 'يوما'))
    return dayMatch(count.end + 1, addDays(pub, -count.value), 'relative');
  if (count.value >= 24 && count.value <= 96 && (unit === 'ساعه' || unit === 'ساعات'))
    return dayMatch(count.end + 1, addDays(pub, -Math.floor(count.value / 24)), 'relative');
  return null;
}

type Matcher = (ctx: Context, i: number) => Match | null;

/** Either the word or the word without its proclitic is one of `words`. */
const eitherIn =
  (words: ReadonlySet<string> | ReadonlyMap<string, unknown>) =>
  (w: string): boolean =>
    words.has(w) || words.has(bare(w));
/** The word without its proclitic is one of `words`. */
const bareIn =
  (words: ReadonlySet<string>) =>
  (w: string): boolean =>
    words.has(bare(w));

/**
 * The matchers in the order they are tried, each with what a word must be to
 * start it (what the matcher itself asks of its first word, and no more; null:
 * no word does), and whether a number may start it.
 */
const MATCHERS: readonly {
  readonly match: Matcher;
  readonly opens: ((w: string) => boolean) | null;
  readonly number: boolean;
}[] = [
  { match: matchDaySpan, opens: (w) => SPAN_OPENERS.has(w), number: false },
  { match: matchNumericDate, opens: null, number: true },
  {
    match: matchDayMonth,
    opens: (w) => ORDINAL_UNITS.has(w) || ORDINAL_DAYS.has(w),
    number: true,
  },
  { match: matchRelativeDay, opens: eitherIn(RELATIVE_DAY_WORDS), number: false },
  { match: matchWeekday, opens: eitherIn(WEEKDAYS), number: false },
  { match: matchMonth, opens: eitherIn(MONTHS_BY_FIRST_WORD), number: false },
  { match: matchYear, opens: eitherIn(YEAR_CUES), number: false },
  {
    match: matchUnitPeriod,
    opens: (w) => bare(w) === THIS || CALENDAR_UNITS.has(bare(w)),
    number: false,
  },
  { match: matchAgo, opens: bareIn(AGO_WORDS), number: false },
  { match: matchSpanBefore, opens: (w) => bare(w) === SPAN_BEFORE_WORD, number: false },
];

const NUMBER_MATCHERS: readonly Matcher[] = MATCHERS.filter((m) => m.number).map((m) => m.match);
const NO_MATCHERS: readonly Matcher[] = [];

/**
 * The matchers a word may start, worked out once per word: every number and
 * every date word was tried against all ten at each of its tokens, and most
 * of them turned it down at its first word.
 */
const MATCHERS_OF_WORD = new WordMemo((token): readonly Matcher[] => {
  const found = MATCHERS.filter((m) => m.opens?.(token.text) === true).map((m) => m.match);
  return found.length === 0 ? NO_MATCHERS : found;
});

function matchAt(ctx: Context, i: number): Match | null {
  const t = ctx.tokens[i];
  if (t === undefined) return null;
  const matchers =
    t.kind === 'number'
      ? NUMBER_MATCHERS
      : t.kind === 'word'
        ? MATCHERS_OF_WORD.of(t)
        : NO_MATCHERS;
  for (const matcher of matchers) {
    const m = matcher(ctx, i);
    if (m !== null) return m;
  }
  return null;
}

/** Every word a date expression can start with, to skip the rest of the text quickly. */
const DATE_OPENERS: ReadonlySet<string> = new Set([
  ...WEEKDAYS.keys(),
  ...MONTHS_BY_FIRST_WORD.keys(),
  ...ORDINAL_DAYS.keys(),
  ...ORDINAL_UNITS.keys(),
  ...TIME_OF_DAY,
  ...YEAR_CUES,
  ...MONTH_CUES,
  'يوم',
  ...RELATIVE_DAY_WORDS,
  ...CALENDAR_UNITS,
  THIS,
  ...AGO_WORDS,
  SPAN_BEFORE_WORD,
  ...SPAN_OPENERS,
]);

/** The openers with a proclitic written on them («وأمس», «بالأمس»), so that one lookup tells. */
const PREFIXED_OPENERS: ReadonlyMap<string, string> = new Map(
  [...DATE_OPENERS].flatMap((w): [string, string][] => [
    [w, w],
    ...['و', 'ف', 'ب', 'ل'].map((p): [string, string] => [`${p}${w}`, w]),
  ]),
);

/** The opener each word is, without its proclitic (null for most words), looked up once per word. */
const OPENER_OF_WORD = new WordMemo((token) => PREFIXED_OPENERS.get(token.text) ?? null);

/**
 * Whether a word is an opener at all, in a bit a word: asked of every word of a
 * report, and nearly all are none, answered from a table that stays in the
 * processor's cache where the openers' table is read for the few that are.
 */
const IS_OPENER = new WordTest((token) => PREFIXED_OPENERS.has(token.text));

function mayOpenDate(ctx: Context, i: number): boolean {
  const t = ctx.tokens[i];
  if (t === undefined) return false;
  if (t.kind === 'number') return true;
  if (t.kind !== 'word' || !IS_OPENER.of(t)) return false;
  const w = OPENER_OF_WORD.of(t);
  if (w === null) return false;
  // «في», «منذ», «خلال» are everywhere: they open a date only before a number, a year word or a month.
  if (!CUE_ONLY.has(w) && !SPAN_OPENERS.has(w)) return true;
  const next = ctx.tokens[i + 1];
  return (
    next?.kind === 'number' ||
    (next?.kind === 'word' && DATE_OPENERS.has(next.text) && !CUE_ONLY.has(next.text))
  );
}

/**
 * Openers that are only cues before a year or a month: the month cues but
 * «منذ» and «أول», which open a date on their own («منذ يومين», «أول أمس»).
 */
const CUE_ONLY: ReadonlySet<string> = new Set(
  [...MONTH_CUES].filter((w) => w !== 'منذ' && w !== 'اول'),
);

/** «فجر», «ليلة», «وصباح», «ليلاً»: a time of day, with or without its proclitic. */
const isTimeOfDay = eitherIn(TIME_OF_DAY);

/** Skips a time of day and «يوم» before a date word: «فجر يوم الخميس», «مساء أمس». */
function skipLead(ctx: Context, i: number): number {
  let j = i;
  if (isTimeOfDay(word(ctx, j))) j++;
  if (word(ctx, j) === 'يوم') j++;
  return j;
}

/**
 * Finds the date expressions of a token list and resolves them against the
 * publication date (`YYYY-MM-DD…`, or null when unknown).
 *
 * @example
 * findDates(tokenize(normalizeForMatching('يوم أمس الأربعاء').text), '2017-04-13');
 * // [{ from: '2017-04-12', to: '2017-04-12', precision: 'day', kind: 'relative', warning: null, … }]
 */
export function findDates(tokens: readonly Token[], published: string | null): DateExpression[] {
  const ctx: Context = { tokens, published: publicationDay(published) };
  const found: DateExpression[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!mayOpenDate(ctx, i)) {
      i++;
      continue;
    }
    const m = matchAt(ctx, skipLead(ctx, i));
    if (m === null) {
      i++;
      continue;
    }
    const combined = combineWithWeekday(ctx, m, i);
    found.push(combined);
    i = combined.end;
  }
  return found;
}

/** Which of several adjacent expressions for one day names it most reliably. */
const KIND_RANK: Readonly<Record<DateKind, number>> = {
  calendar: 0,
  today: 1,
  relative: 1,
  weekday: 2,
  month: 3,
  period: 3,
  span: 3,
  year: 4,
};

/**
 * Joins a date with the expressions right next to it that name the same day
 * («اليوم الأحد 23 نيسان», «أمس الأربعاء», «الخميس، الموافق 12/7/2012»),
 * keeps the most explicit one and checks that the others agree.
 */
function combineWithWeekday(ctx: Context, m: Match, start: number): DateExpression {
  const run: Match[] = [m];
  let end = m.end;
  for (;;) {
    let j = end;
    while (DATE_GLUE.has(text(ctx, j)) && j < end + 2) j++;
    const next = matchAt(ctx, skipLead(ctx, j));
    if (
      next === null ||
      m.alone ||
      next.alone ||
      next.precision !== 'day' ||
      !run.every((r) => r.precision === 'day')
    )
      break;
    run.push(next);
    end = next.end;
  }
  const best = run.reduce((a, b) => (KIND_RANK[b.kind] < KIND_RANK[a.kind] ? b : a));
  const warnings = run
    .filter((r) => r !== best)
    .map((r) => disagreement(ctx, best, r))
    .filter((w): w is DateWarning => w !== null);
  // Every expression with all its fields, `alone` undefined when not (as JSON leaves it out): one shape.
  return {
    start,
    end,
    from: best.from,
    to: best.to,
    precision: best.precision,
    kind: best.kind,
    warning: warnings[0] ?? null,
    alone: m.alone ? true : undefined,
  };
}

function disagreement(ctx: Context, date: Match, other: Match): DateWarning | null {
  if (other.kind === 'weekday' && other.weekday !== null)
    return weekdayConflict(ctx, date, other.weekday);
  if (other.from === null || date.from === null || other.from === date.from) return null;
  return {
    code: 'dates_disagree',
    date: date.from,
    text: `the text names both ${date.from} and ${other.from} for one day; kept ${date.from}`,
  };
}

function weekdayConflict(ctx: Context, date: Match, weekday: number): DateWarning | null {
  if (date.from === null || date.kind === 'weekday') return null;
  const actual = weekdayOf(date.from);
  if (actual === weekday) return null;
  const said = WEEKDAY_NAMES[weekday] ?? '?';
  const is = WEEKDAY_NAMES[actual] ?? '?';
  const basis = ctx.published === null ? '' : ` (report date ${ctx.published})`;
  return {
    code: 'weekday_contradicts',
    date: date.from,
    text: `the text names ${said} for ${date.from}, which is a ${is}${basis}; kept ${date.from}`,
  };
}
