import type { PlaceName } from './gazetteer.js';
import type { Place } from './places.js';
import { codesOfList, noListFacts } from './resolve.js';
import type { ListFacts } from './resolve.js';

/**
 * What the spellings a name matched give a mention of it: how many are usable
 * where it stands, the places they name (each once, in order), whether one is
 * prominent, whether all are common words or partial names.
 */
export interface NameReading {
  readonly usable: number;
  /** A full name of a place of rank 3 or better, or of an admin area: it counts bare. */
  readonly prominent: boolean;
  readonly common: boolean;
  readonly partial: boolean;
  readonly candidates: readonly Place[];
  /** One of the candidates is a city (rank 2 or better). */
  readonly city: boolean;
  /** What resolution keeps of the candidates, made with them: each mention of them carries it. */
  readonly facts: ListFacts;
  /**
   * The areas the candidates vouch for, named bare and after a word of region (`adminCodesOf`),
   * worked out with them: a mention carries its own, where each was sought through the facts.
   */
  readonly areas: readonly string[];
  readonly regionAreas: readonly string[];
}

/** Admin areas: their bare names count without a locative word before them. */
const AREA_KINDS: ReadonlySet<Place['kind']> = new Set(['governorate', 'district', 'subdistrict']);

/**
 * The readings of each list of spellings (a trie node's values, one array for
 * every match of that name), as they are read: a report names the same towns again and
 * again, and each time walked every spelling and its place, far into memory.
 */
const readingsByNames = new WeakMap<readonly PlaceName[], NameReadings>();

/**
 * The six readings of one list of spellings, each worked out when first asked: with or
 * without cue words, times the first word's article spelled, not, or not in play. Fields of
 * one record, where an array's six slots lay in a store of their own, apart from it in memory:
 * one more load far away at every name a report reads.
 */
export class NameReadings {
  private bare: NameReading | undefined = undefined;
  private bareWithArticle: NameReading | undefined = undefined;
  private bareWithout: NameReading | undefined = undefined;
  private cued: NameReading | undefined = undefined;
  private cuedWithArticle: NameReading | undefined = undefined;
  private cuedWithout: NameReading | undefined = undefined;

  /** The reading of `names` (whose readings these are) read so, worked out when first asked. */
  of(names: readonly PlaceName[], cued: boolean, article: boolean | null): NameReading {
    if (cued) {
      if (article === null) return (this.cued ??= readOnce(names, true, null));
      return article
        ? (this.cuedWithArticle ??= readOnce(names, true, true))
        : (this.cuedWithout ??= readOnce(names, true, false));
    }
    if (article === null) return (this.bare ??= readOnce(names, false, null));
    return article
      ? (this.bareWithArticle ??= readOnce(names, false, true))
      : (this.bareWithout ??= readOnce(names, false, false));
  }
}

/**
 * The readings kept for a list of spellings, made empty when first asked: a word's record
 * keeps those of the names the word alone spells (`nameAt` gives them with its match), so
 * most mentions find their reading without looking the list up.
 */
export function readingsOf(names: readonly PlaceName[]): NameReadings {
  let readings = readingsByNames.get(names);
  if (readings === undefined) {
    readings = new NameReadings();
    readingsByNames.set(names, readings);
  }
  return readings;
}

function readOnce(
  names: readonly PlaceName[],
  cued: boolean,
  article: boolean | null,
): NameReading {
  let usable = 0;
  // Only a full name makes a place prominent enough to count bare: «الصورة» is not «الصورة الصغيرة».
  let prominent = false;
  let common = true;
  let partial = true;
  const candidates: Place[] = [];
  for (const n of names) {
    // Common words need a cue; a name spelled with the article is not read off a word without it.
    if ((!cued && n.common) || (article === false && n.article)) continue;
    usable++;
    if (!prominent && n.partial !== true && (n.place.rank <= 3 || AREA_KINDS.has(n.place.kind)))
      prominent = true;
    if (!n.common) common = false;
    if (n.partial !== true) partial = false;
    if (!candidates.includes(n.place)) candidates.push(n.place);
  }
  const facts = noListFacts();
  return {
    usable,
    prominent,
    common,
    partial,
    candidates,
    city: candidates.some((p) => p.rank <= 2),
    facts,
    areas: codesOfList(facts, candidates, false),
    regionAreas: codesOfList(facts, candidates, true),
  };
}

/**
 * How a name's spellings read after cue words or none (`cued`), its first word
 * spelled with the article, without it, or neither (`article`): worked out once
 * per list and kept. The candidates are shared by every mention read so: read-only.
 */
export function readNames(
  names: readonly PlaceName[],
  cued: boolean,
  article: boolean | null,
  kept?: NameReadings,
): NameReading {
  return (kept ?? readingsOf(names)).of(names, cued, article);
}
