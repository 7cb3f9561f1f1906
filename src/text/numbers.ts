import { normalizePhrase } from './normalize.js';
import type { Token } from './tokens.js';

/**
 * Arabic numerals in running text: digits (already Western after normalization),
 * number words in both genders («ثلاثة», «ثلاث»), teens («أحد عشر»), tens
 * («عشرين»), compounds joined by و («خمسة وعشرون»), hundreds («ثلاثمئة»,
 * «ثلاث مئة»), thousands and millions («ثلاثة آلاف», «1.5 مليون»).
 * Words are matched in their normalized spelling (ة→ه, أ→ا, ى→ي).
 */
export interface NumberReading {
  readonly value: number;
  /** Tokens `[start, end)` that spell the number. */
  readonly start: number;
  readonly end: number;
}

/** Plural quantity nouns that name no number: dozens, hundreds, thousands. */
export type VagueQuantity = 'dozens' | 'hundreds' | 'thousands';

export interface VagueReading {
  readonly quantity: VagueQuantity;
  readonly start: number;
  readonly end: number;
}

/** A lookup table written in ordinary Arabic spelling, keyed by normalized spelling. */
function table<V>(entries: readonly (readonly [string, V])[]): ReadonlyMap<string, V> {
  return new Map(entries.map(([word, value]) => [normalizePhrase(word), value]));
}

const UNITS = table([
  ['واحد', 1],
  ['واحدة', 1],
  ['اثنان', 2],
  ['اثنين', 2],
  ['اثنتان', 2],
  ['اثنتين', 2],
  ['ثلاث', 3],
  ['ثلاثة', 3],
  ['أربع', 4],
  ['أربعة', 4],
  ['خمس', 5],
  ['خمسة', 5],
  ['ست', 6],
  ['ستة', 6],
  ['سبع', 7],
  ['سبعة', 7],
  ['ثمان', 8],
  ['ثماني', 8],
  ['ثمانية', 8],
  ['تسع', 9],
  ['تسعة', 9],
  ['عشر', 10],
  ['عشرة', 10],
]);

/** Units that only count inside a teen: «أحد عشر», «اثنا عشر». */
const TEEN_ONLY_UNITS = table([
  ['أحد', 1],
  ['إحدى', 1],
  ['اثنا', 2],
  ['اثني', 2],
  ['اثنتا', 2],
  ['اثنتي', 2],
]);

const TEN_WORDS = new Set(['عشر', 'عشرة'].map(normalizePhrase));

const TENS = table(
  [
    ['عشر', 20],
    ['ثلاث', 30],
    ['أربع', 40],
    ['خمس', 50],
    ['ست', 60],
    ['سبع', 70],
    ['ثمان', 80],
    ['تسع', 90],
  ].flatMap(([stem, value]): [string, number][] => [
    [`${String(stem)}ون`, Number(value)],
    [`${String(stem)}ين`, Number(value)],
  ]),
);

const HUNDRED = new Set(['مئة', 'مائة'].map(normalizePhrase));

const HUNDRED_WORDS = table([
  ['مئة', 100],
  ['مائة', 100],
  ['مئتان', 200],
  ['مئتين', 200],
  ['مئتا', 200],
  ['مئتي', 200],
  ['مائتان', 200],
  ['مائتين', 200],
  ['مائتا', 200],
  ['مائتي', 200],
  ...['ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثمان', 'ثماني', 'تسع'].flatMap(
    (unit): [string, number][] => {
      const value = (UNITS.get(normalizePhrase(unit)) ?? 0) * 100;
      return [
        [`${unit}مئة`, value],
        [`${unit}مائة`, value],
      ];
    },
  ),
]);

const MULTIPLIERS = table([
  ['ألف', 1000],
  ['ألفا', 1000],
  ['آلاف', 1000],
  ['مليون', 1_000_000],
  ['مليونا', 1_000_000],
  ['ملايين', 1_000_000],
  ['مليار', 1_000_000_000],
]);

/** Multipliers that are a number on their own: «ألف قتيل», «ألفين». */
const STANDALONE_THOUSANDS = table([
  ['ألف', 1000],
  ['ألفا', 1000],
  ['الألف', 1000],
  ['ألفان', 2000],
  ['ألفين', 2000],
  ['مليون', 1_000_000],
]);

const VAGUE = table<VagueQuantity>([
  ['عشرات', 'dozens'],
  ['العشرات', 'dozens'],
  ['مئات', 'hundreds'],
  ['المئات', 'hundreds'],
  ['مئات', 'hundreds'],
  ['آلاف', 'thousands'],
  ['الآلاف', 'thousands'],
]);

