import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countEvents,
  eventClusters,
  eventFacets,
  eventSpan,
  eventTimeline,
  eventTimelineSpanned,
  listMarkedEvents,
  periodOfSpan,
  refreshStatistics,
} from '../../src/store/index.js';
import type { Database, EventFilter, Sql } from '../../src/store/index.js';
import {
  conditions,
  eventSource,
  KEPT_FROM,
  keepSearch,
  searchCounted,
} from '../../src/store/queries.js';
import { periodTimeline } from '../../src/service/index.js';
import { GRID_CELL } from '../../src/store/schema.js';
import { WORD_SIMILARITY } from '../../src/store/db.js';
import { engines } from './engines.js';

/**
 * Events in words written for this test, normalized as the store keeps them:
 * a town in one in eight, a name a letter off it in as many, two words in as
 * many, a word only in the text of others, a figure with «%», a code of two
 * letters apart and one with a letter between («a_b» is those two words).
 */
async function fill(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data, private)
     SELECT 'w' || k,
       CASE WHEN k % 3 = 0 THEN 'Battles' ELSE 'Explosions/Remote violence' END,
       CASE WHEN k % 3 = 0 THEN 'Armed clash' ELSE 'Air/drone strike' END,
       CASE WHEN k % 11 <> 0 THEN date '2023-01-01' + k * 5 END,
       CASE WHEN k % 11 <> 0 THEN date '2023-01-01' + k * 5 + k % 3 END,
       'SY' || lpad((2 + k % 4)::text, 2, '0'), 'محافظة',
       (ARRAY['SYR-GOV', 'RUS', 'SNA'])[1 + k % 3], CASE WHEN k % 4 = 0 THEN 'CIV' END,
       CASE WHEN k % 5 <> 0 THEN k % 7 END,
       CASE WHEN k % 2 = 0 THEN ARRAY['SOHR'] ELSE ARRAY['SNHR', 'SCD'] END,
       CASE WHEN k % 6 = 0 THEN 'reviewed' ELSE 'unreviewed' END,
       concat_ws(' | ', 'Air/drone strike',
         CASE WHEN k % 8 = 0 THEN 'غاره علي مدينه سراقب' WHEN k % 8 = 1 THEN 'قصف علي سراقيب'
              WHEN k % 8 = 2 THEN 'اشتباك قرب تل مرديخ' ELSE 'قصف علي قريه' || k % 5 END,
         CASE WHEN k % 9 = 0 THEN 'طايره مسيره' END,
         CASE WHEN k % 10 = 0 THEN 'نسبه 50% من البيوت' END,
         CASE WHEN k % 12 = 0 THEN 'رمز a b' WHEN k % 12 = 6 THEN 'رمز axb' END),
       CASE WHEN k % 8 = 0 THEN ARRAY['سراقب'] WHEN k % 8 = 1 THEN ARRAY['سراقيب']
            WHEN k % 8 = 2 THEN ARRAY['تل مرديخ'] ELSE ARRAY['قريه' || k % 5] END,
       jsonb_build_object('id', 'w' || k,
         'location', CASE WHEN k % 7 <> 0 THEN
           jsonb_build_object('lat', 35.5 + (k % 6) / 10.0, 'lon', 36.5 + (k % 5) / 10.0) END),
       k % 13 = 0
     FROM generate_series(1, 240) AS k`,
  );
  await db.query(
    'INSERT INTO search_terms (term) SELECT DISTINCT unnest(search_names) FROM events ON CONFLICT DO NOTHING',
  );
  await refreshStatistics(db);
}

/**
 * Words of one piece and phrases, as people search them. A phrase is found as
 * written: its first word may end a word of the text and its last start one,
 * and the parts of an event's text are joined by « | ».
 */
const SEARCHES = [
  ['a town, in a place name', 'سراقب'],
  ['a name a letter off', 'سراقيب'],
  ['a part of a word', 'راق'],
  ['a word only in the text', 'مسيرة'],
  ['a figure with %', '50%'],
  ['a code with _', 'a_b'],
  ['a lone %', '%'],
  ['a lone _', '_'],
  ['two words', 'تل مرديخ'],
  ['a phrase from the end of one word to the start of another', 'ره علي مد'],
  ['three words, the last a part of one', 'قصف علي قري'],
  ['a phrase across two parts of the text', 'مسيره | نسبه'],
  ['words of one text not side by side', 'غاره مدينه'],
  ['a phrase with a word in no event', 'قصف حلفايا'],
  ['a phrase whose first word is one letter', 'ه علي'],
  ['a phrase whose last word is one letter', 'من ا'],
  ["a phrase from a figure's last two letters to one letter", '0% من ا'],
  ['two words of one letter', 'a b'],
  ['a word in no event', 'حلفايا'],
] as const;

describe.each(engines())('the words filter on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await fill(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  /** How a search is listed among those looked at to keep: kept, not kept, or null (never looked at). */
  const listed = async (search: string): Promise<boolean | null> =>
    (
      await db.query<{ kept: boolean }>('SELECT kept FROM kept_searches WHERE search = $1', [
        search,
      ])
    )[0]?.kept ?? null;

  /** Three plain events, the prefix's 1 to 3, whose text is the one given. */
  const insertThree = async (prefix: string, text: string): Promise<void> => {
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       SELECT $1::text || k, 'Battles', 'Armed clash', '{}', $2, '{}',
         jsonb_build_object('id', $1::text || k)
       FROM generate_series(1, 3) AS k`,
      [prefix, text],
    );
  };

  /** Removes a test's events (by their prefix) and what was kept of its searches. */
  const forget = async (prefix: string, searches: readonly string[]): Promise<void> => {
    await db.query('DELETE FROM events WHERE id LIKE $1', [`${prefix}%`]);
    await db.query('DELETE FROM kept_searches WHERE search = ANY($1)', [searches]);
    for (const table of ['search_matches', 'search_summary', 'search_square_months'])
      await db.query(`DELETE FROM ${table} WHERE search = ANY($1)`, [searches]);
  };

  /** The events a filter matches by a plain reading of the events, in the list's order. */
  const plainly = async (filter: EventFilter): Promise<string[]> => {
    const { where, params } = conditions(filter);
    return (
      await db.query<{ id: string }>(
        `SELECT id FROM events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY date_start DESC NULLS LAST, id`,
        params,
      )
    ).map((r) => r.id);
  };

  /** Every view of a filter equals a plain reading of the events; the events it matches. */
  const expectPlain = async (filter: EventFilter): Promise<string[]> => {
    const ids = await plainly(filter);
    const { where, params } = conditions(filter);
    const matching = `FROM events WHERE ${where.join(' AND ')}`;

    expect(await countEvents(db, filter)).toBe(ids.length);
    const paged: string[] = [];
    let after = null;
    do {
      const page = await listMarkedEvents(db, filter, { limit: 4, after });
      paged.push(...page.events.map((e) => e.id));
      after = page.next;
    } while (after !== null);
    expect(paged).toEqual(ids);

    expect(await eventSpan(db, filter)).toEqual(
      (
        await db.query(`SELECT min(date_start) AS from, max(date_start) AS to ${matching}`, params)
      )[0],
    );
    expect(await eventTimeline(db, filter, 'month')).toEqual(
      await db.query(
        `SELECT to_char(date_trunc('month', date_start), 'YYYY-MM-DD') AS period,
           event_type AS type, count(*)::int AS events,
           coalesce(sum(fatalities_best), 0)::int AS fatalities
         ${matching} AND date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      ),
    );

    const facets = await eventFacets(db, filter);
    const counted = async (column: string): Promise<unknown[]> =>
      db.query(
        `SELECT ${column} AS key, count(*)::int AS count ${matching} AND ${column} IS NOT NULL
         GROUP BY 1 ORDER BY 2 DESC, 1`,
        params,
      );
    const sorted = (list: readonly { key: string; count: number }[]): unknown[] =>
      [...list].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    expect(sorted(facets.type)).toEqual(await counted('event_type'));
    expect(sorted(facets.governorate)).toEqual(await counted('admin1_pcode'));
    expect(sorted(facets.status)).toEqual(await counted('review_status'));

    const clusters = await eventClusters(db, filter, 0.05);
    expect(
      clusters
        .map((c) => [c.count, ...c.bbox, c.event])
        .sort((a, b) => (String(a) < String(b) ? -1 : 1)),
    ).toEqual(
      (
        await db.query<{ n: number; w: number; s: number; e: number; no: number; id: string }>(
          `SELECT count(*)::int AS n, min(lon) AS w, min(lat) AS s, max(lon) AS e,
             max(lat) AS no, CASE WHEN count(*) = 1 THEN min(id) END AS id
           ${matching} AND lon IS NOT NULL AND lat IS NOT NULL
           GROUP BY floor(lon / 0.05), floor(lat / 0.05)`,
          params,
        )
      )
        .map((r) => [r.n, r.w, r.s, r.e, r.no, r.id])
        .sort((a, b) => (String(a) < String(b) ? -1 : 1)),
    );
    return ids;
  };

  it.each(SEARCHES)(
    'lists, counts, maps, times and facets %s as a plain reading of the events does',
    async (_, search) => {
      for (const filter of [
        { search, publicOnly: true },
        { search, admin1Pcode: 'SY03' },
      ] as EventFilter[]) {
        const ids = await expectPlain(filter);
        if (search === 'سراقب') expect(ids.length).toBeGreaterThan(3);
      }
    },
  );

  it.each(SEARCHES)(
    'times %s by the period its first and last day call for, as a plain reading of the events does',
    async (_, search) => {
      // Spans of 1,200 days (months), of a year and a half (weeks) and of two months (days).
      const periods: string[] = [];
      for (const filter of [
        { search, publicOnly: true },
        { search, admin1Pcode: 'SY03', from: '2023-03-01', to: '2024-08-31' },
        { search, from: '2023-03-01', to: '2023-04-30' },
      ] as EventFilter[]) {
        const { where, params } = conditions(filter);
        const matching = `FROM events WHERE ${where.join(' AND ')} AND date_start IS NOT NULL`;
        const [span] = await db.query<{ days: number | null }>(
          `SELECT max(date_start) - min(date_start) AS days ${matching}`,
          params,
        );
        const period = periodOfSpan(span?.days ?? null);
        periods.push(period);
        const buckets = await db.query(
          `SELECT to_char(date_trunc($${String(params.length + 1)}, date_start::timestamp), 'YYYY-MM-DD') AS period,
             event_type AS type, count(*)::int AS events,
             coalesce(sum(fatalities_best), 0)::int AS fatalities
           ${matching} GROUP BY 1, 2 ORDER BY 1, 2`,
          [...params, period],
        );
        if (search === 'سراقب') expect(buckets.length).toBeGreaterThan(1);
        expect(await eventTimelineSpanned(db, filter)).toEqual({ period, buckets });
        expect(await eventTimeline(db, filter, period)).toEqual(buckets);
      }
      if (search === 'سراقب') expect(periods).toEqual(['month', 'week', 'day']);
    },
  );

  it('finds a phrase as written, across the ends of words and the parts of a text, never its words apart', async () => {
    // As the events were written (fill): every eighth from 8 on, five in eight from 3 on, every 90th.
    const found = async (search: string): Promise<number> => countEvents(db, { search });
    expect(await found('ره علي مد')).toBe(30);
    expect(await found('قصف علي قري')).toBe(150);
    expect(await found('مسيره | نسبه')).toBe(2);
    expect(await found('غاره مدينه')).toBe(0);
    expect(await found('قصف حلفايا')).toBe(0);
  });

  it('finds a phrase in too few events to keep in every view as a plain reading does, as events are written, keeping nothing of it', async () => {
    // «ه علي»: the end of «غاره» and the next word, in every eighth event (fill).
    const search = 'ه علي';
    try {
      expect(await expectPlain({ search })).toHaveLength(30);
      expect(await listed(search)).toBeNull();
      expect(await eventSource(db, { search })).toBe('event_words');
      await insertThree('unkept', 'اشتباك عند بلده علي الطريق');
      await insertThree('unkept-apart', 'اشتباك عند بلده | علي الطريق');
      const ids = await expectPlain({ search });
      expect(ids.filter((id) => id.startsWith('unkept'))).toEqual([
        'unkept1',
        'unkept2',
        'unkept3',
      ]);
      expect(await listed(search)).toBeNull();
    } finally {
      await forget('unkept', [search]);
    }
  });

  it('reads the events of words once for their timeline, its period and its buckets alike', async () => {
    const asked: string[] = [];
    const recorded: Sql = {
      query: (text, params, options) => {
        asked.push(text);
        return db.query(text, params, options);
      },
    };
    const timeline = await eventTimelineSpanned(recorded, { search: 'سراقب', publicOnly: true });
    expect(timeline?.buckets.length).toBeGreaterThan(1);
    expect(asked.filter((text) => /\bevent_words\b/.test(text))).toHaveLength(1);
    // Without words, the counts tell the span: nothing is read here.
    const before = asked.length;
    expect(await eventTimelineSpanned(recorded, { admin1Pcode: 'SY03' })).toBeNull();
    expect(asked).toHaveLength(before);
  });

  it('finds the words of events as they are written, corrected, moved and removed', async () => {
    const search: EventFilter = { search: 'كفرومة' };
    expect(await countEvents(db, search)).toBe(0);
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('new1', 'Battles', 'Armed clash', '{}', 'اشتباك في كفرومه', '{}', '{"id": "new1"}'),
              ('new2', 'Battles', 'Armed clash', '{}', 'اشتباك في معرشورين', '{}', '{"id": "new2"}')`,
    );
    expect((await listMarkedEvents(db, search)).events.map((e) => e.id)).toEqual(['new1']);
    // Its words rewritten, as a correction or a regrouping writes them.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('new2', 'Battles', 'Armed clash', '{}', 'اشتباك في كفرومه | معرشورين', '{}', '{"id": "new2", "v": 2}')
       ON CONFLICT (id) DO UPDATE SET search_text = EXCLUDED.search_text, data = EXCLUDED.data`,
    );
    await db.query(
      "UPDATE events SET search_text = 'اشتباك في حيش', review_status = 'verified' WHERE id = 'new1'",
    );
    expect(await plainly(search)).toEqual(['new2']);
    expect((await listMarkedEvents(db, search)).events.map((e) => e.id)).toEqual(['new2']);
    expect(await countEvents(db, { search: 'حيش', status: 'verified' })).toBe(1);
    await db.query("DELETE FROM events WHERE id IN ('new1', 'new2')");
    expect(await countEvents(db, search)).toBe(0);
    expect(await countEvents(db, { search: 'حيش' })).toBe(0);
    // Renamed (a regrouping gives an event the id of its first report), then made private.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('new3', 'Battles', 'Armed clash', '{}', 'قصف علي الهبيط', '{}', '{"id": "new3"}')`,
    );
    await db.query(
      `UPDATE events SET id = 'new4', data = jsonb_set(data, '{id}', '"new4"') WHERE id = 'new3'`,
    );
    const renamed: EventFilter = { search: 'الهبيط' };
    expect(await plainly(renamed)).toEqual(['new4']);
    expect((await listMarkedEvents(db, renamed)).events.map((e) => e.id)).toEqual(['new4']);
    await db.query("UPDATE events SET private = true WHERE id = 'new4'");
    expect(await countEvents(db, { ...renamed, publicOnly: true })).toBe(0);
    expect(await listMarkedEvents(db, { ...renamed, publicOnly: true })).toMatchObject({
      events: [],
    });
    expect(await countEvents(db, renamed)).toBe(1);
    await db.query("DELETE FROM events WHERE id = 'new4'");
    expect(await countEvents(db, renamed)).toBe(0);
  });

  it('reads a search kept for its many events from its rows side by side, kept as events are written, changed and removed', async () => {
    const word = 'خانشيخون';
    const search: EventFilter = { search: word };
    // The word in the text of twelve events of all kinds, and one event with a name a letter off.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
         actor1, fatalities_best, claimants, search_text, search_names, data, private)
       SELECT 'kept' || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END, 'Armed clash',
         CASE WHEN k % 5 <> 0 THEN date '2023-01-20' + k * 17 END,
         CASE WHEN k % 5 <> 0 THEN date '2023-01-20' + k * 17 + k % 4 END,
         'SY0' || (2 + k % 3), CASE WHEN k % 3 = 0 THEN 'RUS' END, k % 4, ARRAY['SOHR'],
         'قصف علي ' || CASE WHEN k % 2 = 0 THEN 'مدينه ' || $1 ELSE 'و' || $1 || 'يه' END,
         CASE WHEN k = 13 THEN ARRAY['خانشيخوم'] ELSE '{}' END,
         jsonb_build_object('id', 'kept' || k, 'location', CASE WHEN k % 4 <> 0 THEN
           jsonb_build_object('lat', 35.4, 'lon', 36.6 + k / 100.0) END),
         k % 6 = 0
       FROM generate_series(1, 13) AS k`,
      [word],
    );
    await db.query("INSERT INTO search_terms (term) VALUES ('خانشيخوم') ON CONFLICT DO NOTHING");
    await db.query("UPDATE events SET search_text = 'قصف' WHERE id = 'kept13'");
    const filters: EventFilter[] = [
      { ...search, publicOnly: true },
      search,
      { ...search, admin1Pcode: 'SY03' },
      { ...search, from: '2023-03-15', to: '2023-07-10', type: 'Battles' },
    ];
    const readFrom = async (filter: EventFilter): Promise<string[]> => {
      const asked: string[] = [];
      const recorded: Sql = {
        query: (text, params, options) => {
          asked.push(text);
          return db.query(text, params, options);
        },
      };
      await eventFacets(recorded, filter);
      return ['event_words', 'search_matches', 'search_summary'].filter((t) =>
        asked.some((text) => new RegExp(`FROM ${t}\\b`).test(text)),
      );
    };
    try {
      expect(await plainly(search)).toContain('kept13');
      // Too few to keep; then kept once, by the count that finds it frequent.
      expect(await keepSearch(db, search, KEPT_FROM - 1)).toBe(false);
      expect(await eventSource(db, search)).toBe('event_words');
      expect(await keepSearch(db, search, KEPT_FROM)).toBe(true);
      expect(await keepSearch(db, search, KEPT_FROM)).toBe(false);
      expect(await eventSource(db, search)).toBe('search_matches');
      // Counted as well (migration 45): its facets are sums of its counts.
      expect(await searchCounted(db, search)).toBe(true);
      await expectCountsPlain(word);
      expect(await readFrom(search)).toEqual(['search_summary']);
      for (const filter of filters) {
        await expectPlain(filter);
        await expectSquaresPlain(filter);
      }

      // Written, rewritten, made private, renamed and removed: the kept rows follow.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
           search_text, search_names, data)
         VALUES ('kept20', 'Battles', 'Armed clash', '2023-04-01', '2023-04-01', '{}',
           'اشتباك في ' || $1, '{}', '{"id": "kept20"}')`,
        [word],
      );
      await db.query("UPDATE events SET search_text = 'قصف علي قريه' WHERE id = 'kept1'");
      await db.query(
        "UPDATE events SET private = true, admin1_pcode = 'SY03' WHERE id IN ('kept2', 'kept5')",
      );
      await db.query(
        `UPDATE events SET id = 'kept30', data = jsonb_set(data, '{id}', '"kept30"') WHERE id = 'kept3'`,
      );
      await db.query("DELETE FROM events WHERE id = 'kept4'");
      const ids = await expectPlain(search);
      expect(ids).toEqual(expect.arrayContaining(['kept20', 'kept30', 'kept13']));
      expect(ids).not.toContain('kept1');
      await expectCountsPlain(word);
      for (const filter of filters) {
        await expectPlain(filter);
        await expectSquaresPlain(filter);
      }

      // A search in more than a tenth of the events is not kept, and not looked at again.
      expect(await keepSearch(db, { search: 'قصف' }, KEPT_FROM)).toBe(false);
      expect(await listed('قصف')).toBe(false);
      expect(await searchCounted(db, { search: 'قصف' })).toBe(true);
      expect(await eventSource(db, { search: 'قصف' })).toBe('event_words');
      await expectPlain({ search: 'قصف', publicOnly: true });
    } finally {
      await forget('kept', [word, 'قصف']);
    }
  });

  it('reads a phrase kept for its many events from its rows side by side, kept as events are written, changed and removed', async () => {
    const phrase = 'جسر الزيتون';
    const search: EventFilter = { search: phrase };
    // The phrase in the text of ten events, its words apart in two more (not matches), one
    // event with a name a letter off, and one with the phrase across the end of a word.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
         actor1, fatalities_best, claimants, search_text, search_names, data, private)
       SELECT 'phr' || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END, 'Armed clash',
         CASE WHEN k % 5 <> 0 THEN date '2023-02-11' + k * 19 END,
         CASE WHEN k % 5 <> 0 THEN date '2023-02-11' + k * 19 + k % 3 END,
         'SY0' || (2 + k % 3), CASE WHEN k % 3 = 0 THEN 'RUS' END, k % 4, ARRAY['SNHR'],
         CASE WHEN k <= 10 THEN 'قصف علي ' || $1 || ' | طريق'
              WHEN k <= 12 THEN 'قصف علي جسر قرب الزيتون'
              WHEN k = 13 THEN 'اشتباك'
              ELSE 'قصف علي بجسر الزيتونه' END,
         CASE WHEN k = 13 THEN ARRAY['جسر الزيتوم'] ELSE '{}' END,
         jsonb_build_object('id', 'phr' || k, 'location', CASE WHEN k % 4 <> 0 THEN
           jsonb_build_object('lat', 35.2, 'lon', 36.1 + k / 100.0) END),
         k % 6 = 0
       FROM generate_series(1, 14) AS k`,
      [phrase],
    );
    await db.query("INSERT INTO search_terms (term) VALUES ('جسر الزيتوم') ON CONFLICT DO NOTHING");
    const filters: EventFilter[] = [
      { ...search, publicOnly: true },
      search,
      { ...search, admin1Pcode: 'SY03' },
      { ...search, from: '2023-03-15', to: '2023-09-10', type: 'Battles' },
    ];
    try {
      expect((await plainly(search)).sort()).toEqual(
        [
          'phr1',
          'phr2',
          'phr3',
          'phr4',
          'phr5',
          'phr6',
          'phr7',
          'phr8',
          'phr9',
          'phr10',
          'phr13',
          'phr14',
        ].sort(),
      );
      for (const filter of filters) await expectPlain(filter);
      expect(await eventSource(db, search)).toBe('event_words');
      // Kept once, by the count that finds it frequent, from the events as the filter finds them.
      expect(await keepSearch(db, search, KEPT_FROM)).toBe(true);
      expect(await keepSearch(db, search, KEPT_FROM)).toBe(false);
      expect(await eventSource(db, search)).toBe('search_matches');
      const [kept] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM search_matches WHERE search = $1',
        [phrase],
      );
      expect(kept?.n).toBe(12);
      // Counted as well (migration 45), from the same events.
      expect(await searchCounted(db, search)).toBe(true);
      await expectCountsPlain(phrase);
      for (const filter of filters) {
        await expectPlain(filter);
        await expectSquaresPlain(filter);
      }

      // Written, rewritten (the phrase gone, or its words now side by side), made private,
      // renamed and removed: the kept rows follow.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
           search_text, search_names, data)
         VALUES ('phr20', 'Battles', 'Armed clash', '2023-04-01', '2023-04-01', '{}',
           'اشتباك عند ' || $1, '{}', '{"id": "phr20"}')`,
        [phrase],
      );
      await db.query("UPDATE events SET search_text = 'قصف علي جسر' WHERE id = 'phr1'");
      await db.query("UPDATE events SET search_text = 'قصف علي ' || $1 WHERE id = 'phr11'", [
        phrase,
      ]);
      await db.query(
        "UPDATE events SET private = true, admin1_pcode = 'SY03' WHERE id IN ('phr2', 'phr5')",
      );
      await db.query(
        `UPDATE events SET id = 'phr30', data = jsonb_set(data, '{id}', '"phr30"') WHERE id = 'phr3'`,
      );
      await db.query("DELETE FROM events WHERE id = 'phr4'");
      const ids = await expectPlain(search);
      expect(ids).toEqual(expect.arrayContaining(['phr20', 'phr30', 'phr11', 'phr13']));
      expect(ids).not.toContain('phr1');
      expect(ids).not.toContain('phr12');
      await expectCountsPlain(phrase);
      for (const filter of filters) {
        await expectPlain(filter);
        await expectSquaresPlain(filter);
      }

      // A phrase in more than a tenth of the events is not kept, and not looked at again.
      expect(await keepSearch(db, { search: 'قصف علي' }, KEPT_FROM)).toBe(false);
      expect(await listed('قصف علي')).toBe(false);
      expect(await searchCounted(db, { search: 'قصف علي' })).toBe(true);
      expect(await eventSource(db, { search: 'قصف علي' })).toBe('event_words');
      await expectPlain({ search: 'قصف علي', publicOnly: true });
    } finally {
      await forget('phr', [phrase, 'قصف علي']);
    }
  });

  /**
   * The counts of a counted search (migration 40), as a plain reading of its
   * events gives them: by month and every value a filter names, and by month
   * and square with the sums and bounds of their points.
   */
  const expectCountsPlain = async (search: string): Promise<void> => {
    const { where, params } = conditions({ search });
    const matching = `FROM events WHERE ${where.join(' AND ')}`;
    const rows = (text: string, values: readonly unknown[]): Promise<unknown[]> =>
      db.query(`SELECT * FROM (${text}) AS r ORDER BY to_jsonb(r)::text`, values);
    expect(
      await rows(
        `SELECT month, end_month, private, review_status, event_type, sub_event_type, admin1_pcode,
           actor1, actor2, claimants, events::int, fatalities::int
         FROM search_summary WHERE search = $1`,
        [search],
      ),
    ).toEqual(
      await rows(
        `SELECT date_trunc('month', date_start)::date AS month, date_trunc('month', date_end)::date AS end_month,
           private, review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
           count(*)::int AS events, coalesce(sum(fatalities_best), 0)::int AS fatalities
         ${matching} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
        params,
      ),
    );
    expect(
      await rows(
        `SELECT month, end_month, private, x, y, events::int, round(lon_sum, 9) AS lon_sum,
           round(lat_sum, 9) AS lat_sum, west, south, east, north
         FROM search_square_months WHERE search = $1`,
        [search],
      ),
    ).toEqual(
      await rows(
        `SELECT date_trunc('month', date_start)::date AS month, date_trunc('month', date_end)::date AS end_month,
           private, floor(lon / ${String(GRID_CELL)})::int AS x, floor(lat / ${String(GRID_CELL)})::int AS y,
           count(*)::int AS events, round(sum(lon::numeric), 9) AS lon_sum,
           round(sum(lat::numeric), 9) AS lat_sum,
           min(lon) AS west, min(lat) AS south, max(lon) AS east, max(lat) AS north
         ${matching} AND lon IS NOT NULL AND lat IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5`,
        params,
      ),
    );
  };

  /** The map of a filter at cells of two squares (the counts by square answer it) as the events give it. */
  const expectSquaresPlain = async (filter: EventFilter): Promise<void> => {
    const { where, params } = conditions(filter);
    const cell = GRID_CELL * 2;
    const round = (v: number): number => Math.round(v * 1e5) / 1e5;
    const clusters = await eventClusters(db, filter, cell);
    const plain = await db.query<{
      n: number;
      w: number;
      s: number;
      e: number;
      no: number;
      id: string | null;
      lon: number;
      lat: number;
    }>(
      `SELECT count(*)::int AS n, min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS no,
         CASE WHEN count(*) = 1 THEN min(id) END AS id, avg(lon) AS lon, avg(lat) AS lat
       FROM events WHERE ${where.join(' AND ')} AND lon IS NOT NULL AND lat IS NOT NULL
       GROUP BY floor(lon / ${String(cell)}), floor(lat / ${String(cell)})`,
      params,
    );
    expect(
      clusters.map((c) => JSON.stringify([c.count, ...c.bbox, c.event, c.lon, c.lat])).sort(),
    ).toEqual(
      plain
        .map((r) =>
          JSON.stringify([
            r.n,
            ...[r.w, r.s, r.e, r.no, r.id, r.lon, r.lat].map((v) =>
              typeof v === 'number' ? round(v) : v,
            ),
          ]),
        )
        .sort(),
    );
  };

  it.each([
    ['a phrase', 'قصف علي'],
    ['a word', 'قصف'],
  ])(
    'counts %s in more than a tenth of the events by month and square, and answers its views from those counts as the events do, after writes, corrections, moves and deletes',
    async (_, search) => {
      const filters: EventFilter[] = [
        { search },
        { search, publicOnly: true },
        { search, private: true },
        { search, from: '2019-05-05', to: '2024-09-10' },
        { search, from: '2019-05-01', to: '2024-08-31', type: 'Battles', admin1Pcode: 'SY03' },
        { search, actor: 'RUS', claimant: 'SOHR', status: 'unreviewed' },
      ];
      const asked: string[] = [];
      const recorded: Sql = {
        query: (text, params, options) => {
          asked.push(text);
          return db.query(text, params, options);
        },
      };
      /** Every view of the filters equal to a plain reading of the events. */
      const expectViews = async (): Promise<void> => {
        await expectCountsPlain(search);
        for (const filter of filters) {
          await expectPlain(filter);
          await expectSquaresPlain(filter);
          // (eventTimelineSpanned reads the events themselves.)
          expect(await periodTimeline(db, filter)).toEqual(await eventTimelineSpanned(db, filter));
        }
      };
      // Events of their own, in a month and squares of their own: the words in ten, in two not.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
           actor1, fatalities_best, claimants, search_text, search_names, data, private)
         SELECT 'cnt' || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END, 'Armed clash',
           CASE WHEN k <> 7 THEN date '2019-05-02' + k END, CASE WHEN k <> 7 THEN date '2019-05-02' + k * 2 END,
           'SY0' || (3 + k % 2), 'RUS', k, ARRAY['SOHR'],
           CASE WHEN k <= 10 THEN 'قصف علي بلده' || k ELSE 'اشتباك قرب بلده' || k END, '{}',
           jsonb_build_object('id', 'cnt' || k, 'location', CASE WHEN k <> 6 THEN
             jsonb_build_object('lat', 35.31 + k / 50.0, 'lon', 36.71) END),
           k % 4 = 0
         FROM generate_series(1, 12) AS k`,
      );
      try {
        expect(await keepSearch(db, { search }, KEPT_FROM)).toBe(false);
        expect(await listed(search)).toBe(false);
        expect(await searchCounted(db, { search })).toBe(true);
        // Its count, facets, monthly timeline and map are sums of its counts.
        await countEvents(recorded, { search });
        await eventFacets(recorded, { search });
        await eventTimeline(recorded, { search }, 'month');
        await eventClusters(recorded, { search }, GRID_CELL * 2);
        expect(asked.filter((text) => /FROM search_summary\b/.test(text))).toHaveLength(3);
        expect(asked.filter((text) => /FROM search_square_months\b/.test(text))).toHaveLength(1);
        expect(asked.filter((text) => /FROM (?:events|event_words)\b/.test(text))).toEqual([]);
        await expectViews();

        // Written anew, rewritten (the words gone, or come), made private, moved (the least and
        // greatest of their squares), renamed, written again as they were and removed: the
        // counts follow.
        await db.query(
          `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
             search_text, search_names, data)
           VALUES ('cnt20', 'Battles', 'Armed clash', '2019-06-01', '2019-06-01', '{}',
             'قصف علي بلده', '{}', '{"id": "cnt20", "location": {"lat": 35.2, "lon": 36.2}}')`,
        );
        await db.query("UPDATE events SET search_text = 'اشتباك قرب بلده' WHERE id = 'cnt1'");
        await db.query("UPDATE events SET search_text = 'قصف علي بلده' WHERE id = 'cnt11'");
        await db.query(
          "UPDATE events SET private = true, admin1_pcode = 'SY05', review_status = 'verified' WHERE id IN ('cnt2', 'cnt3')",
        );
        await db.query(
          `UPDATE events SET data = jsonb_set(data, '{location}', '{"lat": 34.1, "lon": 37.9}')
           WHERE id IN ('cnt4', 'cnt9')`,
        );
        await db.query(
          `UPDATE events SET id = 'cnt30', data = jsonb_set(data, '{id}', '"cnt30"') WHERE id = 'cnt8'`,
        );
        await db.query("UPDATE events SET fatalities_best = fatalities_best + 2 WHERE id = 'cnt5'");
        await db.query("UPDATE events SET search_text = search_text WHERE id LIKE 'cnt%'");
        await db.query("DELETE FROM events WHERE id IN ('cnt10', 'cnt12', 'cnt20')");
        await expectViews();
      } finally {
        await forget('cnt', [search]);
      }
    },
  );

  it("keeps the counts of searches in functions that never compile their statement and match names at the store's similarity, whoever writes (migrations 41, 42)", async () => {
    const rows = await db.query<{ name: string; config: string[] | null }>(
      `SELECT proname AS name, proconfig AS config FROM pg_proc
       WHERE proname LIKE 'search\\_counts\\_%' ORDER BY 1`,
    );
    expect(rows).toEqual(
      ['search_counts_added', 'search_counts_changed', 'search_counts_removed'].map((name) => ({
        name,
        config: ['jit=off', `pg_trgm.word_similarity_threshold=${String(WORD_SIMILARITY)}`],
      })),
    );
  });

  // Two connections at once: the embedded engine has one.
  it.skipIf(engine.name !== 'PostgreSQL')(
    'keeps a search once when two counts find it frequent together, and both counts answer',
    async () => {
      const word = 'معرتمصرين';
      const search: EventFilter = { search: word };
      await insertThree('twice', `قصف علي ${word}`);
      const waiting = async (): Promise<boolean> =>
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE wait_event_type = 'Lock' AND query LIKE '%keep_search%'`,
          )
        )[0]?.n === 1;
      let second: Promise<boolean> | undefined;
      try {
        await db.transaction(async (tx) => {
          // The first keeper has copied its rows but not committed when the second asks.
          expect(await keepSearch(tx, search, KEPT_FROM)).toBe(true);
          second = keepSearch(db, search, KEPT_FROM);
          // (It waits a moment at most, migration 34, and leaves the search either way.)
          for (let i = 0; i < 40 && !(await waiting()); i++) await sleep(5);
        });
        expect(await second).toBe(false);
        const [row] = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM search_matches WHERE search = $1',
          [word],
        );
        expect(row?.n).toBe(3);
      } finally {
        await second?.catch(() => undefined);
        await forget('twice', [word]);
      }
    },
  );

  it.skipIf(engine.name !== 'PostgreSQL')(
    'leaves a search for a later count when writers hold the events, and waits only a moment',
    async () => {
      const word = 'كفرنبوده';
      const search: EventFilter = { search: word };
      await insertThree('busy', `اشتباك في ${word}`);
      try {
        await db.transaction(async (tx) => {
          // A writer of events, not yet committed.
          await tx.query("UPDATE events SET fatalities_best = 1 WHERE id = 'busy1'");
          expect(await keepSearch(db, search, KEPT_FROM)).toBe(false);
          // A search too common to keep is counted under the same lock (migration 40): left too.
          expect(await keepSearch(db, { search: 'قصف علي' }, KEPT_FROM)).toBe(false);
        });
        expect(await eventSource(db, search)).toBe('event_words');
        expect(await listed('قصف علي')).toBeNull();
        expect(await keepSearch(db, { search: 'قصف علي' }, KEPT_FROM)).toBe(false);
        expect(await searchCounted(db, { search: 'قصف علي' })).toBe(true);
        // Once the writer is done, the next count keeps it.
        expect(await keepSearch(db, search, KEPT_FROM)).toBe(true);
        expect(await eventSource(db, search)).toBe('search_matches');
        // The moment's wait is keep_search's own: a caller's transaction keeps its lock_timeout.
        const timeout = await db.transaction(async (tx) => {
          await tx.query("SET LOCAL lock_timeout = '7s'");
          await tx.query('SELECT keep_search($1, $2, 100)', ['غيرها', '%غيرها%']);
          return (await tx.query<{ lock_timeout: string }>('SHOW lock_timeout'))[0]?.lock_timeout;
        });
        expect(timeout).toBe('7s');
      } finally {
        await forget('busy', [word, 'غيرها', 'قصف علي']);
      }
    },
  );

  it('keeps every word of the events written and rewritten in the vocabulary', async () => {
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('voc1', 'Battles', 'Armed clash', '{}', 'قصف علي بنش', '{}', '{"id": "voc1"}')`,
    );
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('voc1', 'Battles', 'Armed clash', '{}', 'قصف علي بنش | تفتناز', '{}', '{"id": "voc1", "v": 2}')
       ON CONFLICT (id) DO UPDATE SET search_text = EXCLUDED.search_text, data = EXCLUDED.data`,
    );
    try {
      const unknown = await db.query<{ word: string }>(
        `SELECT DISTINCT word FROM event_words, unnest(words) AS word
         EXCEPT SELECT word FROM search_words`,
      );
      expect(unknown).toEqual([]);
      const known = await db.query<{ word: string }>(
        "SELECT word FROM search_words WHERE word IN ('بنش', 'تفتناز') ORDER BY word",
      );
      expect(known.map((w) => w.word)).toEqual(['بنش', 'تفتناز']);
    } finally {
      await db.query("DELETE FROM events WHERE id = 'voc1'");
    }
  });

  it('keeps the words of an event grown batch by batch as cut from its whole text, every one in the vocabulary (migration 44)', async () => {
    const long = 'ط'.repeat(450) + 'ع'.repeat(450);
    const texts = [
      'غارة على بلدة | مرصد الشمال 1',
      'غارة على بلدة | مرصد الشمال 1 | مرصد الشمال 2',
      `غارة على بلدة | مرصد الشمال 1 | مرصد الشمال 2 | ${long} | بلدة`,
      'غارة | مرصد الشمال 3',
    ];
    try {
      for (const [k, text] of texts.entries()) {
        await db.query(
          `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
           VALUES ('grown1', 'Battles', 'Armed clash', '{}', $1, '{}', $2)
           ON CONFLICT (id) DO UPDATE SET search_text = EXCLUDED.search_text, data = EXCLUDED.data`,
          [text, JSON.stringify({ id: 'grown1', v: k })],
        );
        const [row] = await db.query<{ words: string[] }>(
          "SELECT words FROM event_words WHERE id = 'grown1'",
        );
        // Cut at spaces, each once; a word over 500 letters in pieces of 500 overlapping by 101.
        const pieces = text
          .split(' ')
          .filter((t) => t !== '')
          .flatMap((t) =>
            Array.from({ length: Math.max(0, Math.trunc((t.length - 102) / 399)) + 1 }, (_, j) =>
              t.slice(399 * j, 399 * j + 500),
            ),
          );
        expect([...(row?.words ?? [])].sort()).toEqual([...new Set(pieces)].sort());
      }
      const unknown = await db.query<{ word: string }>(
        `SELECT DISTINCT word FROM event_words, unnest(words) AS word
         EXCEPT SELECT word FROM search_words`,
      );
      expect(unknown).toEqual([]);
      const kept = await db.query<{ word: string }>(
        "SELECT word FROM search_words WHERE word IN ('2', '3', 'بلدة') ORDER BY word",
      );
      expect(kept.map((w) => w.word)).toEqual(['2', '3', 'بلدة']);
    } finally {
      await db.query("DELETE FROM events WHERE id = 'grown1'");
    }
  });

  it("compresses events' data with lz4 where the server has it, else as before", async () => {
    const [row] = await db.query<{ method: string }>(
      `SELECT attcompression::text AS method FROM pg_attribute
       WHERE attrelid = 'events'::regclass AND attname = 'data'`,
    );
    expect(row?.method).toBe(engine.name === 'PGlite' ? '' : 'l');
  });

  it('finds a part of a word too long for an index entry, wherever in the word it lies', async () => {
    // A run of 3,000 letters with no space (a pasted address or a broken line), each span distinct.
    const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
    const long = Array.from(
      { length: 3000 },
      (_, k) => letters[(k * 7 + Math.floor(k / 28)) % 28],
    ).join('');
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('long1', 'Battles', 'Armed clash', '{}', $1, '{}', '{"id": "long1"}')`,
      [`رابط ${long} نهاية`],
    );
    try {
      // At its start, across the first piece's end, at a piece's last letters, its end; and a span longer than a piece's overlap.
      for (const [at, length] of [
        [0, 12],
        [390, 101],
        [899, 1],
        [2950, 50],
        [1000, 300],
      ] as const) {
        const search: EventFilter = { search: long.slice(at, at + length) };
        const expected = await plainly(search);
        expect(expected).toContain('long1');
        expect(
          (await listMarkedEvents(db, search, { limit: 500 })).events.map((e) => e.id),
        ).toEqual(expected);
        expect(await countEvents(db, search)).toBe(expected.length);
      }
    } finally {
      await db.query("DELETE FROM events WHERE id = 'long1'");
    }
  });
});
