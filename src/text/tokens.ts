import { JOINED_SPELLINGS } from './closed.js';
import { ReadingTable } from './readings.js';

/**
 * Tokens of normalized text, with Arabic proclitics split off for matching.
 *
 * Arabic writes conjunctions, prepositions and the article onto the word
 * («والتنظيم», «بريف», «لقسد», «للمرصد»). A token keeps its surface form and
 * lists the *keys* it can match: every reading with a proclitic sequence
 * (و/ف, then ب/ل/ك, then ال) removed, always without the article. Dictionary
 * phrases are keyed the same way (article removed), so «التنظيم», «والتنظيم» and
 * «بالتنظيم» all meet «تنظيم».
 */
export type TokenKind = 'word' | 'number' | 'punct' | 'break';

export interface Token {
  /** Position in the token list. */
  readonly index: number;
  /** `[start, end)` in the normalized text. */
  readonly start: number;
  readonly end: number;
  /** The normalized surface form. */
  readonly text: string;
  readonly kind: TokenKind;
  /** Matching keys, the surface's own key first. Empty for punctuation. */
  readonly keys: readonly string[];
  /**
   * The word's number: the same for every token of the word, another for
   * every other word, never given again while the process runs; -1 for
   * numbers, punctuation and breaks. A stage keeps what it knows of each word
   * in an array by this number, where a table keyed by the word's keys was
   * looked up at every token.
   */
  readonly wordNumber: number;
  /**
   * Where a quote mark that opens right before this token starts. Quote marks
   * are no tokens: «"الدفاع المدني"», «بمقتل "9 مدنيين"» read as if unquoted,
   * and the rules that care (direct speech, quoted names) ask the tokens.
   */
  readonly openQuote: number | null;
  /** Where a quote mark that closes right after this token ends. */
  readonly closeQuote: number | null;
}

const CONJUNCTIONS = ['و', 'ف'] as const;
const PREPOSITIONS = ['ب', 'ل', 'ك'] as const;
const MIN_STEM = 2;

/** A phrase token's key: the word without its article. */
export function wordKey(word: string): string {
  return word.length >= 4 && word.startsWith('ال') ? word.slice(2) : word;
}

/**
 * Every key a surface word can match, its own key first.
 *
 * @example
 * matchKeys('وبالقرب'); // ['وبالقرب', 'بالقرب', 'قرب', ...]
 */
export function matchKeys(word: string): readonly string[] {
  return readingOf(word).keys;
}

/** A word as a report writes it: its keys, and the words it is made of when written joined. */
interface WordReading {
  /** The word itself: one string for every token of it, hashed once for the dictionaries. */
  readonly word: string;
  readonly keys: readonly string[];
  /** «ولايزال»: the lengths of the words it is made of (the conjunction with the first); null for a word alone. */
  readonly pieces: readonly number[] | null;
  /** Its number, as its tokens carry it (`Token.wordNumber`). */
  readonly number: number;
}

/** Readings the cache keeps: the word numbers in use lie within this many of the newest. */
export const MAX_CACHED_WORDS = 20_000;

/**
 * Words already read, by a hash of their characters: the same word gets the
 * same reading (its keys one array, read-only by type, shared by every token of
 * it). The tokenizer finds a word here from the text's characters without
 * cutting it out first: a word met before costs no new string, and its string,
 * already hashed, is found faster in the dictionaries. Not frozen: V8 iterates
 * a frozen array on its slow path, and every rule reads these arrays. A
 * report's words are mostly the genre's few thousand; the table is emptied
 * rather than left to grow when a long run meets ever new words.
 */
const READINGS = new ReadingTable<WordReading>(MAX_CACHED_WORDS);
/** The number the next new reading takes: a word read again after the cache is emptied takes a new one. */
let nextWordNumber = 0;

/** A hash of `text[start, end)`, small enough to stay an integer for the engine. */
function hashOf(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (h * 31 + text.charCodeAt(i)) & 0x3fffffff;
  return h;
}

/** The reading of the word `text[start, end)`, read now if it is new. */
function readingAt(text: string, start: number, end: number): WordReading {
  const hash = hashOf(text, start, end);
  const known = READINGS.find(text, start, end, hash);
  if (known !== undefined) return known;
  const word = text.slice(start, end);
  const reading = {
    word,
    keys: readingsOf(word),
    pieces: joinedPieces(word),
    number: nextWordNumber++,
  };
  READINGS.add(hash, reading);
  return reading;
}

const readingOf = (word: string): WordReading => readingAt(word, 0, word.length);

function readingsOf(word: string): readonly string[] {
  const keys = [wordKey(word)];
  const add = (stem: string): void => {
    if (stem.length < MIN_STEM) return;
    const key = wordKey(stem);
    if (!keys.includes(key)) keys.push(key);
  };
  for (const conj of ['', ...CONJUNCTIONS]) {
    if (!word.startsWith(conj)) continue;
    const afterConj = word.slice(conj.length);
    if (conj !== '') add(afterConj);
    for (const prep of PREPOSITIONS) {
      if (afterConj.startsWith(prep)) add(afterConj.slice(prep.length));
    }
    // ل + ال is written لل: «للمرصد» is ل + المرصد.
    if (afterConj.startsWith('لل') && afterConj.length >= 4) add(afterConj.slice(2));
  }
  return keys;
}

