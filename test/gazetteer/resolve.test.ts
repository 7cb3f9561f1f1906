import { describe, expect, it } from 'vitest';
import {
  Spots,
  adminCodesOf,
  findPlaceMentions,
  loadGazetteer,
  resolveMention,
} from '../../src/gazetteer/index.js';
import type { Gazetteer } from '../../src/gazetteer/index.js';
import type { PlaceContext, PlaceMention } from '../../src/gazetteer/index.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';

const gazetteer = loadGazetteer();

/** The one mention of a place in the phrase. */
function mentionIn(phrase: string, within: Gazetteer = gazetteer): PlaceMention {
  const [mention, ...more] = findPlaceMentions(within, tokenize(normalizeForMatching(phrase).text));
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

describe('a name of several villages resolved', () => {
  const nothingSaid = (): PlaceContext => ({
    sentenceAdmin: [],
    documentAdmin: [],
    resolved: new Spots(),
  });

  it('goes to the best-ranked village with nothing said of the area, the first listed of two as good', () => {
    for (const name of ['الطيبة', 'الحميدية']) {
      const mention = mentionIn(`قصفت الطائرات قرية ${name} ليلاً`);
      const villages = mention.candidates.filter((p) => p.kind === 'community');
      expect(villages.length, name).toBeGreaterThan(2);
      const best = Math.min(...villages.map((p) => p.rank));
      const resolved = resolveMention(gazetteer, mention, nothingSaid());
      expect(resolved?.place, name).toBe(villages.find((p) => p.rank === best));
      expect(resolved?.basis, name).toBe('rank');
      // Asked again, the same answer: nothing of one ranking is left for the next.
      expect(resolveMention(gazetteer, mention, nothingSaid())?.place, name).toBe(resolved?.place);
    }
  });

  it('ranks a pool after a larger one as if alone: nothing of the larger is left in its place', () => {
    const [larger, smaller] = ['الطيبة', 'الحميدية']
      .map((name) => mentionIn(`قصفت الطائرات قرية ${name} ليلاً`))
      .sort((a, b) => b.candidates.length - a.candidates.length);
    if (larger === undefined || smaller === undefined) throw new Error('two mentions expected');
    expect(larger.candidates.length).toBeGreaterThan(smaller.candidates.length);
    const villages = smaller.candidates.filter((p) => p.kind === 'community');
    const best = Math.min(...villages.map((p) => p.rank));
    resolveMention(gazetteer, larger, nothingSaid());
    const resolved = resolveMention(gazetteer, smaller, nothingSaid());
    expect(resolved?.place).toBe(villages.find((p) => p.rank === best));
    expect(resolved?.basis).toBe('rank');
  });

  it('goes to the village of the governorate the sentence names, whatever its rank, and says why', () => {
    const mention = mentionIn('قصفت الطائرات قرية الطيبة ليلاً');
    const alone = mention.candidates.filter(
      (p) =>
        p.kind === 'community' &&
        mention.candidates.filter((q) => q.admin1Pcode === p.admin1Pcode).length === 1,
    );
    expect(alone.length).toBeGreaterThan(0);
    for (const village of alone) {
      const context = { ...nothingSaid(), sentenceAdmin: [village.admin1Pcode] };
      const resolved = resolveMention(gazetteer, mention, context);
      expect(resolved?.place).toBe(village);
      expect(resolved?.basis).toBe('sentence');
      expect(resolved?.alternatives).not.toContain(village);
    }
  });
});

describe('the names of a list of places resolved', () => {
  const nothingSaid = (): PlaceContext => ({
    sentenceAdmin: [],
    documentAdmin: [],
    resolved: new Spots(),
  });

  /**
   * Phrases naming each name bare and after cue words of each kind: a settlement, a
   * neighbourhood, an area, a countryside, a governorate, a subdistrict, a facility.
   */
  const phrases = ['حلب', 'حمص', 'الطيبة', 'الحميدية'].flatMap((name) =>
    ['في', 'في مدينة', 'في حي', 'في منطقة', 'في ريف', 'في محافظة', 'في ناحية', 'قرب مطار'].map(
      (cue) => `قصفت الطائرات ${cue} ${name}`,
    ),
  );

  /** What each phrase resolves to, read in this order by a gazetteer of its own (nothing kept from another). */
  const resolvedInOrder = (order: readonly string[]): Map<string, unknown> => {
    const own = loadGazetteer();
    const answers = new Map<string, unknown>();
    for (const phrase of order) {
      const known = answers.get(phrase);
      const mention = mentionIn(phrase, own);
      const [read, again] = [0, 1].map(() => {
        const r = resolveMention(own, mention, nothingSaid());
        return (
          r && {
            place: r.place.id,
            precision: r.precision,
            basis: r.basis,
            alternatives: r.alternatives.map((p) => p.id),
          }
        );
      });
      expect(again, phrase).toEqual(read);
      // A phrase read again later, after others: as the first time.
      if (known !== undefined) expect(read, phrase).toEqual(known);
      answers.set(phrase, read);
    }
    return answers;
  };

  it('resolve alike whichever reading of the list came first, and asked again', () => {
    const forwards = resolvedInOrder(phrases);
    const backwards = resolvedInOrder([...phrases].reverse());
    expect(backwards).toEqual(forwards);
    // The names have several places, and some readings other places they could be.
    const read = [...forwards.values()] as ({ alternatives: string[] } | null)[];
    expect(read.some((r) => r !== null && r.alternatives.length > 0)).toBe(true);
  });

  it('resolve alike when one name is read after each kind of cue in turn, another kind between', () => {
    // The readings after cue words share one list of places, kept apart by kind of cue: each
    // kind read, then another, then the first again, as the kinds come one after another.
    const forwards = resolvedInOrder(phrases);
    const turns = phrases.flatMap((phrase, k) => [
      phrase,
      phrases[(k + 2) % phrases.length] ?? phrase,
    ]);
    expect(resolvedInOrder([...turns, ...phrases])).toEqual(forwards);
  });
});
