import type { Event, Incident } from '../contracts/index.js';
import { foldCounts } from './counts.js';
import type { Sql } from './db.js';
import { GRID_CELL } from './schema.js';
import {
  boundedConditions,
  boxSource,
  conditions,
  countedSource,
  dayConditions,
  earliestStart,
  eventSource,
  facetSource,
  FILTERED,
  FILTERED_SERIAL,
  pairSource,
  pointConditions,
  SEARCH_SQUARE_MONTHS,
  spanSource,
  squaresBy,
  SUMMARY,
  summarySource,
  tileSource,
  typeParts,
} from './queries.js';
import type { EventFilter, MarkedEvent } from './queries.js';

function whereOf(where: readonly string[], extra: readonly string[] = []): string {
  const all = [...where, ...extra];
  return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
}

/** How many events of a filter share each value of a field. */
export interface FacetCount {
  readonly key: string;
  readonly count: number;
}

export const FACETS = ['type', 'governorate', 'actor', 'claimant', 'status', 'month'] as const;
export type Facet = (typeof FACETS)[number];

/**
 * Counts of the filtered events by type, governorate, actor (as doer or
 * target), claimant, review status and month, in one pass over the events:
 * grouping sets count them six ways at once (actors as doer and as target,
 * which are summed; claimants by the set an event carries, which is then
 * spread over its claimants: there are far fewer sets than events; months
 * by day, whose counts are then summed). Where the monthly counts can answer
 * the filter, they are grouped instead of the events: a few thousand rows
 * however many events (for no filter but the private mark, the counts by
 * facet and month: facetSource; for one value of a type, governorate, actor,
 * claimant or status, the counts by that value, facet and month: pairSource;
 * for days and the private mark, the counts by
 * facet and the months an event starts and ends in, and the counts by day at
 * a month's edge: spanSource); for a box alone, the counts of its whole squares and
 * tiles and the events of its edges (tileSource); for a box with other
 * filters, the counts by square of its whole squares and the events of the
 * rest (boxSource); for a counted search, its own monthly counts
 * (countedSource). Most frequent first; months in time order.
 */
export async function eventFacets(
  db: Sql,
  filter: EventFilter,
  limit = 50,
): Promise<Record<Facet, FacetCount[]>> {
  await foldCounts(db);
  const counted =
    facetSource(filter) ??
    pairSource(filter) ??
    spanSource(filter, 'day facets') ??
    summarySource(filter, SUMMARY, 'day facets');
  const tiled = counted === null ? tileSource(filter, 'facets') : null;
  const summary = counted ?? tiled ?? boxSource(filter) ?? (await countedSource(db, filter));
  const table = await eventSource(db, filter);
  const { where, params } =
    summary === null
      ? await boundedConditions(db, filter, table)
      : { where: [], params: summary.params };
  const rows = await db.query<{ facet: Facet; key: string; count: number }>(
    `WITH g AS (
       SELECT CASE WHEN GROUPING(event_type) = 0 THEN 'type' WHEN GROUPING(admin1_pcode) = 0 THEN 'governorate'
                   WHEN GROUPING(review_status) = 0 THEN 'status' WHEN GROUPING(day) = 0 THEN 'month'
                   WHEN GROUPING(claimants) = 0 THEN 'claimant' ELSE 'actor' END AS facet,
              coalesce(event_type, admin1_pcode, review_status, to_char(day, 'YYYY-MM'), actor1, target) AS key,
              claimants, ${summary === null ? 'count(*)' : 'sum(events)'} AS n
       FROM (SELECT event_type, admin1_pcode, review_status,
                    ${summary === null ? 'date_start AS day' : 'month AS day, events'},
                    actor1, CASE WHEN actor2 IS DISTINCT FROM actor1 THEN actor2 END AS target, claimants
             FROM ${summary?.from ?? table} ${whereOf(where)}) AS e
       GROUP BY GROUPING SETS ((event_type), (admin1_pcode), (review_status), (day), (actor1), (target), (claimants)))
     SELECT facet, key, sum(n)::int AS count
     FROM (SELECT facet, key, n FROM g WHERE facet <> 'claimant'
           UNION ALL SELECT facet, c, n FROM g, unnest(claimants) AS c WHERE facet = 'claimant') AS counted
     WHERE key IS NOT NULL GROUP BY 1, 2`,
    params,
    tiled === null ? FILTERED : FILTERED_SERIAL,
  );
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as Record<
    Facet,
    FacetCount[]
  >;
  for (const row of rows) facets[row.facet].push({ key: row.key, count: row.count });
  for (const facet of FACETS) {
    const counts = facets[facet];
    if (facet === 'month') counts.sort((a, b) => (a.key < b.key ? -1 : 1));
    else {
      counts.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
      counts.splice(limit);
    }
  }
  return facets;
}