function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0621 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x06d3) ||
    (code >= 0x06fa && code <= 0x06ff)
  );
}

function isLatinLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isWordChar(code: number): boolean {
  return isArabicLetter(code) || isLatinLetter(code);
}

/** Whether a token's text is a word's (a letter first), not a number's or a mark's. */
export function startsWord(text: string): boolean {
  return text.length > 0 && isWordChar(text.charCodeAt(0));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `"` and `'` after normalization: every quote mark of Arabic and Latin text. */
function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27;
}

/**
 * Splits normalized text into tokens: words, numbers (with thousands separators and
 * decimals kept inside), punctuation marks and line breaks. Quote marks become
 * the `openQuote` and `closeQuote` of the tokens they stand by.
 */
export function tokenize(text: string): Token[] {
  const tokens: Mutable<Token>[] = [];
  let i = 0;
  const n = text.length;
  let openAt: number | null = null;
  // Within a line, marks alternate: an unglued mark opens when the last one closed.
  let inside = false;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      i++;
      continue;
    }
    const start = i;
    if (isQuote(code)) {
      i++;
      const previous = tokens.at(-1);
      const gluedBefore =
        previous !== undefined && previous.kind !== 'break' && previous.end === start;
      const gluedAfter = i < n && (isWordChar(text.charCodeAt(i)) || isDigit(text.charCodeAt(i)));
      const closes = gluedBefore === gluedAfter ? inside : gluedBefore;
      if (closes && previous !== undefined && previous.kind !== 'break') {
        previous.closeQuote = i;
        inside = false;
      } else {
        openAt = start;
        inside = true;
      }
      continue;
    }
    let kind: TokenKind;
    if (isWordChar(code)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      kind = 'word';
    } else if (isDigit(code)) {
      i = scanNumber(text, i);
      kind = 'number';
    } else {
      i++;
      kind = code === 0x0a ? 'break' : 'punct';
    }
    if (kind === 'break') inside = false;
    if (kind !== 'word') {
      const surface = text.slice(start, i);
      pushToken(
        tokens,
        surface,
        start,
        kind,
        kind === 'number' ? numberKeys(surface) : NO_KEYS,
        openAt,
        NOT_A_WORD,
      );
    } else {
      const reading = readingAt(text, start, i);
      if (reading.pieces === null) {
        pushToken(tokens, reading.word, start, kind, reading.keys, openAt, reading.number);
      } else {
        let at = start;
        for (const length of reading.pieces) {
          const piece = readingAt(text, at, at + length);
          const opens = at === start ? openAt : null;
          pushToken(tokens, piece.word, at, kind, piece.keys, opens, piece.number);
          at += length;
        }
      }
    }
    openAt = null;
  }
  return tokens;
}

function pushToken(
  tokens: Mutable<Token>[],
  surface: string,
  start: number,
  kind: TokenKind,
  keys: readonly string[],
  openQuote: number | null,
  wordNumber: number,
): void {
  tokens.push({
    index: tokens.length,
    start,
    end: start + surface.length,
    text: surface,
    kind,
    keys,
    wordNumber,
    openQuote,
    closeQuote: null,
  });
}

const NO_KEYS: readonly string[] = [];

/** The number of a token that is no word (`Token.wordNumber`). */
const NOT_A_WORD = -1;

/**
 * A number's keys, the number itself: one array for every token of it, as a
 * word's are, so that what the dictionaries and rules keep of a token's keys
 * is found again for the next token of it (a new array each time was a new
 * entry in each of their tables, at every number of every report).
 */
const NUMBER_KEYS = new Map<string, readonly string[]>();
const MAX_CACHED_NUMBERS = 5_000;

function numberKeys(surface: string): readonly string[] {
  let keys = NUMBER_KEYS.get(surface);
  if (keys === undefined) {
    // Emptied rather than left to grow, as the words' readings are.
    if (NUMBER_KEYS.size >= MAX_CACHED_NUMBERS) NUMBER_KEYS.clear();
    keys = [surface];
    NUMBER_KEYS.set(surface, keys);
  }
  return keys;
}

/**
 * «لايقل», «ولايزال»: a word written joined to the one after it, as the
 * lengths of the words it is made of; null for a word written alone (nearly all).
 */
function joinedPieces(word: string): number[] | null {
  const first = word.charCodeAt(0);
  const conjunction = (first === WAW || first === FA) && !JOINED_SPELLINGS.has(word) ? 1 : 0;
  const parts = JOINED_SPELLINGS.get(conjunction === 0 ? word : word.slice(conjunction));
  if (parts === undefined) return null;
  return parts.map((part, k) => part.length + (k === 0 ? conjunction : 0));
}

/** «و» and «ف», the conjunctions written onto the next word. */
const WAW = 0x0648;
const FA = 0x0641;

/** Digits, with `,` or `.` inside a number («1,200», «1.5») but not at its end. */
function scanNumber(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      i++;
    } else if ((code === 0x2c || code === 0x2e) && isDigit(text.charCodeAt(i + 1))) {
      i++;
    } else {
      break;
    }
  }
  return i;
}
