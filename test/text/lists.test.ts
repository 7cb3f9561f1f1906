import { describe, expect, it } from 'vitest';
import { byKey, compareCodeUnits, flatMapped } from '../../src/text/index.js';

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

describe('compareCodeUnits and byKey', () => {
  it('order ids by their code units whatever the locale: capitals before small letters, Latin before Arabic', () => {
    const ids = ['ev:b', 'ev:B', 'حلب', 'ev:a', 'ev:a'];
    expect([...ids].sort(compareCodeUnits)).toEqual(['ev:B', 'ev:a', 'ev:a', 'ev:b', 'حلب']);
    expect(compareCodeUnits('ev:a', 'ev:a')).toBe(0);
    expect(['a', 'B'].sort(compareCodeUnits)).toEqual(['B', 'a']);
  });

  it('sorts incidents by key, keeping the rest of each in hand', () => {
    const members = [
      { key: 'sha256:bb#i1', day: '2024-03-02' },
      { key: 'sha256:aa#i2', day: '2024-03-01' },
      { key: 'sha256:aa#i10', day: '2024-03-03' },
    ];
    expect([...members].sort(byKey).map((m) => m.key)).toEqual([
      'sha256:aa#i10',
      'sha256:aa#i2',
      'sha256:bb#i1',
    ]);
  });
});
