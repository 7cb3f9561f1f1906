import { describe, expect, it } from 'vitest';
import { Spots, distanceKm, loadGazetteer } from '../../src/gazetteer/index.js';

const { places } = loadGazetteer();

/** Every n-th place of the shipped gazetteer: spots spread over the whole country. */
const every = (n: number, from = 0): typeof places => places.filter((_, k) => k % n === from);

describe('Spots: how near the nearest placed spot is', () => {
  it('gives the distance to the nearest spot whenever it is within reach, as measuring every spot does', () => {
    const spots = new Spots();
    for (const p of every(37)) spots.add(p);
    const placed = every(37);
    for (const place of every(53, 5)) {
      const nearest = Math.min(...placed.map((p) => distanceKm(p, place)));
      for (const reach of [30, 100]) {
        const found = spots.nearest(place, reach);
        if (nearest < reach) expect(found).toBe(nearest);
        else expect(found).toBeGreaterThanOrEqual(reach);
      }
    }
  });

  it('keeps each spot once, whatever place stands there', () => {
    const spots = new Spots();
    const [a, b] = every(101);
    if (a === undefined || b === undefined) throw new Error('the gazetteer has too few places');
    spots.add(a);
    spots.add({ ...a, id: 'another-place-at-the-same-spot' });
    spots.add(b);
    expect(spots.size).toBe(2);
  });

  it('keeps a place added again and again once, measured from as the first time', () => {
    const spots = new Spots();
    const [a, b] = every(101);
    if (a === undefined || b === undefined) throw new Error('the gazetteer has too few places');
    for (let k = 0; k < 5; k++) {
      spots.add(a);
      spots.add(b);
    }
    expect(spots.size).toBe(2);
    expect(spots.nearest(a, 30)).toBe(0);
    expect(spots.nearest(b, 30)).toBe(0);
  });

  it('tells apart spots on one latitude, and keeps a repeat of any of them once', () => {
    const spots = new Spots();
    const [a] = every(101);
    if (a === undefined) throw new Error('the gazetteer is empty');
    const east = (km: number, id: string) => ({ ...a, id, lon: a.lon + km / 100 });
    for (const spot of [a, east(10, 'e10'), east(20, 'e20'), east(10, 'e10-again')])
      spots.add(spot);
    // Its third place stands where its second did: three spots, in a row.
    expect(spots.size).toBe(3);
    spots.add(east(20, 'e20-again'));
    spots.add(east(30, 'e30'));
    expect(spots.size).toBe(4);
    expect(spots.nearest(east(30, 'probe'), 1)).toBe(0);
  });

  it('answers no distance within reach when nothing is placed', () => {
    const [a] = places;
    if (a === undefined) throw new Error('the gazetteer is empty');
    expect(new Spots().nearest(a, 30)).toBe(Infinity);
  });

  it('measures from the places added since a distance was last asked, as from those before', () => {
    const spots = new Spots();
    const [a, b, c] = every(101);
    if (a === undefined || b === undefined || c === undefined)
      throw new Error('the gazetteer has too few places');
    spots.add(a);
    expect(spots.nearest(b, 1000)).toBe(distanceKm(a, b));
    spots.add(b);
    spots.add(c);
    expect(spots.nearest(b, 30)).toBe(0);
    expect(spots.nearest(c, 30)).toBe(0);
    expect(spots.size).toBe(3);
    spots.add(a);
    expect(spots.size).toBe(3);
  });
});
