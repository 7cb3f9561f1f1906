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

  it('copied again keeps every field of a frame of many fields, each change in its place', () => {
    const fields = Array.from({ length: 25 }, (_, k) => [`field${String(k)}`, k] as const);
    const frame: Record<string, unknown> = Object.fromEntries(fields);
    const copy = changed(changed(frame, { field3: 'three' }), { field20: 'twenty', extra: true });
    expect(copy).toEqual({ ...frame, field3: 'three', field20: 'twenty', extra: true });
    expect(Object.keys(copy)).toEqual([...fields.map(([name]) => name), 'extra']);
  });
});