/** Parses a digit token: «1,200» → 1200, «1.5» → 1.5, «02.10.2019» → null (not a count). */
export function parseDigits(text: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return null;
}

/** The word without a leading conjunction و, when what follows is a number word. */
function withoutConjunction(word: string): string | null {
  return word.length > 2 && word.startsWith('و') ? word.slice(1) : null;
}

interface Reader {
  readonly tokens: readonly Token[];
  i: number;
}

function peekWord(r: Reader, offset = 0): string | null {
  const t = r.tokens[r.i + offset];
  return t?.kind === 'word' ? t.text : null;
}

/** One additive part of a number: a unit or teen, a tens word, or a hundreds word, with any multiplier after it. */
function readPart(r: Reader, word: string): number | null {
  let value: number | null = null;
  const teenUnit = TEEN_ONLY_UNITS.get(word) ?? UNITS.get(word);
  const next = peekWord(r, 1);
  if (teenUnit !== undefined && teenUnit < 10 && next !== null && TEN_WORDS.has(next)) {
    r.i += 2;
    return 10 + teenUnit;
  }
  const unit = UNITS.get(word);
  if (unit !== undefined) {
    r.i += 1;
    value = unit;
    const after = peekWord(r);
    if (after !== null && HUNDRED.has(after) && unit < 10) {
      r.i += 1;
      value = unit * 100;
    }
  } else if (TENS.has(word)) {
    r.i += 1;
    value = TENS.get(word) ?? 0;
  } else if (HUNDRED_WORDS.has(word)) {
    r.i += 1;
    value = HUNDRED_WORDS.get(word) ?? 0;
  } else {
    return null;
  }
  return value;
}

function readMultiplier(r: Reader, value: number): number {
  const word = peekWord(r);
  const multiplier = word === null ? undefined : MULTIPLIERS.get(word);
  if (multiplier === undefined) return value;
  r.i += 1;
  return value * multiplier;
}

/**
 * Reads the number that starts at token `start`, if any.
 *
 * @example
 * readNumber(tokenize('خمسة وعشرون قتيلا'), 0); // { value: 25, start: 0, end: 2 }
 */
export function readNumber(tokens: readonly Token[], start: number): NumberReading | null {
  const first = tokens[start];
  if (first === undefined) return null;
  const r: Reader = { tokens, i: start };
  if (first.kind === 'number') {
    const digits = parseDigits(first.text);
    if (digits === null) return null;
    r.i += 1;
    const value = readMultiplier(r, digits);
    return { value: Math.round(value), start, end: r.i };
  }
  if (first.kind !== 'word') return null;
  // «وثلاثة جرحى»: a conjunction on the first word joins this number to what came before.
  const firstWord = isNumberWord(first.text) ? first.text : (withoutConjunction(first.text) ?? '');
  const standalone = STANDALONE_THOUSANDS.get(firstWord);
  if (standalone !== undefined) return { value: standalone, start, end: start + 1 };
  let total = 0;
  let word: string | null = firstWord === '' ? null : firstWord;
  let parts = 0;
  while (word !== null) {
    const part = readPart(r, word);
    if (part === null) break;
    total += readMultiplier(r, part);
    parts++;
    const following = peekWord(r);
    word = following === null ? null : withoutConjunction(following);
    if (word === null || !isNumberWord(word)) break;
  }
  if (parts === 0) return null;
  return { value: total, start, end: r.i };
}

/**
 * Reads a definite number word after its noun, «أطفالهما الثلاثة», «أبناؤه
 * الخمسة»: one word, a unit or a tens word with the article.
 */
export function readDefiniteNumber(tokens: readonly Token[], start: number): NumberReading | null {
  const t = tokens[start];
  if (t?.kind !== 'word' || !t.text.startsWith('ال')) return null;
  const bare = t.text.slice(2);
  const value = UNITS.get(bare) ?? TENS.get(bare);
  return value === undefined ? null : { value, start, end: start + 1 };
}

function isNumberWord(word: string): boolean {
  return (
    UNITS.has(word) ||
    TEEN_ONLY_UNITS.has(word) ||
    TENS.has(word) ||
    HUNDRED_WORDS.has(word) ||
    STANDALONE_THOUSANDS.has(word)
  );
}

/** Reads «عشرات», «المئات», «آلاف» at token `start`: a quantity without a number. */
export function readVagueQuantity(tokens: readonly Token[], start: number): VagueReading | null {
  const token = tokens[start];
  if (token?.kind !== 'word') return null;
  const quantity = VAGUE.get(token.text) ?? VAGUE.get(withoutConjunction(token.text) ?? '');
  return quantity === undefined ? null : { quantity, start, end: start + 1 };
}
