import type { Analysis } from '../01-read/index.js';

/**
 * «شبكة وتر - دمشق -», «إيلاف من بيروت:»: the dateline opening a report names
 * where it was filed, not where the act was.
 */
export function datelines(analysis: Analysis): { start: number; end: number }[] {
  const first = analysis.sentences.find((s) => s.prose);
  if (first === undefined) return [];
  let end = -1;
  for (
    let i = first.tokenStart;
    i < Math.min(first.tokenEnd, first.tokenStart + DATELINE_TOKENS);
    i++
  ) {
    const t = analysis.tokens[i]?.text;
    // «انفجرت عبوة على طريق نوى - الشيخ مسكين»: a place the act was at is no dateline.
    if (t !== undefined && ACT_PLACE_WORDS.has(t)) break;
    if (t === '-' || t === ':') end = i + 1;
  }
  return end < 0 ? [] : [{ start: first.tokenStart, end }];
}

/** A dateline is a few words at the head of the first paragraph. */
const DATELINE_TOKENS = 8;

/** Prepositions that place an act: a dateline names only where a report was filed («إيلاف من بيروت:»). */
const ACT_PLACE_WORDS: ReadonlySet<string> = new Set(['في', 'علي', 'قرب', 'بين']);
