import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/contracts/index.js';
import { documentRead } from '../../src/extract/recipe.js';

/**
 * Extraction reads every report's document in one shape, whatever the caller's
 * carries besides the contract's fields and in whatever order they came: one
 * map for V8, so that code compiled for one report's document reads the next's.
 */
describe('the document extraction reads', () => {
  const fields = ['text', 'title', 'outlet', 'url', 'published'];

  it('has the five fields in one order, with where its facts came from left out', () => {
    const given: Document = {
      sources: { published: 'sidecar' },
      published: '2024-05-02',
      url: null,
      outlet: 'وكالة محلية',
      title: null,
      text: 'سقطت قذيفة على سوق البلدة صباح اليوم.',
    };
    const read = documentRead(given, '2024-05-09');
    expect(Object.keys(read)).toEqual(fields);
    expect(read).toEqual({
      text: given.text,
      title: null,
      outlet: 'وكالة محلية',
      url: null,
      published: '2024-05-02',
    });
  });

  it('takes the date given for the batch only when the report carries none', () => {
    const given: Document = {
      text: 'هدأ القصف مساء.',
      title: null,
      outlet: null,
      url: null,
      published: null,
    };
    expect(documentRead(given, '2024-05-09').published).toBe('2024-05-09');
    expect(documentRead(given).published).toBeNull();
    expect(Object.keys(documentRead(given))).toEqual(fields);
  });
});
