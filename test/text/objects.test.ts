import { describe, expect, it } from 'vitest';
import { changed } from '../../src/text/index.js';

describe('an object changed', () => {
  it('holds what a spread of it and its change holds, its fields in their order', () => {
    const frame = { at: 3, tally: false, places: ['حلب'], teller: null };
    const copy = changed(frame, { tally: true, teller: 'SOHR' });
    expect(copy).toEqual({ ...frame, tally: true, teller: 'SOHR' });
    expect(Object.keys(copy)).toEqual(['at', 'tally', 'places', 'teller']);
    // A field the object did not have comes last, as in a spread.
    expect(Object.keys(changed(frame, { alone: true }))).toEqual([
      'at',
      'tally',
      'places',
      'teller',
      'alone',
    ]);
  });

  it('is a new object, the one it was copied from left as it was', () => {
    const frame = { tally: false };
    const copy = changed(frame, { tally: true });
    expect(copy).not.toBe(frame);
    expect(frame.tally).toBe(false);
  });
});
