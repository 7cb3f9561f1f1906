import type { GeoPrecision } from '../contracts/index.js';
import type { Gazetteer } from './gazetteer.js';
import type { AdminLevel, PlaceMention } from './mentions.js';
import type { Place } from './places.js';
import type { Spots } from './spots.js';

/**
 * Admin p-codes, each once: a sentence names a few, and a list of them (a mention's own
 * when it is the sentence's only one) is asked by comparing the codes, one string each
 * (`shared` in places.ts), where a set was made for each sentence and every code hashed into it.
 */
export type Areas = readonly string[];

/**
 * What the rest of the report says about where things are: governorates and
 * districts it names (in this sentence and anywhere), and places it already resolved.
 */
export interface PlaceContext {
  readonly sentenceAdmin: Areas;
  /** The sentence's areas less those named where its speaker is («مصادر محلية في مدينة إدلب»). */
  readonly sentenceActAdmin?: Areas;
  /** Every area the report names, each once: a report names a few, asked by comparing codes. */
  readonly documentAdmin: Areas;
  /** The governorates the report places acts in: those it names, less where people came from or were taken. */
  readonly reportGovernorates?: Areas;
  /** The spots of the places the report resolved already (only distances to them count). */
  readonly resolved: Spots;
}

/**
 * What settled a name shared by several places: the only one of its kind, the
 * user's own place, an area named in the sentence or elsewhere in the report,
 * the cue word («حي» before a neighbourhood), nearness to the report's other
 * places, or rank (city before village).
 */
export type ResolutionBasis = 'only' | 'user' | 'sentence' | 'cue' | 'report' | 'nearby' | 'rank';

export interface ResolvedPlace {
  readonly place: Place;
  readonly precision: GeoPrecision;
  /** The other places the name could have meant, best first. */
  readonly alternatives: readonly Place[];
  readonly basis: ResolutionBasis;
  readonly mention: PlaceMention;
  /** «بين داعل وطفس», «طريق كحيل - السهوة»: the act was between `place` and this one. */
  readonly along?: Place;
  /**
   * How a place was found when its own name did not give it: a word pointing
   * back («في البلدة»), a quarter the gazetteer lacks placed at its city, two towns
   * the act was between.
   */
  readonly derived?: 'anaphor' | 'quarter' | 'between';
}

/** No field changed: what `placed` copies a place with by default. */
const AS_IT_IS: Partial<ResolvedPlace> = {};

/**
 * A resolved place with every field in one order, those it lacks undefined, some changed
 * (`changes`; one left undefined there keeps the place's): places resolved, then marked
 * (between two towns, pointing back, a quarter at its city, a governorate for its seat) share
 * one shape, and the stages after read their fields quickly. An object spread made a shape
 * of its own where each was written: six shapes of a report's places, measured, and every
 * stage that read them went down V8's slow path for all.
 */
export function placed(
  r: ResolvedPlace,
  changes: Partial<ResolvedPlace> = AS_IT_IS,
): ResolvedPlace {
  return {
    place: changes.place ?? r.place,
    precision: changes.precision ?? r.precision,
    alternatives: changes.alternatives ?? r.alternatives,
    basis: changes.basis ?? r.basis,
    mention: changes.mention ?? r.mention,
    along: changes.along ?? r.along,
    derived: changes.derived ?? r.derived,
  };
}

/** No areas: one list for every mention that vouches for none. */
export const NO_CODES: readonly string[] = [];

/**
 * What a list of candidates gives whatever else the report says, each part worked out
 * when first asked: a list is one array for every mention of a name read alike
 * (`readNames`), and a report names the same towns again and again, each time
 * reading every candidate, far in memory (a place's record is cold by the time
 * places are read), to the same end.
 */
export interface ListFacts {
  /** The codes the list vouches for, named bare and after a word of region («ريف»). */
  readonly codes: (readonly string[] | undefined)[];
  /**
   * The slot (`fittingSlot`) last asked, -1 before any, with its fitting places and other
   * readings, as fields of this record: most lists are read at one slot (a name is most
   * often told with the same cue words), and read so they are one load, where the slots'
   * lists below lay apart from the record, two loads further into memory at every name.
   */
  slot: number;
  slotFitting: readonly Place[] | undefined;
  slotOthers: readonly Place[] | undefined;
  /** The places of the kind that stands first, by `fittingSlot`: what `ofBestKind` gives. */
  readonly fitting: (readonly Place[] | undefined)[];
  /** By the same slot, when one place is of that kind: the list's other readings of it. */
  readonly others: (readonly Place[] | undefined)[];
}

