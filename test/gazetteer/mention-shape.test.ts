import { describe, expect, it } from 'vitest';
import { findPlaceMentions, loadGazetteer } from '../../src/gazetteer/index.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';

const gazetteer = loadGazetteer();

const mentionsOf = (phrase: string) =>
  findPlaceMentions(gazetteer, tokenize(normalizeForMatching(phrase).text));

describe('place mentions, however they are read', () => {
  it('carry the same fields in the same order: a name, an unlisted one, one pointing back, one set aside', () => {
    const mentions = [
      // A listed city after a settlement word.
      ...mentionsOf('سقطت قذيفة في مدينة حلب صباحا'),
      // A name the gazetteer lacks, announced by «قرية».
      ...mentionsOf('داهمت دورية قرية زهرة الغيمات ليلا'),
      // «البلدة» pointing back to a place already named.
      ...mentionsOf('وقتل شاب في البلدة'),
      // Where the wounded were taken.
      ...mentionsOf('ونقل الجرحى إلى مشافي حمص'),
      // Two towns an act was between.
      ...mentionsOf('اندلعت اشتباكات بين بلدتي داعل وطفس'),
    ];
    expect(mentions.length).toBeGreaterThanOrEqual(5);
    expect(mentions.some((m) => m.anaphor !== undefined)).toBe(true);
    expect(mentions.some((m) => m.candidates.length === 0 && m.anaphor === undefined)).toBe(true);
    expect(mentions.some((m) => m.aside === 'destination')).toBe(true);
    const [first, ...rest] = mentions.map((m) => Object.keys(m).join(' '));
    for (const keys of rest) expect(keys).toBe(first);
  });
});
