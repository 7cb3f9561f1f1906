import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countEvents,
  eventClusters,
  eventFacets,
  eventMonths,
  eventSpan,
  eventTimeline,
  listMarkedEvents,
  refreshStatistics,
  streamEventPages,
} from '../../src/store/index.js';
import type { Database, EventFilter, QueryOptions, Sql } from '../../src/store/index.js';
import type { Facets } from '../../src/contracts/index.js';
import {
  conditions,
  earliestStart,
  eventTable,
  KEPT_FROM,
  keepSearch,
  searchCounted,
  squaresInside,
} from '../../src/store/queries.js';
import { GRID_CELL } from '../../src/store/schema.js';
import { engines } from './engines.js';
import { explaining } from './plans.js';
import type { PlanNode } from './plans.js';
import { dayFacetsCounted, dayFacetsKept } from './day-facets.js';
import {
  facetCountsCounted,
  facetCountsKept,
  facetSpansCounted,
  facetSpansKept,
} from './facet-counts.js';
import { squaresCounted, squaresKept } from './squares.js';
import { tilesCounted, tilesKept } from './tiles.js';

/** What a counted search's count, timeline, facets, months and map each read: its counts alone. */
const SEARCH_COUNTS_READ = [
  ['search_summary'],
  ['search_summary'],
  ['search_summary'],
  ['search_summary'],
  ['search_square_months'],
];

/**
 * The tables each of the five counted views reads for a filter, in turn. (A search's words are
 * first looked up among the searches kept, by their key: that look-up is left out.)
 */
async function tablesOfCountedViews(
  sql: Sql,
  plans: PlanNode[][],
  filter: EventFilter,
): Promise<string[][]> {
  await countEvents(sql, filter);
  await eventTimeline(sql, filter, 'month');
  await eventFacets(sql, filter);
  await eventMonths(sql, filter);
  await eventClusters(sql, filter, GRID_CELL * 2);
  return plans
    .filter((plan) => plan.some((n) => (n['Relation Name'] ?? 'kept_searches') !== 'kept_searches'))
    .map((plan) => [...new Set(plan.flatMap((n) => n['Relation Name'] ?? []))]);
}

/** Whether a plan is a page's, which reads its events' member rows to make them whole. */
const readsMembers = (plan: readonly PlanNode[]): boolean =>
  plan.some((n) => n['Relation Name'] === 'event_members');

/**
 * Events over three years in ten governorates and twenty towns, each with a
 * document as wide as a real one's: enough for the planner to weigh reading
 * every event.
 */
async function fill(db: Database, count: number): Promise<void> {
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data, private)
     SELECT 'e' || k,
       CASE WHEN k % 3 = 0 THEN 'Battles' ELSE 'Explosions/Remote violence' END,
       CASE WHEN k % 3 = 0 THEN 'Armed clash' WHEN k % 3 = 1 THEN 'Air/drone strike'
            ELSE 'Shelling/artillery/missile attack' END,
       date '2022-01-01' + k % 1100, date '2022-01-01' + k % 1100 + k % 2,
       'SY' || lpad((2 + k % 10)::text, 2, '0'), 'محافظة',
       (ARRAY['SYR-GOV', 'RUS', 'ISIS', 'TUR', 'SNA', 'UNKNOWN'])[1 + k % 6],
       CASE WHEN k % 4 = 0 THEN 'CIV' END,
       k % 20,
       CASE WHEN k % 2 = 0 THEN ARRAY['SOHR', 'LOCAL'] ELSE ARRAY['SNHR', 'SCD'] END,
       CASE WHEN k % 7 = 0 THEN 'reviewed' ELSE 'unreviewed' END,
       'قصف على بلدة ' || CASE WHEN k % 20 = 0 THEN 'سراقب' ELSE 'قرية' || k % 20 END,
       ARRAY[CASE WHEN k % 20 = 0 THEN 'سراقب' ELSE 'قرية' || k % 20 END],
       jsonb_build_object('id', 'e' || k, 'padding', repeat('نص الحدث ', 100),
         'location', jsonb_build_object('lat', 32.5 + (k % 50) / 10.0, 'lon', 36 + (k % 60) / 10.0)),
       k % 50 = 0
     FROM generate_series(1, $1::int) AS k`,
    [count],
  );
  await db.query(
    'INSERT INTO search_terms (term) SELECT DISTINCT unnest(search_names) FROM events',
  );
  await refreshStatistics(db);
}

/**
 * Three battles of `subType` in SY05, ids `prefix` 0–2: Turkey's forces as doer and target, two
 * claimants, reviewed; the first with no first day, the third private.
 */
async function insertThreeBattles(db: Database, prefix: string, subType: string): Promise<void> {
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, actor1,
       actor2, fatalities_best, claimants, review_status, search_text, search_names, data, private)
     SELECT $1 || k, 'Battles', $2, CASE WHEN k > 0 THEN date '2021-06-01' + k END,
       date '2021-06-03', 'SY05', 'TUR', 'TUR', k, '{SCD,SOHR}', 'reviewed', 'اشتباك', '{}',
       jsonb_build_object('id', $1 || k), k = 2
     FROM generate_series(0, 2) AS k`,
    [prefix, subType],
  );
}