/** Facts of a list, none worked out yet: made with the list (`readNames`), or when first asked. */
export function noListFacts(): ListFacts {
  return {
    codes: [undefined, undefined],
    slot: -1,
    slotFitting: undefined,
    slotOthers: undefined,
    fitting: [],
    others: [],
  };
}

const factsByCandidates = new WeakMap<readonly Place[], ListFacts>();

/**
 * The facts kept of a mention's candidates: those made with the list and carried by the
 * mention (`PlaceMention.facts`), else those of a table by list, made empty when first
 * asked. Carried, they are one load away, where the table's look-up hashed the list and
 * probed a table far in memory at each of a report's names.
 */
function listFacts(mention: PlaceMention): ListFacts {
  const carried = mention.facts;
  if (carried !== undefined) return carried;
  let facts = factsByCandidates.get(mention.candidates);
  if (facts === undefined) {
    facts = noListFacts();
    factsByCandidates.set(mention.candidates, facts);
  }
  return facts;
}

/**
 * The admin p-codes a mention vouches for: the governorate and district of a city or area it
 * names. Those it carries (`PlaceMention.areas`), else worked out from its candidates. Read-only.
 */
export function adminCodesOf(mention: PlaceMention): readonly string[] {
  const carried = mention.areas;
  if (carried !== undefined) return carried;
  // «حي الثورة»: a name that is an ordinary word vouches for no area, not even its own.
  if (mention.common === true || mention.candidates.length === 0) return NO_CODES;
  return codesOfList(listFacts(mention), mention.candidates, mention.relation === 'region');
}

/** The codes a list vouches for (`vouchedFor`), kept in its facts. */
export function codesOfList(
  facts: ListFacts,
  candidates: readonly Place[],
  region: boolean,
): readonly string[] {
  const known = facts.codes;
  const slot = region ? 1 : 0;
  let codes = known[slot];
  if (codes === undefined) {
    codes = vouchedFor(candidates, region);
    known[slot] = codes;
  }
  return codes;
}

/**
 * Each code once, in the order first met: the lists they are added to keep them so, and
 * «حلب» (a governorate, its district and its city) gave one code three times to add at
 * every mention of it.
 */
function vouchedFor(candidates: readonly Place[], region: boolean): readonly string[] {
  const codes: string[] = [];
  const add = (code: string): void => {
    if (!codes.includes(code)) codes.push(code);
  };
  for (const place of candidates) {
    if (place.kind === 'governorate' || place.kind === 'district' || place.rank <= 2 || region) {
      add(place.admin1Pcode);
      if (place.kind !== 'governorate' && place.admin2Pcode !== '') add(place.admin2Pcode);
    }
  }
  return codes.length === 0 ? NO_CODES : codes;
}

/** Within this of a place the report placed, a candidate is near it; within `NEARBY_KM`, in its area. */
const NEARBY_KM = 100;

/** A user's own place wins over a shipped one of the same name unless the sentence names another area. */
const USER_PLACE_BONUS = 60;

/** «حي جوبر»: the cue word's kind of place, over a village of that name elsewhere, unless the sentence says. */
const CUE_KIND_BONUS = 25;

/**
 * A place of a pool with the parts of its score, biggest first (the first that differs between
 * two places decided), and their sum: what it is ranked by and what its basis is read from.
 * The parts are fields of this one record, where a record of parts was made beside it for
 * every candidate of every name of several places.
 */
interface Scored extends Readonly<Record<Exclude<ResolutionBasis, 'only'>, number>> {
  readonly place: Place;
  readonly score: number;
}

/**
 * A place's score, its parts worked out once and summed named one by one: a loop over the
 * names read every part by a name that changed at each turn, down V8's slowest path.
 */