export type Period = 'day' | 'week' | 'month';

/** The longest span of first days, in days, a timeline counts by day, and by week; beyond, by month. */
export const PERIOD_DAYS = { day: 92, week: 730 } as const;

/** The period a span of `days` between its first and last day calls for (months for no span). */
export function periodOfSpan(days: number | null): Period {
  if (days === null) return 'month';
  return days <= PERIOD_DAYS.day ? 'day' : days <= PERIOD_DAYS.week ? 'week' : 'month';
}

export interface TimelineBucket {
  /** The first day of the period, `YYYY-MM-DD`. */
  readonly period: string;
  readonly type: string;
  readonly events: number;
  readonly fatalities: number;
}

/**
 * Events and their best fatality figures per period and type, in time order:
 * by month, from the monthly counts where they can answer the filter (for days
 * and the private mark alone, those by facet and months: spanSource; for one
 * value of a type, governorate, actor, claimant or status, those by that
 * value, facet and month: pairSource), or for a
 * box alone from the counts of its whole squares and tiles and the events of
 * its edges (tileSource), for a box with other filters from the counts by
 * square of its whole squares and the events of the rest (boxSource), for a
 * counted search from its own monthly counts (countedSource).
 */
export async function eventTimeline(
  db: Sql,
  filter: EventFilter,
  period: Period,
): Promise<TimelineBucket[]> {
  await foldCounts(db);
  const counted =
    period === 'month'
      ? (spanSource(filter, 'days') ?? pairSource(filter) ?? summarySource(filter, SUMMARY, 'days'))
      : null;
  const tiled = period === 'month' && counted === null ? tileSource(filter, 'timeline') : null;
  const summary =
    counted ??
    tiled ??
    (period === 'month' ? (boxSource(filter) ?? (await countedSource(db, filter))) : null);
  if (summary !== null) {
    return db.query<TimelineBucket>(
      `SELECT to_char(month, 'YYYY-MM-DD') AS period, event_type AS type, sum(events)::int AS events,
              sum(fatalities)::int AS fatalities
       FROM ${summary.from} WHERE month IS NOT NULL
       GROUP BY month, event_type ORDER BY month, type`,
      summary.params,
      tiled === null ? FILTERED : FILTERED_SERIAL,
    );
  }
  // By day first (a few thousand days, however many events), then the days by
  // period: the period of each day is worked out once, not once per event. The
  // counts by day answer a filter of dates, type and place, or of dates, type and
  // one actor, claimant or status (dayConditions); others, the events. Their
  // rows are summed by day and type first too: a day has a row for each
  // sub-type, governorate and last day its events have, and working out the
  // period once a row cost a fifth of the statement on the embedded engine
  // (from mid-March 2023 on at 100,000 events: 22,884 rows of event_days for
  // 1,313 days and types, 23 → 18 ms of CPU).
  const days = dayConditions(filter);
  const table = await eventSource(db, filter);
  const { where, params } = days ?? (await boundedConditions(db, filter, table));
  // On the events, a type's events in two parts, each read as a range (typeParts); on the words
  // or a kept search's rows, whose matches are found by word, in one.
  const parts = days === null && table === 'events' ? typeParts(filter, where, params) : [where];
  params.push(period);
  return db.query<TimelineBucket>(
    `SELECT to_char(start, 'YYYY-MM-DD') AS period, type, events, fatalities
     FROM (SELECT date_trunc($${String(params.length)}::text, day::timestamp) AS start, type,
                  sum(events)::int AS events, coalesce(sum(fatalities), 0)::int AS fatalities
           FROM (${
             days === null
               ? `SELECT date_start AS day, event_type AS type, count(*) AS events,
                         sum(fatalities_best) AS fatalities
                  FROM (${parts
                    .map(
                      (part) =>
                        `SELECT date_start, event_type, fatalities_best
                         FROM ${table} ${whereOf(part, ['date_start IS NOT NULL'])}`,
                    )
                    .join('\n                  UNION ALL ')}) AS e
                  GROUP BY 1, 2`
               : `SELECT day, event_type AS type, sum(events) AS events, sum(fatalities) AS fatalities
                  FROM ${days.table} ${whereOf(where)}
                  GROUP BY 1, 2`
           }) AS days
           GROUP BY 1, 2) AS buckets
     ORDER BY start, type`,
    params,
    FILTERED,
  );
}

