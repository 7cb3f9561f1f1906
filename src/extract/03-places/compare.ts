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

/**
 * Two places that can be where one act happened: the same place, or one inside
 * the other; `reachKm` allows nearby places («الانفجار» retold a few km away).
 */
export function placesCompatible(a: ResolvedPlace, b: ResolvedPlace, reachKm = 3): boolean {
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
