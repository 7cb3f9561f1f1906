import { describe, expect, it } from 'vitest';
import { adminCodesOf, findPlaceMentions, loadGazetteer } from '../../src/gazetteer/index.js';
import type { PlaceMention } from '../../src/gazetteer/index.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';

const gazetteer = loadGazetteer();

/** The one mention of a place in the phrase. */
function mentionIn(phrase: string): PlaceMention {
  const [mention, ...more] = findPlaceMentions(
    gazetteer,
    tokenize(normalizeForMatching(phrase).text),
  );
  if (mention === undefined || more.length > 0) throw new Error(`one place in «${phrase}»`);
  return mention;
}

describe('the areas a mention vouches for', () => {
  it('are those of its villages after «ريف» and none bare, whichever reading of the name came first', () => {
    // Two names of several villages each, read one after «ريف» first, the other bare first:
    // both readings share the name's list of places, and each keeps its own answer.
    for (const [name, regionFirst] of [
      ['الطيبة', true],
      ['الحميدية', false],
    ] as const) {
      const region = (): PlaceMention => mentionIn(`قصفت الطائرات ريف ${name} ليلاً`);
      const bare = (): PlaceMention => mentionIn(`قصفت الطائرات قرية ${name} ليلاً`);
      const [first, second] = regionFirst ? [region(), bare()] : [bare(), region()];
      expect(first.candidates).toBe(second.candidates);
      const [inRegion, alone] = regionFirst ? [first, second] : [second, first];
      const answers = [adminCodesOf(first), adminCodesOf(second)];
      const [ofRegion, ofAlone] = regionFirst ? answers : [answers[1], answers[0]];
      // Each village's governorate and district, as read afresh, each code once.
      expect(ofRegion).toEqual([
        ...new Set(
          inRegion.candidates.flatMap((p) =>
            [p.admin1Pcode, p.admin2Pcode].filter((c) => c !== ''),
          ),
        ),
      ]);
      expect(ofAlone).toEqual([]);
      // Asked again, the same answers.
      expect(adminCodesOf(inRegion)).toEqual(ofRegion);
      expect(adminCodesOf(alone)).toEqual([]);
    }
  });
});