function scored(place: Place, context: PlaceContext, cueKind: Place['kind'] | null): Scored {
  const nearest = context.resolved.nearest(place, NEARBY_KM);
  const sentence =
    (context.sentenceAdmin.includes(place.admin1Pcode) ? 100 : 0) +
    (context.sentenceAdmin.includes(place.admin2Pcode) ? 50 : 0);
  const user = place.user === true ? USER_PLACE_BONUS : 0;
  const cue = place.kind === cueKind ? CUE_KIND_BONUS : 0;
  const report =
    (context.documentAdmin.includes(place.admin1Pcode) ? 20 : 0) +
    (context.documentAdmin.includes(place.admin2Pcode) ? 10 : 0);
  const nearby = nearest < NEAR_KM ? 15 : nearest < NEARBY_KM ? 5 : 0;
  const rank = -place.rank * 3;
  return {
    place,
    sentence,
    user,
    cue,
    report,
    nearby,
    rank,
    score: 0 + sentence + user + cue + report + nearby + rank,
  };
}

/** Why the first place was chosen over the second, from the parts of their scores. */
function basisOf(a: Scored, b: Scored): ResolutionBasis {
  if (a.sentence > b.sentence) return 'sentence';
  if (a.user > b.user) return 'user';
  if (a.cue > b.cue) return 'cue';
  if (a.report > b.report) return 'report';
  if (a.nearby > b.nearby) return 'nearby';
  return 'rank';
}

/**
 * Best score first, two of a score as they were: what a stable sort gives, sorted in
 * place by insertion (a pool holds a few places), where the builtin sort made a copy
 * of the list to sort at every name of several places.
 */
function sortByScore(scores: Scored[]): void {
  for (let k = 1; k < scores.length; k++) {
    const item = scores[k] as Scored;
    let at = k;
    for (; at > 0 && (scores[at - 1] as Scored).score < item.score; at--)
      scores[at] = scores[at - 1] as Scored;
    scores[at] = item;
  }
}

/**
 * The places of a pool best first (a stable sort by score), and why the first won over
 * the second: each place scored once, where its parts were worked out again for the basis
 * (each asking the report's spots how near the nearest is).
 */
function rankedByScore(
  fitting: readonly Place[],
  context: PlaceContext,
  cueKind: Place['kind'] | null,
): { ranked: Place[]; basis: ResolutionBasis } {
  const scores: Scored[] = [];
  for (let k = 0; k < fitting.length; k++) {
    const p = fitting[k];
    if (p !== undefined) scores.push(scored(p, context, cueKind));
  }
  sortByScore(scores);
  const ranked: Place[] = [];
  for (let k = 0; k < scores.length; k++) ranked.push((scores[k] as Scored).place);
  const first = scores[0];
  const second = scores[1];
  return {
    ranked,
    basis: first === undefined || second === undefined ? 'only' : basisOf(first, second),
  };
}

/** A quarter or area of a town: in a district the sentence names, or near a place the report placed. */
function inTown(place: Place, context: PlaceContext): boolean {
  return (
    context.sentenceAdmin.includes(place.admin2Pcode) ||
    context.resolved.nearest(place, NEAR_KM) < NEAR_KM
  );
}

/**
 * The places the context lets `test` keep, in order: the list itself (read-only) when it
 * keeps all. A loop, where a callback over the context was made at every weak name.
 */
function placesWhere(
  places: readonly Place[],
  context: PlaceContext,
  test: (place: Place, context: PlaceContext) => boolean,
): readonly Place[] {
  let kept: Place[] | null = null;
  for (let k = 0; k < places.length; k++) {
    const p = places[k];
    if (p === undefined) continue;
    if (test(p, context)) kept?.push(p);
    else kept ??= places.slice(0, k);
  }
  return kept ?? places;
}

function supported(place: Place, context: PlaceContext): boolean {
  return (
    context.sentenceAdmin.includes(place.admin1Pcode) ||
    context.sentenceAdmin.includes(place.admin2Pcode) ||
    context.documentAdmin.includes(place.admin2Pcode) ||
    context.resolved.nearest(place, NEAR_KM) < NEAR_KM
  );
}

/**
 * «على أطراف حي النيرب» in a report about Aleppo, where the gazetteer has only
 * a village النيرب in Idlib: a quarter lies in a city the report has placed, so
 * a village of that name counts only near the report's places. So does a name
 * that is also an ordinary word («منطقة الصناعة»).
 */
