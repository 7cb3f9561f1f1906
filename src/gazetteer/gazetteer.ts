import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Zod from 'zod';
import { lateZod } from '../contracts/values.js';
import { PhraseIndex, phraseKeys, readDataFile, shippedDataDir } from '../lexicon/index.js';
import type { PhraseIndexData, PhraseMatch, PhraseStarts } from '../lexicon/index.js';
import { firstKeptFrom, MAX_WORDS_KEPT, startsWord } from '../text/index.js';
import type { Token } from '../text/index.js';
import { readNames, readingsOf } from './name-readings.js';
import type { NameReadings } from './name-readings.js';
import { PlacesFileError, parsePlaces, shareStrings } from './places.js';
import { SpellingIndex, readLoosely } from './spelling.js';
import { FORM_COUNT, WORD_ONLY_FORMS, formBit, formBits } from './word-forms.js';
import type { WordForm } from './word-forms.js';
import type { Place } from './places.js';

/** What a word next to a place name says about it. */
export type PlaceCue =
  | { readonly kind: 'settlement'; readonly neighbourhood?: boolean }
  | { readonly kind: 'pair' }
  | { readonly kind: 'facility' }
  | { readonly kind: 'near' }
  | { readonly kind: 'compass' }
  | { readonly kind: 'inside' }
  | { readonly kind: 'region' }
  | { readonly kind: 'admin'; readonly level: 'governorate' | 'district' | 'subdistrict' }
  | { readonly kind: 'direction' };

/** The place cues file's schema, made when the gazetteer is built from its files (zod loads then). */
function cuesFileSchema(z: typeof Zod.z) {
  return z.object({
    settlements: z.array(z.string()),
    neighbourhoods: z.array(z.string()),
    settlement_pairs: z.array(z.string()),
    facilities: z.array(z.string()),
    near: z.array(z.string()),
    compass: z.array(z.string()),
    inside: z.array(z.string()),
    regions: z.array(z.string()),
    admin: z.object({
      governorate: z.array(z.string()),
      district: z.array(z.string()),
      subdistrict: z.array(z.string()),
    }),
    directions: z.array(z.string()),
    common_words: z.array(z.string()),
    stop_words: z.array(z.string()),
    not_names: z.array(z.string()),
    name_qualifiers: z.array(z.string()),
    joined_heads: z.array(z.string()),
    person_titles: z.array(z.string()),
    organisation_heads: z.array(z.string()),
    organisation_tails: z.array(z.string()),
    correspondents: z.array(z.string()),
    destination_words: z.array(z.string()),
    hospitals: z.array(z.string()),
    named_after: z.array(z.string()),
    leaving_words: z.array(z.string()),
    anaphors: z.record(z.string(), z.array(z.string())),
    city_anaphors: z.array(z.string()),
  });
}

/** What a definite settlement word points back to: places named with these settlement words (keys), or bare cities / bare towns. */
export interface Anaphor {
  readonly kinds: ReadonlySet<string>;
  readonly city: boolean;
}

/**
 * Classes of words around a place name that say it is not where an act was,
 * or that point back to a place already named (see cues.json).
 */
export type WordClass =
  | 'personTitle'
  | 'organisationHead'
  | 'organisationTail'
  | 'correspondent'
  | 'destination'
  | 'hospital'
  | 'namedAfter'
  | 'leaving';

/**
 * Each class as one bit of a word's bits. A switch, not a table: every rule
 * asks its own class at one place, and a table read by eight different names
 * there took V8's slowest (megamorphic) path.
 */
function classBit(cls: WordClass): number {
  switch (cls) {
    case 'personTitle':
      return 1;
    case 'organisationHead':
      return 2;
    case 'organisationTail':
      return 4;
    case 'correspondent':
      return 8;
    case 'destination':
      return 16;
    case 'hospital':
      return 32;
    case 'namedAfter':
      return 64;
    case 'leaving':
      return 128;
  }
}

/**
 * What the gazetteer knows of a word: its classes, the GOES_ON and NOT_NAME marks of its
 * keys as bits, and where its walks start in the names' and the cues' tries. One
 * record, found by one look-up, answers every question asked of a word (may a
 * place start here, the name, the cue, its classes), where each asked a table of
 * its own.
 */
interface WordFacts {
  readonly bits: number;
  readonly names: PhraseStarts<PlaceName>;
  readonly cues: PhraseStarts<PlaceCue>;
  /**
   * What the word alone matches (`oneWord` of `names`, of `cues`), kept here: a word whose
   * next word goes on no phrase is answered from its record, without loading its starts.
   */
  readonly nameAlone: PlaceName[] | null;
  readonly cueAlone: PlaceCue[] | null;
  /** The readings kept for `nameAlone` (`readingsOf`), given with the word's match: no list looked up. */
  readonly nameReadings: NameReadings | undefined;
  /**
   * What the word points back to when spelled definite (`Gazetteer.anaphorOf`): in the record
   * `nameAt` and `cueAt` have just read for the word, where a memo of its own was one more
   * table far in memory, read at every settlement word and cue.
   */
  readonly anaphor: Anaphor | null;
  /**
   * The number of the last word found to go on none of this word's longer names
   * (`StopPairs.namesEndBefore`), -1 for none: in the record just read, where the pairs'
   * table, far in memory, was read at each name that some name goes on from.
   */
  endsBefore: number;
  /**
   * The number of the last word found to go on one of this word's longer names, -1 for none:
   * the walk that finds the name is taken at once, where the first step was tried ahead of it.
   */
  goesOnThrough: number;
}

