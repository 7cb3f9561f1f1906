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
 * every match of that name), by `slot`: a report names the same towns again and
 * again, and each time walked every spelling and its place, far into memory.
 */
const readingsByNames = new WeakMap<readonly PlaceName[], NameReadings>();

/** The six readings of one list of spellings, each worked out when first asked (`slot`). */
export type NameReadings = (NameReading | undefined)[];

/**
 * The readings kept for a list of spellings, made empty when first asked: a word's record
 * keeps those of the names the word alone spells (`nameAt` gives them with its match), so
 * most mentions find their reading without looking the list up.
 */
export function readingsOf(names: readonly PlaceName[]): NameReadings {
  let readings = readingsByNames.get(names);
  if (readings === undefined) {
    readings = [undefined, undefined, undefined, undefined, undefined, undefined];
    readingsByNames.set(names, readings);
  }
  return readings;
}

/** Six readings of a list: with or without cue words, times the article spelled, not, or not in play. */
const slot = (cued: boolean, article: boolean | null): number =>
  (cued ? 3 : 0) + (article === null ? 0 : article ? 1 : 2);

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
  const readings = kept ?? readingsOf(names);
  const k = slot(cued, article);
  let reading = readings[k];
  if (reading === undefined) {
    reading = readOnce(names, cued, article);
    readings[k] = reading;
  }
  return reading;
}
