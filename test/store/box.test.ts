import { describe, expect, it } from 'vitest';
import { squaresInside } from '../../src/store/queries.js';

describe('the squares wholly inside a box', () => {
  it('reads a box beyond the world as the world, however far it reaches', () => {
    const world = squaresInside([-180, -90, 180, 90]);
    expect(world).not.toBeNull();
    expect(squaresInside([-1e12, -1e12, 1e12, 1e12])).toEqual(world);
    expect(squaresInside([0, 0, 1.1e17, 1])).toEqual(squaresInside([0, 0, 180, 1]));
    expect(
      squaresInside([-Infinity, -Infinity, Infinity, Infinity] as [number, number, number, number]),
    ).toEqual(world);
  });

  it('finds none in a box smaller than a square, turned inside out or not a number', () => {
    expect(squaresInside([36.1, 35.1, 36.2, 35.2])).toBeNull();
    expect(squaresInside([37, 36, 36, 35])).toBeNull();
    expect(squaresInside([Number.NaN, 35, 37, 36])).toBeNull();
  });
});