/** Whether one of `keys` goes on from one of the nodes: what the first step of a name's walk asks. */
function goesOnFrom(nodes: PhraseStarts<PlaceName>['deeper'], keys: readonly string[]): boolean {
  for (let n = 0; n < nodes.length; n++) {
    const children = nodes[n]?.children;
    if (children === undefined) continue;
    for (let k = 0; k < keys.length; k++) if (children.has(keys[k] ?? '')) return true;
  }
  return false;
}

/**
 * Pairs of words (by number) where none of the first's longer names goes on through the
 * second, a pair a slot (`STOP_PAIR_SLOTS`), the slot found from both numbers: a report's
 * words are followed again and again by the same words, that some name or other goes on
 * through («الشرقي», «الكبير»), and each time a walk looked their keys up in the tries, far in
 * memory, to end there (some nine walks in ten). Both numbers are kept, so a pair that takes
 * another's slot only costs that other its walk again; a word's number never names another
 * word (`Token.wordNumber`). Two numbers in one typed array, where a set of numbers kept with
 * each word was looked up, some cache lines further into memory at each name.
 */
class StopPairs {
  private readonly pairs = new Int32Array(2 * STOP_PAIR_SLOTS).fill(-1);

  /**
   * Whether none of the longer names of the word `word` (numbered so) goes on through `next`.
   * Words are numbered from 0 (the tokenizer's readings): an empty slot's -1 is no word's.
   */
  namesEndBefore(facts: WordFacts, word: number, next: Token): boolean {
    if (next.kind !== 'word') return false;
    if (facts.endsBefore === next.wordNumber) return true;
    if (facts.goesOnThrough === next.wordNumber) return false;
    const at = stopPairSlot(word, next.wordNumber);
    const pairs = this.pairs;
    if (!(pairs[at] === word && pairs[at + 1] === next.wordNumber)) {
      if (goesOnFrom(facts.names.deeper, next.keys)) {
        facts.goesOnThrough = next.wordNumber;
        return false;
      }
      pairs[at] = word;
      pairs[at + 1] = next.wordNumber;
    }
    facts.endsBefore = next.wordNumber;
    return true;
  }
}

/** Slots of `StopPairs`: 128 KB, a report's pairs a few hundred. */
export const STOP_PAIR_SLOTS = 1 << 14;

/** Where the pair of words numbered `word` and `next` is kept: the first of its two numbers. */
function stopPairSlot(word: number, next: number): number {
  return ((Math.imul(word, 0x9e3779b1) ^ next) & (STOP_PAIR_SLOTS - 1)) << 1;
}

const WORD_CLASS_FIELDS = {
  personTitle: 'person_titles',
  organisationHead: 'organisation_heads',
  organisationTail: 'organisation_tails',
  correspondent: 'correspondents',
  destination: 'destination_words',
  hospital: 'hospitals',
  namedAfter: 'named_after',
  leaving: 'leaving_words',
} as const;

/**
 * One spelling of a place. `common` spellings are ordinary words too («الثورة»):
 * they need a cue. `partial` spellings drop part of the name («المعضمية» for
 * «معضمية الشام»): they count only where the report names the area.
 */
export interface PlaceName {
  readonly place: Place;
  readonly common: boolean;
  readonly partial?: boolean;
  /** The spelling starts with the article («الرقة»): a clitic-stripped «فرقة» does not spell it. */
  readonly article: boolean;
}

/** A place name found in a text: a name the word alone spells comes with its readings kept. */
export interface PlaceMatch extends PhraseMatch<PlaceName> {
  readonly readings?: NameReadings;
}

export interface Gazetteer {
  readonly places: readonly Place[];
  /** Every Arabic name and variant, as matched in reports. */
  readonly names: PhraseIndex<PlaceName>;
  readonly cues: PhraseIndex<PlaceCue>;
  byId(id: string): Place | undefined;
  /**
   * Whether a place name or a cue word may start at this token: most words start neither.
   * Extraction asks nextPlaceStart; this word-at-a-time answer is what the scan is tested against.
   */
  mayStartPlace(token: Token | undefined): boolean;
  /**
   * The first token of `[from, to)` where a place name or a cue word may start (`mayStartPlace`)
   * and may be found: a word that only opens longer ones is passed when the token after it
   * (within `to`) goes on none, as `nameAt` and `cueAt` find nothing there; `to` when none.
   */
  nextPlaceStart(tokens: readonly Token[], from: number, to: number): number;
  /**
   * Whether the word of a token, read bare (no cue word before it), names a place only where
   * a locative word locates it («في X», «بX»): a word that opens no cue, whose names alone are
   * of no prominent place, and that opens no longer name or is followed by `next` (the token
   * after it within the sentence read; undefined at its end), which goes on none of them (as
   * `nameAt` finds). Asked at a place's start, it reads the mark the scan has just read there.
   */
  needsLocative(token: Token, next: Token | undefined): boolean;
  /** The longest place name at token `start`, as `names.longestAt` finds it. */
  nameAt(tokens: readonly Token[], start: number, end?: number): PlaceMatch | null;
  /** The longest cue phrase at token `start`, as `cues.longestAt` finds it. */
  cueAt(tokens: readonly Token[], start: number, end?: number): PhraseMatch<PlaceCue> | null;
  /**
   * Whether a token is never part of a place's name: one of its keys is a
   * function word, «اليوم», «المذكورة» after «القرى» (cues.json's not_names
   * and stop_words); numbers and marks are answered by their keys too.
   */
  notAName(token: Token): boolean;
  /** Whether a token's word (any of its keys, clitics set aside) is of a class of cues.json. */
  isA(token: Token | undefined, cls: WordClass): boolean;
  /** Whether a token is written as a word of that form (`WordForm`): the article spelled, a locative… */
  hasForm(token: Token | undefined, form: WordForm): boolean;
  /**
   * Whether a token is a word of one of the classes or forms of `signs` (`wordSigns`): what
   * `isA` and `hasForm` say of each, asked at once (a mark or a number is none of them).
   */
  isAnyOf(token: Token | undefined, signs: WordSigns): boolean;
  /**
   * «في البلدة», «وسط المدينة»: the settlement words (as keys) of the places a
   * settlement word, when spelled definite, points back to; null when it is none.
   */
  anaphorOf(token: Token | undefined): Anaphor | null;
  /** Full names one letter off the matching key of a spelling («هدهود» → «هدهد»); never common words. */
  nearSpellings(key: string): readonly PlaceName[];
}

