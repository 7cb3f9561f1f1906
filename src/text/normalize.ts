/**
 * Matching-normalization of Arabic text that remembers where every character came from.
 *
 * Matching needs one spelling per word (أ/إ/آ → ا, ى → ي, ة → ه, no diacritics or
 * tatweel, Western digits), but every span wathiq emits must point into the text the
 * user gave. So normalization is a per-character rewrite that records, for each
 * character it emits, the offset of the original character it came from.
 */
export interface NormalizedText {
  /** The text as given. */
  readonly original: string;
  /** The normalized text: what matching, tokens and rules look at. */
  readonly text: string;
  /** `origin[i]` is the offset in the original of normalized character `i`; `origin[text.length]` is the original length. */
  readonly origin: Int32Array;
}

/** Characters dropped entirely: harakat, superscript alef, tatweel, zero-width and bidi controls, soft hyphen, BOM. */
function isDropped(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    code === 0x0640 ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff ||
    code === 0x00ad ||
    (code >= 0x06d6 && code <= 0x06ed)
  );
}

const SINGLE_MAP: ReadonlyMap<number, string> = new Map([
  // alef and hamza carriers
  [0x0623, 'ا'],
  [0x0625, 'ا'],
  [0x0622, 'ا'],
  [0x0671, 'ا'],
  [0x0672, 'ا'],
  [0x0673, 'ا'],
  [0x0624, 'و'],
  [0x0626, 'ي'],
  // alef maqsura, ta marbuta, Persian and Urdu letter forms
  [0x0649, 'ي'],
  [0x0629, 'ه'],
  [0x06cc, 'ي'],
  [0x06d2, 'ي'],
  [0x06a9, 'ك'],
  [0x06c1, 'ه'],
  [0x06d5, 'ه'],
  // Arabic punctuation
  [0x060c, ','],
  [0x061b, ';'],
  [0x061f, '?'],
  [0x066a, '%'],
  [0x066b, '.'],
  [0x066c, ','],
  [0x06d4, '.'],
  // quote marks
  [0x201c, '"'],
  [0x201d, '"'],
  [0x201e, '"'],
  [0x201f, '"'],
  [0x00ab, '"'],
  [0x00bb, '"'],
  [0x2033, '"'],
  [0x2039, '"'],
  [0x203a, '"'],
  [0x2018, "'"],
  [0x2019, "'"],
  [0x201a, "'"],
  [0x201b, "'"],
  [0x2032, "'"],
  // dashes
  [0x2010, '-'],
  [0x2011, '-'],
  [0x2012, '-'],
  [0x2013, '-'],
  [0x2014, '-'],
  [0x2015, '-'],
  [0x2212, '-'],
  // hashtags («#شهود_عيان») read as the words they join
  [0x0023, ' '],
  [0x005f, ' '],
  // spaces
  [0x00a0, ' '],
  [0x202f, ' '],
  [0x205f, ' '],
  [0x3000, ' '],
  [0x0009, ' '],
  [0x000d, '\n'],
  [0x2028, '\n'],
  [0x2029, '\n'],
]);

/** Maps one character code to its matching form: '' to drop it, or one or more characters. */
function mapCode(code: number): string {
  if (isDropped(code)) return '';
  const mapped = SINGLE_MAP.get(code);
  if (mapped !== undefined) return mapped;
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 48);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 48);
  if (code >= 0x2000 && code <= 0x200a) return ' ';
  if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
  // Presentation forms (ligatures, isolated/final glyphs) decompose to ordinary letters.
  if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfefc)) {
    const decomposed = String.fromCharCode(code).normalize('NFKC');
    // Some forms («﴾», «﴿», ligatures of whole phrases) have no decomposition: kept as written.
    if (decomposed === String.fromCharCode(code)) return decomposed;
    let out = '';
    for (let k = 0; k < decomposed.length; k++) out += mapCode(decomposed.charCodeAt(k));
    return out;
  }
  return String.fromCharCode(code);
}

/** Codes below this one (Latin, Arabic and its supplement) are looked up in `MAPPED`. */
const MAPPED_BELOW = 0x0800;
const DROPPED = -1;
const SEVERAL = -2;