function quarterOfReportCity(mention: PlaceMention, context: PlaceContext): boolean {
  // «منطقة الصناعة», «حي الثورة»: an area named by an ordinary word is most often a part of the report's town; «بلدة الجيزة» is a town.
  const area = mention.admin !== null || mention.neighbourhood === true || !mention.settlement;
  if (mention.common === true && area) return true;
  // Most names are no quarter's: the report's places and the sentence's codes are not read for them.
  if (mention.neighbourhood !== true) return false;
  // A town is placed when the report resolved a place or the sentence names a city or district.
  const townPlaced = context.resolved.size > 0 || namesDistrict(context.sentenceAdmin);
  return townPlaced && !mention.candidates.some((p) => p.kind === 'neighbourhood');
}

function namesDistrict(codes: Areas): boolean {
  for (const code of codes) if (code.length > GOVERNORATE_CODE_LENGTH) return true;
  return false;
}

/** OCHA governorate p-codes are «SY» and two digits; longer codes are districts and below. */
export const GOVERNORATE_CODE_LENGTH = 4;

/**
 * «قرية X بريف دير الزور» where the only X the gazetteer knows is in another
 * governorate: that is not the X meant. Cities are spared (a sentence may name
 * several governorates), villages and towns are not. With no governorate in
 * its sentence, those of the report count, unless the village is near a place
 * the report already placed.
 */
function outsideNamedArea(place: Place, context: PlaceContext): boolean {
  if (place.kind !== 'community' || place.rank <= 2) return false;
  // A speaker's place says where the speaker is, not that a village of the act's name lies there.
  const areas = context.sentenceActAdmin ?? context.sentenceAdmin;
  let namesGovernorate = false;
  for (const code of areas) {
    if (code.length !== GOVERNORATE_CODE_LENGTH) continue;
    if (code === place.admin1Pcode) return false;
    namesGovernorate = true;
  }
  if (namesGovernorate) return true;
  // «وقتل مدنيان في قرية البحرة» in a report about Deir ez-Zor: the report's governorates, when the sentence names none.
  const governorates = context.reportGovernorates;
  if (
    governorates === undefined ||
    governorates.length === 0 ||
    governorates.includes(place.admin1Pcode)
  )
    return false;
  return !(context.resolved.nearest(place, NEAR_KM) < NEAR_KM);
}

/** A place this close to one the report already placed is in its area, whatever the governorate. */
const NEAR_KM = 30;

/**
 * Kinds a name can be shared by and a reviewer may want to see as the other reading.
 * Compared, where a set hashed the kind of every other place of a name.
 */
function isLocal(kind: Place['kind']): boolean {
  return kind === 'community' || kind === 'neighbourhood' || kind === 'site';
}

/**
 * Kinds in order, most fitting first: where each kind stands (its first place in the list),
 * past the list for a kind not in it. A field for each kind, read by a switch on the kind,
 * where each place of a pool searched the list for its kind.
 */
type Kinds = Readonly<Record<Place['kind'], number>>;

function kindsInOrder(...kinds: Place['kind'][]): Kinds {
  const at = (kind: Place['kind']): number => {
    const k = kinds.indexOf(kind);
    return k < 0 ? kinds.length : k;
  };
  return {
    governorate: at('governorate'),
    district: at('district'),
    subdistrict: at('subdistrict'),
    community: at('community'),
    neighbourhood: at('neighbourhood'),
    site: at('site'),
  };
}

/** The kinds cue words allow, most fitting first (made once, not for every mention). */
const KINDS: Readonly<Record<KindsName, Kinds>> = {
  // «منطقة X» is a district when X names one, else the area around the town X.
  district: kindsInOrder('district', 'community', 'subdistrict', 'governorate'),
  governorate: kindsInOrder('governorate', 'district', 'subdistrict', 'community', 'governorate'),
  subdistrict: kindsInOrder('subdistrict', 'district', 'subdistrict', 'community', 'governorate'),
  region: kindsInOrder('governorate', 'district', 'community', 'subdistrict'),
  facility: kindsInOrder(
    'site',
    'community',
    'neighbourhood',
    'subdistrict',
    'district',
    'governorate',
  ),
  settlement: kindsInOrder('community', 'neighbourhood', 'site', 'subdistrict', 'district'),
  bare: kindsInOrder(
    'community',
    'neighbourhood',
    'site',
    'governorate',
    'district',
    'subdistrict',
  ),
};

