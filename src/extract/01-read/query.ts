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