/** A timeline with the period it was counted by. */
export interface PeriodTimeline {
  readonly period: Period;
  readonly buckets: TimelineBucket[];
}

/**
 * The timeline at the period the span of its events' first days calls for
 * (periodOfSpan's rule, in SQL), for a filter with words, whose span no
 * counts can tell: the events are read once, counted by day and type, and
 * the period is chosen from the first and last of those days and applied to
 * them in the same statement.
 * Asked apart, the span and the timeline each read every matching event (a
 * town's name at 1,000,000 events: 34,000 rows on 29,000 pages, twice).
 * Null for a filter without words: its span is found from the counts, or
 * for a box from each end of the list's order, without reading its events.
 */
export async function eventTimelineSpanned(
  db: Sql,
  filter: EventFilter,
): Promise<PeriodTimeline | null> {
  if (filter.search === undefined || filter.search.trim() === '') return null;
  const table = await eventSource(db, filter);
  const { where, params } = await boundedConditions(db, filter, table);
  params.push(PERIOD_DAYS.day, PERIOD_DAYS.week);
  const [day, week] = [params.length - 1, params.length].map((n) => `$${String(n)}::int`);
  const rows = await db.query<{
    chosen: Period;
    period: string | null;
    type: string | null;
    events: number | null;
    fatalities: number | null;
  }>(
    `WITH days AS MATERIALIZED (
       SELECT date_start AS day, event_type AS type, count(*) AS events, sum(fatalities_best) AS fatalities
       FROM ${table} ${whereOf(where, ['date_start IS NOT NULL'])}
       GROUP BY 1, 2),
     span AS (
       SELECT CASE WHEN max(day) - min(day) <= ${day ?? ''} THEN 'day'
                   WHEN max(day) - min(day) <= ${week ?? ''} THEN 'week' ELSE 'month' END AS chosen
       FROM days)
     SELECT chosen, to_char(start, 'YYYY-MM-DD') AS period, type, events, fatalities
     FROM span LEFT JOIN (
       SELECT date_trunc((SELECT chosen FROM span), day::timestamp) AS start, type,
              sum(events)::int AS events, coalesce(sum(fatalities), 0)::int AS fatalities
       FROM days GROUP BY 1, 2) AS buckets ON true
     ORDER BY start, type`,
    params,
    FILTERED,
  );
  // No day at all: one row, of the span alone (months, as timelinePeriod says of no span).
  const buckets = rows.flatMap(({ period, type, events, fatalities }) =>
    period === null || type === null || events === null
      ? []
      : [{ period, type, events, fatalities: fatalities ?? 0 }],
  );
  return { period: rows[0]?.chosen ?? 'month', buckets };
}

