import type { ApiEvent, Place as PlaceView } from '../contracts/index.js';
import type { Gazetteer } from '../gazetteer/index.js';
import { listMarkedEvents } from '../store/index.js';
import type { Sql } from '../store/index.js';
import { normalizePhrase } from '../text/index.js';
import { may } from './roles.js';
import type { Actor } from './roles.js';

/** Places whose name (Arabic, English or a variant) starts with or holds the words: best first. */
export function searchPlaces(gazetteer: Gazetteer, words: string, limit: number): PlaceView[] {
  const wanted = normalizePhrase(words).toLowerCase();
  if (wanted === '') return [];
  const scored: { score: number; rank: number; view: PlaceView }[] = [];
  for (const place of gazetteer.places) {
    const names = [place.nameAr, place.nameEn, ...place.variants].map((n) =>
      normalizePhrase(n).toLowerCase(),
    );
    const score = names.some((n) => n === wanted)
      ? 0
      : names.some((n) => n.startsWith(wanted))
        ? 1
        : names.some((n) => n.includes(wanted))
          ? 2
          : -1;
    if (score < 0) continue;
    scored.push({
      score,
      rank: place.rank,
      view: {
        id: place.id,
        name_ar: place.nameAr,
        name_en: place.nameEn,
        admin1: place.admin1 === '' ? null : place.admin1,
        lat: place.lat,
        lon: place.lon,
      },
    });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.rank - b.rank || (a.view.id < b.view.id ? -1 : 1))
    .slice(0, limit)
    .map((s) => s.view);
}

/** Why an event needs a person, in the words the app translates. */
function reasonsOf(event: ApiEvent): string[] {
  const reasons: string[] = [];
  const f = event.fatalities;
  if (f !== null && f.low !== f.high) reasons.push('claims_disagree');
  if (event.location === null) reasons.push('no_place');
  else if (event.location.precision === 3) reasons.push('governorate_only');
  if (event.claims.length > 0 && event.claims.every((c) => c.party))
    reasons.push('party_sources_only');
  if (event.date.precision !== 'day') reasons.push('date_imprecise');
  return reasons;
}

/**
 * Unreviewed events, those with the most reasons to look first, newest among
 * equals: from the latest unreviewed ones the role may see.
 */
export async function reviewQueue(
  db: Sql,
  actor: Actor,
  limit: number,
): Promise<{ event: ApiEvent; reasons: string[] }[]> {
  const { events } = await listMarkedEvents(
    db,
    { status: 'unreviewed', publicOnly: !may(actor.role, 'read:private') },
    { limit: limit * 4 },
  );
  return events
    .map((event, order) => ({ event, reasons: reasonsOf(event), order }))
    .sort((a, b) => b.reasons.length - a.reasons.length || a.order - b.order)
    .slice(0, limit)
    .map(({ event, reasons }) => ({ event, reasons }));
}
