/**
 * Look-ups by token position over a report's lists (dates, places, clauses),
 * asked once or more per incident: a scan of the whole list each time costs a
 * long report the square of its length. Each answers exactly as the scan it
 * replaces, in the list's order; a list not in order of its key (none is, as
 * extraction builds them, but nothing promises it) is scanned as before.
 */

import { countBelow } from '../../text/index.js';

/** Whether `key` never decreases along the list. */
function ascending<T>(list: readonly T[], key: (item: T) => number): boolean {
  for (let k = 1; k < list.length; k++) {
    const a = list[k - 1];
    const b = list[k];
    if (a !== undefined && b !== undefined && key(a) > key(b)) return false;
  }
  return true;
}

/** The last item, in the list's order, whose key is below a bound: `list.filter((x) => key(x) < bound).at(-1)`. */
export function lastBelow<T>(
  list: readonly T[],
  key: (item: T) => number,
): (bound: number) => T | undefined {
  if (!ascending(list, key)) return (bound) => list.filter((x) => key(x) < bound).at(-1);
  return (bound) => {
    // None below: no read at -1, which leaves V8's fast path for a search of the prototypes.
    const below = countBelow(list, key, bound);
    return below > 0 ? list[below - 1] : undefined;
  };
}

/**
 * The items whose span lies inside `[start, end]`, in the list's order:
 * `list.filter((x) => span(x).start >= start && span(x).end <= end)`.
 */
export function spansWithin<T>(
  list: readonly T[],
  span: (item: T) => { readonly start: number; readonly end: number },
): (start: number, end: number) => T[] {
  const inside = (x: T, start: number, end: number): boolean => {
    const s = span(x);
    return s.start >= start && s.end <= end;
  };
  // A span that ends before it starts could lie inside a range it starts after: scan then.
  const wellFormed = list.every((x) => span(x).start <= span(x).end);
  if (!wellFormed || !ascending(list, (x) => span(x).start))
    return (start, end) => list.filter((x) => inside(x, start, end));
  return (start, end) => {
    const found: T[] = [];
    for (let k = countBelow(list, (x) => span(x).start, start); k < list.length; k++) {
      const x = list[k];
      if (x === undefined) continue;
      // Past `end` a span starts after the range ends, and ends later still.
      if (span(x).start > end) break;
      if (inside(x, start, end)) found.push(x);
    }
    return found;
  };
}

function byStart(a: { readonly start: number }, b: { readonly start: number }): number {
  return a.start - b.start;
}

/**
 * Whether some span of the list holds `[start, end]`: `list.some((c) => start >= c.start && end <= c.end)`.
 * The spans sorted by start once, with the furthest end reached so far.
 */
export function heldBySome(
  list: readonly { readonly start: number; readonly end: number }[],
): (start: number, end: number) => boolean {
  const sorted = [...list].sort(byStart);
  const reach: number[] = [];
  for (const c of sorted) reach.push(Math.max(c.end, reach.at(-1) ?? -Infinity));
  return (start, end) => {
    // The spans that start at or before `start`; the furthest of their ends must reach `end`.
    const k = countBelow(sorted, (c) => c.start, start, true);
    return k > 0 && (reach[k - 1] ?? -Infinity) >= end;
  };
}