/**
 * The marks `bitsByWord` holds of a word above its classes' bits (`classBit`, one a class):
 * its facts are known, it starts a name (a cue), it goes on a name (a cue), it is never in a
 * name (one of its keys a not-name or a stop word), read bare it names a place only where a
 * locative word locates it (`Gazetteer.needsLocative`); then its forms (`FIRST_FORM`). They
 * must stay below 1 << 32: `bitsByWord` is a Uint32Array.
 */
const MARK_SHIFT = Object.keys(WORD_CLASS_FIELDS).length;
const FIRST_MARK = 1 << MARK_SHIFT;
const KNOWN_WORD = FIRST_MARK;
const STARTS_NAME = FIRST_MARK << 1;
const STARTS_CUE = FIRST_MARK << 2;
/** The word is a later word of some name (of some cue): a name (cue) before it may go on through it. */
const GOES_ON_NAME = FIRST_MARK << 3;
const GOES_ON_CUE = FIRST_MARK << 4;
/** One of the word's keys is never part of a place's name (cues.json's not_names, stop_words). */
const NOT_NAME = FIRST_MARK << 5;
/** The word alone is a place name or a cue: not only the first word of longer ones. */
const NAMES_ALONE = FIRST_MARK << 6;
/**
 * Read bare, the word names a place only where a locative word locates it (`needsLocative`):
 * known of a word with its forms (its article), so only `factsOfWord` sets it.
 */
const NEEDS_LOCATIVE = FIRST_MARK << 7;
/** A place name or a cue word may start with the word. */
const STARTS_PLACE = STARTS_NAME | STARTS_CUE;
/** A name or a cue may go on through the word. */
const GOES_ON_PLACE = GOES_ON_NAME | GOES_ON_CUE;
/** The word's forms (`formBits`), from this bit up: read off how it is written, not its keys. */
const FIRST_FORM = FIRST_MARK << 8;
/**
 * As `NEEDS_LOCATIVE`, of a word that also opens longer names («الأسد», «عبد»…): it names a
 * place only where a locative word locates it when the word after it goes on none of them
 * (`Gazetteer.needsLocative`). Above the forms' bits (FORM_COUNT), in `bitsByWord` alone: the marks'
 * byte is full, and it is asked only at a start, where `nameAt` would read the word's record.
 */
const NEEDS_LOCATIVE_ALONE = FIRST_FORM << FORM_COUNT;

/**
 * A word's marks alone (`KNOWN_WORD` to `NEEDS_LOCATIVE`), shifted down past its classes'
 * bits: eight bits, one byte a word (`marksByWord`). The scan over every word of a report and the
 * first step of every walk ask only these, read from an array a quarter the size of
 * `bitsByWord`, where a report's words, far apart by number, were read from lines of their
 * own in the larger array (most, by the time places are read, no longer in the cache).
 * The byte is full: a ninth mark needs a wider `marksByWord`.
 */
const marksOf = (bits: number): number => (bits >>> MARK_SHIFT) & 0xff;
const MARKED_STARTS_NAME = STARTS_NAME >>> MARK_SHIFT;
const MARKED_STARTS_CUE = STARTS_CUE >>> MARK_SHIFT;
const MARKED_GOES_ON_NAME = GOES_ON_NAME >>> MARK_SHIFT;
const MARKED_GOES_ON_CUE = GOES_ON_CUE >>> MARK_SHIFT;
const MARKED_NOT_NAME = NOT_NAME >>> MARK_SHIFT;
const MARKED_NAMES_ALONE = NAMES_ALONE >>> MARK_SHIFT;
const MARKED_NEEDS_LOCATIVE = NEEDS_LOCATIVE >>> MARK_SHIFT;
const MARKED_STARTS_PLACE = STARTS_PLACE >>> MARK_SHIFT;
const MARKED_GOES_ON_PLACE = GOES_ON_PLACE >>> MARK_SHIFT;

/** A word a phrase of the index starts with. */
const startsAny = <V>(starts: PhraseStarts<V>): boolean =>
  starts.oneWord !== null || starts.deeper.length > 0;

