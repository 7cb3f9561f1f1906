import { foldCounts } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';
import { dayFacetsCounted, dayFacetsKept } from './day-facets.js';
import {
  facetCountsCounted,
  facetCountsKept,
  facetPairsCounted,
  facetPairsKept,
} from './facet-counts.js';
import { squaresCounted, squaresKept } from './squares.js';
import { tilesCounted, tilesKept } from './tiles.js';

/** The columns event_summary (schema.ts, migration 13) keeps an event's count by. */
const KEYS = `date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
  review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants`;

/**
 * Every table of counts the map, timeline and facets read, as the store keeps
 * them (the deltas pending folded first, as a read of them does), by table.
 */
export async function countsKept(db: Sql): Promise<Record<string, unknown>> {
  await foldCounts(db);
  return {
    summary: await db.query(
      `SELECT month::text, end_month::text, private, review_status, event_type, sub_event_type,
         admin1_pcode, actor1, actor2, claimants, events, fatalities::int AS fatalities
       FROM event_summary ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, claimants::text`,
    ),
    points: await db.query(`SELECT lon, lat, private, events FROM event_points ORDER BY 1, 2, 3`),
    days: await db.query(
      `SELECT day::text, end_day::text, private, event_type, sub_event_type, admin1_pcode, events,
         fatalities::int AS fatalities
       FROM event_days ORDER BY 1, 2, 3, 4, 5, 6`,
    ),
    pointFacets: await db.query(
      `SELECT facet, key, lon, lat, private, events FROM event_point_facets ORDER BY 1, 2, 3, 4, 5`,
    ),
    squares: await squaresKept(db),
    dayFacets: await dayFacetsKept(db),
    tiles: await tilesKept(db),
    facets: await facetCountsKept(db),
    pairs: await facetPairsKept(db),
  };
}

/** The same counts as the events give them now: what countsKept must equal. */
export async function countsCounted(db: Sql): Promise<Record<string, unknown>> {
  return {
    summary: await db.query(
      `SELECT month::text, end_month::text, private, review_status, event_type, sub_event_type,
         admin1_pcode, actor1, actor2, claimants, events, fatalities
       FROM (SELECT ${KEYS}, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
             FROM events GROUP BY ${KEYS}) AS e(month, end_month, private, review_status, event_type,
               sub_event_type, admin1_pcode, actor1, actor2, claimants, events, fatalities)
       ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, claimants::text`,
    ),
    // By point, for the map.
    points: await db.query(
      `SELECT lon, lat, private, count(*)::int AS events FROM events
       WHERE lon IS NOT NULL AND lat IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    // By day, type and governorate, for the timeline: every event with a day.
    days: await db.query(
      `SELECT date_start::text AS day, date_end::text AS end_day, private, event_type, sub_event_type,
         admin1_pcode, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
       FROM events WHERE date_start IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
    ),
    // By point and each value a filter names, each event once under a value it holds twice.
    pointFacets: await db.query(
      `SELECT facet, key, lon, lat, private, count(*)::int AS events
       FROM (SELECT DISTINCT e.id, f.facet, f.key, e.lon, e.lat, e.private
             FROM events e,
               unnest(ARRAY['type', 'type', 'governorate', 'actor', 'actor', 'status'],
                      ARRAY[event_type, sub_event_type, admin1_pcode, actor1, actor2, review_status])
                 AS f(facet, key)
             WHERE f.key IS NOT NULL
             UNION ALL
             SELECT DISTINCT e.id, 'claimant', c, e.lon, e.lat, e.private
             FROM events e, unnest(claimants) AS c) AS e
       WHERE lon IS NOT NULL AND lat IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    ),
    // By square of the map and every value a filter names, with their points' sums and bounds.
    squares: await squaresCounted(db),
    // By day, type and each actor, claimant and status, for the timeline of one of those.
    dayFacets: await dayFacetsCounted(db),
    // By square and tile, for the facets and the monthly timeline of a box.
    tiles: await tilesCounted(db),
    // By value and first month, for the facets of every event.
    facets: await facetCountsCounted(db),
    // By each value a filter of one value names, facet and first month, for its facets.
    pairs: await facetPairsCounted(db),
  };
}
