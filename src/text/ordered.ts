/**
 * Lists read by a number: binary search over lists kept in ascending order of
 * it (token positions, sentence starts, latitudes), and the best item of a list
 * by it. Extraction asks "where does the first item at or past here stand" per
 * clause and per mention; a scan would cost a long report the square of its length.
 */

/**
 * How many items of a list ascending by `key` have a key below `bound` (or at
 * it too, with `orAt`): the index of the first item at or past the bound.
 */
export function countBelow<T>(
  list: readonly T[],
  key: (item: T) => number,
  bound: number,
  orAt = false,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = list[mid];
    const k = item === undefined ? Infinity : key(item);
    if (k < bound || (orAt && k === bound)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first item with the highest score, or undefined for an empty list: what a
 * stable sort by score, highest first, puts first, without the copy and the sort
 * that extraction made for every clause to keep one item.
 */
export function firstWithMost<T>(list: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let most = -Infinity;
  for (const item of list) {
    const s = score(item);
    if (best === undefined || s > most) {
      best = item;
      most = s;
    }
  }
  return best;
}