/** A word's facts as `bitsByWord` holds them. */
const bitsOf = (facts: WordFacts): number =>
  KNOWN_WORD |
  facts.bits |
  (startsAny(facts.names) ? STARTS_NAME : 0) |
  (startsAny(facts.cues) ? STARTS_CUE : 0) |
  (facts.nameAlone !== null || facts.cueAlone !== null ? NAMES_ALONE : 0);

/** Classes and forms of words (`WordClass`, `WordForm`) asked of a word at once (`Gazetteer.isAnyOf`). */
export type WordSigns = number;

/** The classes and forms a rule asks of a word, to ask them at once (`Gazetteer.isAnyOf`). */
export function wordSigns(classes: readonly WordClass[], forms: readonly WordForm[]): WordSigns {
  let signs = 0;
  for (const cls of classes) signs |= classBit(cls);
  for (const form of forms) signs |= formBit(form) * FIRST_FORM;
  return signs;
}

/** Whether a word written so spells its word with the article (`articleOf` in mentions.ts), by its forms. */
function articleOfForms(forms: number): boolean | null {
  if ((forms & formBit('withArticle')) !== 0) return true;
  return (forms & formBit('noProclitic')) !== 0 ? null : false;
}

/**
 * Whether a word, read bare, names a place only where a locative word locates it
 * (`Gazetteer.needsLocative`): it starts no cue, it opens longer names or not (`longer`), and
 * of the names it alone spells, read bare and with its article as written (`forms`), none
 * counts bare (`NameReading.prominent`).
 */
function needsLocative(facts: WordFacts, forms: number, longer: boolean): boolean {
  const names = facts.nameAlone;
  if (names === null || startsAny(facts.cues) || facts.names.deeper.length > 0 !== longer)
    return false;
  const reading = readNames(names, false, articleOfForms(forms), facts.nameReadings);
  return reading.usable === 0 || !reading.prominent;
}

/** Spellings whose loose matches are kept for the next report that asks. */
const MAX_NEARBY = 20_000;

/** Names shorter than this are not matched loosely: four-letter names one letter off are other words. */
const MIN_LOOSE_NAME = 4;

/** No names: what a spelling too short to read loosely is one letter off. */
const NO_NAMES: readonly PlaceName[] = [];

export interface GazetteerOptions {
  /** The shipped places file by default. */
  readonly placesFile?: string;
  /** User places files: their places come first and win over shipped ones of the same id. */
  readonly userPlacesFiles?: readonly string[];
  readonly cuesFile?: string;
}

/** Places in user files replace shipped places with the same id, and add the rest. */
function mergePlaces(shipped: readonly Place[], user: readonly Place[]): Place[] {
  const userIds = new Set(user.map((p) => p.id));
  return [...user, ...shipped.filter((p) => !userIds.has(p.id))];
}

/**
 * A user place that names only its parent («دوار النعيم» in the community of
 * Raqqa) takes the admin hierarchy of that parent.
 */
export function withParentHierarchy(place: Place, parent: Place | undefined): Place {
  if (parent === undefined || place.admin1Pcode !== '') return place;
  const level = { governorate: 1, district: 2, subdistrict: 3 } as const;
  const depth =
    parent.kind === 'governorate' || parent.kind === 'district' || parent.kind === 'subdistrict'
      ? level[parent.kind]
      : 3;
  return {
    ...place,
    admin1Pcode: parent.admin1Pcode,
    admin1: parent.admin1,
    admin2Pcode: depth >= 2 ? parent.admin2Pcode : '',
    admin2: depth >= 2 ? parent.admin2 : '',
    admin3Pcode: depth >= 3 ? parent.admin3Pcode : '',
    admin3: depth >= 3 ? parent.admin3 : '',
  };
}

const MAX_PARENT_DEPTH = 4;

/** The user's own places in their data folder, which take precedence over the shipped gazetteer. */
export function userPlacesFile(dataDir: string): string {
  return join(dataDir, 'places.tsv');
}

/** Reads places files in order, each the user's; a file that is not there yet is skipped. */
function readUserPlaces(files: readonly string[]): Place[] {
  return files
    .filter((file) => existsSync(file))
    .flatMap((file) => parsePlaces(readFileSync(file, 'utf8'), file))
    .map((place) => ({ ...place, user: true }));
}

/**
 * The shipped places with the user's own on top (theirs win), each with its
 * admin hierarchy: the table alone, without the name index reading needs.
 */
export function loadPlaces(options: GazetteerOptions = {}): Place[] {
  const placesFile = options.placesFile ?? join(shippedDataDir(), 'gazetteer', 'places.tsv');
  const shipped = parsePlaces(readFileSync(placesFile, 'utf8'), placesFile);
  const places = mergePlaces(shipped, readUserPlaces(options.userPlacesFiles ?? []));
  const byId = new Map(places.map((p) => [p.id, p]));
  // A user place may lie in another user place («حاجز» at «دوار»): a few rounds settle the chain.
  for (let round = 0; round < MAX_PARENT_DEPTH; round++) {
    places.forEach((p, k) => {
      if (p.parent === undefined || p.admin1Pcode !== '') return;
      const filled = withParentHierarchy(p, byId.get(p.parent));
      places[k] = filled;
      byId.set(p.id, filled);
    });
  }
  const orphan = places.find((p) => p.admin1Pcode === '');
  if (orphan !== undefined) {
    throw new PlacesFileError(
      `place ${orphan.id} («${orphan.nameAr}»): parent ${orphan.parent ?? ''} is not in the gazetteer`,
    );
  }
  return places;
}

