import { describe, expect, it } from 'vitest';
import { flatMapped } from '../../src/text/index.js';

describe('flatMapped', () => {
  it('gives what flatMap gives: each item’s array in turn, one level flattened', () => {
    const clauses = [{ figures: [3, 1] }, { figures: [] }, { figures: [4] }];
    expect(flatMapped(clauses, (c) => c.figures)).toEqual(clauses.flatMap((c) => c.figures));
    expect(flatMapped(clauses, (c) => c.figures)).toEqual([3, 1, 4]);
  });

  it('keeps arrays inside the callback’s arrays whole, as flatMap does', () => {
    const pairs = flatMapped(['a', 'b'], (id, k) => [[id, k] as const]);
    expect(pairs).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('passes each item’s position and gives a new empty list for an empty one', () => {
    const seen: number[] = [];
    flatMapped(['x', 'y', 'z'], (_, k) => {
      seen.push(k);
      return [];
    });
    expect(seen).toEqual([0, 1, 2]);
    const none: readonly number[] = [];
    const out = flatMapped(none, (n) => [n]);
    expect(out).toEqual([]);
    expect(out).not.toBe(none);
  });
});
