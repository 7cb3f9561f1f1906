import { foldCounts } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';

const ORDER = 'ORDER BY 1, 2, 3, 4, 5, 6, 7';

/** The counts by day and each actor, claimant and status (`event_day_facets`, migration 28) as the store keeps them. */
export async function dayFacetsKept(db: Sql): Promise<unknown[]> {
  await foldCounts(db);
  return db.query(
    `SELECT facet, key, day::text, end_day::text, private, event_type, sub_event_type, events,
       fatalities::int AS fatalities
     FROM event_day_facets ${ORDER}`,
  );
}

/**
 * The same counts as the events give them now, each event once under each
 * value it holds (an actor as doer and target, once): what dayFacetsKept must equal.
 */
export function dayFacetsCounted(db: Sql): Promise<unknown[]> {
  return db.query(
    `SELECT facet, key, date_start::text AS day, date_end::text AS end_day, private, event_type,
       sub_event_type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
     FROM (SELECT DISTINCT e.id, f.facet, f.key, e.date_start, e.date_end, e.private, e.event_type,
             e.sub_event_type, e.fatalities_best
           FROM events e,
             unnest(ARRAY['actor', 'actor', 'status'], ARRAY[actor1, actor2, review_status]) AS f(facet, key)
           WHERE f.key IS NOT NULL
           UNION
           SELECT DISTINCT e.id, 'claimant', c, e.date_start, e.date_end, e.private, e.event_type,
             e.sub_event_type, e.fatalities_best
           FROM events e, unnest(claimants) AS c WHERE c IS NOT NULL) AS e
     WHERE date_start IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ${ORDER}`,
  );
}