/**
 * A gazetteer's tables once built, as plain data: what `gazetteerFromData`
 * answers from, and what a knowledge cache stores instead of building them
 * again at each start.
 */
export interface GazetteerData {
  readonly places: readonly Place[];
  readonly names: PhraseIndexData<PlaceName>;
  readonly cues: PhraseIndexData<PlaceCue>;
  readonly notNames: ReadonlySet<string>;
  readonly stop: ReadonlySet<string>;
  readonly anaphors: ReadonlyMap<string, Anaphor>;
  /**
   * Full names that are not common words, each with its key (side by side: a pair
   * apiece was thousands of lists for a cache to read back): the loose-spelling
   * index is built from them.
   */
  readonly exact: { readonly keys: readonly string[]; readonly names: readonly PlaceName[] };
  /** What the tables say of each key, worked out once with them (`keyTablesOf`). */
  readonly keyTables: KeyTables;
}

/**
 * What the tables say of each key, read at every word of a report: worked out
 * when the tables are built and stored with them, as it walks the whole trie
 * of names: the gazetteer's tables took 22 ms to make at each start of a
 * command, 9 ms with these read back from the cache (a fresh process, load ~3).
 */
export interface KeyTables {
  /** Each key's classes as bits, and whether it goes on a name or a cue past its first word or is never in a name. */
  readonly bits: ReadonlyMap<string, number>;
  /**
   * The keys a name or a cue starts with that are no word (a number, a mark): a few,
   * asked at every mark and number of a report, where the table of all the first keys,
   * thousands of words, was looked up.
   */
  readonly nameMarks: ReadonlySet<string>;
  readonly cueMarks: ReadonlySet<string>;
  /** The same of the keys past a phrase's first: a mark that none of them is ends a walk before it. */
  readonly nameLaterMarks: ReadonlySet<string>;
  readonly cueLaterMarks: ReadonlySet<string>;
}

function keyTablesOf(
  names: PhraseIndex<PlaceName>,
  cues: PhraseIndex<PlaceCue>,
  classes: ReadonlyMap<WordClass, ReadonlySet<string>>,
  neverInNames: readonly string[],
): KeyTables {
  const nameLaterKeys = names.laterKeys();
  const cueLaterKeys = cues.laterKeys();
  const marks = (keys: Iterable<string>): Set<string> =>
    new Set([...keys].filter((key) => !startsWord(key)));
  const bits = new Map<string, number>();
  const mark = (keys: Iterable<string>, bit: number): void => {
    for (const key of keys) bits.set(key, (bits.get(key) ?? 0) | bit);
  };
  for (const [cls, words] of classes) mark(words, classBit(cls));
  // The keys past a phrase's first word: a word that has none ends every walk before it,
  // asked of its bits, where the walk looked each of its keys up in a node's table of the
  // words that follow, far in memory (most words follow no name's start).
  mark(nameLaterKeys, GOES_ON_NAME);
  mark(cueLaterKeys, GOES_ON_CUE);
  // Words never in a name: asked of the words after a settlement word.
  mark(neverInNames, NOT_NAME);
  return {
    bits,
    nameMarks: marks(names.firstKeys()),
    cueMarks: marks(cues.firstKeys()),
    nameLaterMarks: marks(nameLaterKeys),
    cueLaterMarks: marks(cueLaterKeys),
  };
}

/** What makes two names of one trie node one name: cheaper than the JSON of the whole place. */
const nameIdentity = (n: PlaceName): string =>
  `${n.place.id}|${String(n.common)}|${String(n.partial)}|${String(n.article)}`;

/**
 * Loads the gazetteer: the shipped places, the user's own places (which take
 * precedence) and the cue words around place names.
 */
export function loadGazetteer(options: GazetteerOptions = {}): Gazetteer {
  return gazetteerFromData(buildGazetteer(options));
}