/**
 * Where a place's kind stands among those the cue words allow (after «حي», a
 * neighbourhood as a community), past them all when not among them. A function of
 * its own, where a closure over the kinds was made for every mention resolved.
 */
function kindRank(p: Place, kinds: Kinds, cueKind: Place['kind'] | null): number {
  switch (p.kind === cueKind ? 'community' : p.kind) {
    case 'governorate':
      return kinds.governorate;
    case 'district':
      return kinds.district;
    case 'subdistrict':
      return kinds.subdistrict;
    case 'community':
      return kinds.community;
    case 'neighbourhood':
      return kinds.neighbourhood;
    case 'site':
      return kinds.site;
  }
}

/**
 * The places of a pool whose kind stands first among those the cue words allow: the pool
 * itself (read-only) when all do, no copy made.
 */
function ofBestKind(
  pool: readonly Place[],
  kinds: Kinds,
  cueKind: Place['kind'] | null,
): readonly Place[] {
  let bestKind = Infinity;
  let ofBest = 0;
  for (let k = 0; k < pool.length; k++) {
    const p = pool[k];
    if (p === undefined) continue;
    const rank = kindRank(p, kinds, cueKind);
    if (rank < bestKind) {
      bestKind = rank;
      ofBest = 1;
    } else if (rank === bestKind) ofBest++;
  }
  if (ofBest === pool.length) return pool;
  // A loop, where a callback over the kinds was made.
  const best: Place[] = [];
  for (let k = 0; k < pool.length; k++) {
    const p = pool[k];
    if (p !== undefined && kindRank(p, kinds, cueKind) === bestKind) best.push(p);
  }
  return best;
}

/** The names of the orders of kinds the cue words allow. */
type KindsName = AdminLevel | 'region' | 'facility' | 'settlement' | 'bare';

/** The orders of kinds by number, in step with KINDS: what `preferredKinds` gives. */
const KINDS_NAMES = Object.keys(KINDS) as readonly KindsName[];
const KINDS_BY_NUMBER: readonly Kinds[] = KINDS_NAMES.map((name) => KINDS[name]);

/** The number of an order of kinds (`KINDS_NAMES`). */
const kindsNumber = (name: KindsName): number => KINDS_NAMES.indexOf(name);

const GOVERNORATE_KINDS = kindsNumber('governorate');
const DISTRICT_KINDS = kindsNumber('district');
const SUBDISTRICT_KINDS = kindsNumber('subdistrict');
const REGION_KINDS = kindsNumber('region');
const FACILITY_KINDS = kindsNumber('facility');
const SETTLEMENT_KINDS = kindsNumber('settlement');
const BARE_KINDS = kindsNumber('bare');

/**
 * Which kinds of place the cue words allow, most fitting first: by the number of their order
 * (`KINDS_BY_NUMBER`), where each mention looked its order up by name and then searched the
 * names for its slot (`fittingSlot`).
 */
function preferredKinds(mention: PlaceMention): number {
  switch (mention.admin) {
    case 'governorate':
      return GOVERNORATE_KINDS;
    case 'district':
      return DISTRICT_KINDS;
    case 'subdistrict':
      return SUBDISTRICT_KINDS;
    case null:
      break;
  }
  if (mention.relation === 'region') return REGION_KINDS;
  if (mention.facility && !mention.settlement) return FACILITY_KINDS;
  if (mention.settlement) return SETTLEMENT_KINDS;
  return BARE_KINDS;
}

/** Where the places of an order of kinds, with «حي» before the name or not, are kept (`ListFacts`). */
function fittingSlot(kinds: number, cueKind: Place['kind'] | null): number {
  return 2 * kinds + (cueKind === null ? 0 : 1);
}

/**
 * A mention's candidates of the kind that stands first (`ofBestKind`), worked out once
 * per list, order of kinds and cue kind (`fittingSlot`).
 */
function fittingCandidates(
  facts: ListFacts,
  candidates: readonly Place[],
  slot: number,
  kinds: Kinds,
  cueKind: Place['kind'] | null,
): readonly Place[] {
  if (facts.slot === slot && facts.slotFitting !== undefined) return facts.slotFitting;
  let fitting = facts.fitting[slot];
  if (fitting === undefined) {
    fitting = ofBestKind(candidates, kinds, cueKind);
    keep(facts.fitting, slot, fitting);
  }
  // The slot asked now is the one kept in the record's fields, with what is known of it.
  facts.slot = slot;
  facts.slotFitting = fitting;
  facts.slotOthers = facts.others[slot];
  return fitting;
}