/**
 * The first and last month the filtered events start in (their first days), from the monthly
 * counts (a counted search's own: countedSource); undefined when those cannot answer the filter. (Not a box: its whole squares' counts
 * and the rest of its events cost as much as its monthly timeline, and eventSpan finds the
 * first and last day of a box of many events from each end of the list's order: 1.5 ms for
 * 245,000 events of 1,000,000.)
 */
export async function eventMonths(
  db: Sql,
  filter: EventFilter,
): Promise<{ first: string | null; last: string | null } | undefined> {
  await foldCounts(db);
  const summary =
    spanSource(filter, 'days') ??
    pairSource(filter) ??
    summarySource(filter, SUMMARY, 'days') ??
    (await countedSource(db, filter));
  if (summary === null) return undefined;
  const [row] = await db.query<{ first: string | null; last: string | null }>(
    `SELECT to_char(min(month), 'YYYY-MM-DD') AS first, to_char(max(month), 'YYYY-MM-DD') AS last
     FROM ${summary.from}`,
    summary.params,
    FILTERED,
  );
  return row ?? { first: null, last: null };
}

/**
 * The first and last day of the filtered events, to choose a timeline's period.
 * Given the first and last month they start in (eventMonths), the events are
 * sought only from the one to the other: the first day is in the first month
 * and the last in the last. Without the bounds, the first matching day of
 * `from` on was sought from the oldest event up, through every event that
 * ends before it (a year of them at 1,000,000 events: ~450 ms).
 */
export async function eventSpan(
  db: Sql,
  filter: EventFilter,
  months?: { first: string | null; last: string | null },
): Promise<{ from: string | null; to: string | null }> {
  if (months !== undefined && (months.first === null || months.last === null))
    return { from: null, to: null };
  await foldCounts(db);
  const days = dayConditions(filter);
  const table = await eventSource(db, filter);
  const { where, params } = days ?? (await boundedConditions(db, filter, table));
  const within: string[] = [];
  if (days === null && months !== undefined) {
    params.push(months.first, months.last);
    within.push(
      `date_start >= $${String(params.length - 1)}::date`,
      `date_start < $${String(params.length)}::date + interval '1 month'`,
    );
  }
  const [row] = await db.query<{ from: string | null; to: string | null }>(
    days === null
      ? `SELECT min(date_start) AS from, max(date_start) AS to FROM ${table} ${whereOf(where, within)}`
      : `SELECT min(day) AS from, max(day) AS to FROM ${days.table} ${whereOf(where)}`,
    params,
    FILTERED,
  );
  return row ?? { from: null, to: null };
}

export interface Cluster {
  readonly lat: number;
  readonly lon: number;
  readonly count: number;
  /** `[west, south, east, north]` of its events. */
  readonly bbox: [number, number, number, number];
  /** The event, when the cluster holds only one. */
  readonly event: string | null;
}

/**
 * The filtered events in a square grid of `cell` degrees, counted in the
 * database: a cluster per occupied cell, at the mean of its events, so a map
 * of all of Syria is a few hundred points however many events there are.
 * Where the filter is no more than a box, the counts by point are grouped
 * (a few thousand rows) rather than the events; where it names no words and
 * no box and the cells are whole squares of the counts by square, those are
 * (at 1,000,000 events, 140,000 rows in all, against the third of the events
 * an actor and a claimant match). Each cell's mean is the sum
 * of its points over their count (what avg() gives, without the squares it
 * also sums), and the id of a cell's one event is sought afterwards, at its
 * point, for those cells alone: grouping the events, keeping every cell's
 * least id cost a comparison of ids per event.
 */