/** Reads the places and cue files and builds the gazetteer's tables from them. */
export function buildGazetteer(options: GazetteerOptions = {}): GazetteerData {
  const dir = join(shippedDataDir(), 'gazetteer');
  const places = loadPlaces(options);
  const cuesFile = options.cuesFile ?? join(dir, 'cues.json');
  const cueData = readDataFile(cuesFile, cuesFileSchema(lateZod()));
  const cues = new PhraseIndex<PlaceCue>();
  const addCues = (forms: readonly string[], cue: PlaceCue): void => {
    for (const form of forms) cues.add(form, cue);
  };
  addCues(cueData.settlements, { kind: 'settlement' });
  addCues(cueData.neighbourhoods, { kind: 'settlement', neighbourhood: true });
  addCues(cueData.settlement_pairs, { kind: 'pair' });
  addCues(cueData.facilities, { kind: 'facility' });
  addCues(cueData.near, { kind: 'near' });
  addCues(cueData.compass, { kind: 'compass' });
  addCues(cueData.inside, { kind: 'inside' });
  addCues(cueData.regions, { kind: 'region' });
  addCues(cueData.admin.governorate, { kind: 'admin', level: 'governorate' });
  addCues(cueData.admin.district, { kind: 'admin', level: 'district' });
  addCues(cueData.admin.subdistrict, { kind: 'admin', level: 'subdistrict' });
  addCues(cueData.directions, { kind: 'direction' });
  const common = new Set(cueData.common_words.map((w) => phraseKeys(w).join(' ')));
  const qualifiers = new Set(cueData.name_qualifiers.flatMap((w) => phraseKeys(w)));
  const joinedHeads = new Set(cueData.joined_heads.flatMap((w) => phraseKeys(w)));
  const stop = new Set(cueData.stop_words.map((w) => phraseKeys(w).join(' ')));
  const notNames = new Set(cueData.not_names.flatMap((w) => phraseKeys(w)));
  const cityAnaphors = new Set(cueData.city_anaphors.flatMap((w) => phraseKeys(w)));
  const anaphors = new Map(
    Object.entries(cueData.anaphors).flatMap(([word, kinds]) => {
      const points = new Set(kinds.flatMap((k) => phraseKeys(k)));
      return phraseKeys(word).map(
        (key) => [key, { kinds: points, city: cityAnaphors.has(key) }] as const,
      );
    }),
  );
  const classes = new Map<WordClass, ReadonlySet<string>>(
    Object.entries(WORD_CLASS_FIELDS).map(([cls, field]) => [
      cls as WordClass,
      new Set(cueData[field].flatMap((w) => phraseKeys(w))),
    ]),
  );

  const names = new PhraseIndex<PlaceName>(nameIdentity);
  const exact = { keys: [] as string[], names: [] as PlaceName[] };
  for (const place of places) {
    const spellings = new Set([place.nameAr, ...place.variants].filter((s) => s !== ''));
    for (const spelling of spellings) {
      const keys = phraseKeys(spelling);
      const joined = joinedSpelling(keys, joinedHeads);
      if (joined !== null && !stop.has(joined))
        names.addKeys([joined], { place, common: common.has(joined), article: false });
      const key = keys.join(' ');
      if (stop.has(key)) continue;
      const name = { place, common: common.has(key), article: /^[أاإآ]ل/.test(spelling) };
      names.addKeys(keys, name);
      if (!name.common) {
        exact.keys.push(key);
        exact.names.push(name);
      }
      // «معضمية الشام» is «المعضمية» in most reports: the head word alone, as a weaker name.
      const head = keys[0];
      if (
        keys.length === 2 &&
        head !== undefined &&
        qualifiers.has(keys[1] ?? '') &&
        head.length >= 4 &&
        !stop.has(head)
      ) {
        names.addKeys([head], {
          place,
          common: common.has(head),
          partial: true,
          article: /^[أاإآ]ل/.test(spelling),
        });
      }
    }
  }

  return {
    places,
    names: names.toData(),
    cues: cues.toData(),
    notNames,
    stop,
    anaphors,
    exact,
    keyTables: keyTablesOf(names, cues, classes, [...notNames, ...stop]),
  };
}