/**
 * `mapCode` worked out once for the codes reports are written in: the one code
 * it gives, `DROPPED` or `SEVERAL`. A report is mostly Arabic letters, and
 * reading each from a table is what keeps this pass cheap.
 */
const MAPPED: Int32Array = (() => {
  const table = new Int32Array(MAPPED_BELOW);
  for (let code = 0; code < MAPPED_BELOW; code++) {
    const mapped = mapCode(code);
    table[code] = mapped === '' ? DROPPED : mapped.length === 1 ? mapped.charCodeAt(0) : SEVERAL;
  }
  return table;
})();

/**
 * The normalized codes written so far, each with the offset in the original of
 * the character it came from. A class, not a closure made per call: V8 keeps
 * the optimised code of a method for as long as the class lives, and drops a
 * fresh closure's at each full collection.
 */
class CodesWithOrigins {
  codes: Uint16Array;
  origin: Int32Array;
  length = 0;

  constructor(originalLength: number) {
    this.codes = new Uint16Array(originalLength + 16);
    this.origin = new Int32Array(originalLength + 17);
  }

  push(code: number, from: number): void {
    const n = this.length;
    if (n + 1 >= this.codes.length) this.grow();
    this.codes[n] = code;
    this.origin[n] = from;
    this.length = n + 1;
  }

  private grow(): void {
    const grownCodes = new Uint16Array(this.codes.length * 2);
    grownCodes.set(this.codes);
    this.codes = grownCodes;
    const grownOrigin = new Int32Array(this.origin.length * 2);
    grownOrigin.set(this.origin);
    this.origin = grownOrigin;
  }
}

/**
 * Normalizes text for matching and keeps offsets into the original.
 *
 * @example
 * const n = normalizeForMatching('قُتِلَ أربعةُ عناصرَ');
 * n.text; // 'قتل اربعه عناصر'
 */
export function normalizeForMatching(original: string): NormalizedText {
  const out = new CodesWithOrigins(original.length);
  for (let i = 0; i < original.length; i++) {
    const code = original.charCodeAt(i);
    // Fast path: ASCII letters other than capitals, spaces and digits pass through unchanged.
    if (
      code < 0x41
        ? code !== 0x09 && code !== 0x0d && code !== 0x23
        : code > 0x5a && code < 0x80 && code !== 0x5f
    ) {
      out.push(code, i);
      continue;
    }
    const known = code < MAPPED_BELOW ? MAPPED[code] : undefined;
    if (known !== undefined && known >= 0) {
      out.push(known, i);
      continue;
    }
    if (known === DROPPED) continue;
    const mapped = mapCode(code);
    for (let k = 0; k < mapped.length; k++) out.push(mapped.charCodeAt(k), i);
  }
  const n = out.length;
  out.origin[n] = original.length;
  return {
    original,
    text: decodeCodes(out.codes, n),
    origin: out.origin.slice(0, n + 1),
  };
}

const UTF16 = new TextDecoder('utf-16le');

/** UTF-16 code units to a string (the platform's decoder: far faster than building it by hand). */
function decodeCodes(codes: Uint16Array, length: number): string {
  return UTF16.decode(codes.subarray(0, length));
}

/** Where normalized character `start` begins in the original text (its end, past the last). */
export function toOriginalStart(n: NormalizedText, start: number): number {
  return n.origin[start] ?? n.original.length;
}

/** Maps a `[start, end)` range of the normalized text back to the original text. */
export function toOriginalSpan(n: NormalizedText, start: number, end: number): [number, number] {
  const s = toOriginalStart(n, start);
  if (end <= start) return [s, s];
  // One past the last character kept, plus the diacritics that sat on it.
  let e = (n.origin[end - 1] ?? s) + 1;
  while (e < n.original.length && isDropped(n.original.charCodeAt(e))) e++;
  return [s, e];
}

/** Normalizes a dictionary or gazetteer phrase: same rules as the text, spaces collapsed. */
export function normalizePhrase(phrase: string): string {
  // Dictionary phrases are short and need no offsets: map them character by character.
  let text = '';
  for (let i = 0; i < phrase.length; i++) text += mapCode(phrase.charCodeAt(i));
  return text.replace(/\s+/g, ' ').trim();
}