/** A list's slot set, the slots before it filled first: a packed array is read on V8's fast path. */
function keep(list: (readonly Place[] | undefined)[], slot: number, value: readonly Place[]): void {
  while (list.length < slot) list.push(undefined);
  list[slot] = value;
}

/** The countryside of a city is its district (or governorate, for a governorate seat). */
function regionOf(gazetteer: Gazetteer, place: Place): Place {
  if (place.kind === 'governorate' || place.kind === 'district') return place;
  const areaId = place.rank <= 1 ? place.admin1Pcode : place.admin2Pcode;
  return gazetteer.byId(areaId) ?? gazetteer.byId(place.admin1Pcode) ?? place;
}

/**
 * The seats of admin areas by level (1 governorate, 2 district, 3 subdistrict)
 * and area code: of the communities of rank up to the level, the first listed
 * in each area. Built once per list of places, where a search for each
 * «ناحية X» scanned the whole gazetteer.
 */
const seatsByPlaces = new WeakMap<readonly Place[], readonly Map<string, Place>[]>();

function seatsOf(places: readonly Place[]): readonly Map<string, Place>[] {
  let seats = seatsByPlaces.get(places);
  if (seats === undefined) {
    const levels = [new Map<string, Place>(), new Map<string, Place>(), new Map<string, Place>()];
    for (const p of places) {
      if (p.kind !== 'community') continue;
      const codes = [p.admin1Pcode, p.admin2Pcode, p.admin3Pcode];
      levels.forEach((seat, k) => {
        const code = codes[k] ?? '';
        if (p.rank <= k + 1 && !seat.has(code)) seat.set(code, p);
      });
    }
    seats = levels;
    seatsByPlaces.set(places, seats);
  }
  return seats;
}

/** The seat of an admin area, when the gazetteer has it. */
function seatOf(gazetteer: Gazetteer, area: Place): Place | null {
  const level = area.kind === 'governorate' ? 1 : area.kind === 'district' ? 2 : 3;
  return seatsOf(gazetteer.places)[level - 1]?.get(area.id) ?? null;
}

function precisionOf(mention: PlaceMention, place: Place): GeoPrecision {
  if (mention.relation === 'region') return 3;
  if (place.kind === 'governorate' || place.kind === 'district') return 3;
  if (mention.relation === 'near' || place.kind === 'subdistrict') return 2;
  if (mention.admin === 'district') return 2;
  // «مطار الطبقة»: a facility the gazetteer lacks is placed at its town, near it.
  if (mention.facility && !mention.settlement && place.kind !== 'site') return 2;
  return 1;
}

/**
 * Resolves a place mention to one gazetteer place with an ACLED precision:
 * names shared by several places are decided by the governorate or district
 * named in the sentence, then in the report, then by nearness to the report's
 * other places, then by rank (city before town before village).
 */