/** Thirty events of a town of their own, ids `phrased1`–`phrased30`, their text normalized. */
async function insertPhrased(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
       search_text, search_names, data)
     SELECT 'phrased' || k, 'Battles', 'Armed clash', date '2023-02-01' + k, date '2023-02-01' + k,
       '{}', 'قصف علي بلده كفرنبوده', '{}',
       jsonb_build_object('id', 'phrased' || k, 'location', jsonb_build_object('lat', 35.4, 'lon', 36.6))
     FROM generate_series(1, 30) AS k`,
  );
}

/** Each filter of the events page, alone and combined, as a viewer asks it. */
const FILTERS: readonly (readonly [string, EventFilter])[] = [
  ['no filter', {}],
  ['a governorate', { admin1Pcode: 'SY07' }],
  ['dates', { from: '2023-03-01', to: '2023-05-31' }],
  ['a type', { type: 'Battles' }],
  ['a sub-type', { type: 'Shelling/artillery/missile attack' }],
  ['an actor', { actor: 'SYR-GOV' }],
  ['a claimant', { claimant: 'SOHR' }],
  ['a review status', { status: 'reviewed' }],
  ['words', { search: 'سراقب' }],
  ['a bounding box', { bbox: [36, 33, 37, 34] }],
  ['actor and claimant', { actor: 'SYR-GOV', claimant: 'SOHR' }],
  [
    'governorate, dates and type',
    { admin1Pcode: 'SY07', from: '2023-03-01', to: '2023-09-30', type: 'Air/drone strike' },
  ],
];

describe.each(engines())('the event filters on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await fill(db, 20_000);
  }, 180_000);
  afterAll(async () => {
    await db.close();
  });

  it.each(FILTERS)(
    'read %s from an index in the list, count, map, timeline and facets, never every event',
    async (_, filter) => {
      const plans: PlanNode[][] = [];
      const asked: QueryOptions[] = [];
      const sql = explaining(db, plans, asked);
      const viewer = { ...filter, publicOnly: true };
      await listMarkedEvents(sql, viewer, { limit: 50 });
      await countEvents(sql, viewer);
      await eventClusters(sql, viewer, 0.7);
      await eventSpan(sql, viewer);
      await eventTimeline(sql, viewer, 'week');
      await eventFacets(sql, viewer);
      // (Words are first looked up among the searches kept, by their key: not a read of events.)
      const lookups = plans.filter((plan) =>
        plan.every((n) => (n['Relation Name'] ?? 'kept_searches') === 'kept_searches'),
      );
      expect(lookups.flat().map((n) => n['Node Type'])).not.toContain('Seq Scan');
      // (The list's page reads its events' member rows in the statement that reads its events, to
      // make them whole: one snapshot. Without parallel workers: starting two cost far more than
      // a page's few hundred rows, 164-187 ms against 29-45 at 100,000 events on PostgreSQL.)
      const page = plans.filter(readsMembers);
      expect(page).toHaveLength(1);
      expect(page.flat().map((n) => n['Node Type'])).not.toContain('Gather');
      const reads = plans.filter((plan) => !lookups.includes(plan));
      // (A filter with a first and a last day asks the monthly counts for its events' earliest
      // start first, in the list and the map.)
      expect(reads).toHaveLength(filter.from !== undefined && filter.to !== undefined ? 8 : 6);
      // Planned for this filter's values, never a plan a prepared statement settled on for others.
      expect(asked.every((o) => o.planEachTime === true)).toBe(true);
      for (const plan of reads) {
        // The events (or for words, their words beside their columns), or their counts by month,
        // by point, by day or by facet (a few thousand rows, read whole).
        const read = plan.filter((n) =>
          [
            'events',
            'event_words',
            'event_summary',
            'event_points',
            'event_point_facets',
            'event_days',
            'event_day_facets',
            'event_facet_counts',
            'event_facet_spans',
            'event_facet_pairs',
          ].includes(n['Relation Name'] ?? ''),
        );
        expect(read.length).toBeGreaterThan(0);
        const onEvents = read.filter((n) =>
          ['events', 'event_words'].includes(n['Relation Name'] ?? ''),
        );
        expect(onEvents.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      }
    },
  );

  it.each(FILTERS.filter(([, f]) => f.search === undefined && f.bbox === undefined))(
    'counts %s, its facets and its months from the monthly counts, never the events',
    async (_, filter) => {
      const plans: PlanNode[][] = [];
      const sql = explaining(db, plans);
      const viewer = { ...filter, publicOnly: true };
      await countEvents(sql, viewer);
      await eventTimeline(sql, viewer, 'month');
      await eventFacets(sql, viewer);
      expect(plans).toHaveLength(3);
      for (const [k, plan] of plans.entries()) {
        const tables = plan.flatMap((n) => n['Relation Name'] ?? []);
        expect(tables.length).toBeGreaterThan(0);
        // (The facets of no filter but the viewer's are summed from the counts by facet and month;
        // the timeline and facets of days alone from the counts by facet and months, those of one
        // value from the counts by that value, facet and month; the count from the monthly counts.)
        const daysAlone = Object.keys(filter).every((key) => key === 'from' || key === 'to');
        const oneValue = Object.keys(filter).length === 1 && !daysAlone;
        const noDays = Object.keys(filter).every((key) => key !== 'from' && key !== 'to');
        const twoValues = Object.keys(filter).length === 2 && noDays;
        const counts =
          (k === 0 && twoValues) || (k > 0 && oneValue)
            ? 'event_facet_pairs'
            : k === 2 && Object.keys(filter).length === 0
              ? 'event_facet_counts'
              : k > 0 && daysAlone
                ? 'event_facet_spans'
                : 'event_summary';
        expect(new Set(tables)).toEqual(new Set([counts]));
      }
    },
  );

  /** A filter's conditions with its days as plainly as they can be written: no bound on first days. */
  const plainly = (filter: EventFilter): { where: string[]; params: unknown[] } => {
    const { from, to, ...rest } = filter;
    const { where, params } = conditions(rest);
    if (from !== undefined) {
      params.push(from);
      where.push(`date_end >= $${String(params.length)}::date`);
    }
    if (to !== undefined) {
      params.push(to);
      where.push(`date_start <= $${String(params.length)}::date`);
    }
    return { where, params };
  };

  /** A filter's weeks as a plain grouping of its events counts them: what eventTimeline must answer. */
  const plainWeeks = (filter: EventFilter): Promise<unknown[]> => {
    const { where, params } = plainly(filter);
    return db.query(
      `SELECT to_char(date_trunc('week', date_start::timestamp), 'YYYY-MM-DD') AS period,
         event_type AS type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
       FROM events WHERE ${[...where, 'date_start IS NOT NULL'].join(' AND ')} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
  };

  /**
   * Each facet of a filter's events as a plain count of the `matching` events
   * would give it (`someType`: the events must be of at least one type).
   */
  const expectFacetsAsCounted = async (
    facets: Facets,
    matching: string,
    params: unknown[],
    someType = false,
  ): Promise<void> => {
    const counts = async (key: string, from = matching): Promise<Record<string, number>> =>
      Object.fromEntries(
        (
          await db.query<{ key: string; n: number }>(
            `SELECT ${key} AS key, count(*)::int AS n ${from} AND ${key} IS NOT NULL GROUP BY 1`,
            params,
          )
        ).map((r) => [r.key, r.n]),
      );
    const asRecord = (list: readonly { key: string; count: number }[]): Record<string, number> =>
      Object.fromEntries(list.map((c) => [c.key, c.count]));
    const types = await counts('event_type');
    if (someType) expect(Object.keys(types).length).toBeGreaterThan(0);
    expect(asRecord(facets.type)).toEqual(types);
    expect(asRecord(facets.governorate)).toEqual(await counts('admin1_pcode'));
    expect(asRecord(facets.status)).toEqual(await counts('review_status'));
    expect(asRecord(facets.month)).toEqual(await counts("to_char(date_start, 'YYYY-MM')"));
    expect(asRecord(facets.claimant)).toEqual(
      await counts('c', matching.replace('FROM events', 'FROM events, unnest(claimants) AS c')),
    );
    expect(asRecord(facets.actor)).toEqual(
      await counts(
        'a',
        matching.replace(
          'FROM events',
          'FROM events, unnest(ARRAY[actor1, NULLIF(actor2, actor1)]) AS a',
        ),
      ),
    );
  };

  it('counts a filter of days that are not whole months from the counts by month and by day, not the events', async () => {
    const plans: PlanNode[][] = [];
    const filter: EventFilter = { from: '2023-03-02', to: '2023-05-31', publicOnly: true };
    const total = await countEvents(explaining(db, plans), filter);
    const read = plans[0]?.flatMap((n) => n['Relation Name'] ?? []);
    expect(read).toContain('event_days');
    expect(read).not.toContain('events');
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events
       WHERE NOT private AND date_end >= '2023-03-02' AND date_start <= '2023-05-31'`,
    );
    expect(total).toBe(row?.n);
  });

  it.each([
    ['from mid-month to mid-month', { from: '2023-03-15', to: '2023-06-14' }],
    ['within one month', { from: '2023-03-05', to: '2023-03-20' }],
    ['from a first day to mid-month', { from: '2023-03-01', to: '2023-06-14' }],
    ['from mid-month to a last day', { from: '2023-03-15', to: '2023-06-30' }],
    ['from mid-month on', { from: '2024-02-10' }],
    ['up to mid-month', { to: '2022-05-17' }],
    ['over a year end, with a type', { from: '2022-12-31', to: '2023-01-01', type: 'Battles' }],
    [
      'with a governorate and an actor',
      { from: '2022-07-19', to: '2023-11-02', admin1Pcode: 'SY05', actor: 'SYR-GOV' },
    ],
  ] as const)(
    'counts days %s from the monthly counts and the events of its edge months, as the events would',
    async (_, dates: EventFilter) => {
      // Events of many months: an event ending in the first month that started months before it
      // (its actor as doer and target, counted once); and as a person's correction may leave
      // them, one that ends before it starts, and one that has a last day and no first.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, actor2, fatalities_best, claimants, search_text, search_names, data)
         SELECT 'long' || kind || k, 'Battles', 'Armed clash',
           CASE kind WHEN 'span' THEN day WHEN 'reversed' THEN day + 40 END,
           CASE kind WHEN 'span' THEN day + 100 + k ELSE day END,
           'SY05', 'SYR-GOV', CASE kind WHEN 'span' THEN 'SYR-GOV' END, k, '{SOHR}', 'اشتباك', '{}',
           jsonb_build_object('id', 'long' || kind || k)
         FROM generate_series(1, 24) AS k,
           LATERAL (SELECT date '2021-11-20' + k * 45 AS day) d,
           unnest(ARRAY['span', 'reversed', 'startless']) AS kind`,
      );
      try {
        const filter: EventFilter = { ...dates, publicOnly: true };
        const plans: PlanNode[][] = [];
        const sql = explaining(db, plans);
        const total = await countEvents(sql, filter);
        const facets = await eventFacets(sql, filter, 1000);
        const timeline = await eventTimeline(sql, filter, 'month');
        // Days with nothing but a type and the private mark: the edge months' events are counted
        // by day (those with no first day, which the counts by day do not hold, read as before),
        // and in the facets their actors, claimants and statuses by day as well.
        const byDay = Object.keys(dates).every((key) => ['from', 'to', 'type'].includes(key));
        // Days alone: the whole months of their facets and timeline are summed from the counts by
        // facet and the months an event starts and ends in.
        const daysAlone = Object.keys(dates).every((key) => ['from', 'to'].includes(key));
        expect(plans).toHaveLength(3);
        for (const [k, plan] of plans.entries()) {
          const read = new Set(plan.flatMap((n) => n['Relation Name'] ?? []));
          expect(read.has(k > 0 && daysAlone ? 'event_facet_spans' : 'event_summary')).toBe(true);
          // From mid-month, the first days of the events ending in its month are bounded by the
          // counts by day.
          if (dates.from !== undefined && !dates.from.endsWith('-01'))
            expect(read.has('event_days')).toBe(true);
          expect(read.has('event_day_facets')).toBe(byDay && k === 1);
          const onEvents = plan.filter((n) => n['Relation Name'] === 'events');
          expect(onEvents.map((n) => n['Node Type'])).not.toContain('Seq Scan');
          // Each edge month's events are sought from their first day on, not from either end.
          for (const scan of onEvents)
            expect(scan['Index Cond'] ?? '').toMatch(
              byDay ? /date_start IS NULL/ : /date_start >=|date_start IS NULL/,
            );
        }
        const { where, params } = plainly(filter);
        const matching = `FROM events WHERE ${where.join(' AND ')}`;
        const [row] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n ${matching}`,
          params,
        );
        expect(row?.n).toBeGreaterThan(0);
        expect(total).toBe(row?.n);
        await expectFacetsAsCounted(facets, matching, params);
        expect(timeline).toEqual(
          await db.query(
            `SELECT to_char(date_trunc('month', date_start), 'YYYY-MM-DD') AS period,
               event_type AS type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
             ${matching} AND date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
            params,
          ),
        );
        const [span] = await db.query<{ first: string | null; last: string | null }>(
          `SELECT to_char(date_trunc('month', min(date_start)), 'YYYY-MM-DD') AS first,
             to_char(date_trunc('month', max(date_start)), 'YYYY-MM-DD') AS last ${matching}`,
          params,
        );
        expect(await eventMonths(db, filter)).toEqual(span);
      } finally {
        await db.query("DELETE FROM events WHERE id LIKE 'long%'");
      }
    },
  );

  it.each([
    ['a season with an actor', { from: '2023-03-01', to: '2023-05-31', actor: 'RUS' }],
    ['days with a claimant', { from: '2023-03-15', to: '2023-06-14', claimant: 'SNHR' }],
    ['from a day on, with a status', { from: '2024-08-10', status: 'reviewed' }],
    ['days before any event', { from: '2019-01-01', to: '2019-02-10', actor: 'RUS' }],
  ] as const)(
    'reads %s from its first days on, bounded by the monthly counts, as the plain days would',
    async (_, dates: EventFilter) => {
      // Events that start long before they end, end before they start, or have no first day.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, fatalities_best, claimants, review_status, search_text, search_names, data)
         SELECT 'bound' || kind || k, 'Battles', 'Armed clash',
           CASE kind WHEN 'span' THEN day WHEN 'reversed' THEN day + 40 END,
           CASE kind WHEN 'span' THEN day + 300 + k ELSE day END,
           'SY05', 'RUS', k, '{SNHR}', 'reviewed', 'اشتباك', '{}', jsonb_build_object('id', 'bound' || kind || k)
         FROM generate_series(1, 24) AS k,
           LATERAL (SELECT date '2021-11-20' + k * 45 AS day) d,
           unnest(ARRAY['span', 'reversed', 'startless']) AS kind`,
      );
      try {
        const filter: EventFilter = { ...dates, publicOnly: true };
        const { where, params } = plainly(filter);
        const expected = (
          await db.query<{ id: string }>(
            `SELECT id FROM events WHERE ${where.join(' AND ')} ORDER BY date_start DESC NULLS LAST, id`,
            params,
          )
        ).map((r) => r.id);
        const plans: PlanNode[][] = [];
        const listed: string[] = [];
        let after = null;
        do {
          const page = await listMarkedEvents(explaining(db, plans), filter, { limit: 400, after });
          listed.push(...page.events.map((e) => e.id));
          after = page.next;
        } while (after !== null);
        expect(listed).toEqual(expected);
        // The first days are bounded on both sides where the filter has a last day.
        const scans = plans.flat().filter((n) => n['Index Name'] === 'events_facts');
        expect(scans.length).toBeGreaterThan(0);
        if (dates.to !== undefined)
          for (const scan of scans)
            expect(scan['Index Cond']).toMatch(/date_start >=.*date_start <=/);
        expect(await eventTimeline(db, filter, 'week')).toEqual(await plainWeeks(filter));
        const clusters = await eventClusters(db, filter, 0.7);
        const [mapped] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM events WHERE ${[...where, 'lon IS NOT NULL', 'lat IS NOT NULL'].join(' AND ')}`,
          params,
        );
        expect(clusters.reduce((sum, c) => sum + c.count, 0)).toBe(mapped?.n);
        // The bound is the earliest first month of an event ending in `from`'s month or later
        // (none without a last day).
        const [first] = await db.query<{ first: string | null }>(
          `SELECT to_char(date_trunc('month', min(date_start)), 'YYYY-MM-DD') AS first FROM events
           WHERE date_trunc('month', date_end) >= date_trunc('month', $1::date)`,
          [filter.from],
        );
        expect(await earliestStart(db, filter)).toBe(
          dates.to === undefined ? undefined : first?.first,
        );
      } finally {
        await db.query("DELETE FROM events WHERE id LIKE 'bound%'");
      }
    },
  );

  it.each([
    ['a season', { from: '2023-03-01', to: '2023-05-31', publicOnly: true }, 'day', 'event_days'],
    [
      'days of a sub-type',
      { from: '2023-03-15', to: '2023-09-14', type: 'Air/drone strike', publicOnly: true },
      'week',
      'event_days',
    ],
    [
      'a governorate',
      { admin1Pcode: 'SY07', from: '2023-01-10', to: '2023-03-20', publicOnly: true },
      'day',
      'event_days',
    ],
    [
      'the private events of a year',
      { private: true, from: '2023-01-01', to: '2023-12-31' },
      'week',
      'event_days',
    ],
    [
      'a type, from a day on',
      { type: 'Battles', from: '2024-06-17', publicOnly: true },
      'month',
      'event_days',
    ],
    [
      'a type, a claimant and a year',
      { type: 'Battles', claimant: 'SOHR', from: '2023-01-01', to: '2023-12-31', publicOnly: true },
      'week',
      'event_day_facets',
    ],
    [
      'an actor as doer or target, and days',
      { actor: 'CIV', from: '2023-03-15', to: '2023-05-02', publicOnly: true },
      'day',
      'event_day_facets',
    ],
    [
      'a status and a sub-type from a day on',
      { status: 'reviewed', type: 'Air/drone strike', from: '2024-06-17', publicOnly: true },
      'week',
      'event_day_facets',
    ],
    [
      'the private events of a claimant, to a day',
      { private: true, claimant: 'SOHR', to: '2022-09-30' },
      'week',
      'event_day_facets',
    ],
    [
      'a claimant from a day on',
      { claimant: 'LOCAL', from: '2024-08-10', publicOnly: true },
      'month',
      'event_day_facets',
    ],
  ] as const)(
    'sums %s by %s from the counts by day (%s), as the events would',
    async (_, filter: EventFilter, period, table) => {
      const plans: PlanNode[][] = [];
      const sql = explaining(db, plans);
      const timeline = await eventTimeline(sql, filter, period);
      // By day or week, the rows of a day are summed by day and type first, so that each day's
      // period is worked out once a day and type, not once a row.
      if (period !== 'month')
        expect(
          plans[0]?.some(
            (n) =>
              (n['Group Key'] ?? []).map((k) => k.replace(/^\w+\./, '')).join() ===
              'day,event_type',
          ),
        ).toBe(true);
      const span = await eventSpan(sql, filter);
      // (By month, the monthly counts answer where they can; by day and week, the counts by
      // day, those of an actor, a claimant or a status where the filter names one.)
      for (const plan of period === 'month' ? plans.slice(1) : plans)
        expect(new Set(plan.flatMap((n) => n['Relation Name'] ?? []))).toEqual(new Set([table]));
      const { where, params } = conditions(filter);
      const matching = `FROM events WHERE ${[...where, 'date_start IS NOT NULL'].join(' AND ')}`;
      expect(timeline.length).toBeGreaterThan(1);
      expect(timeline).toEqual(
        await db.query(
          `SELECT to_char(date_trunc($${String(params.length + 1)}, date_start::timestamp), 'YYYY-MM-DD') AS period,
             event_type AS type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
           ${matching} GROUP BY 1, 2 ORDER BY 1, 2`,
          [...params, period],
        ),
      );
      const [exact] = await db.query(
        `SELECT min(date_start) AS from, max(date_start) AS to ${matching}`,
        params,
      );
      expect(span).toEqual(exact);
    },
  );

  it("finds a type's counts by day by its type and days, not every day up to its last (migration 56)", async () => {
    const filter: EventFilter = {
      type: 'Battles',
      from: '2022-03-15',
      to: '2024-10-20',
      publicOnly: true,
    };
    const plans: PlanNode[][] = [];
    const timeline = await eventTimeline(explaining(db, plans), filter, 'week');
    // The type's condition (its event type or its sub-type) as a range of each index by type.
    const scanned = new Set(plans.flat().flatMap((n) => n['Index Name'] ?? []));
    expect(scanned).toEqual(new Set(['event_days_type', 'event_days_sub_type']));
    expect(plans.flat().map((n) => n['Node Type'])).not.toContain('Seq Scan');
    const { where, params } = conditions(filter);
    expect(timeline).toEqual(
      await db.query(
        `SELECT to_char(date_trunc('week', date_start::timestamp), 'YYYY-MM-DD') AS period,
             event_type AS type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
           FROM events WHERE ${[...where, 'date_start IS NOT NULL'].join(' AND ')}
           GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      ),
    );
  });

  it.each([
    [
      'an actor and a claimant from a day on',
      { actor: 'SYR-GOV', claimant: 'SOHR', from: '2023-05-20' },
    ],
    [
      'a status, a governorate, a type and days',
      {
        status: 'reviewed',
        admin1Pcode: 'SY04',
        type: 'Battles',
        from: '2022-03-03',
        to: '2023-02-14',
      },
    ],
    ['an actor in a month with no event', { actor: 'ISIS', from: '2030-01-01' }],
  ] as const)(
    'finds the first and last day of %s between its first and last month, as without them',
    async (_, dates: EventFilter) => {
      const filter = { ...dates, publicOnly: true };
      const plans: PlanNode[][] = [];
      const months = await eventMonths(db, filter);
      expect(months).toBeDefined();
      const span = await eventSpan(explaining(db, plans), filter, months);
      expect(span).toEqual(await eventSpan(db, filter));
      if (months?.first === null) expect(span).toEqual({ from: null, to: null });
      else {
        expect(span.from?.slice(0, 7)).toBe(months?.first?.slice(0, 7));
        // The months bound the walk of the index: it starts at them, not at either end.
        const scans = plans.flat().filter((n) => n['Relation Name'] === 'events');
        expect(scans.length).toBeGreaterThan(0);
        for (const scan of scans) expect(scan['Index Cond']).toMatch(/date_start >=/);
      }
    },
  );

  it.each([
    ['an actor and a claimant', { admin1Pcode: 'SY07', actor: 'TUR', claimant: 'SNHR' }],
    [
      'days, a type, an actor and a status',
      {
        admin1Pcode: 'SY05',
        from: '2023-01-10',
        to: '2024-03-20',
        type: 'Battles',
        actor: 'TUR',
        status: 'unreviewed',
      },
    ],
  ] as const)(
    'maps a governorate with %s from its index alone, never the events themselves',
    async (_, also: EventFilter) => {
      const filter: EventFilter = { ...also, publicOnly: true };
      const mapped: PlanNode[][] = [];
      await eventClusters(explaining(db, mapped), filter, 0.7);
      const scans = mapped.flat().filter((n) => n['Relation Name'] === 'events');
      expect(scans.map((n) => [n['Node Type'], n['Index Name']])).toEqual(
        scans.map(() => ['Index Only Scan', 'events_area']),
      );
      expect(scans.length).toBeGreaterThan(0);
      // The timeline of a type reads its sub-type's events and its type's apart (typeParts): each
      // from the governorate's indexes alone, or, for the column the value is not of, from that
      // column's index, in which it finds none.
      const timed: PlanNode[][] = [];
      await eventTimeline(explaining(db, timed), filter, 'week');
      const read = timed.flat().filter((n) => n['Relation Name'] === 'events');
      expect(read.length).toBeGreaterThan(0);
      // A type's name is never a sub-type's: the column it is not of is the sub-type's.
      const otherColumn = also.type === undefined ? null : 'events_sub_type';
      for (const scan of read) {
        if (scan['Node Type'] !== 'Index Only Scan' && otherColumn !== null)
          expect([scan['Node Type'], scan['Index Name'], scan['Index Cond']]).toEqual([
            'Index Scan',
            otherColumn,
            expect.stringContaining(`= '${String(also.type)}'::text`),
          ]);
        else
          expect([scan['Node Type'], scan['Index Name']]).toEqual([
            'Index Only Scan',
            expect.stringMatching(/^events_area(_sub_type)?$/),
          ]);
      }
      await mapsAsPlainly(also, 0.7, false);
    },
  );

  it.each([
    ['a sub-type (a range of the index of governorate and sub-type)', 'Air/drone strike'],
    ['a type (the governorate and days)', 'Explosions/Remote violence'],
  ])(
    'reads the timeline of a governorate, two years, %s, an actor, a claimant and a status as a plain grouping would',
    async (_, type) => {
      const filter: EventFilter = {
        admin1Pcode: 'SY07',
        from: '2023-01-01',
        to: '2024-12-31',
        actor: 'RUS',
        claimant: 'SNHR',
        type,
        status: 'unreviewed',
        publicOnly: true,
      };
      const plans: PlanNode[][] = [];
      const week = await eventTimeline(explaining(db, plans), filter, 'week');
      // The governorate's events of the sub-type alone, found as a range of the index of both.
      const read = plans.flat().filter((n) => n['Relation Name'] === 'events');
      const bySub = read.filter((n) => n['Index Name'] === 'events_area_sub_type');
      if (type === 'Air/drone strike') {
        expect(bySub.map((n) => n['Node Type'])).toEqual(['Index Only Scan']);
        expect(bySub[0]?.['Index Cond']).toMatch(/admin1_pcode = .* AND \(?sub_event_type = /);
      }
      expect(read.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(week.length).toBeGreaterThan(0);
      expect(week).toEqual(await plainWeeks(filter));
    },
  );

  it('reads the events of a small box on the map from the point index alone', async () => {
    const plans: PlanNode[][] = [];
    // (Two filters besides the box: the counts by point answer one.)
    const box: EventFilter = {
      bbox: [36, 32.5, 36.3, 32.8],
      type: 'Battles',
      claimant: 'SNHR',
      publicOnly: true,
    };
    const clusters = await eventClusters(explaining(db, plans), box, 0.05);
    expect(clusters.length).toBeGreaterThan(0);
    const used = (plans[0] ?? []).filter((n) => n['Relation Name'] === 'events');
    expect(used.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
      ['Index Only Scan', 'events_point'],
    ]);
  });

  it.each([
    ['all of Syria', { publicOnly: true }, 0.7, 'event_points'],
    ['a box, zoomed in', { bbox: [36, 32.5, 36.3, 32.8], publicOnly: true }, 0.05, 'event_points'],
    ['the private events', { private: true }, 0.7, 'event_points'],
    ['a type', { type: 'Battles', publicOnly: true }, 0.7, 'event_point_facets'],
    [
      'a sub-type in a box',
      { type: 'Air/drone strike', bbox: [36, 32.5, 37, 33.5], publicOnly: true },
      0.05,
      'event_point_facets',
    ],
    ['a governorate', { admin1Pcode: 'SY07', publicOnly: true }, 0.7, 'event_point_facets'],
    ['an actor, doer or target', { actor: 'CIV', publicOnly: true }, 0.7, 'event_point_facets'],
    ['a claimant', { claimant: 'SOHR', publicOnly: true }, 0.7, 'event_point_facets'],
    ['a review status', { status: 'reviewed', private: false }, 0.7, 'event_point_facets'],
  ] as const)(
    'maps %s from the counts by point, as the events would give it',
    async (_, filter: EventFilter, cell, table) => {
      const plans: PlanNode[][] = [];
      const clusters = await eventClusters(explaining(db, plans), filter, cell);
      // The counts by point are grouped; the events are read only for the id of a cell's one event.
      expect(plans[0]?.flatMap((n) => n['Relation Name'] ?? [])).toEqual([table]);
      for (const plan of plans.slice(1))
        expect(
          plan.filter((n) => n['Relation Name'] === 'events').map((n) => n['Node Type']),
        ).not.toContain('Seq Scan');
      const { where, params } = conditions(filter);
      const expected = await plainClusters(where, params, cell);
      expect(expected.length).toBeGreaterThan(0);
      expect(byCorner(clusters)).toEqual(expected);
    },
  );

  it.each([
    ['an actor and a claimant', { actor: 'SYR-GOV', claimant: 'SOHR' }, 0.7, false],
    ['a season', { from: '2023-03-01', to: '2023-05-31' }, 0.7, false],
    [
      'days of a type, zoomed in',
      { type: 'Battles', from: '2023-03-15', to: '2023-04-14' },
      0.05,
      false,
    ],
    ['words in a box', { search: 'سراقب', bbox: [36, 32.5, 37.5, 34] }, 0.05, false],
    [
      'a day of a sub-type, zoomed in',
      { type: 'Air/drone strike', from: '2023-03-15', to: '2023-03-16' },
      0.05,
      true,
    ],
  ] as const)(
    'maps %s from the events as a plain grouping would, with the id of each cell of one event',
    async (_, also: EventFilter, cell, lone) => {
      // Two events of that day each alone at a point of its own, where the filter leaves cells of one.
      if (lone)
        await db.query(
          `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
             search_text, search_names, data)
           SELECT 'lone' || k, 'Explosions/Remote violence', 'Air/drone strike', date '2023-03-15',
             date '2023-03-15', '{}', 'غارة', '{}',
             jsonb_build_object('id', 'lone' || k, 'location', jsonb_build_object('lat', 35.123 + k, 'lon', 38.456))
           FROM generate_series(1, 2) AS k`,
        );
      try {
        await mapsAsPlainly(also, cell, lone);
      } finally {
        await db.query("DELETE FROM events WHERE id LIKE 'lone%'");
      }
    },
  );

  it.each([
    ['an actor and a claimant', { actor: 'SYR-GOV', claimant: 'SOHR' }, 0],
    ['a season, zoomed out', { from: '2023-03-01', to: '2023-05-31' }, 1],
    ['days of a type', { type: 'Battles', from: '2023-03-15', to: '2023-06-14' }, 0],
    [
      'a type, a claimant and a year, zoomed out twice',
      { type: 'Battles', claimant: 'SOHR', from: '2023-01-01', to: '2023-12-31' },
      2,
    ],
    ['a status from a day on', { status: 'reviewed', from: '2023-03-15' }, 0],
    ['a governorate to a day, zoomed in', { admin1Pcode: 'SY07', to: '2023-03-15' }, -1],
  ] as const)(
    'maps %s from the counts by square where its cells are whole squares, as a plain grouping would',
    async (_, also: EventFilter, zoomsOut) => {
      const cell = GRID_CELL * 2 ** zoomsOut;
      const filter: EventFilter = { ...also, publicOnly: true };
      const plans: PlanNode[][] = [];
      const clusters = await eventClusters(explaining(db, plans), filter, cell);
      // Squares are grouped (with the events at a month's edge, through an index); cells smaller
      // than a square, from the events.
      // (A filter of dates alone, from their sums by month and square: event_square_months.)
      const counts = ['event_cells', 'event_square_months'];
      expect(
        plans.some((plan) => plan.some((n) => counts.includes(n['Relation Name'] ?? ''))),
      ).toBe(zoomsOut >= 0);
      expectNoSeqScanOfEvents(plans);
      await expectPlainClusters(clusters, filter, cell);
    },
  );

  it.each([
    ['a season', { from: '2023-03-01', to: '2023-05-31', publicOnly: true }],
    [
      'days from mid-month to mid-month',
      { from: '2023-03-15', to: '2023-06-14', publicOnly: true },
    ],
    ['days from mid-month on', { from: '2023-03-15', publicOnly: true }],
    ['days up to mid-month, as a reviewer', { to: '2023-06-14' }],
    ['a year of private events alone', { from: '2023-01-01', to: '2023-12-31', private: true }],
  ] as const)(
    'maps %s from the counts by square and month alone, not every row of the counts by square, as a plain grouping would',
    async (_, filter: EventFilter) => {
      const cell = GRID_CELL * 2;
      const plans: PlanNode[][] = [];
      const clusters = await eventClusters(explaining(db, plans), filter, cell);
      const read = plans.flat().map((n) => n['Relation Name']);
      expect(read).toContain('event_square_months');
      expect(read).not.toContain('event_cells');
      expectNoSeqScanOfEvents(plans);
      await expectPlainClusters(clusters, filter, cell);
    },
  );

  it.each([
    [
      'days from mid-month to mid-month',
      { from: '2023-03-15', to: '2023-06-14', publicOnly: true },
    ],
    ['days from mid-month on', { from: '2023-03-15', publicOnly: true }],
    ['days up to mid-month, as a reviewer', { to: '2023-06-14' }],
    [
      'a type over a year end, from mid-month to mid-month',
      { type: 'Battles', from: '2022-11-20', to: '2024-02-10', publicOnly: true },
    ],
    [
      'a sub-type within one month',
      { type: 'Air/drone strike', from: '2023-03-05', to: '2023-03-20', publicOnly: true },
    ],
  ] as const)(
    "maps %s with its edge months' events summed from the counts by square and day, never read, as a plain grouping would",
    async (_, filter: EventFilter) => {
      // Events that start long before they end, end before they start, or have no first day.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
           search_text, search_names, data)
         SELECT 'edge' || kind || k, 'Battles', 'Armed clash',
           CASE kind WHEN 'span' THEN day WHEN 'reversed' THEN day + 40 END,
           CASE kind WHEN 'span' THEN day + 100 + k ELSE day END, '{}', 'اشتباك', '{}',
           jsonb_build_object('id', 'edge' || kind || k, 'location',
             jsonb_build_object('lat', 33.01 + k / 10.0, 'lon', 36.02 + k / 20.0))
         FROM generate_series(1, 24) AS k,
           LATERAL (SELECT date '2021-11-20' + k * 45 AS day) d,
           unnest(ARRAY['span', 'reversed', 'startless']) AS kind`,
      );
      try {
        const cell = GRID_CELL * 2;
        const plans: PlanNode[][] = [];
        const clusters = await eventClusters(explaining(db, plans), filter, cell);
        const read = plans.flat();
        expect(read.map((n) => n['Relation Name'])).toContain('event_square_days');
        // The events are read only where they have no first day (which no count by day holds).
        for (const scan of read.filter((n) => n['Relation Name'] === 'events'))
          expect(scan['Index Cond']).toMatch(/date_start IS NULL/);
        await expectPlainClusters(clusters, filter, cell);
      } finally {
        await db.query("DELETE FROM events WHERE id LIKE 'edge%'");
      }
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
    },
  );

  it.each([
    [
      'a governorate, dates and a type',
      { admin1Pcode: 'SY07', from: '2023-03-01', to: '2023-09-30', type: 'Air/drone strike' },
      'event_cells_area',
    ],
    [
      'an actor, a claimant and a governorate',
      { actor: 'SYR-GOV', claimant: 'SOHR', admin1Pcode: 'SY02' },
      'event_cells_area',
    ],
    ['an actor and a claimant', { actor: 'RUS', claimant: 'SNHR' }, 'event_cells_actor1'],
    [
      'a sub-type from mid-month, zoomed out',
      { type: 'Armed clash', from: '2023-03-15', to: '2023-06-14' },
      'event_cells_months',
    ],
  ] as const)(
    'maps %s from the rows of the counts by square its values find through an index, as a plain grouping would',
    async (_, also: EventFilter, index) => {
      const filter: EventFilter = { ...also, publicOnly: true };
      const cell = GRID_CELL * 2;
      const plans: PlanNode[][] = [];
      const clusters = await eventClusters(explaining(db, plans), filter, cell);
      const squares = plans.flat().filter((n) => n['Relation Name'] === 'event_cells');
      expect(squares.length).toBeGreaterThan(0);
      expect(squares.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(plans.flat().map((n) => n['Index Name'])).toContain(index);
      await expectPlainClusters(clusters, filter, cell);
    },
  );

  it('keeps the counts by square and their bounds as the events give them, through moves and deletes', async () => {
    // Six events of one month and kind in one square, at its corners and between.
    const at = (k: number): string =>
      `jsonb_build_object('lat', ${String(20.01 + (k % 3) * 0.1)}, 'lon', ${String(50.01 + (k % 2) * 0.3)})`;
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
         actor1, fatalities_best, claimants, search_text, search_names, data)
       VALUES ${[0, 1, 2, 3, 4, 5]
         .map(
           (
             k,
           ) => `('square${String(k)}', 'Battles', 'Armed clash', date '2023-07-0${String(k + 1)}',
             date '2023-07-0${String(k + 1)}', ${k >= 3 ? 'NULL' : "'SY01'"}, 'SNA',
             ${k === 4 ? 'NULL' : String(k + 2)}, '{SOHR}', 'اشتباك', '{}',
             jsonb_build_object('id', 'square${String(k)}', 'location', ${at(k)}))`,
         )
         .join(', ')}`,
    );
    const moved = (id: string, lat: number, lon: number): Promise<unknown> =>
      db.query(
        `UPDATE events SET data = jsonb_set(data, '{location}', jsonb_build_object('lat', $2::float8, 'lon', $3::float8))
         WHERE id = $1`,
        [id, lat, lon],
      );
    try {
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      // The westmost and northmost points leave inward, then out of the square.
      await moved('square0', 20.15, 50.2);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await moved('square4', 20.9, 51.5);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      // (In a row of no governorate: its events are sought apart.)
      await moved('square5', 20.05, 50.05);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      // One leaves its row for another (another actor), one is deleted, all are written again as they are.
      await db.query("UPDATE events SET actor1 = 'RUS' WHERE id = 'square1'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await db.query("DELETE FROM events WHERE id = 'square2'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      // Only an event's figures change, then they are no longer known.
      await db.query("UPDATE events SET fatalities_best = 40 WHERE id = 'square3'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await db.query("UPDATE events SET fatalities_best = NULL WHERE id = 'square3'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await db.query("UPDATE events SET updated_at = updated_at WHERE id LIKE 'square%'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE 'square%'");
    }
    expect(await squaresKept(db)).toEqual(await squaresCounted(db));
    expect(await tilesKept(db)).toEqual(await tilesCounted(db));
  });

  it("re-reads a day's bounds in a square when the event at its edge leaves and others stay", async () => {
    // Three events of one day, type and square: west, middle and east; each edge leaves in turn.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
         search_text, search_names, data)
       SELECT 'dayedge' || k, 'Battles', 'Armed clash', date '2022-02-09', date '2022-02-09', '{}',
         'اشتباك', '{}', jsonb_build_object('id', 'dayedge' || k,
           'location', jsonb_build_object('lat', 30.02 + k / 100.0, 'lon', 40.01 + k / 50.0))
       FROM generate_series(0, 2) AS k`,
    );
    try {
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await db.query("DELETE FROM events WHERE id = 'dayedge0'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await db.query(
        `UPDATE events SET data = jsonb_set(data, '{location}', '{"lat": 30.03, "lon": 40.02}')
         WHERE id = 'dayedge2'`,
      );
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE 'dayedge%'");
    }
    expect(await squaresKept(db)).toEqual(await squaresCounted(db));
  });

  it('keeps the counts by square and their bounds through statements that write thousands of events at once', async () => {
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE admin1_pcode = 'SY07' AND lat IS NOT NULL",
    );
    expect(n).toBeGreaterThan(1000);
    // Every located event of a governorate moves, in one statement, then back in another.
    const shifted = (by: number): Promise<unknown> =>
      db.query(
        `UPDATE events SET data = jsonb_set(data, '{location,lat}',
           to_jsonb((data #>> '{location,lat}')::float8 + $1::float8))
         WHERE admin1_pcode = 'SY07' AND lat IS NOT NULL`,
        [by],
      );
    // Its events copied in one statement, and the copies deleted in one.
    const copied = (): Promise<unknown> =>
      db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, actor2, claimants, review_status, search_text, search_names, data, private)
         SELECT id || '-bulk', event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, actor2, claimants, review_status, search_text, search_names,
           jsonb_set(data, '{id}', to_jsonb(id || '-bulk')), private
         FROM events WHERE admin1_pcode = 'SY07'`,
      );
    // Its events' figures changed in one statement, and back in another.
    const recounted = (by: number): Promise<unknown> =>
      db.query(
        `UPDATE events SET fatalities_best = fatalities_best + $1::int
         WHERE admin1_pcode = 'SY07' AND fatalities_best IS NOT NULL`,
        [by],
      );
    try {
      await shifted(0.25);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      // (And by square and tile, for a box: each counted anew, once a statement moved them.)
      expect(await tilesKept(db)).toEqual(await tilesCounted(db));
      await shifted(-0.25);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await recounted(3);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      expect(await tilesKept(db)).toEqual(await tilesCounted(db));
      expect(await facetCountsKept(db)).toEqual(await facetCountsCounted(db));
      await recounted(-3);
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      await copied();
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      expect(await tilesKept(db)).toEqual(await tilesCounted(db));
      expect(await facetCountsKept(db)).toEqual(await facetCountsCounted(db));
      expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
      await db.query("DELETE FROM events WHERE id LIKE '%-bulk'");
      expect(await squaresKept(db)).toEqual(await squaresCounted(db));
      expect(await tilesKept(db)).toEqual(await tilesCounted(db));
      expect(await facetCountsKept(db)).toEqual(await facetCountsCounted(db));
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE '%-bulk'");
      // As after any bulk work: the tests after this one plan on the store as it is again.
      await refreshStatistics(db);
    }
  });

  it('keeps the counts by day of each actor, claimant and status through statements that write thousands of events at once', async () => {
    expect(await dayFacetsKept(db)).toEqual(await dayFacetsCounted(db));
    // A governorate's events, in one statement each: moved a day on with their doers, targets,
    // claimants, statuses and figures changed (an actor that was target becomes doer as well),
    // then back; copied; the copies deleted.
    const moved = (): Promise<unknown> =>
      db.query(
        `UPDATE events SET date_start = date_start + 1, date_end = date_end + 2,
           actor1 = coalesce(actor2, actor1), actor2 = actor1, claimants = claimants[2:2] || '{SOHR}',
           review_status = CASE review_status WHEN 'reviewed' THEN 'unreviewed' ELSE 'reviewed' END,
           fatalities_best = fatalities_best + 1, private = NOT private
         WHERE admin1_pcode = 'SY05'`,
      );
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE admin1_pcode = 'SY05'",
    );
    expect(n).toBeGreaterThan(1000);
    await db.query(
      "CREATE TEMPORARY TABLE kept_events AS SELECT * FROM events WHERE admin1_pcode = 'SY05'",
    );
    try {
      await moved();
      expect(await dayFacetsKept(db)).toEqual(await dayFacetsCounted(db));
      await db.query(
        `UPDATE events e SET date_start = k.date_start, date_end = k.date_end, actor1 = k.actor1,
           actor2 = k.actor2, claimants = k.claimants, review_status = k.review_status,
           fatalities_best = k.fatalities_best, private = k.private
         FROM kept_events k WHERE e.id = k.id`,
      );
      expect(await dayFacetsKept(db)).toEqual(await dayFacetsCounted(db));
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data, private)
         SELECT id || '-bulk', event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names,
           jsonb_set(data, '{id}', to_jsonb(id || '-bulk')), private
         FROM kept_events`,
      );
      expect(await dayFacetsKept(db)).toEqual(await dayFacetsCounted(db));
      await db.query("DELETE FROM events WHERE id LIKE '%-bulk'");
      expect(await dayFacetsKept(db)).toEqual(await dayFacetsCounted(db));
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE '%-bulk'");
      await db.query('DROP TABLE kept_events');
      // (What the planner knows of the events as they were: the later tests' plans are weighed on it.)
      await refreshStatistics(db);
    }
  });

  /** No plan reads the whole of events. */
  const expectNoSeqScanOfEvents = (plans: readonly PlanNode[][]): void => {
    for (const plan of plans)
      expect(
        plan.filter((n) => n['Relation Name'] === 'events').map((n) => n['Node Type']),
      ).not.toContain('Seq Scan');
  };

  /** Clusters equal to a plain grouping of the filter's located events, of more than one cell. */
  const expectPlainClusters = async (
    clusters: readonly { bbox: readonly number[] }[],
    filter: EventFilter,
    cell: number,
  ): Promise<void> => {
    const { where, params } = plainly(filter);
    const expected = await plainClusters([...where, 'lat IS NOT NULL'], params, cell);
    expect(expected.length).toBeGreaterThan(1);
    expect(byCorner(clusters)).toEqual(expected);
  };

  /** eventClusters of a filter against a plain grouping of the events. */
  const mapsAsPlainly = async (also: EventFilter, cell: number, lone: boolean): Promise<void> => {
    const filter: EventFilter = { ...also, publicOnly: true };
    const plans: PlanNode[][] = [];
    const clusters = await eventClusters(explaining(db, plans), filter, cell);
    // (The events, or for words of one piece, their words beside their columns.)
    expect(plans.flat().flatMap((n) => n['Relation Name'] ?? [])).toContain(eventTable(filter));
    const { where, params } = plainly(filter);
    const expected = await plainClusters([...where, 'lat IS NOT NULL'], params, cell);
    expect(expected.length).toBeGreaterThan(0);
    // (Cells of one event, whose id is sought at their point, where the filter leaves them.)
    expect(expected.some((c) => c.count === 1)).toBe(lone);
    expect(byCorner(clusters)).toEqual(expected);
  };

  /** Clusters in order of their boxes' corners (a box is its events' least and greatest point). */
  const byCorner = <C extends { bbox: readonly number[] }>(clusters: readonly C[]): C[] =>
    [...clusters].sort((a, b) => (a.bbox.join(',') < b.bbox.join(',') ? -1 : 1));

  /** The events under `where` grouped by cells of `cell` degrees: what eventClusters must give. */
  const plainClusters = async (
    where: readonly string[],
    params: readonly unknown[],
    cell: number,
  ): Promise<{ count: number; bbox: number[] }[]> => {
    const exact = await db.query<{
      lat: number;
      lon: number;
      count: number;
      w: number;
      s: number;
      e: number;
      n: number;
      event: string | null;
    }>(
      `SELECT avg(lat) AS lat, avg(lon) AS lon, count(*)::int AS count, min(lon) AS w, min(lat) AS s,
              max(lon) AS e, max(lat) AS n, CASE WHEN count(*) = 1 THEN min(id COLLATE "C") END AS event
       FROM events WHERE ${[...where, 'lon IS NOT NULL'].join(' AND ')}
       GROUP BY floor(lon / $${String(params.length + 1)}::float8), floor(lat / $${String(params.length + 1)}::float8)`,
      [...params, cell],
    );
    const round = (v: number): number => Math.round(v * 1e5) / 1e5;
    return byCorner(
      exact.map((r) => ({
        lat: expect.closeTo(round(r.lat), 4) as number,
        lon: expect.closeTo(round(r.lon), 4) as number,
        count: r.count,
        bbox: [round(r.w), round(r.s), round(r.e), round(r.n)],
        event: r.event,
      })),
    );
  };

  it.each([
    ['alone', {}, '', 'event_points'],
    ['with an actor', { actor: 'CIV' }, "AND 'CIV' IN (actor1, actor2)", 'event_point_facets'],
    ['with a claimant', { claimant: 'SOHR' }, "AND 'SOHR' = ANY(claimants)", 'event_point_facets'],
  ] as const)(
    'counts the events of a box %s from the counts by point, as the events would',
    async (_, also: EventFilter, where, table) => {
      const plans: PlanNode[][] = [];
      const box: EventFilter = { bbox: [36, 32.5, 37, 33.5], publicOnly: true, ...also };
      const total = await countEvents(explaining(db, plans), box);
      expect(plans[0]?.flatMap((n) => n['Relation Name'] ?? [])).toEqual([table]);
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events
         WHERE NOT private AND lon BETWEEN 36 AND 37 AND lat BETWEEN 32.5 AND 33.5 ${where}`,
      );
      expect(row?.n).toBeGreaterThan(0);
      expect(total).toBe(row?.n);
    },
  );

  it.each([
    ['alone', { bbox: [36, 33, 37, 34] }],
    [
      'with days from mid-month',
      { bbox: [36.05, 32.9, 37.45, 34.2], from: '2023-03-15', to: '2023-06-14' },
    ],
    [
      'with an actor and a claimant',
      { bbox: [35.9, 33.4, 38, 35.05], actor: 'SYR-GOV', claimant: 'SOHR' },
    ],
    ['from a day on, with a type', { bbox: [36, 33, 37, 34], from: '2024-02-10', type: 'Battles' }],
    ['of a status to a day', { bbox: [36, 33, 37, 34], status: 'reviewed', to: '2023-05-17' }],
    ['too small for a whole square', { bbox: [36.25, 33.25, 36.45, 33.85] }],
    ['across squares, tiles and their edges', { bbox: [35.93, 32.96, 37.62, 34.47] }],
    ['with a type', { bbox: [36, 33, 37.2, 34.3], type: 'Air/drone strike' }],
  ] as const)(
    'counts the facets and the monthly timeline of a box %s from its whole squares and its edges, as the events would',
    async (_, box: EventFilter) => {
      // Events with no first day, and one that ends before it starts, at points in the box.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, fatalities_best, claimants, search_text, search_names, data)
         SELECT 'edge' || k, 'Battles', 'Armed clash', CASE WHEN k % 2 = 0 THEN date '2023-04-20' END,
           date '2023-04-10', 'SY07', 'SYR-GOV', CASE WHEN k % 3 > 0 THEN k END, '{SOHR}', 'اشتباك', '{}',
           jsonb_build_object('id', 'edge' || k, 'location', jsonb_build_object('lat', 33 + k / 10.0, 'lon', 36 + k / 10.0))
         FROM generate_series(0, 9) AS k`,
      );
      try {
        const filter: EventFilter = { ...box, publicOnly: true };
        const plans: PlanNode[][] = [];
        const sql = explaining(db, plans);
        const facets = await eventFacets(sql, filter, 1000);
        const timeline = await eventTimeline(sql, filter, 'month');
        const whole = box.bbox !== undefined && squaresInside(box.bbox) !== null;
        // A box alone, from the counts of its whole squares and tiles (event_tiles, read from
        // its index alone); with other filters, from those of its whole squares (event_cells).
        const alone = Object.keys(box).every((key) => key === 'bbox');
        expect(plans).toHaveLength(2);
        for (const plan of plans) {
          expect(plan.some((n) => n['Relation Name'] === 'event_cells')).toBe(whole && !alone);
          expect(
            plan.some(
              (n) => n['Relation Name'] === 'event_tiles' && n['Node Type'] === 'Index Only Scan',
            ),
          ).toBe(alone);
          const onEvents = plan.filter((n) => n['Relation Name'] === 'events');
          expect(onEvents.map((n) => n['Node Type'])).not.toContain('Seq Scan');
        }
        const { where, params } = plainly(filter);
        const matching = `FROM events WHERE ${where.join(' AND ')}`;
        await expectFacetsAsCounted(facets, matching, params, true);
        const byPeriod = (period: string): Promise<unknown[]> =>
          db.query(
            `SELECT to_char(date_trunc('${period}', date_start), 'YYYY-MM-DD') AS period,
               event_type AS type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
             ${matching} AND date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
            params,
          );
        const monthly = await byPeriod('month');
        expect(monthly.length).toBeGreaterThan(0);
        expect(timeline).toEqual(monthly);
        expect(await eventTimeline(db, filter, 'week')).toEqual(await byPeriod('week'));
        // The month of each event read is its day truncated as a timestamp: as a timestamptz it
        // is truncated in the session's time zone, to the same first of the month at twice the cost.
        const verbose: string[] = [];
        const describing: Sql = {
          query: async <R extends object>(text: string, values: readonly unknown[] = []) => {
            const rows = await db.query<{ 'QUERY PLAN': string }>(
              `EXPLAIN (VERBOSE) ${text}`,
              values,
            );
            verbose.push(...rows.map((r) => r['QUERY PLAN']));
            return db.query<R>(text, values);
          },
        };
        await eventTimeline(describing, filter, 'month');
        await eventFacets(describing, filter);
        expect(verbose.join('\n')).toContain('date_trunc');
        expect(verbose.join('\n')).not.toMatch(
          /date_trunc\([^()]*\([^()]*\)::timestamp with time zone/,
        );
      } finally {
        await db.query("DELETE FROM events WHERE id LIKE 'edge%'");
      }
    },
  );

  it.each([
    ['a viewer', { publicOnly: true }, 'FROM events WHERE NOT private'],
    ['a reviewer', {}, 'FROM events WHERE true'],
    ['the private events', { private: true }, 'FROM events WHERE private'],
  ] as const)(
    'counts the facets of every event %s may see from the counts by facet and month alone, as a plain count would',
    async (_, filter: EventFilter, matching) => {
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, actor1, actor2,
           claimants, search_text, search_names, data, private)
         VALUES ('facets1', 'Battles', 'Armed clash', NULL, NULL, 'TUR', 'TUR', '{}', 'اشتباك', '{}',
           '{"id": "facets1"}', $1)`,
        [filter.private === true],
      );
      try {
        const plans: PlanNode[][] = [];
        const facets = await eventFacets(explaining(db, plans), filter, 100);
        const read = plans.flat().flatMap((n) => n['Relation Name'] ?? []);
        expect(read).toContain('event_facet_counts');
        expect(read.filter((t) => t !== 'event_facet_counts')).toEqual([]);
        await expectFacetsAsCounted(facets, matching, []);
        expect(facets.actor.find((c) => c.key === 'TUR')?.count).toBeGreaterThan(0);
      } finally {
        await db.query("DELETE FROM events WHERE id = 'facets1'");
      }
      expect(await facetCountsKept(db)).toEqual(await facetCountsCounted(db));
    },
  );

  it.each([
    ['a type', { type: 'Battles' }, "'Battles' IN (event_type, sub_event_type)"],
    [
      'a sub-type',
      { type: 'Air/drone strike' },
      "'Air/drone strike' IN (event_type, sub_event_type)",
    ],
    ['a governorate', { admin1Pcode: 'SY05' }, "admin1_pcode = 'SY05'"],
    ['an actor', { actor: 'TUR' }, "'TUR' IN (actor1, actor2)"],
    ['a claimant', { claimant: 'SCD' }, "claimants @> '{SCD}'"],
    ['a review status', { status: 'reviewed' }, "review_status = 'reviewed'"],
  ] as const)(
    'counts the facets, monthly timeline and months of %s from the counts by that value alone, as a plain count would',
    async (_, value: EventFilter, where) => {
      // Events of that value with an actor as doer and target, no first day, and private.
      await insertThreeBattles(db, 'pair', 'Air/drone strike');
      try {
        for (const [viewer, matching] of [
          [{ publicOnly: true }, `FROM events WHERE NOT private AND ${where}`],
          [{ private: true }, `FROM events WHERE private AND ${where}`],
        ] as const) {
          const filter: EventFilter = { ...value, ...viewer };
          const plans: PlanNode[][] = [];
          const sql = explaining(db, plans);
          const facets = await eventFacets(sql, filter, 1000);
          const timeline = await eventTimeline(sql, filter, 'month');
          const months = await eventMonths(sql, filter);
          const read = plans.flat().flatMap((n) => n['Relation Name'] ?? []);
          expect(new Set(read)).toEqual(new Set(['event_facet_pairs']));
          await expectFacetsAsCounted(facets, matching, [], true);
          expect(timeline).toEqual(
            await db.query(
              `SELECT to_char(date_trunc('month', date_start::timestamp), 'YYYY-MM-DD') AS period,
                 event_type AS type, count(*)::int AS events,
                 coalesce(sum(fatalities_best), 0)::int AS fatalities
               ${matching} AND date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
            ),
          );
          expect(months).toEqual(
            (
              await db.query(
                `SELECT to_char(min(date_trunc('month', date_start::timestamp)), 'YYYY-MM-DD') AS first,
                   to_char(max(date_trunc('month', date_start::timestamp)), 'YYYY-MM-DD') AS last
                 ${matching}`,
              )
            )[0],
          );
        }
      } finally {
        await db.query("DELETE FROM events WHERE id LIKE 'pair%'");
      }
    },
  );

  it('counts the events of two values from the counts by value, facet and key, as a plain count of them', async () => {
    // Events whose actor is doer and target, with two claimants, a sub-type that names no
    // event type, no first day, and one private.
    await insertThreeBattles(db, 'two', 'Armed clash');
    try {
      const pairs: EventFilter[] = [
        { actor: 'TUR', claimant: 'SOHR' },
        { claimant: 'SCD', actor: 'TUR' },
        { type: 'Armed clash', admin1Pcode: 'SY05' },
        { admin1Pcode: 'SY05', type: 'Battles' },
        { status: 'reviewed', type: 'Shelling/artillery/missile attack' },
        { actor: 'CIV', status: 'unreviewed' },
        { claimant: 'LOCAL', admin1Pcode: 'SY07' },
      ];
      // A search of spaces alone names no words: counted as the pair alone.
      const viewers: EventFilter[] = [
        {},
        { publicOnly: true },
        { private: true },
        { private: false },
        { publicOnly: true, search: ' \t ' },
      ];
      for (const pair of pairs)
        for (const viewer of viewers) {
          const filter: EventFilter = { ...pair, ...viewer };
          const plans: PlanNode[][] = [];
          const total = await countEvents(explaining(db, plans), filter);
          expect(plans.flat().flatMap((n) => n['Relation Name'] ?? [])).toEqual([
            'event_facet_pairs',
          ]);
          const { where, params } = conditions(filter);
          const [plain] = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM events WHERE ${where.join(' AND ')}`,
            params,
          );
          expect({ filter, total }).toEqual({ filter, total: plain?.n });
        }
      // (The two public events of these, beside those of the fill, which end from 2022 on.)
      const tur: EventFilter = { actor: 'TUR', claimant: 'SCD', publicOnly: true };
      expect(await countEvents(db, tur)).toBe(
        2 + (await countEvents(db, { ...tur, from: '2022-01-01' })),
      );
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE 'two%'");
    }
  });

  it('counts the facets of the filtered events as one query per facet would', async () => {
    const facets = await eventFacets(db, { claimant: 'SOHR', publicOnly: true }, 100);
    const where = "NOT private AND claimants @> ARRAY['SOHR']";
    const expected = async (key: string, from = 'events'): Promise<Record<string, number>> => {
      const rows = await db.query<{ key: string; n: number }>(
        `SELECT ${key} AS key, count(*)::int AS n FROM ${from} WHERE ${where} AND ${key} IS NOT NULL GROUP BY 1`,
      );
      return Object.fromEntries(rows.map((r) => [r.key, r.n]));
    };
    const asRecord = (counts: readonly { key: string; count: number }[]) =>
      Object.fromEntries(counts.map((c) => [c.key, c.count]));
    expect(asRecord(facets.type)).toEqual(await expected('event_type'));
    expect(asRecord(facets.governorate)).toEqual(await expected('admin1_pcode'));
    expect(asRecord(facets.status)).toEqual(await expected('review_status'));
    expect(asRecord(facets.month)).toEqual(await expected("to_char(date_start, 'YYYY-MM')"));
    expect(asRecord(facets.claimant)).toEqual(
      await expected('c', 'events, unnest(claimants) AS c'),
    );
    expect(asRecord(facets.actor)).toEqual(
      await expected('a', 'events, unnest(ARRAY[actor1, NULLIF(actor2, actor1)]) AS a'),
    );
    expect(Object.keys(asRecord(facets.actor))).toContain('CIV');
  });

  it.each(['day', 'week', 'month'] as const)(
    'sums events and fatalities by %s and type as a plain count would',
    async (period) => {
      const timeline = await eventTimeline(db, { actor: 'RUS', publicOnly: true }, period);
      if (period === 'month')
        expect(
          await eventTimeline(db, { actor: 'RUS', publicOnly: true, search: ' ' }, period),
        ).toEqual(timeline);
      const expected = await db.query(
        `SELECT to_char(date_trunc($1, date_start::timestamp), 'YYYY-MM-DD') AS period,
           event_type AS type, count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
         FROM events WHERE NOT private AND (actor1 = 'RUS' OR actor2 = 'RUS') AND date_start IS NOT NULL
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [period],
      );
      expect(timeline.length).toBeGreaterThan(1);
      expect(timeline).toEqual(expected);
    },
  );

  // (Every event here was written in one statement: by last change, they are one long tie.)
  it.each(['date', 'fatalities'] as const)(
    'starts a page sorted by %s at its cursor in the index, not by filtering every event before it',
    async (sort) => {
      const filter: EventFilter = { publicOnly: true };
      const first = await listMarkedEvents(db, filter, { limit: 10_000, sort });
      expect(first.next).not.toBeNull();
      const plans: PlanNode[][] = [];
      const page = await listMarkedEvents(explaining(db, plans), filter, {
        limit: 100,
        sort,
        after: first.next,
      });
      expect(page.events).toHaveLength(100);
      const scan = plans[0]?.find((n) => n['Relation Name'] === 'events');
      expect(scan?.['Index Cond']).toBeDefined();
    },
  );

  it.each(['date', 'fatalities'] as const)(
    'pages through events sorted by %s into those without a value, each once',
    async (sort) => {
      // Twelve events of a type of their own, every other one with no day and no figure.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, fatalities_best,
           claimants, search_text, search_names, data)
         SELECT 'p' || k, 'Protests', 'Peaceful protest',
           CASE WHEN k % 2 = 0 THEN date '2024-01-01' + k END, CASE WHEN k % 2 = 0 THEN date '2024-01-01' + k END,
           CASE WHEN k % 2 = 0 THEN k END, '{}', 'مظاهرة', '{}', jsonb_build_object('id', 'p' || k)
         FROM generate_series(1, 12) AS k`,
      );
      try {
        const filter: EventFilter = { type: 'Protests' };
        const whole = await listMarkedEvents(db, filter, { limit: 100, sort });
        const paged: string[] = [];
        let after = null;
        do {
          const page = await listMarkedEvents(db, filter, { limit: 5, sort, after });
          paged.push(...page.events.map((e) => e.id));
          after = page.next;
        } while (after !== null);
        expect(whole.events).toHaveLength(12);
        expect(paged).toEqual(whole.events.map((e) => e.id));
      } finally {
        await db.query("DELETE FROM events WHERE event_type = 'Protests'");
      }
    },
  );

  /** The ids a filter matches, in a sort's order, by a plain ordered query. */
  const plainOrder = async (
    filter: EventFilter,
    sort: 'date' | 'fatalities' | 'status',
  ): Promise<string[]> => {
    const { where, params } = conditions(filter);
    const order = {
      date: 'date_start DESC NULLS LAST, id',
      fatalities: 'fatalities_best DESC NULLS LAST, id',
      status: `array_position(ARRAY['unreviewed', 'reviewed', 'verified', 'disputed', 'rejected']::text[], review_status), id`,
    }[sort];
    return (
      await db.query<{ id: string }>(
        `SELECT id FROM events WHERE ${where.join(' AND ')} ORDER BY ${order}`,
        params,
      )
    ).map((r) => r.id);
  };

  // 'سراقب' is in one event in twenty (1,000): a page of 100 reads them whole (up to 2,000), one of 10 walks the order.
  it.each([
    ['few matches for its page', 100, 'date'],
    ['many matches for its page', 10, 'date'],
    ['few matches, sorted by fatalities', 100, 'fatalities'],
    ['many matches, sorted by review status', 10, 'status'],
  ] as const)(
    'lists a search with %s in the order and pages of a plain ordered query',
    async (_, limit, sort) => {
      const filter: EventFilter = { search: 'سراقب', publicOnly: true };
      const expected = await plainOrder(filter, sort);
      expect(expected.length).toBeGreaterThan(limit * 5);
      const paged: string[] = [];
      let after = null;
      for (let k = 0; k < 5; k++) {
        const page = await listMarkedEvents(db, filter, { limit, sort, after });
        paged.push(...page.events.map((e) => e.id));
        after = page.next;
      }
      expect(paged).toEqual(expected.slice(0, limit * 5));
    },
  );

  it.each([
    ['a combination matching few events', FILTERS[11]?.[1] ?? {}, 'date'],
    ['actor and claimant', { actor: 'SYR-GOV', claimant: 'SOHR' }, 'date'],
    ['no filter', {}, 'date'],
    ['a governorate, by fatalities', { admin1Pcode: 'SY03' }, 'fatalities'],
    ['a type, by review status', { type: 'Battles' }, 'status'],
  ] as const)(
    'pages %s as a plain ordered query would, reading only the page of events whole',
    async (_, filter: EventFilter, sort) => {
      const viewer = { ...filter, publicOnly: true };
      const expected = await plainOrder(viewer, sort);
      expect(expected.length).toBeGreaterThan(100);
      const paged: string[] = [];
      let after = null;
      for (let k = 0; k < 4; k++) {
        const page = await listMarkedEvents(db, viewer, { limit: 25, sort, after });
        paged.push(...page.events.map((e) => e.id));
        after = page.next;
      }
      expect(paged).toEqual(expected.slice(0, 100));
      if (sort !== 'date') return;
      // In the list's order, the filter is checked on the entries of an index in that order
      // alone (events_facts, or a governorate's in events_area); the page's events, and no
      // others, are then read by id.
      const plans: PlanNode[][] = [];
      await listMarkedEvents(explaining(db, plans), viewer, { limit: 50 });
      // (The page's statement is the last on the events: one with days asks the monthly counts
      // first.)
      const page = plans.filter((plan) => plan.some((n) => n['Relation Name'] === 'events'));
      const scans = (page.at(-1) ?? []).filter((n) => n['Relation Name'] === 'events');
      expect(scans.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
        [
          'Index Only Scan',
          filter.admin1Pcode === undefined
            ? 'events_facts'
            : expect.stringMatching(/^events_(facts|area)$/),
        ],
        ['Index Scan', 'events_pkey'],
      ]);
    },
  );

  it('reads a search with few matches for its page through the words index, not the order', async () => {
    const plans: PlanNode[][] = [];
    await listMarkedEvents(
      explaining(db, plans),
      { search: 'سراقب', publicOnly: true },
      { limit: 100 },
    );
    const read = plans.filter((plan) => plan.some((n) => n['Relation Name'] === 'events'));
    expect(read).toHaveLength(1);
    const indexes = (read[0] ?? []).flatMap((n) => n['Index Name'] ?? []);
    // A word of one piece is found among the events' words; only the page's events are read.
    expect(indexes).toContain('event_words_words');
    expect(indexes).not.toContain('events_facts');
  });

  it("finds a phrase's events through the index of their words in each view's statement, and compares only their texts", async () => {
    // (In 30 events, too few to be kept: read from the events' words each time.)
    await insertPhrased(db);
    const viewer: EventFilter = { search: 'بلده كفرنبوده', publicOnly: true };
    const plans: PlanNode[][] = [];
    const asked: string[] = [];
    const sql = explaining(
      {
        query: (text, params, options) => {
          asked.push(text);
          return db.query(text, params, options);
        },
      },
      plans,
    );
    try {
      expect((await listMarkedEvents(sql, viewer, { limit: 100 })).events).toHaveLength(30);
      expect(await countEvents(sql, viewer)).toBe(30);
      await eventFacets(sql, viewer);
      await eventClusters(sql, viewer, 0.7);
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE 'phrased%'");
    }
    // Found in the statement that reads them, not by a function that hands them over as ids.
    expect(asked.filter((text) => text.includes('phrase_events'))).toEqual([]);
    for (const plan of plans.filter((p) => p.some((n) => n['Relation Name'] === 'event_words'))) {
      const indexes = plan.flatMap((n) => n['Index Name'] ?? []);
      // A word ending in the first word, a word starting with the last, each among the events'
      // words by its index; the text of those events alone read by id and compared.
      expect(indexes).toContain('event_words_words');
      expect(indexes).toContain('events_pkey');
      expect(
        plan
          .filter((n) => ['events', 'event_words'].includes(n['Relation Name'] ?? ''))
          .map((n) => n['Node Type']),
      ).not.toContain('Seq Scan');
    }
    expect(plans.filter((p) => p.some((n) => n['Relation Name'] === 'event_words'))).toHaveLength(
      4,
    );
  });

  it("seeks a phrase's first word of one letter among the vocabulary's words by their ends, never the whole vocabulary", async () => {
    // A vocabulary of a real archive's size (words of no event: a phrase's candidates are the same).
    await db.query(
      `INSERT INTO search_words (word)
       SELECT 'كلمة' || k || (ARRAY['ب', 'ت', 'ن', 'ي'])[1 + k % 4] FROM generate_series(1, 20000) AS k
       ON CONFLICT DO NOTHING`,
    );
    await db.query('ANALYZE search_words');
    await insertPhrased(db);
    try {
      // «ه كفرنبوده»: a word ending in «ه» before it, one letter the trigrams cannot seek.
      const plans: PlanNode[][] = [];
      expect(await countEvents(explaining(db, plans), { search: 'ه كفرنبوده' })).toBe(30);
      const vocabulary = plans.flat().filter((n) => n['Relation Name'] === 'search_words');
      expect(vocabulary.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(vocabulary.flatMap((n) => n['Index Name'] ?? [])).toContain('search_words_ending');
    } finally {
      await db.query("DELETE FROM events WHERE id LIKE 'phrased%'");
      await db.query("DELETE FROM search_words WHERE word LIKE 'كلمة%'");
    }
  });

  it("walks a kept search's rows in the list's order for its pages, which follow the events' order, and sums its counts for its other views", async () => {
    // (In one event in twenty: kept, its rows copied to search_matches.)
    const viewer: EventFilter = { search: 'سراقب', publicOnly: true };
    try {
      expect(await keepSearch(db, viewer, KEPT_FROM)).toBe(true);
      // Its rows' statistics are taken as it is kept, for the planner to weigh its views before
      // the next refreshStatistics; then the visibility map too, as after any bulk work.
      const [stats] = await db.query<{ values: string | null }>(
        `SELECT most_common_vals::text AS values FROM pg_stats
         WHERE tablename = 'search_matches' AND attname = 'search'`,
      );
      expect(stats?.values).toContain('سراقب');
      await refreshStatistics(db);
      const { where, params } = conditions(viewer);
      const ids = (
        await db.query<{ id: string }>(
          `SELECT id FROM events WHERE ${where.join(' AND ')} ORDER BY date_start DESC NULLS LAST, id`,
          params,
        )
      ).map((r) => r.id);
      expect(ids.length).toBeGreaterThan(500);
      const plans: PlanNode[][] = [];
      const sql = explaining(db, plans);
      const paged: string[] = [];
      let after = null;
      do {
        const page = await listMarkedEvents(sql, viewer, { limit: 200, after });
        paged.push(...page.events.map((e) => e.id));
        after = page.next;
      } while (after !== null);
      expect(paged).toEqual(ids);
      // Each page from the page's start in the order of the search's rows, never all of them sorted.
      const pages = plans.filter((plan) =>
        plan.some((n) => n['Relation Name'] === 'search_matches'),
      );
      expect(pages.length).toBeGreaterThan(ids.length / 200);
      for (const plan of pages) {
        const scans = plan.filter((n) => n['Relation Name'] === 'search_matches');
        expect(scans.map((n) => n['Index Name'])).toEqual(['search_matches_order']);
        // (The page's limit reads the scan itself: no sort of every row beneath it.)
        const limit = plan.findIndex((n) => n['Node Type'] === 'Limit');
        expect(plan[limit + 1]?.['Relation Name']).toBe('search_matches');
      }

      // Counted as well (migration 45): its count, timeline, facets, months and map are sums of
      // its counts, neither its rows nor the events read one by one.
      plans.length = 0;
      expect(await tablesOfCountedViews(sql, plans, viewer)).toEqual(SEARCH_COUNTS_READ);
    } finally {
      await db.query("DELETE FROM kept_searches WHERE search = 'سراقب'");
      for (const table of ['search_matches', 'search_summary', 'search_square_months'])
        await db.query(`DELETE FROM ${table} WHERE search = 'سراقب'`);
    }
  });

  it('counts a search in every event from its own counts, never the events, and walks the order for its page', async () => {
    // (Every event's text holds it: far more than a tenth, too common to copy.)
    const viewer: EventFilter = { search: 'قصف', publicOnly: true };
    try {
      expect(await keepSearch(db, viewer, KEPT_FROM)).toBe(false);
      expect(await searchCounted(db, viewer)).toBe(true);
      const plans: PlanNode[][] = [];
      const sql = explaining(db, plans);
      expect(await tablesOfCountedViews(sql, plans, viewer)).toEqual(SEARCH_COUNTS_READ);

      // Its page walks the list's order (every event matches: a row a match),
      // with no estimate asked of the planner.
      plans.length = 0;
      const page = await listMarkedEvents(sql, viewer, { limit: 50 });
      expect(page.events).toHaveLength(50);
      const onEvents = plans.flat().filter((n) => n['Relation Name'] === 'events');
      expect(onEvents.map((n) => n['Index Name'])).toEqual(['events_facts', 'events_pkey']);
    } finally {
      await db.query("DELETE FROM kept_searches WHERE search = 'قصف'");
      await db.query("DELETE FROM search_summary WHERE search = 'قصف'");
      await db.query("DELETE FROM search_square_months WHERE search = 'قصف'");
    }
  });

  // One event in fifty is private, spread through the order as in an archive.
  it.each([
    [
      'a viewer, who is shown none',
      { private: true, publicOnly: true },
      'NOT private AND private',
      0,
    ],
    ['a reviewer', { private: true }, 'private', 250],
  ] as const)(
    'lists, counts and exports the private events for %s as a plain scan finds them',
    async (_, filter: EventFilter, plain, firstPage) => {
      const ids = (
        await db.query<{ id: string }>(
          `SELECT id FROM events WHERE ${plain} ORDER BY date_start DESC NULLS LAST, id`,
        )
      ).map((r) => r.id);
      // A reviewer's list is long enough to be paged and exported a page at a time.
      expect(ids.length > firstPage).toBe(firstPage > 0);
      const paged: string[] = [];
      let after = null;
      do {
        const page = await listMarkedEvents(db, filter, { limit: 150, after });
        expect(page.events.every((e) => e.private)).toBe(true);
        paged.push(...page.events.map((e) => e.id));
        after = page.next;
      } while (after !== null);
      expect(paged).toEqual(ids);
      expect(await countEvents(db, filter)).toBe(ids.length);
      // An export's first page: the first 250 of them, or no page when there are none.
      const exported: string[] = [];
      for await (const page of streamEventPages(db, filter)) {
        exported.push(...page.map((e) => e.id));
        break;
      }
      expect(exported).toHaveLength(firstPage);
      expect(exported).toEqual(ids.slice(0, 250));
    },
  );

  it('walks no events for a viewer who asks for the private ones', async () => {
    const plans: PlanNode[][] = [];
    const sql = explaining(db, plans);
    const viewer: EventFilter = { private: true, publicOnly: true };
    await listMarkedEvents(sql, viewer, { limit: 50 });
    await countEvents(sql, viewer);
    await streamEventPages(sql, viewer).next();
    expect(plans).toHaveLength(3);
    // Only a page's events are read, by id, and there are none: no index walks the events
    // (`NOT private AND private = $1` walked every private one through events_private to find none).
    for (const plan of plans)
      for (const scan of plan.filter((n) => n['Relation Name'] === 'events'))
        expect(scan['Index Name']).toBe('events_pkey');
  });

  it('counts the events the list pages through', async () => {
    const filter: EventFilter = { actor: 'SYR-GOV', claimant: 'SOHR', publicOnly: true };
    const total = await countEvents(db, filter);
    let seen = 0;
    let after = null;
    do {
      const page = await listMarkedEvents(db, filter, { limit: 500, after });
      seen += page.events.length;
      after = page.next;
    } while (after !== null);
    expect(total).toBeGreaterThan(0);
    expect(seen).toBe(total);
  });
});
