/**
 * Binary search over lists kept in ascending order of a number: token
 * positions, sentence starts, latitudes. Extraction asks "where does the first
 * item at or past here stand" per clause and per mention; a scan would cost a
 * long report the square of its length.
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