export async function eventClusters(
  db: Sql,
  filter: EventFilter,
  cell: number,
  limit = 5000,
): Promise<Cluster[]> {
  await foldCounts(db);
  const points = pointConditions(filter);
  // (Asked once: the squares' months and the events of a cell of one are bounded by it.)
  const earliest = points === null ? await earliestStart(db, filter) : undefined;
  const squares = points === null ? await squaresOf(db, filter, cell, earliest) : null;
  // (The events' conditions are asked once: the cells of one event use them again, on the
  // table they are read from: a counted search may be kept too, its rows in search_matches.)
  const table = await eventSource(db, filter);
  if (squares !== null)
    return clustered(
      db,
      filter,
      await squaresGrouped(db, squares, limit),
      conditions(filter, earliest, table),
    );
  const bounded = points === null ? conditions(filter, earliest, table) : null;
  const { where, params } = points ?? {
    where: [...(bounded?.where ?? [])],
    params: [...(bounded?.params ?? [])],
  };
  params.push(cell, limit);
  const c = `$${String(params.length - 1)}::float8`;
  const count = points === null ? 'count(*)' : 'sum(events)';
  const rows = await db.query<ClusterRow>(
    points === null
      ? `SELECT sum(lat) / ${count} AS lat, sum(lon) / ${count} AS lon, ${count}::int AS count,
            min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n, NULL AS event
         FROM ${table} ${whereOf(where, ['lon IS NOT NULL', 'lat IS NOT NULL'])}
         GROUP BY floor(lon / ${c}), floor(lat / ${c})
         ORDER BY ${count} DESC LIMIT $${String(params.length)}`
      : `SELECT sum(events * lat) / ${count} AS lat, sum(events * lon) / ${count} AS lon,
            ${count}::int AS count, min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n,
            NULL AS event
         FROM ${points.table} ${whereOf(where)}
         GROUP BY floor(lon / ${c}), floor(lat / ${c})
         ORDER BY ${count} DESC LIMIT $${String(params.length)}`,
    params,
    FILTERED,
  );
  return clustered(db, filter, rows, bounded);
}

/** A cluster as the map's statements give it: its mean, count and bounds (w, s, e, n). */
interface ClusterRow {
  lat: number;
  lon: number;
  count: number;
  w: number;
  s: number;
  e: number;
  n: number;
  event: string | null;
}

/**
 * The counts by square (`event_cells`, schema.ts; for a filter of dates alone
 * their sums by month and square, `event_square_months`: squaresBy) of a filter, when they can
 * answer its map at cells of `cell` degrees: a whole number of squares (a
 * power of two, `per`, on a side: a cell of the coarser zooms), a filter
 * without words or a box (summarySource), or of a counted search's words with
 * no more than days and the private mark (its own sums by month and square,
 * `search_square_months`: countedSource), its months bounded by `earliest`
 * (earliestStart). Null otherwise.
 */
async function squaresOf(
  db: Sql,
  filter: EventFilter,
  cell: number,
  earliest: string | null | undefined,
): Promise<{ from: string; params: unknown[]; per: number } | null> {
  const per = cell / GRID_CELL;
  if (!(per >= 1 && Number.isInteger(Math.log2(per)))) return null;
  const source =
    summarySource(filter, squaresBy(filter), 'events', earliest) ??
    (await countedSource(db, filter, SEARCH_SQUARE_MONTHS, earliest));
  return source === null ? null : { ...source, per };
}

/**
 * The clusters of the counts by square, `per` squares to a side: the squares'
 * sums over their counts, and their bounds' least and greatest. A cell's
 * squares are those whose numbers, over `per`, floor to its own: floor(lon /
 * cell) is floor(floor(lon / GRID_CELL) / per), exactly. Without parallel
 * workers: the rows are a few thousand for most filters (a type's whole months
 * at 1,000,000 events, ~19,000), and at 100,000 events the map of a
 * type and days was given to two, whose start took 40-190 ms on a loaded
 * machine (the rows themselves, 6 ms).
 */
