import { describe, expect, it } from 'vitest';
import type { Place, PlaceName } from '../../src/gazetteer/index.js';
import { readNames } from '../../src/gazetteer/name-readings.js';

const place = (id: string, kind: Place['kind'], rank: number): Place => ({
  id,
  kind,
  rank,
  nameAr: 'مكان',
  nameEn: id,
  variants: [],
  admin1Pcode: 'SY01',
  admin1: '',
  admin2Pcode: 'SY0101',
  admin2: '',
  admin3Pcode: '',
  admin3: '',
  lat: 35,
  lon: 38,
});

const village = place('V1', 'community', 4);
const city = place('C1', 'community', 2);
const district = place('D1', 'district', 5);

describe('the reading of a name its spellings give', () => {
  it('leaves common words out without cue words, and keeps them after one', () => {
    const names: PlaceName[] = [
      { place: village, common: true, article: false },
      { place: city, common: false, article: false },
    ];
    const bare = readNames(names, false, null);
    expect(bare.candidates.map((p) => p.id)).toEqual(['C1']);
    expect(bare.common).toBe(false);
    const cued = readNames(names, true, null);
    expect(cued.candidates.map((p) => p.id)).toEqual(['V1', 'C1']);
    expect(cued.usable).toBe(2);
  });

  it('leaves out spellings with the article when the word is written without it', () => {
    const names: PlaceName[] = [{ place: village, common: false, article: true }];
    expect(readNames(names, true, false).usable).toBe(0);
    expect(readNames(names, true, true).usable).toBe(1);
    expect(readNames(names, true, null).usable).toBe(1);
  });

  it('is prominent for a full name of a town or an area, not for a village or a partial name', () => {
    expect(
      readNames([{ place: village, common: false, article: false }], false, null).prominent,
    ).toBe(false);
    expect(
      readNames([{ place: district, common: false, article: false }], false, null).prominent,
    ).toBe(true);
    const partial = readNames(
      [{ place: city, common: false, partial: true, article: false }],
      false,
      null,
    );
    expect(partial.prominent).toBe(false);
    expect(partial.partial).toBe(true);
    expect(partial.city).toBe(true);
  });

  it('lists each place once, and is the same reading when the same spellings are read again', () => {
    const names: PlaceName[] = [
      { place: village, common: false, article: false },
      { place: village, common: false, partial: true, article: false },
      { place: city, common: false, article: false },
    ];
    const first = readNames(names, false, true);
    expect(first.candidates.map((p) => p.id)).toEqual(['V1', 'C1']);
    expect(first.partial).toBe(false);
    expect(readNames(names, false, true)).toBe(first);
    // Another list with the same spellings is read on its own.
    expect(readNames([...names], false, true)).toEqual(first);
  });
});
