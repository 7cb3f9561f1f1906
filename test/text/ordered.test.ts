import { describe, expect, it } from 'vitest';
import { countBelow, firstWithMost } from '../../src/text/index.js';

const starts = [2, 5, 5, 5, 9, 14].map((start) => ({ start }));
const byStart = (x: { start: number }): number => x.start;

/** The answer a scan gives: how many items have a key below the bound (or at it). */
const scanned = (bound: number, orAt: boolean): number =>
  starts.filter((x) => x.start < bound || (orAt && x.start === bound)).length;

describe('countBelow', () => {
  it('finds the first item at or past a bound in an ascending list, as a scan counts', () => {
    for (let bound = 0; bound <= 16; bound++) {
      expect(countBelow(starts, byStart, bound)).toBe(scanned(bound, false));
      expect(countBelow(starts, byStart, bound, true)).toBe(scanned(bound, true));
    }
  });

  it('steps over every item equal to the bound only when asked to count those too', () => {
    expect(countBelow(starts, byStart, 5)).toBe(1);
    expect(countBelow(starts, byStart, 5, true)).toBe(4);
  });

  it('answers 0 for an empty list and the length for a bound past every item', () => {
    expect(countBelow([], byStart, 3)).toBe(0);
    expect(countBelow(starts, byStart, 100)).toBe(starts.length);
    expect(countBelow(starts, byStart, -1, true)).toBe(0);
  });

  it('reads keys that are not token positions: latitudes', () => {
    const spots = [32.5, 33.51, 35.93, 36.2].map((lat) => ({ lat }));
    expect(countBelow(spots, (s) => s.lat, 35)).toBe(2);
  });
});

describe('firstWithMost', () => {
  it('keeps the first item of the highest score, as a stable sort by score puts first', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) % 5;
    for (let run = 0; run < 200; run++) {
      const list = Array.from({ length: run % 9 }, (_, id) => ({ id, score: next() - 2 }));
      const sorted = [...list].sort((a, b) => b.score - a.score);
      expect(firstWithMost(list, (x) => x.score)).toBe(sorted[0]);
      expect(firstWithMost(list, (x) => -x.score)).toBe(
        [...list].sort((a, b) => a.score - b.score)[0],
      );
    }
  });

  it('gives nothing for an empty list', () => {
    expect(firstWithMost<number>([], (n) => n)).toBeUndefined();
  });
});
