import { describe, expect, it } from 'vitest';
import { Boundaries, loadBoundaries } from '../../src/gazetteer/index.js';

describe('governorate boundaries', () => {
  it('puts a point in a ring but not in its hole', () => {
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole = [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ];
    const b = new Boundaries([
      { pcode: 'X', nameAr: 'س', nameEn: 'X', polygons: [[square, hole]] },
    ]);
    const area = b.area('X');
    if (area === undefined) throw new Error('no area X');
    expect(b.contains(area, { lat: 2, lon: 2 })).toBe(true);
    expect(b.contains(area, { lat: 5, lon: 5 })).toBe(false);
    expect(b.distanceOutsideKm(area, { lat: 5, lon: 2 })).toBe(0);
    // One degree of latitude east of the square's edge at the equator is about 111 km.
    expect(b.distanceOutsideKm(area, { lat: 5, lon: 11 })).toBeCloseTo(111.3, 0);
  });

  it('finds the governorate of cities from the shipped outlines, and none at sea', () => {
    const b = loadBoundaries();
    expect(b.governorateAt({ lat: 36.2021, lon: 37.1343 })?.nameEn).toBe('Aleppo');
    expect(b.governorateAt({ lat: 33.5138, lon: 36.2765 })?.pcode).toBe('SY01');
    expect(b.governorateAt({ lat: 35.95, lon: 39.01 })?.nameEn).toBe('Ar-Raqqa');
    expect(b.governorateAt({ lat: 35.0, lon: 34.5 })).toBeNull();
  });
});
