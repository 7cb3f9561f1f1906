import { foldCounts } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';
import { GRID_CELL } from '../../src/store/schema.js';

/** The key columns of `event_cells` (schema.ts, migration 23), as text where a value is a date. */
const KEY = `month::text, end_month::text, private, review_status, event_type, sub_event_type,
  admin1_pcode, actor1, actor2, claimants, x, y`;

const ORDER = 'ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, claimants::text, 11, 12';

/** The key columns of `event_square_months` (migration 36), as text where a value is a date. */
const MONTH_KEY = 'month::text, end_month::text, private, x, y';

/** The key columns of `event_square_days` (migration 50), as text where a value is a date. */
const DAY_KEY = 'day::text, end_day::text, private, event_type, sub_event_type, x, y';

/**
 * The counts by square as the store keeps them: the rows of `event_cells`,
 * then those of `event_square_months` (their sums by months and square alone),
 * then those of `event_square_days` (by first and last day, type and square).
 */
export async function squaresKept(db: Sql): Promise<unknown[]> {
  await foldCounts(db);
  return [
    await db.query(
      `SELECT ${KEY}, events, lon_sum::float8 AS lon_sum, lat_sum::float8 AS lat_sum, west, south,
         east, north, fatalities::int AS fatalities
       FROM event_cells ${ORDER}`,
    ),
    await db.query(
      `SELECT ${MONTH_KEY}, events, lon_sum::float8 AS lon_sum, lat_sum::float8 AS lat_sum, west,
         south, east, north
       FROM event_square_months ORDER BY 1, 2, 3, 4, 5`,
    ),
    await db.query(
      `SELECT ${DAY_KEY}, events, lon_sum::float8 AS lon_sum, lat_sum::float8 AS lat_sum, west,
         south, east, north
       FROM event_square_days ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    ),
  ];
}

/** The counts by square as the events give them now: what squaresKept must equal. */
export async function squaresCounted(db: Sql): Promise<unknown[]> {
  const cells = await db.query(
    `SELECT ${KEY}, events, lon_sum, lat_sum, west, south, east, north, fatalities
     FROM (SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date,
             private, review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2,
             claimants, floor(lon / ${String(GRID_CELL)})::int, floor(lat / ${String(GRID_CELL)})::int,
             count(*)::int, sum(lon::numeric)::float8, sum(lat::numeric)::float8, min(lon), min(lat),
             max(lon), max(lat), coalesce(sum(fatalities_best), 0)::int
           FROM events WHERE lon IS NOT NULL AND lat IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
       AS e(month, end_month, private, review_status, event_type, sub_event_type, admin1_pcode,
            actor1, actor2, claimants, x, y, events, lon_sum, lat_sum, west, south, east, north,
            fatalities)
     ${ORDER}`,
  );
  const months = await db.query(
    `SELECT ${MONTH_KEY}, events, lon_sum, lat_sum, west, south, east, north
     FROM (SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
             floor(lon / ${String(GRID_CELL)})::int, floor(lat / ${String(GRID_CELL)})::int,
             count(*)::int, sum(lon::numeric)::float8, sum(lat::numeric)::float8, min(lon), min(lat),
             max(lon), max(lat)
           FROM events WHERE lon IS NOT NULL AND lat IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5)
       AS e(month, end_month, private, x, y, events, lon_sum, lat_sum, west, south, east, north)
     ORDER BY 1, 2, 3, 4, 5`,
  );
  const days = await db.query(
    `SELECT ${DAY_KEY}, events, lon_sum, lat_sum, west, south, east, north
     FROM (SELECT date_start, date_end, private, event_type, sub_event_type,
             floor(lon / ${String(GRID_CELL)})::int, floor(lat / ${String(GRID_CELL)})::int,
             count(*)::int, sum(lon::numeric)::float8, sum(lat::numeric)::float8, min(lon), min(lat),
             max(lon), max(lat)
           FROM events WHERE date_start IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5, 6, 7)
       AS e(day, end_day, private, event_type, sub_event_type, x, y, events, lon_sum, lat_sum, west,
            south, east, north)
     ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  );
  return [cells, months, days];
}
