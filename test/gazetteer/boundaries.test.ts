import { describe, expect, it } from 'vitest';
import { Boundaries, loadBoundaries, loadPlaces } from '../../src/gazetteer/index.js';

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
    expect(b.governorateAt({ lat: 35.95, lon: 39.01 })?.nameEn).toBe('Raqqa');
    expect(b.governorateAt({ lat: 35.0, lon: 34.5 })).toBeNull();
  });

  it('names every governorate as the gazetteer does: the map, the filter and a place say it one way', () => {
    const b = loadBoundaries();
    const governorates = loadPlaces().filter((p) => p.kind === 'governorate');
    expect(governorates).toHaveLength(14);
    for (const place of governorates) {
      expect(b.area(place.id)?.nameEn, place.id).toBe(place.nameEn);
      expect(b.area(place.id)?.nameAr, place.id).toBe(place.nameAr);
    }
    expect(b.area('SY07')?.nameEn).toBe('Idlib');
  });
});
