import { describe, expect, it } from 'vitest';
import { belowBaseline, emptyScores } from '../../src/eval/index.js';
import type { EvalRun } from '../../src/eval/index.js';

/** A run of one document: 9 of 10 incidents found with one false, 3 of 4 figures. */
function run(links?: { tp: number; fp: number; fn: number }): EvalRun {
  const scores = emptyScores();
  scores.documents = 1;
  scores.incidents = { tp: 9, fp: 1, fn: 1 };
  scores.figures = { tp: 3, fp: 1, fn: 1 };
  for (const field of Object.values(scores.fields)) Object.assign(field, { hit: 9, total: 10 });
  return links === undefined
    ? { scores, failures: [] }
    : { scores, failures: [], links: { ...links, misses: [] } };
}

describe('eval baseline', () => {
  it('passes a run that meets every floor, compared as printed to three decimals', () => {
    expect(belowBaseline(run(), { incidents: 0.9, figures: 0.75, actor2: 0.9 })).toEqual([]);
  });

  it('names each measure that fell, with its value and its floor', () => {
    expect(belowBaseline(run(), { incidents: 0.95, figures: 0.7, place: 0.91 })).toEqual([
      'incidents 0.900 is below its baseline 0.950',
      'place 0.900 is below its baseline 0.910',
    ]);
  });

  it('says a links floor cannot be checked without --link, and checks it with', () => {
    expect(belowBaseline(run(), { links: 0.9 })).toEqual([
      'links has a baseline but was not measured (links need --link)',
    ]);
    expect(belowBaseline(run({ tp: 4, fp: 1, fn: 0 }), { links: 0.95 })).toEqual([
      'links 0.889 is below its baseline 0.950',
    ]);
  });
});
