import { iso, say, translator } from './i18n.js';
import type { Key } from './i18n.js';

/**
 * A command given something it cannot use (an unknown actor id, an output
 * folder that is not there): status 2. It keeps its message's key, so that the
 * line is printed in the language of the run; its `message` is the English one.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly key: Key,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(translator('en')(key, params));
  }

  /** The line in this run's language. */
  said(): string {
    return say(
      this.key,
      Object.fromEntries(
        Object.entries(this.params).map(([k, v]) => [k, typeof v === 'string' ? iso(v) : v]),
      ),
    );
  }
}

/** The edit distance of two ids, case aside: how far a typo is from what was meant. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[y.length] ?? 0;
}

/** The known ids closest to an unknown one, nearest first. */
export function closest(wanted: string, known: Iterable<string>, count = 3): string[] {
  return [...new Set(known)]
    .map((id) => ({
      id,
      // «Shelling» means «Shelling/artillery/missile attack», however many letters it lacks.
      within: id.toLowerCase().includes(wanted.toLowerCase()),
      d: distance(wanted, id),
    }))
    .sort((a, b) => Number(b.within) - Number(a.within) || a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((c) => c.id);
}

/** Throws a UsageError unless `value` is one of `known`, naming the closest ones. */
export function checkKnown(
  what: 'actor' | 'claimant' | 'type',
  value: string,
  known: Iterable<string>,
): void {
  const ids = [...known];
  if (ids.includes(value)) return;
  throw new UsageError('filter.unknown', {
    what: say(`filter.${what}`),
    value,
    closest: closest(value, ids).join(', '),
  });
}