async function squaresGrouped(
  db: Sql,
  squares: { from: string; params: unknown[]; per: number },
  limit: number,
): Promise<ClusterRow[]> {
  const params = [...squares.params, squares.per, limit];
  const per = `$${String(params.length - 1)}::float8`;
  return db.query<ClusterRow>(
    `SELECT (sum(lat_sum) / sum(events))::float8 AS lat, (sum(lon_sum) / sum(events))::float8 AS lon,
            sum(events)::int AS count, min(west) AS w, min(south) AS s, max(east) AS e,
            max(north) AS n, NULL AS event
     FROM ${squares.from}
     GROUP BY floor(x / ${per}), floor(y / ${per})
     ORDER BY sum(events) DESC LIMIT $${String(params.length)}`,
    params,
    FILTERED_SERIAL,
  );
}

/**
 * The clusters as the map gives them, rounded, each of one event with that
 * event's id (`bounded`: the filter's conditions on the events, when already asked).
 */
async function clustered(
  db: Sql,
  filter: EventFilter,
  rows: ClusterRow[],
  bounded: { where: string[]; params: unknown[] } | null = null,
): Promise<Cluster[]> {
  const single = rows.filter((r) => r.count === 1);
  if (single.length > 0) {
    // A cell of one event is one point: its event is read from the point index.
    const table = await eventSource(db, filter);
    const { where: also, params: values } = bounded ?? (await boundedConditions(db, filter, table));
    values.push(
      single.map((r) => r.w),
      single.map((r) => r.s),
    );
    const at = await db.query<{ lon: number; lat: number; event: string }>(
      `SELECT lon, lat, min(id COLLATE "C") AS event FROM ${table}
       ${whereOf(also, [`(lon, lat) IN (SELECT * FROM unnest($${String(values.length - 1)}::float8[], $${String(values.length)}::float8[]))`])}
       GROUP BY lon, lat`,
      values,
      FILTERED,
    );
    const ids = new Map(at.map((p) => [`${String(p.lon)},${String(p.lat)}`, p.event]));
    for (const r of single) r.event = ids.get(`${String(r.w)},${String(r.s)}`) ?? null;
  }
  const round = (v: number): number => Math.round(v * 1e5) / 1e5;
  return rows.map((r) => ({
    lat: round(r.lat),
    lon: round(r.lon),
    count: r.count,
    bbox: [round(r.w), round(r.s), round(r.e), round(r.n)],
    event: r.event,
  }));
}

/** One event with its private mark, or null. */
export async function findEvent(db: Sql, id: string): Promise<MarkedEvent | null> {
  const [row] = await db.query<{ data: Event; private: boolean }>(
    'SELECT event_whole(id, data) AS data, private FROM events WHERE id = $1',
    [id],
  );
  return row === undefined ? null : { ...row.data, private: row.private };
}

/** A report as an event shows it: its text and metadata, and its incidents in that event. */
export interface EventReport {
  readonly document: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly text: string;
  readonly incidents: Incident[];
}

/** The reports of an event's members, in the order of its members, each with its incidents there. */
export async function eventReports(db: Sql, eventId: string): Promise<EventReport[]> {
  const rows = await db.query<{
    document: string;
    title: string | null;
    outlet: string | null;
    url: string | null;
    published: string | null;
    text: string;
    incidents: Incident[];
  }>(
    `SELECT d.id AS document, d.title, d.outlet, d.url, d.published, d.text,
            json_agg(i.data ORDER BY i.id) AS incidents
     FROM incidents i JOIN documents d ON d.id = i.document_id
     WHERE i.event_id = $1
     GROUP BY d.id ORDER BY min(i.id)`,
    [eventId],
  );
  return rows;
}

/** The incidents an event holds now, by their store keys. */
export async function eventIncidents(db: Sql, eventId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM incidents WHERE event_id = $1 ORDER BY id',
    [eventId],
  );
  return rows.map((r) => r.id);
}
