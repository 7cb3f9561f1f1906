import { describe, expect, it } from 'vitest';
import { RecentMemo } from '../../src/extract/01-read/index.js';

/** What a rule works out of one of a report's lists is worked out once while the report is read. */
describe('a list asked of again is answered from what was worked out', () => {
  const counting = (): { memo: RecentMemo<number[], Set<number>>; made: number[][] } => {
    const made: number[][] = [];
    const memo = new RecentMemo((list: number[]) => {
      made.push(list);
      return new Set(list);
    }, 2);
    return { memo, made };
  };

  it('works a list out once, however often it is asked of', () => {
    const { memo, made } = counting();
    const ends = [3, 5, 9];
    const first = memo.of(ends);
    expect(memo.of(ends)).toBe(first);
    expect(memo.of(ends).has(5)).toBe(true);
    expect(made).toEqual([ends]);
  });

  it('keeps as many lists as it has slots, and tells lists with the same items apart', () => {
    const { memo, made } = counting();
    const triggers = [1, 2];
    const entities = [1, 2];
    memo.of(triggers);
    memo.of(entities);
    memo.of(triggers);
    memo.of(entities);
    expect(made).toHaveLength(2);
  });

  it('works out again a list asked of before more lists than it has slots', () => {
    const { memo, made } = counting();
    const a = [1];
    const b = [2];
    const c = [3];
    memo.of(a);
    memo.of(b);
    memo.of(c);
    expect(memo.of(a).has(1)).toBe(true);
    expect(made).toEqual([a, b, c, a]);
  });
});
