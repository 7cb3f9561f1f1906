import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/extract/01-read/index.js';
import { locatePlaces, protestersHome } from '../../src/extract/03-places/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';

const knowledge = shippedKnowledge();

function analysisOf(text: string) {
  return analyze(
    { text, title: null, outlet: null, url: null, published: '2024-03-14' },
    knowledge.lexicon,
  );
}

function placesOf(text: string) {
  return locatePlaces(analysisOf(text), knowledge.gazetteer, []);
}

const fieldsOf = (o: object): string => Object.keys(o).join(' ');

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

  it('carry them so when remade: a governorate for its seat, the ends of a road, a protest at home', () => {
    const shape = fieldsOf(placesOf('سقطت قذائف على مدينة حمص صباح اليوم.').resolved[0] ?? {});
    const seat = placesOf('سقطت قذائف على قرية رويحينة في القنيطرة فجر اليوم.').resolved;
    expect(seat.map((r) => [r.place.nameAr, r.place.kind])).toEqual([
      ['رويحينة', 'community'],
      ['القنيطرة', 'governorate'],
    ]);
    const road = placesOf('قطع مسلحون الطريق الدولي دمشق - حمص مساء أمس.').resolved;
    expect(road.map((r) => r.mention.roadEnd)).toEqual([true, true]);
    const text = 'خرج أهالي مدينة جاسم في مظاهرة بعد صلاة الجمعة.';
    const analysis = analysisOf(text);
    const home = protestersHome(analysis, locatePlaces(analysis, knowledge.gazetteer, []).resolved);
    expect(home.map((r) => [r.place.nameAr, r.mention.origin])).toEqual([['جاسم', false]]);
    for (const r of [...seat, ...road, ...home]) expect(fieldsOf(r)).toBe(shape);
    const mention = fieldsOf(
      placesOf('سقطت قذائف على مدينة حمص صباح اليوم.').resolved[0]?.mention ?? {},
    );
    for (const r of home) expect(fieldsOf(r.mention)).toBe(mention);
  });
});
