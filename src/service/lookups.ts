import { ACLED_TYPES } from '../contracts/index.js';
import type { ApiEvent, Place as PlaceView } from '../contracts/index.js';
import type { Knowledge } from '../extract/index.js';
import type { Gazetteer } from '../gazetteer/index.js';
import { reviewQueueEvents } from '../store/index.js';
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
        kind: place.kind,
        name_ar: place.nameAr,
        name_en: place.nameEn,
        admin1: place.admin1 === '' ? null : place.admin1,
        admin1_ar: gazetteer.byId(place.admin1Pcode)?.nameAr ?? null,
        admin2: place.admin2 === '' ? null : place.admin2,
        admin2_ar: gazetteer.byId(place.admin2Pcode)?.nameAr ?? null,
        admin3: place.admin3 === '' ? null : place.admin3,
        admin3_ar: gazetteer.byId(place.admin3Pcode)?.nameAr ?? null,
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

/**
 * Unreviewed events the role may see, those with the most reasons to look
 * first (figures that disagree, no place or only a governorate, only the
 * parties' own sources, a day not known, a weekday that contradicts the
 * date), the newest among equals: ranked by the database over all of them.
 */
export async function reviewQueue(
  db: Sql,
  actor: Actor,
  limit: number,
): Promise<{ event: ApiEvent; reasons: string[] }[]> {
  const items = await reviewQueueEvents(db, {
    publicOnly: !may(actor.role, 'read:private'),
    limit,
  });
  return items.map(({ event, private: hidden, reasons }) => ({
    event: { ...event, private: hidden },
    reasons,
  }));
}

/** What a picker can look up. */
export const VOCABULARY_KINDS = ['actor', 'claimant', 'type', 'place'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/** One term of the vocabulary: its id (what filters and corrections take) and its names. */
export interface VocabularyTerm {
  readonly kind: VocabularyKind;
  readonly id: string;
  readonly name_en: string;
  readonly name_ar: string | null;
  /** A sub-event type's event type; a place's governorate. */
  readonly parent: string | null;
}

/** How well names match the words: 0 the same, 1 one starts with them, 2 one holds them, -1 none. */
function matchScore(names: readonly string[], wanted: string): number {
  if (wanted === '') return 1;
  const normal = names.map((n) => normalizePhrase(n).toLowerCase());
  if (normal.some((n) => n === wanted)) return 0;
  if (normal.some((n) => n.startsWith(wanted))) return 1;
  if (normal.some((n) => n.includes(wanted))) return 2;
  return -1;
}

/**
 * Actors, claimants, event and sub-event types, or places whose id or name
 * (English or Arabic) holds the words, best first: what the app's pickers
 * offer. Without words, every actor, claimant or type in the dictionaries'
 * order (places need words: there are thousands).
 */
export function vocabulary(
  knowledge: Knowledge,
  kind: VocabularyKind,
  words: string,
  limit: number,
): VocabularyTerm[] {
  const wanted = normalizePhrase(words).toLowerCase();
  if (kind === 'place')
    return wanted === ''
      ? []
      : searchPlaces(knowledge.gazetteer, words, limit).map((p) => ({
          kind,
          id: p.id,
          name_en: p.name_en,
          name_ar: p.name_ar,
          parent: p.admin1,
        }));
  const terms: VocabularyTerm[] =
    kind === 'type'
      ? Object.entries(ACLED_TYPES).flatMap(([type, subs]) => [
          { kind, id: type, name_en: type, name_ar: null, parent: null },
          ...subs.map((sub) => ({ kind, id: sub, name_en: sub, name_ar: null, parent: type })),
        ])
      : [
          ...(kind === 'actor' ? knowledge.lexicon.actors : knowledge.lexicon.claimants).values(),
        ].map((e) => ({ kind, id: e.id, name_en: e.name, name_ar: e.nameAr, parent: null }));
  return terms
    .map((term, order) => ({
      term,
      order,
      score: matchScore([term.id, term.name_en, term.name_ar ?? ''], wanted),
    }))
    .filter((t) => t.score >= 0)
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, limit)
    .map((t) => t.term);
}