export function resolveMention(
  gazetteer: Gazetteer,
  mention: PlaceMention,
  context: PlaceContext,
): ResolvedPlace | null {
  if (mention.candidates.length === 0) return null;
  const order = preferredKinds(mention);
  const kinds = KINDS_BY_NUMBER[order] as Kinds;
  // «حي»: a neighbourhood fits as well as a community, and the cue tips the balance.
  const cueKind = mention.neighbourhood === true ? 'neighbourhood' : null;
  // A weak name (a bare village, a partial name) can only mean a place the report's area vouches for.
  const quarter = quarterOfReportCity(mention, context);
  const pool = quarter
    ? placesWhere(mention.candidates, context, inTown)
    : mention.weak
      ? placesWhere(mention.candidates, context, supported)
      : mention.candidates;
  if (pool.length === 0) return null;
  // All the candidates, as most names keep: their best kind is the list's, kept with it.
  const whole = pool === mention.candidates && pool.length > 1;
  const facts = whole ? listFacts(mention) : null;
  const slot = fittingSlot(order, cueKind);
  // A pool of one is its own best kind: most names are one place's.
  const fitting =
    facts !== null
      ? fittingCandidates(facts, pool, slot, kinds, cueKind)
      : pool.length === 1
        ? pool
        : ofBestKind(pool, kinds, cueKind);
  // One place of the best kind needs no score: most names are one place's.
  let ranked: readonly Place[] = fitting;
  let basis: ResolutionBasis = 'only';
  if (fitting.length > 1) ({ ranked, basis } = rankedByScore(fitting, context, cueKind));
  let place = ranked[0];
  if (place === undefined) return null;
  if (outsideNamedArea(place, context)) return null;
  // «شرق دير الزور», «شمالي حلب»: a compass word before a bare governorate name means that part of it.
  const governorate =
    mention.compass && !mention.settlement
      ? mention.candidates.find((p) => p.kind === 'governorate')
      : undefined;
  if (governorate !== undefined)
    return placed({ place: governorate, precision: 3, alternatives: [], basis: 'only', mention });
  if (mention.relation === 'region') place = regionOf(gazetteer, place);
  else if (mention.admin === 'subdistrict' && place.kind === 'subdistrict') {
    place = seatOf(gazetteer, place) ?? place;
  }
  // A name of one place has no other reading: most names, asked of no lists. Those of one
  // place of the best kind, read as that place, have the list's other readings of it, kept.
  const alternatives =
    mention.candidates.length === 1
      ? NO_ALTERNATIVES
      : facts !== null && fitting.length === 1 && place === fitting[0]
        ? othersOf(facts, slot, place, fitting, mention)
        : alternativesOf(place, ranked, fitting, mention);
  // Made whole in `placed`'s order, so of its shape, where a literal was made and then copied.
  return {
    place,
    precision: precisionOf(mention, place),
    alternatives,
    basis,
    mention,
    along: undefined,
    derived: undefined,
  };
}

/**
 * The other places a name could have meant, best first: the runners-up, then those of
 * other kinds. Each place once, in that order, up to three; the one empty list when
 * there are none («حلب»: its governorate and district are no other reading), where a
 * list and a callback were made for every name of several places.
 */
function alternativesOf(
  place: Place,
  ranked: readonly Place[],
  fitting: readonly Place[],
  mention: PlaceMention,
): readonly Place[] {
  let alternatives: Place[] | null = null;
  for (let k = 1; k < ranked.length; k++) {
    alternatives = withAlternative(alternatives, ranked[k], place);
    if (alternatives !== null && alternatives.length >= MAX_ALTERNATIVES) return alternatives;
  }
  const candidates = mention.candidates;
  for (let k = 0; k < candidates.length; k++) {
    const p = candidates[k];
    if (p === undefined || fitting.includes(p)) continue;
    alternatives = withAlternative(alternatives, p, place);
    if (alternatives !== null && alternatives.length >= MAX_ALTERNATIVES) break;
  }
  return alternatives ?? NO_ALTERNATIVES;
}

/**
 * The other readings of a name whose candidates have one place of the best kind, read as
 * that place (`alternativesOf`), worked out once per list and slot (`fittingSlot`).
 */
function othersOf(
  facts: ListFacts,
  slot: number,
  place: Place,
  fitting: readonly Place[],
  mention: PlaceMention,
): readonly Place[] {
  // Asked right after `fittingCandidates`, of the slot it kept in the record's fields.
  if (facts.slot === slot && facts.slotOthers !== undefined) return facts.slotOthers;
  let others = facts.others[slot];
  if (others === undefined) {
    others = alternativesOf(place, fitting, fitting, mention);
    keep(facts.others, slot, others);
  }
  if (facts.slot === slot) facts.slotOthers = others;
  return others;
}

/** The alternatives with `p` added when it is another local place not among them yet. */
function withAlternative(
  alternatives: Place[] | null,
  p: Place | undefined,
  chosen: Place,
): Place[] | null {
  if (p === undefined || p.id === chosen.id || !isLocal(p.kind)) return alternatives;
  if (alternatives === null) return [p];
  if (!alternatives.includes(p)) alternatives.push(p);
  return alternatives;
}

/** No other reading: one list for every name of one place, where each resolution made its own. */
const NO_ALTERNATIVES: readonly Place[] = [];

/** The other readings of a name a reviewer is shown. */
const MAX_ALTERNATIVES = 3;