/** The gazetteer that answers from built tables (`buildGazetteer`, or a cache of them). */
export function gazetteerFromData(data: GazetteerData): Gazetteer {
  const { places, notNames, stop, anaphors, exact } = data;
  // Read back from a cache, each place's kind and codes are strings of its own: shared again.
  for (const place of places) shareStrings(place);
  const byId = new Map(places.map((p) => [p.id, p]));
  const names = PhraseIndex.fromData(data.names, nameIdentity);
  const cues = PhraseIndex.fromData(data.cues);
  // Built on first use: most reports name only places the gazetteer spells as they do.
  let spellings: SpellingIndex<PlaceName> | null = null;
  // The names one letter off each spelling asked about: the words after a settlement word
  // that are no listed name recur from report to report, and each costs its deletions.
  const nearby = new Map<string, readonly PlaceName[]>();
  const { bits: keyBits, nameMarks, cueMarks, nameLaterMarks, cueLaterMarks } = data.keyTables;
  const otherStarts = new Set([...nameMarks, ...cueMarks]);
  // Their first letters (one, a digit, in the shipped tables): the scan passes a mark or a
  // number that opens with none of them without hashing its text to look it up.
  const otherFirsts = firstLettersOf(otherStarts);
  // A word's keys are one array for every token of it: what the gazetteer knows of the
  // word is worked out once and kept with it, where each question asked every key again.
  const wordFacts = new WeakMap<readonly string[], WordFacts>();
  const stops = new StopPairs();
  const factsOf = (keys: readonly string[]): WordFacts => {
    let facts = wordFacts.get(keys);
    if (facts === undefined) {
      let bits = 0;
      for (const key of keys) bits |= keyBits.get(key) ?? 0;
      const nameStarts = names.startNodes(keys);
      const cueStarts = cues.startNodes(keys);
      facts = {
        bits,
        names: nameStarts,
        cues: cueStarts,
        nameAlone: nameStarts.oneWord,
        cueAlone: cueStarts.oneWord,
        nameReadings: nameStarts.oneWord === null ? undefined : readingsOf(nameStarts.oneWord),
        anaphor: anaphorOfKeys(anaphors, keys),
        endsBefore: -1,
        goesOnThrough: -1,
      };
      wordFacts.set(keys, facts);
    }
    return facts;
  };
  // The same, by the word's number (Token.wordNumber) from `firstWord` on: an array read at every
  // token of a report, where the table was looked up (a look-up far into memory that the
  // report's earlier steps had left for other tables). A long run that reads ever new words
  // starts the array again (`MAX_WORDS_KEPT`, `firstKeptFrom`); words numbered before its new
  // first ask the table.
  let firstWord = 0;
  let byWord: (WordFacts | undefined)[] = [];
  // Each word of `byWord` as bits by the same number (0 while not known; else `bitsOf`, and
  // its forms from `FIRST_FORM` up): the classes and forms asked around each place read them,
  // where they read the word's record, one load further into memory.
  const bitsByWord = new Uint32Array(MAX_WORDS_KEPT);
  // Their marks alone, by the same number (`marksOf`; 0 while not known).
  const marksByWord = new Uint8Array(MAX_WORDS_KEPT);
  const factsOfWord = (token: Token): WordFacts => {
    const at = token.wordNumber - firstWord;
    if (at < 0) return factsOf(token.keys);
    const known = byWord[at];
    if (known !== undefined) return known;
    if (at >= MAX_WORDS_KEPT) {
      firstWord = firstKeptFrom(token.wordNumber);
      byWord = [];
      bitsByWord.fill(0);
      marksByWord.fill(0);
      return factsOfWord(token);
    }
    while (byWord.length < at) byWord.push(undefined);
    const facts = factsOf(token.keys);
    byWord[at] = facts;
    const forms = formBits(token);
    const bits = bitsOf(facts) | (needsLocative(facts, forms, false) ? NEEDS_LOCATIVE : 0);
    const alone = needsLocative(facts, forms, true) ? NEEDS_LOCATIVE_ALONE : 0;
    bitsByWord[at] = bits | (forms * FIRST_FORM) | alone;
    marksByWord[at] = marksOf(bits);
    return facts;
  };
  // nextPlaceStart reads the same slot written out, not through this call (see there).
  const bitsOfWord = (token: Token): number => {
    const at = token.wordNumber - firstWord;
    const known = at >= 0 && at < MAX_WORDS_KEPT ? (bitsByWord[at] ?? 0) : 0;
    return known !== 0 ? known : bitsOf(factsOfWord(token)) | (formBits(token) * FIRST_FORM);
  };
  // A word's marks (`marksOf`), as `bitsOfWord` its bits; nextPlaceStart reads them written out.
  const marksOfWord = (token: Token): number => {
    const at = token.wordNumber - firstWord;
    const known = at >= 0 && at < MAX_WORDS_KEPT ? (marksByWord[at] ?? 0) : 0;
    return known !== 0 ? known : marksOf(bitsOf(factsOfWord(token)));
  };
  // Whether a phrase may go on through this token: a word by its mark (`wordMark`, one of
  // `MARKED_GOES_ON_NAME` and `MARKED_GOES_ON_CUE`), a punctuation mark or a number by its
  // text, among the `laterTexts` of the phrases (`nameLaterMarks`, `cueLaterMarks`).
  const goesOn = (
    token: Token | undefined,
    wordMark: number,
    laterTexts: ReadonlySet<string>,
  ): boolean =>
    token !== undefined &&
    (token.kind === 'word' ? (marksOfWord(token) & wordMark) !== 0 : laterTexts.has(token.text));
  // Whether a name or a cue may go on through this token: `goesOn` for either.
  const goesOnPlace = (token: Token | undefined): boolean =>
    token !== undefined &&
    (token.kind === 'word'
      ? (marksOfWord(token) & MARKED_GOES_ON_PLACE) !== 0
      : nameLaterMarks.has(token.text) || cueLaterMarks.has(token.text));
  const mayStartPlace = (token: Token | undefined): boolean => {
    if (token === undefined) return false;
    if (token.kind !== 'word') return otherStarts.has(token.text);
    return (marksOfWord(token) & MARKED_STARTS_PLACE) !== 0;
  };
  return {
    places,
    names,
    cues,
    byId: (id) => byId.get(id),
    mayStartPlace,
    needsLocative: (token, next) => {
      if (token.kind !== 'word') return false;
      const at = token.wordNumber - firstWord;
      const kept = at >= 0 && at < MAX_WORDS_KEPT;
      const known = kept ? (marksByWord[at] ?? 0) : 0;
      if (known !== 0) {
        if ((known & MARKED_NEEDS_LOCATIVE) !== 0) return true;
        // Only a word that is a name alone and opens no cue may be the other kind.
        if ((known & (MARKED_NAMES_ALONE | MARKED_STARTS_CUE)) !== MARKED_NAMES_ALONE) return false;
        if (((bitsByWord[at] ?? 0) & NEEDS_LOCATIVE_ALONE) === 0) return false;
      } else {
        const facts = factsOfWord(token);
        const forms = formBits(token);
        if (needsLocative(facts, forms, false)) return true;
        if (!needsLocative(facts, forms, true)) return false;
      }
      // Its longer names: none where `nameAt` finds the word alone, the same test.
      return (
        next === undefined ||
        !goesOn(next, MARKED_GOES_ON_NAME, nameLaterMarks) ||
        stops.namesEndBefore(factsOfWord(token), token.wordNumber, next)
      );
    },
    // One call for a sentence's run of words that start nothing, where a call per word asked.
    // A word's marks are read here, not asked of `marksOfWord`: the scan passes every word of a
    // report, and a call for each was most of its cost. A word that only opens longer names
    // or cues («دير» of «دير الزور»), followed by one that goes on none, starts nothing
    // either: passed here, where `nameAt` and `cueAt` each loaded its record to say so.
    nextPlaceStart: (tokens, from, to) => {
      for (let i = from; i < to; i++) {
        const token = tokens[i];
        if (token === undefined) continue;
        if (token.kind !== 'word') {
          // Compared inline: one char-code test per listed first letter, not a Set look-up per mark.
          const first = token.text.charCodeAt(0);
          for (let k = 0; k < otherFirsts.length; k++)
            if (otherFirsts[k] === first && otherStarts.has(token.text)) return i;
          continue;
        }
        const at = token.wordNumber - firstWord;
        const known = at >= 0 && at < MAX_WORDS_KEPT ? (marksByWord[at] ?? 0) : 0;
        const marks = known !== 0 ? known : marksOf(bitsOf(factsOfWord(token)));
        if ((marks & MARKED_STARTS_PLACE) === 0) continue;
        if ((marks & MARKED_NAMES_ALONE) !== 0 || (i + 1 < to && goesOnPlace(tokens[i + 1])))
          return i;
      }
      return to;
    },
    // A word that starts no name (or no cue) is answered by its bits, read by its number,
    // without loading its record and trie nodes: many words asked start no name, most no cue.
    // A mark or a number that starts no phrase is answered by a small set, where the walk
    // looked it up in the root's table of every first word, far in memory.
    nameAt: (tokens, start, end = tokens.length) => {
      const token = start < end ? tokens[start] : undefined;
      if (token === undefined) return null;
      if (token.kind !== 'word')
        return nameMarks.has(token.text) ? names.longestAt(tokens, start, end) : null;
      if ((marksOfWord(token) & MARKED_STARTS_NAME) === 0) return null;
      const facts = factsOfWord(token);
      const next = start + 1 < end ? tokens[start + 1] : undefined;
      // Most names end at their first word: its record answers, with the name's readings.
      if (
        next === undefined ||
        !goesOn(next, MARKED_GOES_ON_NAME, nameLaterMarks) ||
        stops.namesEndBefore(facts, token.wordNumber, next)
      )
        return facts.nameAlone === null
          ? null
          : { start, end: start + 1, values: facts.nameAlone, readings: facts.nameReadings };
      return names.longestFrom(facts.names, tokens, start, end);
    },
    cueAt: (tokens, start, end = tokens.length) => {
      const token = start < end ? tokens[start] : undefined;
      if (token === undefined) return null;
      if (token.kind !== 'word')
        return cueMarks.has(token.text) ? cues.longestAt(tokens, start, end) : null;
      if ((marksOfWord(token) & MARKED_STARTS_CUE) === 0) return null;
      const facts = factsOfWord(token);
      if (!(start + 1 < end && goesOn(tokens[start + 1], MARKED_GOES_ON_CUE, cueLaterMarks)))
        return alone(facts.cueAlone, start);
      return cues.longestFrom(facts.cues, tokens, start, end);
    },
    notAName: (token) =>
      token.kind === 'word'
        ? (marksOfWord(token) & MARKED_NOT_NAME) !== 0
        : token.keys.some((key) => notNames.has(key) || stop.has(key)),
    isA: (token, cls) => token?.kind === 'word' && (bitsOfWord(token) & classBit(cls)) !== 0,
    // A mark or a number is asked each time: its forms are few, and it has no word's number.
    hasForm: (token, form) =>
      token !== undefined &&
      (token.kind === 'word'
        ? (bitsOfWord(token) & (formBit(form) * FIRST_FORM)) !== 0
        : (formBit(form) & WORD_ONLY_FORMS) === 0 && (formBits(token) & formBit(form)) !== 0),
    isAnyOf: (token, signs) => token?.kind === 'word' && (bitsOfWord(token) & signs) !== 0,
    anaphorOf: (token) => (token?.kind === 'word' ? factsOfWord(token).anaphor : null),
    nearSpellings: (key) => {
      // Too short a spelling is read one letter off no name: answered without the table's look-up.
      if (!readLoosely(key, MIN_LOOSE_NAME)) return NO_NAMES;
      const known = nearby.get(key);
      if (known !== undefined) return known;
      spellings ??= new SpellingIndex(
        exact.names.map((name, i) => [exact.keys[i] ?? '', name] as const),
        MIN_LOOSE_NAME,
      );
      const names = spellings.near(key).map((hit) => hit.value);
      // Emptied rather than left to grow when a long run meets ever new words.
      if (nearby.size >= MAX_NEARBY) nearby.clear();
      nearby.set(key, names);
      return names;
    },
  };
}

