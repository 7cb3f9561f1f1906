import { foldCounts } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';

const ORDER = 'ORDER BY 1, 2, 3, 4';

/** The counts by facet and month (`event_facet_counts`, migration 48) as the store keeps them. */
export async function facetCountsKept(db: Sql): Promise<unknown[]> {
  await foldCounts(db);
  return db.query(
    `SELECT private, facet, key, month::text, events, fatalities::int AS fatalities
     FROM event_facet_counts ${ORDER}`,
  );
}

/**
 * Each event under each facet value it is counted under, with the month and
 * fatality figure it carries there (only its type's carry them), as the
 * counts tables count it: from the events themselves.
 */
const COUNTED = `SELECT DISTINCT e.id, e.private, f.facet, f.key, f.month, f.dead
  FROM events e,
    unnest(ARRAY['type', 'governorate', 'actor', 'actor', 'status'],
           ARRAY[e.event_type, e.admin1_pcode, e.actor1, e.actor2, e.review_status],
           ARRAY[date_trunc('month', e.date_start)::date, NULL, NULL, NULL, NULL],
           ARRAY[e.fatalities_best, 0, 0, 0, 0]) AS f(facet, key, month, dead)
  WHERE f.key IS NOT NULL
  UNION
  SELECT DISTINCT e.id, e.private, 'claimant', c, NULL::date, 0
  FROM events e, unnest(claimants) AS c
  WHERE c IS NOT NULL`;

/**
 * The same counts as the events give them now: each event under its type and
 * first month with its figures, and once under each governorate, actor,
 * claimant and status it holds (an actor as doer and target, once), with a
 * point or without: what facetCountsKept must equal.
 */
export function facetCountsCounted(db: Sql): Promise<unknown[]> {
  return db.query(
    `SELECT private, facet, key, month::text, count(*)::int AS events,
       coalesce(sum(dead), 0)::int AS fatalities
     FROM (${COUNTED}) AS e
     GROUP BY 1, 2, 3, 4 ${ORDER}`,
  );
}

/**
 * The counts by facet and the months an event starts and ends in
 * (`event_facet_spans`, migration 51) as the store keeps them.
 */
export async function facetSpansKept(db: Sql): Promise<unknown[]> {
  await foldCounts(db);
  return db.query(
    `SELECT private, facet, key, month::text, end_month::text, events,
       fatalities::int AS fatalities
     FROM event_facet_spans ${ORDER}, 5`,
  );
}

/**
 * The same counts as the events give them now: each event under its type with
 * its figures, and once under each governorate, actor, claimant and status it
 * holds (an actor as doer and target, once), every row by the months it starts
 * and ends in: what facetSpansKept must equal.
 */
export function facetSpansCounted(db: Sql): Promise<unknown[]> {
  return db.query(
    `SELECT private, facet, key, month::text, end_month::text, count(*)::int AS events,
       coalesce(sum(dead), 0)::int AS fatalities
     FROM (SELECT e.private, f.facet, f.key, date_trunc('month', e.date_start)::date AS month,
             date_trunc('month', e.date_end)::date AS end_month, f.dead
           FROM events e,
             unnest(ARRAY['type', 'governorate', 'actor', 'actor', 'status'],
                    ARRAY[e.event_type, e.admin1_pcode, e.actor1, NULLIF(e.actor2, e.actor1),
                          e.review_status],
                    ARRAY[e.fatalities_best, 0, 0, 0, 0]) AS f(facet, key, dead)
           WHERE f.key IS NOT NULL
           UNION ALL
           SELECT e.private, 'claimant', c, date_trunc('month', e.date_start)::date,
             date_trunc('month', e.date_end)::date, 0
           FROM events e, LATERAL (SELECT DISTINCT c FROM unnest(claimants) AS c) AS k
           WHERE c IS NOT NULL) AS e
     GROUP BY 1, 2, 3, 4, 5 ${ORDER}, 5`,
  );
}

/**
 * The counts by a value a filter names, facet and month (`event_facet_pairs`,
 * migration 55) as the store keeps them.
 */
export async function facetPairsKept(db: Sql): Promise<unknown[]> {
  await foldCounts(db);
  return db.query(
    `SELECT private, by_facet, by_key, facet, key, month::text, events,
       fatalities::int AS fatalities
     FROM event_facet_pairs ${ORDER}, 5, 6`,
  );
}

/**
 * The same counts as the events give them now: under each value a filter of
 * one value finds an event by (its type and sub-type, governorate, actor as
 * doer or target, claimant, status), the event counted as facetCountsCounted
 * counts it: what facetPairsKept must equal.
 */
export function facetPairsCounted(db: Sql): Promise<unknown[]> {
  return db.query(
    `WITH found AS (
       SELECT DISTINCT e.id, b.facet, b.key
       FROM events e,
         unnest(ARRAY['type', 'type', 'governorate', 'actor', 'actor', 'status'],
                ARRAY[e.event_type, e.sub_event_type, e.admin1_pcode, e.actor1, e.actor2,
                      e.review_status]) AS b(facet, key)
       WHERE b.key IS NOT NULL
       UNION
       SELECT e.id, 'claimant', c FROM events e, unnest(claimants) AS c WHERE c IS NOT NULL),
     counted AS (
       ${COUNTED})
     SELECT c.private, b.facet AS by_facet, b.key AS by_key, c.facet, c.key, c.month::text,
       count(*)::int AS events, coalesce(sum(c.dead), 0)::int AS fatalities
     FROM found b JOIN counted c ON c.id = b.id
     GROUP BY 1, 2, 3, 4, 5, 6 ${ORDER}, 5, 6`,
  );
}
