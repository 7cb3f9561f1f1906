/**
 * Place names one letter off: «الهدهود» for «هدهد», «كباني» for «الكبانة»,
 * «القاملشي» for «القامشلي». Reports spell villages by ear, and a letter dropped,
 * added, changed or swapped with its neighbour is the commonest slip. A symmetric-delete index finds every name within one edit of a spelling
 * by looking up the spelling and its one-letter deletions, no scan of the list.
 */
export class SpellingIndex<V> {
  private readonly byDeletion = new Map<string, { key: string; value: V }[]>();

  /**
   * @param minLength names shorter than this (in letters) are never matched
   *   loosely: short names one letter off are other words.
   */
  constructor(
    entries: Iterable<readonly [key: string, value: V]>,
    private readonly minLength: number,
  ) {
    for (const [key, value] of entries) {
      if (letters(key) < minLength) continue;
      // One entry per name, shared by its variants: a swap reaches it through two of them.
      const entry = { key, value };
      for (const variant of withOneDeletion(key)) {
        const list = this.byDeletion.get(variant) ?? [];
        list.push(entry);
        this.byDeletion.set(variant, list);
      }
    }
  }

  /** Values whose key is exactly one edit (insertion, deletion, substitution, two neighbours swapped) from `key`. */
  near(key: string): { key: string; value: V }[] {
    if (!readLoosely(key, this.minLength)) return [];
    const found = new Set<{ key: string; value: V }>();
    for (const variant of withOneDeletion(key)) {
      for (const hit of this.byDeletion.get(variant) ?? []) {
        if (hit.key !== key && oneEditApart(hit.key, key)) found.add(hit);
      }
    }
    return [...found];
  }
}

/**
 * Whether a spelling is long enough to be read one letter off a name of `minLength` letters
 * or more: the spelling read loosely is one letter longer than the shortest name («قرية هدهود»).
 */
export function readLoosely(key: string, minLength: number): boolean {
  return letters(key) >= minLength + 1;
}

const SPACE = 0x20;

/** The letters of a key, its spaces left out: counted, where a copy without them was made. */
function letters(key: string): number {
  let count = 0;
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== SPACE) count++;
  return count;
}

/** The key itself and each way of deleting one of its letters. */
function withOneDeletion(key: string): Set<string> {
  const out = new Set([key]);
  for (let k = 0; k < key.length; k++) {
    if (key[k] !== ' ') out.add(key.slice(0, k) + key.slice(k + 1));
  }
  return out;
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    // «القاملشي» for «القامشلي»: two letters swapped count as one slip.
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