/** The first letters of some texts (as char codes), each once. */
function firstLettersOf(texts: Iterable<string>): number[] {
  const firsts: number[] = [];
  for (const text of texts) {
    const first = text.charCodeAt(0);
    if (!firsts.includes(first)) firsts.push(first);
  }
  return firsts;
}

/** What the first of a word's keys that points back points back to (`Gazetteer.anaphorOf`). */
function anaphorOfKeys(
  anaphors: ReadonlyMap<string, Anaphor>,
  keys: readonly string[],
): Anaphor | null {
  for (let k = 0; k < keys.length; k++) {
    const points = anaphors.get(keys[k] ?? '');
    if (points !== undefined) return points;
  }
  return null;
}

/** The match of a word alone at token `start`, when it matches a phrase of one word. */
function alone<V>(values: readonly V[] | null, start: number): PhraseMatch<V> | null {
  return values === null ? null : { start, end: start + 1, values };
}

/** «كفر نبل» → «كفرنبل»: a two-word name whose head reports write joined to the next word. */
function joinedSpelling(keys: readonly string[], heads: ReadonlySet<string>): string | null {
  const [head, rest] = keys;
  return keys.length === 2 && head !== undefined && rest !== undefined && heads.has(head)
    ? `${head}${rest}`
    : null;
}
