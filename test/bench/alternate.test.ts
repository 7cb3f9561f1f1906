import { describe, expect, it } from 'vitest';
import { median, percentile, ratioSummary, roundOrder } from '../../bench/alternate.js';

describe('roundOrder', () => {
  it('runs the tasks forwards in even rounds and backwards in odd ones', () => {
    expect(roundOrder(0, 2)).toEqual([0, 1]);
    expect(roundOrder(1, 2)).toEqual([1, 0]);
    expect(roundOrder(4, 3)).toEqual([0, 1, 2]);
    expect(roundOrder(7, 3)).toEqual([2, 1, 0]);
  });

  it('runs each of two tasks second in its round, right after the other, as often as the other', () => {
    const sequence = [0, 1, 2, 3].flatMap((round) => roundOrder(round, 2));
    const second = (task: number): number =>
      sequence.filter((t, i) => t === task && i % 2 === 1).length;
    expect(second(0)).toBe(2);
    expect(second(1)).toBe(2);
  });
});

describe('percentile', () => {
  const twenty = Array.from({ length: 20 }, (_, k) => k + 1);

  it('takes the 95th of twenty runs as the 19th, so one slow run is allowed', () => {
    expect(percentile(twenty, 95)).toBe(19);
  });

  it('takes the 50th of twenty as the 10th and the 100th as the slowest', () => {
    expect(percentile(twenty, 50)).toBe(10);
    expect(percentile(twenty, 100)).toBe(20);
  });

  it('takes the 95th of a hundred runs as the 95th', () => {
    expect(
      percentile(
        Array.from({ length: 100 }, (_, k) => k + 1),
        95,
      ),
    ).toBe(95);
  });

  it('gives the only value of one and NaN of none', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });
});

describe('median', () => {
  it('takes the middle value of an odd count, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 2, 10])).toBe(3);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});

describe('ratioSummary', () => {
  it('sums up the round-by-round ratios, the ratio of the sums and of the fastest rounds', () => {
    const summary = ratioSummary([90, 120, 100], [100, 100, 125]);
    expect(summary.median).toBeCloseTo(0.9);
    expect(summary.low).toBeCloseTo(0.8);
    expect(summary.high).toBeCloseTo(1.2);
    expect(summary.pooled).toBeCloseTo(310 / 325);
    expect(summary.best).toBeCloseTo(0.9);
  });
});
