import { describe, expect, it } from 'vitest';
import { analyze, splitClauses, grievances } from '../../src/extract/01-read/index.js';
import { readSpeakers } from '../../src/extract/02-speakers/index.js';
import { datelines, locatePlaces } from '../../src/extract/03-places/index.js';
import { figuresByClause } from '../../src/extract/04-figures/index.js';
import { readAct } from '../../src/extract/05-acts/index.js';
import { readFrames } from '../../src/extract/07-gather/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';

/** Every clause's frame, beside the act reading of its clause, for a report of our own. */
function framesOf(text: string) {
  const { lexicon, gazetteer } = shippedKnowledge();
  const analysis = analyze(
    { text, title: null, outlet: null, url: null, published: '2024-03-14' },
    lexicon,
  );
  const clauses = splitClauses(analysis);
  const about = grievances(analysis, clauses);
  const speakers = readSpeakers(analysis);
  const places = locatePlaces(analysis, gazetteer, [
    ...speakers.zones,
    ...datelines(analysis),
    ...about,
  ]);
  const figures = figuresByClause(
    analysis,
    speakers.entities,
    clauses,
    about,
    places.resolved.map((p) => p.mention),
  );
  const frames = readFrames(
    { analysis, ...speakers, speakers: speakers.starts },
    clauses,
    figures,
    places.resolved,
  );
  return frames.map((frame) => ({
    frame,
    act: readAct(analysis, frame.clause, frame.figures.length > 0, frame.places.length > 0),
  }));
}

describe('readFrames', () => {
  it('gives each frame every field its act reading has, with the same values', () => {
    const read = framesOf(
      'قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل أمس. وفي سياق آخر، اعتقلت دورية شابين في مدينة درعا.',
    );
    expect(read.length).toBeGreaterThan(1);
    for (const { frame, act } of read) {
      for (const [field, value] of Object.entries(act))
        expect(frame[field as keyof typeof frame], field).toEqual(value);
    }
  });
});
