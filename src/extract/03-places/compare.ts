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
export const idKey = (id: string): string => `id|${id}`;

const bandOf = (lat: number): number => Math.floor((lat * KM_PER_DEGREE) / BAND_KM);

/** The admin codes an area contains a place by (`placesCompatible`'s wide place). */
function containing(area: ResolvedPlace['place']): string[] {
  if (area.kind === 'district') return [`2|${area.id}`, `2|${area.admin2Pcode}`];
  return [`1|${area.admin1Pcode}`];
}

/**
 * Keys to file a place `b` under so that `soughtUnder(a)` finds it whenever
 * `placesCompatible(a, b)` may hold: a long report weighs each act's place
 * against those of hundreds of incidents told before, and most are far away.
 * Its id; its admin codes (for an area `a` that holds it); the codes an area
 * holds places by (`b` the area); its band of latitude (two towns near each other).
 */
export function filedUnder(b: ResolvedPlace): string[] {
  const { id, admin1Pcode, admin2Pcode, lat } = b.place;
  const keys = [idKey(id), `in|1|${admin1Pcode}`, `in|2|${admin2Pcode}`];
  if (b.precision === 3) for (const code of containing(b.place)) keys.push(`area|${code}`);
  else keys.push(`band|${String(bandOf(lat))}`);
  return keys;
}

/**
 * The keys `filedUnder` files every place `b` compatible with `a` under, and
 * some that are not: `placesCompatible` still decides. The wider of the two is
 * the area (`a` of two as wide); of two towns, those within reach lie in the
 * bands that far from `a`'s, and one more each side (a band's edge may fall
 * between them).
 */
export function soughtUnder(a: ResolvedPlace, reachKm = DEFAULT_REACH_KM): string[] {
  const { id, admin1Pcode, admin2Pcode, lat } = a.place;
  const keys = [idKey(id)];
  if (a.precision === 3) {
    for (const code of containing(a.place)) keys.push(`in|${code}`);
    return keys;
  }
  keys.push(`area|1|${admin1Pcode}`, `area|2|${admin2Pcode}`);
  const span = Math.floor((reachKm * 1.001) / BAND_KM) + 1;
  const own = bandOf(lat);
  for (let band = own - span; band <= own + span; band++) keys.push(`band|${String(band)}`);
  return keys;
}
