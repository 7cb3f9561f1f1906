import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/extract/01-read/index.js';
import { locatePlaces } from '../../src/extract/03-places/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';

const knowledge = shippedKnowledge();

function placesOf(text: string) {
  const analysis = analyze(
    { text, title: null, outlet: null, url: null, published: '2024-03-14' },
    knowledge.lexicon,
  );
  return locatePlaces(analysis, knowledge.gazetteer, []);
}

describe('the places a report names, however they were found', () => {
  it('carry the same fields in the same order: named, a quarter at its city, pointed back to, between two towns', () => {
    const places = placesOf(
      [
        'سقطت قذائف على مدينة حمص صباح اليوم.',
        'وأصيب رجل في حي الزنابق الحمر برصاص قناص.',
        'ثم قتل شاب في المدينة.',
        'واندلعت اشتباكات بين بلدتي داعل وطفس في ريف درعا.',
      ].join(' '),
    );
    const all = [...places.resolved, ...places.pointingBack];
    expect(all.some((r) => r.derived === undefined)).toBe(true);
    expect(all.some((r) => r.derived === 'quarter')).toBe(true);
    expect(all.some((r) => r.derived === 'anaphor')).toBe(true);
    expect(all.some((r) => r.derived === 'between')).toBe(true);
    const [first, ...rest] = all.map((r) => Object.keys(r).join(' '));
    for (const keys of rest) expect(keys).toBe(first);
  });
});
