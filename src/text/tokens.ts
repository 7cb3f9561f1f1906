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

/**
 * A surface as a report writes it, shared by every token of it: a word's keys and the
 * words it is made of when written joined; a number's or a mark's surface, kind and keys.
 */
interface Reading {
  /** The surface itself: one string for every token of it, hashed once for the dictionaries. */
  readonly word: string;
  readonly kind: TokenKind;
  readonly keys: readonly string[];
  /** «ولايزال»: the lengths of the words it is made of (the conjunction with the first); null for a word alone. */
  readonly pieces: readonly number[] | null;
  /** Its number, as its tokens carry it (`Token.wordNumber`); `NOT_A_WORD` for a number's or a mark's. */
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
const READINGS = new ReadingTable<Reading>(MAX_CACHED_WORDS);
/** The number the next new reading takes: a word read again after the cache is emptied takes a new one. */
let nextWordNumber = 0;

/** A hash of `text[start, end)`, small enough to stay an integer for the engine. */
function hashOf(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (h * 31 + text.charCodeAt(i)) & 0x3fffffff;
  return h;
}

/** The reading of the word `text[start, end)`, read now if it is new. */
function readingAt(text: string, start: number, end: number): Reading {
  const hash = hashOf(text, start, end);
  const known = READINGS.find(text, start, end, hash);
  if (known !== undefined) return known;
  const word = text.slice(start, end);
  const reading: Reading = {
    word,
    kind: 'word',
    keys: readingsOf(word),
    pieces: joinedPieces(word),
    number: nextWordNumber++,
  };
  READINGS.add(hash, reading);
  return reading;
}

const readingOf = (word: string): Reading => readingAt(word, 0, word.length);

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

/** `"` and `'` after normalization: every quote mark of Arabic and Latin text. */
function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27;
}

/** Where the quote marks around a token start and end: made only for a token beside one. */
interface Quotes {
  open: number | null;
  close: number | null;
}

/**
 * A token as the tokenizer makes it: its place, and its surface's reading, which
 * its text, kind, keys and word number are read from. A long report's tokens live
 * until it is written out, and every young collection copies the live ones: the
 * nine fields of a token written out made it 96 bytes, four make it 56 (the 2 MB
 * bench document's 233,458 tokens: 22 MB, now 13 MB; its scavenges copied 15% fewer bytes).
 */
class ReadToken implements Token {
  private quotes: Quotes | null;

  constructor(
    readonly index: number,
    readonly start: number,
    private readonly reading: Reading,
    openQuote: number | null,
  ) {
    this.quotes = openQuote === null ? null : { open: openQuote, close: null };
  }

  get end(): number {
    return this.start + this.reading.word.length;
  }

  get text(): string {
    return this.reading.word;
  }

  get kind(): TokenKind {
    return this.reading.kind;
  }

  get keys(): readonly string[] {
    return this.reading.keys;
  }

  get wordNumber(): number {
    return this.reading.number;
  }

  get openQuote(): number | null {
    return this.quotes === null ? null : this.quotes.open;
  }

  get closeQuote(): number | null {
    return this.quotes === null ? null : this.quotes.close;
  }

  /** A quote mark that closes right after the token ends at `end`. */
  closesQuote(end: number): void {
    if (this.quotes === null) this.quotes = { open: null, close: end };
    else this.quotes.close = end;
  }
}

/**
 * Splits normalized text into tokens: words, numbers (with thousands separators and
 * decimals kept inside), punctuation marks and line breaks. Quote marks become
 * the `openQuote` and `closeQuote` of the tokens they stand by.
 */
export function tokenize(text: string): Token[] {
  const tokens: ReadToken[] = [];
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
        previous.closesQuote(i);
        inside = false;
      } else {
        openAt = start;
        inside = true;
      }
      continue;
    }
    let reading: Reading;
    if (isWordChar(code)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      reading = readingAt(text, start, i);
    } else if (isDigit(code)) {
      i = scanNumber(text, i);
      reading = markReading(text.slice(start, i), 'number');
    } else {
      i++;
      const kind = code === 0x0a ? 'break' : 'punct';
      if (kind === 'break') inside = false;
      reading = markReading(text.slice(start, i), kind);
    }
    if (reading.pieces === null) {
      tokens.push(new ReadToken(tokens.length, start, reading, openAt));
    } else {
      let at = start;
      for (const length of reading.pieces) {
        const piece = readingAt(text, at, at + length);
        tokens.push(new ReadToken(tokens.length, at, piece, at === start ? openAt : null));
        at += length;
      }
    }
    openAt = null;
  }
  return tokens;
}

const NO_KEYS: readonly string[] = [];

/** The number of a token that is no word (`Token.wordNumber`). */
const NOT_A_WORD = -1;

/**
 * The readings of numbers and marks, by their surface: one for every token of
 * it, as a word's is, so that its keys are one array (what the dictionaries and
 * rules keep of a token's keys is found again for the next token of it; a new
 * array each time was a new entry in each of their tables, at every number of
 * every report).
 */
const MARK_READINGS = new Map<string, Reading>();
const MAX_CACHED_MARKS = 5_000;

/** A number's reading (its keys the number itself), or a mark's (no keys). */
function markReading(surface: string, kind: 'number' | 'punct' | 'break'): Reading {
  let reading = MARK_READINGS.get(surface);
  if (reading === undefined) {
    // Emptied rather than left to grow, as the words' readings are.
    if (MARK_READINGS.size >= MAX_CACHED_MARKS) MARK_READINGS.clear();
    const keys = kind === 'number' ? [surface] : NO_KEYS;
    reading = { word: surface, kind, keys, pieces: null, number: NOT_A_WORD };
    MARK_READINGS.set(surface, reading);
  }
  return reading;
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
