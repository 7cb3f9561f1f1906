import { KM_PER_DEGREE, distanceKm } from '../../gazetteer/index.js';
import type { ResolvedPlace } from '../../gazetteer/index.js';

/** The most specific place a mention names. */
export function bestPlace(places: readonly ResolvedPlace[]): ResolvedPlace | null {
  // Where the act was, before a road's ends and where its victims came from; then the most specific.
  const rank = (p: ResolvedPlace): number =>
    (p.mention.origin ? 10 : 0) + (p.mention.roadEnd === true ? 5 : 0) + p.precision;
  let best: ResolvedPlace | null = null;
  for (const p of places) if (best === null || rank(p) < rank(best)) best = p;
  return best;
}

/** The reach `placesCompatible` allows when none is given. */
const DEFAULT_REACH_KM = 3;

/**
 * Two places that can be where one act happened: the same place, or one inside
 * the other; `reachKm` allows nearby places («الانفجار» retold a few km away).
 * `filedUnder` and `soughtUnder` find the pairs it can answer yes to, and must
 * change with it.
 */
export function placesCompatible(
  a: ResolvedPlace,
  b: ResolvedPlace,
  reachKm = DEFAULT_REACH_KM,
): boolean {
  if (a.place.id === b.place.id) return true;
  const [wide, narrow] = a.precision >= b.precision ? [a, b] : [b, a];
  if (wide.precision === 3) {
    const area = wide.place;
    // «ريف طرطوس» is the countryside: not the city of Tartus itself.
    if (wide.mention.relation === 'region' && isSeatOf(narrow.place, area)) return false;
    if (area.kind === 'governorate') return narrow.place.admin1Pcode === area.admin1Pcode;
    if (area.kind === 'district')
      return narrow.place.admin2Pcode === area.id || narrow.place.admin2Pcode === area.admin2Pcode;
    return narrow.place.admin1Pcode === area.admin1Pcode;
  }
  // The distance is at least the difference in latitude (111.19 km a degree): most pairs lie
  // farther apart than that and are told apart without trigonometry; a margin keeps rounding out.
  if (Math.abs(a.place.lat - b.place.lat) * KM_PER_DEGREE > reachKm * 1.001) return false;
  return distanceKm(a.place, b.place) < reachKm;
}

function isSeatOf(place: ResolvedPlace['place'], area: ResolvedPlace['place']): boolean {
  if (place.kind !== 'community') return false;
  if (area.kind === 'governorate') return place.rank <= 1 && place.admin1Pcode === area.id;
  if (area.kind === 'district') return place.rank <= 2 && place.admin2Pcode === area.id;
  return false;
}

/** Kilometres of latitude in one band of the index of nearby places. */
const BAND_KM = 3;

/** The key `filedUnder` files a place under by its id alone: what the same place is found by. */
const idKey = (id: string): string => `id|${id}`;

const bandOf = (lat: number): number => Math.floor((lat * KM_PER_DEGREE) / BAND_KM);

/** The admin codes an area contains a place by (`placesCompatible`'s wide place). */
function containing(area: ResolvedPlace['place']): string[] {
  if (area.kind === 'district') return [`2|${area.id}`, `2|${area.admin2Pcode}`];
  return [`1|${area.admin1Pcode}`];
}

/**
 * The keys of a place, made once per place of the gazetteer and kept while it
 * is: the gathering files every act's place under them and looks each act's
 * place up by them, and a key made for a lookup was hashed again there. With
 * them kept (and the gathering's tables of the news and the background apart,
 * no key made to tell them), the gathering alone took 12% less CPU (both builds
 * in one process on the same frames, 60 alternated rounds: median 0.878, the
 * old build against itself 1.008).
 */
interface PlaceKeys {
  /** `idKey` of the place's id. */
  readonly id: string;
  /** `filedUnder`'s keys, of the place as an area (precision 3), then as one inside an area. */
  readonly filed: [readonly string[] | null, readonly string[] | null];
  /** `soughtUnder`'s keys, of the place as an area (the reach not asked), then by reach. */
  asArea: readonly string[] | null;
  readonly byReach: Map<number, readonly string[]>;
}

const placeKeys = new WeakMap<ResolvedPlace['place'], PlaceKeys>();

function keysOf(place: ResolvedPlace['place']): PlaceKeys {
  let keys = placeKeys.get(place);
  if (keys === undefined) {
    keys = { id: idKey(place.id), filed: [null, null], asArea: null, byReach: new Map() };
    placeKeys.set(place, keys);
  }
  return keys;
}

/** The key a place is filed under by its id (`idKey`), made once per place. */
export function placeIdKey(place: ResolvedPlace['place']): string {
  return keysOf(place).id;
}

/**
 * Keys to file a place `b` under so that `soughtUnder(a)` finds it whenever
 * `placesCompatible(a, b)` may hold: a long report weighs each act's place
 * against those of hundreds of incidents told before, and most are far away.
 * Its id; its admin codes (for an area `a` that holds it); the codes an area
 * holds places by (`b` the area); its band of latitude (two towns near each other).
 */
export function filedUnder(b: ResolvedPlace): readonly string[] {
  const keys = keysOf(b.place);
  const asArea = b.precision === 3 ? 0 : 1;
  let filed = keys.filed[asArea];
  if (filed === null) {
    const { admin1Pcode, admin2Pcode, lat } = b.place;
    const made = [keys.id, `in|1|${admin1Pcode}`, `in|2|${admin2Pcode}`];
    if (b.precision === 3) for (const code of containing(b.place)) made.push(`area|${code}`);
    else made.push(`band|${String(bandOf(lat))}`);
    filed = made;
    keys.filed[asArea] = filed;
  }
  return filed;
}

/**
 * The keys `filedUnder` files every place `b` compatible with `a` under, and
 * some that are not: `placesCompatible` still decides. The wider of the two is
 * the area (`a` of two as wide); of two towns, those within reach lie in the
 * bands that far from `a`'s, and one more each side (a band's edge may fall
 * between them).
 */
export function soughtUnder(a: ResolvedPlace, reachKm = DEFAULT_REACH_KM): readonly string[] {
  const keys = keysOf(a.place);
  if (a.precision === 3) {
    keys.asArea ??= [keys.id, ...containing(a.place).map((code) => `in|${code}`)];
    return keys.asArea;
  }
  let sought = keys.byReach.get(reachKm);
  if (sought === undefined) {
    const { admin1Pcode, admin2Pcode, lat } = a.place;
    const made = [keys.id, `area|1|${admin1Pcode}`, `area|2|${admin2Pcode}`];
    const span = Math.floor((reachKm * 1.001) / BAND_KM) + 1;
    const own = bandOf(lat);
    for (let band = own - span; band <= own + span; band++) made.push(`band|${String(band)}`);
    sought = made;
    keys.byReach.set(reachKm, sought);
  }
  return sought;
}
