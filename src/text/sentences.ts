import { CONTINUATIONS } from './closed.js';
import type { Token } from './tokens.js';

/**
 * A sentence of the report, in normalized coordinates.
 *
 * `prose` is false for lines that are not running text: headlines, captions,
 * bylines, dates, share buttons. Reports repeat their lead in the headline and
 * captions; extraction reads prose and keeps the rest as context.
 */
export interface Sentence {
  readonly index: number;
  /** `[start, end)` in the normalized text. */
  readonly start: number;
  readonly end: number;
  /** Tokens `[tokenStart, tokenEnd)` of the document's token list. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /** The line (block between line breaks) the sentence belongs to. */
  readonly line: number;
  /** The sentence opens its line: a paragraph start. */
  readonly opensLine: boolean;
  readonly prose: boolean;
}

const SENTENCE_END = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set([')', ']', '}']);
/** A line without final punctuation is still prose when it is this long. */
const PROSE_MIN_WORDS = 25;
/**
 * Some sources drop final punctuation everywhere. When most words would be
 * left out as non-prose, lines of this many words count as prose.
 */
const RELAXED_PROSE_MIN_WORDS = 10;

interface Line {
  readonly from: number;
  readonly to: number;
  readonly words: number;
  readonly punctuated: boolean;
}

/**
 * Splits a token list into sentences, line by line. A line broken in the middle
 * of a sentence is joined to the line it goes on in; a report that is only a
 * headline («مقتل 4 مدنيين بقصف على خان شيخون») is read as prose.
 */
export function splitSentences(tokens: readonly Token[]): Sentence[] {
  const lines = splitLines(tokens);
  let total = 0;
  let proseWords = 0;
  for (const l of lines) {
    total += l.words;
    if (isStrictProse(l)) proseWords += l.words;
  }
  const usual = proseWords * 2 >= total ? isStrictProse : isRelaxedProse;
  const anyProse = lines.some(usual);
  const sentences: Sentence[] = [];
  for (const [lineNo, l] of lines.entries())
    pushLine(tokens, l.from, l.to, lineNo, !anyProse || usual(l), sentences);
  return sentences;
}

function isStrictProse(l: Line): boolean {
  return l.punctuated || l.words >= PROSE_MIN_WORDS;
}

function isRelaxedProse(l: Line): boolean {
  return isStrictProse(l) || l.words >= RELAXED_PROSE_MIN_WORDS;
}

function splitLines(tokens: readonly Token[]): Line[] {
  const lines: Line[] = [];
  let from = 0;
  const close = (to: number): void => {
    if (to > from) lines.push(describeLine(tokens, from, to));
    from = to + 1;
  };
  for (const token of tokens)
    if (token.kind === 'break' && !brokenSentence(tokens, token.index)) close(token.index);
  close(tokens.length);
  return lines;
}

/**
 * A line of prose this long with no stop, going on with «في», is a sentence
 * broken by the line («…سقطت القذائف على المنازل⏎في بلدة…»); a headline, short
 * and unstopped, is followed by a paragraph that may well open with «في».
 */
const BROKEN_LINE_MIN_WORDS = 12;

/** A line break inside a sentence: the line has no stop and the next goes on with a word that cannot open one. */
function brokenSentence(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  if (before === undefined || before.kind !== 'word') return false;
  const next = tokens[at + 1];
  if (next === undefined) return false;
  const twoWords = `${next.text} ${tokens[at + 2]?.text ?? ''}`;
  if (CONTINUATIONS.has(next.text) || CONTINUATIONS.has(twoWords)) return true;
  return next.text === 'في' && wordsBefore(tokens, at) >= BROKEN_LINE_MIN_WORDS;
}

/** Words on the line that ends at token `at`, back to the previous line break or stop. */
function wordsBefore(tokens: readonly Token[], at: number): number {
  let words = 0;
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === undefined || t.kind === 'break' || SENTENCE_END.has(t.text)) break;
    if (t.kind === 'word') words++;
  }
  return words;
}

function describeLine(tokens: readonly Token[], from: number, to: number): Line {
  let last = to - 1;
  while (last >= from && CLOSERS.has(tokens[last]?.text ?? '')) last--;
  const final = tokens[last]?.text ?? '';
  let words = 0;
  for (let i = from; i < to; i++) if (tokens[i]?.kind === 'word') words++;
  return { from, to, words, punctuated: SENTENCE_END.has(final) || final === ':' };
}

function pushLine(
  tokens: readonly Token[],
  from: number,
  to: number,
  line: number,
  prose: boolean,
  out: Sentence[],
): void {
  let start = from;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    // Stops are marks: a word's or a number's text is not looked up in the set.
    if (token === undefined || token.kind !== 'punct' || !SENTENCE_END.has(token.text)) continue;
    // Keep closing quotes and brackets with the sentence they close.
    let end = i + 1;
    while (end < to && CLOSERS.has(tokens[end]?.text ?? '')) end++;
    pushSentence(tokens, start, end, line, start === from, prose, out);
    start = end;
    i = end - 1;
  }
  if (start < to) pushSentence(tokens, start, to, line, start === from, prose, out);
}

function pushSentence(
  tokens: readonly Token[],
  tokenStart: number,
  tokenEnd: number,
  line: number,
  opensLine: boolean,
  prose: boolean,
  out: Sentence[],
): void {
  const first = tokens[tokenStart];
  const last = tokens[tokenEnd - 1];
  if (first === undefined || last === undefined) return;
  if (!hasWordOrNumber(tokens, tokenStart, tokenEnd)) return;
  out.push({
    index: out.length,
    start: first.openQuote ?? first.start,
    end: last.closeQuote ?? last.end,
    tokenStart,
    tokenEnd,
    line,
    opensLine,
    prose,
  });
}

/** Whether tokens `[from, to)` hold a word or a number: read in place, not copied out first. */
function hasWordOrNumber(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const kind = tokens[i]?.kind;
    if (kind === 'word' || kind === 'number') return true;
  }
  return false;
}
