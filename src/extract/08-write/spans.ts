import type { Span } from '../../contracts/index.js';
import { toOriginalSpan, toOriginalStart } from '../../text/index.js';
import type { Analysis } from '../01-read/index.js';

/** Tokens `[from, to)` as a span of the original text. */
export function span(analysis: Analysis, from: number, to: number): Span {
  const first = analysis.tokens[from];
  const last = analysis.tokens[to - 1];
  if (first === undefined || last === undefined) return [0, 0];
  return toOriginalSpan(analysis.normalized, first.start, last.end);
}

/** Where `span` of tokens `[from, to)` starts in the original text, with no span made. */
export function spanStart(analysis: Analysis, from: number, to: number): number {
  const first = analysis.tokens[from];
  const last = analysis.tokens[to - 1];
  if (first === undefined || last === undefined) return 0;
  return toOriginalStart(analysis.normalized, first.start);
}

export function originalText(analysis: Analysis, s: Span): string {
  return analysis.document.text.slice(s[0], s[1]);
}
