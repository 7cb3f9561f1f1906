import { firstFrom } from './analysis.js';
import type { Analysis } from './analysis.js';
import type { WordSet } from './grammar.js';
import { RecentMemo } from './recent.js';

/** The matching keys of token i (no keys past either end). */
export function keysAt(analysis: Analysis, i: number): readonly string[] {
  return analysis.tokens[i]?.keys ?? [];
}

/** Whether token i, read with or without its proclitics, is one of the words of `set`. */
export function isIn(set: WordSet, analysis: Analysis, i: number): boolean {
  const token = analysis.tokens[i];
  return token !== undefined && set.holds(token);
}

/** The article, after a conjunction or a preposition, or «لل». */
const DEFINITE = /^[وفبل]?(?:ال|لل)/;

/** «الهجوم», «والقصف», «للمرصد»: a word made definite, whatever conjunction or preposition it carries. */
export function isDefinite(analysis: Analysis, i: number): boolean {
  return DEFINITE.test(analysis.tokens[i]?.text ?? '');
}

/** «هيئة تحرير الشام»: a word inside a longer name of an actor or source, which names no act. */
export function insideAName(
  analysis: Analysis,
  span: { readonly start: number; readonly end: number },
): boolean {
  // A longer name around the span starts before it and reaches its end, or starts with it and
  // reaches past its end: the furthest end among the names starting up to a token tells both.
  const entities = analysis.annotations.entities;
  const reach = furthestEnds(entities);
  const before = firstFrom(entities, span.start);
  const upTo = firstFrom(entities, span.start + 1);
  // No name before: no read at -1, far slower than a read inside the array.
  return (
    (before > 0 && (reach[before - 1] ?? -Infinity) >= span.end) ||
    (upTo > 0 && (reach[upTo - 1] ?? -Infinity) > span.end)
  );
}

/** For each name, the furthest end of it and the names before it (names are in text order). */
const furthest = new RecentMemo((list: readonly { readonly end: number }[]): number[] => {
  const ends: number[] = [];
  for (const e of list) ends.push(Math.max(e.end, ends.at(-1) ?? -Infinity));
  return ends;
}, 2);

function furthestEnds(list: readonly { readonly end: number }[]): number[] {
  return furthest.of(list);
}
