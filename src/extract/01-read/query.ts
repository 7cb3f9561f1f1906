import type { Analysis } from './analysis.js';

/** The matching keys of token i (no keys past either end). */
export function keysAt(analysis: Analysis, i: number): readonly string[] {
  return analysis.tokens[i]?.keys ?? [];
}

/** Whether token i, read with or without its proclitics, is one of the words of `set`. */
export function isIn(set: ReadonlySet<string>, analysis: Analysis, i: number): boolean {
  return keysAt(analysis, i).some((k) => set.has(k));
}

/** «الهجوم», «والقصف», «للمرصد»: a word made definite, whatever conjunction or preposition it carries. */
export function isDefinite(analysis: Analysis, i: number): boolean {
  return /^[وفبل]?(?:ال|لل)/.test(analysis.tokens[i]?.text ?? '');
}

/** «هيئة تحرير الشام»: a word inside a longer name of an actor or source, which names no act. */
export function insideAName(
  analysis: Analysis,
  span: { readonly start: number; readonly end: number },
): boolean {
  return analysis.annotations.entities.some(
    (e) => e.start <= span.start && e.end >= span.end && e.end - e.start > span.end - span.start,
  );
}
