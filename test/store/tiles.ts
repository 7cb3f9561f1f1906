import { foldCounts } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';
import { GRID_CELL, TILE_PER } from '../../src/store/schema.js';

const ORDER = 'ORDER BY 1, 2, 3, 4, 5, 6, 7';

/** The counts by square and tile (`event_tiles`, migration 39) as the store keeps them. */
export async function tilesKept(db: Sql): Promise<unknown[]> {
  await foldCounts(db);
  return db.query(
    `SELECT per, x, y, private, facet, key, month::text, events, fatalities::int AS fatalities
     FROM event_tiles ${ORDER}`,
  );
}

/**
 * The same counts as the events give them now: each located event in its
 * square and its tile, under its type and first month with its figures, and
 * once under each governorate, actor, claimant and status it holds (an actor
 * as doer and target, once): what tilesKept must equal.
 */
export function tilesCounted(db: Sql): Promise<unknown[]> {
  return db.query(
    `SELECT per, floor(lon / side)::int AS x, floor(lat / side)::int AS y, private, facet, key,
       month::text, count(*)::int AS events, coalesce(sum(dead), 0)::int AS fatalities
     FROM (SELECT DISTINCT e.id, s.per, s.side, e.lon, e.lat, e.private, f.facet, f.key, f.month, f.dead
           FROM events e,
             (VALUES (1, ${String(GRID_CELL)}::float8), (${String(TILE_PER)}, ${String(GRID_CELL / TILE_PER)}::float8)) AS s(per, side),
             unnest(ARRAY['type', 'governorate', 'actor', 'actor', 'status'],
                    ARRAY[e.event_type, e.admin1_pcode, e.actor1, e.actor2, e.review_status],
                    ARRAY[date_trunc('month', e.date_start)::date, NULL, NULL, NULL, NULL],
                    ARRAY[e.fatalities_best, 0, 0, 0, 0]) AS f(facet, key, month, dead)
           WHERE f.key IS NOT NULL AND e.lon IS NOT NULL AND e.lat IS NOT NULL
           UNION
           SELECT DISTINCT e.id, s.per, s.side, e.lon, e.lat, e.private, 'claimant', c, NULL::date, 0
           FROM events e,
             (VALUES (1, ${String(GRID_CELL)}::float8), (${String(TILE_PER)}, ${String(GRID_CELL / TILE_PER)}::float8)) AS s(per, side),
             unnest(claimants) AS c
           WHERE c IS NOT NULL AND e.lon IS NOT NULL AND e.lat IS NOT NULL) AS e
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ${ORDER}`,
  );
}
