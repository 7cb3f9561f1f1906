import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import { buildEvents, findLinks, spanningForest } from '../../src/link/index.js';
import {
  CANDIDATE_FACTS,
  CANDIDATE_ROWS,
  candidatesFor,
  emptyCandidateCache,
  wholeCandidates,
} from '../../src/store/linking.js';
import {
  candidateQuery,
  foldCounts,
  putEventCorrection,
  refreshStatistics,
  regroup,
  saveReports,
  searchSpans,
  setReviewStatus,
} from '../../src/store/index.js';
import type { Database, ExtractedReport, SearchSpan, Sql } from '../../src/store/index.js';
import { publicationDay } from '../../src/text/index.js';
import { resultOf } from '../link/reports.js';
import { emptyStore, engines, suiteStore } from './engines.js';

const lexicon = shippedKnowledge().lexicon;

/** The monitor's bombing as a stored incident dated `day` in governorate `area`. */
function incidentOn(day: string, area: string, document: string) {
  const incident = resultOf('monitor').incidents[0];
  if (incident === undefined || incident.location === null) throw new Error('no test incident');
  return {
    key: `${document}#i1`,
    document,
    published: null,
    outlet: null,
    url: null,
    incident: {
      ...incident,
      date: { ...incident.date, start: day, end: day, precision: 'day' as const },
      location: { ...incident.location, admin1_pcode: area },
    },
  };
}

describe('where linking looks for candidates', () => {
  it('merges the windows of one governorate whose index ranges meet, and no others', () => {
    const spans = searchSpans([
      incidentOn('2024-03-10', 'SY07', 'a'),
      incidentOn('2024-03-12', 'SY07', 'b'),
      incidentOn('2024-01-02', 'SY07', 'c'),
      incidentOn('2024-03-11', 'SY02', 'd'),
    ]);
    expect(spans).toEqual([
      { area: 'SY02', from: '2024-03-11', to: '2024-03-11' },
      { area: 'SY07', from: '2024-01-02', to: '2024-01-02' },
      { area: 'SY07', from: '2024-03-10', to: '2024-03-12' },
    ]);
  });
});

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * Thousands of incidents over eight years in fourteen governorates: enough for the planner to weigh
 * a scan. Each holds the monitor's bombing, as a search reads it (the columns say where and when).
 */
async function fill(db: Database, count: number): Promise<void> {
  await db.query(
    `INSERT INTO documents (id, text, search_text, tallies, warnings, published_day)
     SELECT 'doc' || k, 'نص', 'نص', '[]', '[]', date '2016-01-01' + k % 2900
     FROM generate_series(1, $1::int) AS k`,
    [count],
  );
  await db.query(
    `INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, admin1_pcode,
       window_from, window_to, data)
     SELECT 'doc' || k || '#i1', 'doc' || k, k % 10 = 0, 'Battles', 'Armed clash',
       'SY' || lpad((1 + k % 14)::text, 2, '0'), date '2016-01-01' + k % 2900,
       date '2016-01-01' + k % 2900 + k % 3, $2::jsonb
     FROM generate_series(1, $1::int) AS k`,
    [count, JSON.stringify(resultOf('monitor').incidents[0])],
  );
  await refreshStatistics(db);
}

describe.each(engines())('the candidate query on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await fill(db, 20_000);
  });
  afterAll(async () => {
    await db.close();
  });

  const spans: SearchSpan[] = [
    { area: 'SY07', from: '2020-01-01', to: '2020-01-02' },
    { area: 'SY02', from: '2021-05-03', to: '2021-05-03' },
  ];

  /** The plan of a query as a prepared statement settles on it: generic, with no values to go by. */
  async function genericPlan(
    text: string,
    params: readonly unknown[],
    types: string,
  ): Promise<PlanNode[]> {
    return db.transaction(async (tx) => {
      await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await tx.query(`PREPARE wathiq_candidates (${types}) AS ${text}`);
      const literal = (values: unknown): string => `'{${(values as string[]).join(',')}}'`;
      const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) EXECUTE wathiq_candidates (${params.map(literal).join(', ')})`,
      );
      await tx.query('DEALLOCATE wathiq_candidates');
      const plan = row?.['QUERY PLAN'][0].Plan;
      if (plan === undefined) throw new Error('no plan');
      return nodes(plan);
    });
  }

  /** Each incident and each report is looked up by an index, never by reading the table. */
  function expectIndexLookups(plan: readonly PlanNode[], indexes: readonly string[]): void {
    for (const table of ['incidents', 'documents']) {
      const on = plan.filter((n) => n['Relation Name'] === table);
      expect(on.length).toBeGreaterThan(0);
      expect(on.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    }
    expect(plan.map((n) => n['Index Name'])).toEqual(expect.arrayContaining([...indexes]));
  }

  it.each(['versions', 'facts'] as const)(
    'reads the linking index and each report by its key, never every incident or report (%s)',
    async (read) => {
      const { text, params } = candidateQuery(spans, read);
      expectIndexLookups(await genericPlan(text, params, 'text[], date[], date[]'), [
        'incidents_linking',
        'documents_pkey',
      ]);
    },
  );

  it.each([
    ['facts', CANDIDATE_FACTS],
    ['whole', CANDIDATE_ROWS],
  ])(
    'reads the candidates not in hand by their keys, never every incident or report (%s)',
    async (_, text) => {
      expectIndexLookups(await genericPlan(text, [['doc7#i1', 'doc21#i1']], 'text[]'), [
        'incidents_pkey',
        'documents_pkey',
      ]);
    },
  );

  /** The queries asked through `db`, counted. */
  function counting(): { sql: Sql; asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      sql: {
        query: (text, params, options) => {
          asked.push(text);
          return db.query(text, params, options);
        },
      },
    };
  }

  const near = [incidentOn('2020-01-01', 'SY07', 'new1'), incidentOn('2021-05-03', 'SY02', 'new2')];

  it('reads the candidates in one statement without a cache, as a cache reads them', async () => {
    const alone = counting();
    const found = await candidatesFor(alone.sql, near);
    expect(alone.asked).toHaveLength(1);
    expect(found.length).toBeGreaterThan(0);
    const cached = counting();
    expect(await candidatesFor(cached.sql, near, emptyCandidateCache())).toEqual(found);
    expect(cached.asked).toHaveLength(2);
  });

  it('keeps the candidates of a cache only while the server is the one they were read from', async () => {
    const cache = emptyCandidateCache();
    const found = await candidatesFor(db, near, cache);
    expect(cache.server).toMatch(/^\d+:\d+(\.\d+)?$/);
    // Held at the versions found, a candidate is taken from the cache, not read: what it holds,
    // even made up, is what comes back (so the cache is used)...
    const madeUp = (): void => {
      for (const [id, held] of cache.held)
        cache.held.set(id, { ...held, member: { ...held.member, published: '1999-01-01' } });
    };
    madeUp();
    const again = counting();
    const fromCache = await candidatesFor(again.sql, near, cache);
    expect(again.asked).toHaveLength(1);
    expect(fromCache.map((x) => x.published)).toEqual(found.map(() => '1999-01-01'));
    // ...until the server is another (put back from an older copy, or a standby promoted): its
    // transaction ids may be another row's, and every candidate is read again.
    madeUp();
    cache.server = '0:another start';
    const after = counting();
    expect(await candidatesFor(after.sql, near, cache)).toEqual(found);
    expect(after.asked).toHaveLength(2);
  });

  it('keeps the candidates of earlier searches, unchanged, from being read again', async () => {
    const cache = emptyCandidateCache();
    const [north, south] = near;
    if (north === undefined || south === undefined) throw new Error('no incidents near');
    const first = await candidatesFor(db, [north], cache);
    const second = await candidatesFor(db, [south], cache);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    // Another governorate's: the last search found none of the first's.
    const firstKeys = new Set(first.map((x) => x.key));
    expect(second.filter((x) => firstKeys.has(x.key))).toEqual([]);
    // The search before the last found these: held still, they are only looked up by version.
    const again = counting();
    expect(await candidatesFor(again.sql, [north], cache)).toEqual(first);
    expect(again.asked).toHaveLength(1);
  });

  it('reads only what judging reads of a candidate: no claims, evidence nor notes of why', async () => {
    const found = await candidatesFor(db, near);
    expect(found.length).toBeGreaterThan(0);
    for (const x of found) {
      expect(x.incident).not.toHaveProperty('claims');
      expect(x.incident).not.toHaveProperty('why');
      expect(x.incident.location).not.toHaveProperty('alternatives');
    }
  });

  it('holds whole only the candidates the last batch linked to, read once while unchanged', async () => {
    const cache = emptyCandidateCache();
    const found = await candidatesFor(db, near, cache);
    const [first, second] = found;
    if (first === undefined || second === undefined) throw new Error('too few candidates');
    const whole = (): string[] =>
      [...cache.held].flatMap(([id, held]) => (held.whole === null ? [] : [id]));
    const asked = counting();
    const wholes = await wholeCandidates(asked.sql, new Set([first.key, second.key]), cache);
    expect(asked.asked).toHaveLength(1);
    expect(wholes.map((x) => x.key).sort()).toEqual([first.key, second.key].sort());
    expect(wholes.every((x) => x.incident.claims.length > 0)).toBe(true);
    expect(whole().sort()).toEqual([first.key, second.key].sort());
    // The next batch linked to one of them: it is not read again, the other is held no longer whole.
    await candidatesFor(db, near, cache);
    const again = counting();
    expect(
      (await wholeCandidates(again.sql, new Set([first.key]), cache)).map((x) => x.key),
    ).toEqual([first.key]);
    expect(again.asked).toHaveLength(0);
    expect(whole()).toEqual([first.key]);
    expect(cache.held.get(second.key)?.member.incident).not.toHaveProperty('claims');
  });

  it('finds the incidents of the spans’ governorates and days, and only those', async () => {
    const { text, params } = candidateQuery(spans);
    const rows = await db.query<{ id: string }>(text, params);
    const [expected] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incidents WHERE NOT background AND (
         (admin1_pcode = 'SY07' AND window_from BETWEEN date '2019-11-30' AND date '2020-01-03'
           AND window_to >= date '2019-12-31')
         OR (admin1_pcode = 'SY02' AND window_from BETWEEN date '2021-04-01' AND date '2021-05-04'
           AND window_to >= date '2021-05-02'))`,
    );
    expect(rows.length).toBe(expected?.n);
    expect(rows.length).toBeGreaterThan(0);
  });
});

/** A telling of an act: the monitor's bombing moved to another report, day, type or doer. */
interface Telling {
  readonly doc: number;
  readonly day: string;
  readonly type?: 'Suicide bomb' | 'Armed clash' | 'Air/drone strike';
  readonly doer?: string;
  readonly killed?: number;
}

/** Reports made of tellings: each report holds the tellings with its number, as its incidents. */
function reportsOf(tellings: readonly Telling[]): ExtractedReport[] {
  const template = resultOf('monitor');
  const incident = template.incidents[0];
  if (incident === undefined) throw new Error('no test incident');
  const docs = [...new Set(tellings.map((t) => t.doc))];
  return docs.map((doc) => {
    const own = tellings.filter((t) => t.doc === doc);
    const id = `sha256:${String(doc).padStart(64, '0')}`;
    const bytes = new TextEncoder().encode(`report ${String(doc)}`);
    return {
      report: {
        source: `r${String(doc)}.txt`,
        format: 'file',
        raw: bytes,
        sha256: sha256Hex(bytes),
        capturedAt: '2024-03-14T10:00:00.000Z',
      },
      result: {
        ...template,
        document: { ...template.document, id, outlet: `outlet ${String(doc)}` },
        incidents: own.map((t, k) => ({
          ...incident,
          id: `i${String(k + 1)}`,
          sub_event_type: t.type ?? incident.sub_event_type,
          date: { ...incident.date, start: t.day, end: t.day },
          actors: [
            { id: t.doer ?? 'ISIS', role: 'actor1', text: '', span: [0, 0] },
            ...incident.actors.filter((a) => a.role !== 'actor1'),
          ],
          fatalities:
            t.killed === undefined
              ? incident.fatalities
              : { low: t.killed, best: t.killed, high: t.killed },
          // The claims say the same count: an event's figures follow them.
          claims:
            t.killed === undefined
              ? incident.claims
              : incident.claims.map((c) => ({
                  ...c,
                  figures: c.figures.map((f) =>
                    f.measure === 'killed' ? { ...f, count: t.killed ?? f.count } : f,
                  ),
                })),
        })),
      },
    };
  });
}

/** The reports' incidents as linking stores them. */
function storedIncidentsOf(reports: readonly ExtractedReport[]) {
  return reports.flatMap(({ result }) =>
    result.incidents.map((incident) => ({
      key: `${result.document.id}#${incident.id}`,
      document: result.document.id,
      published: publicationDay(result.document.published),
      outlet: result.document.outlet,
      url: result.document.url,
      incident,
    })),
  );
}

/** The events every pair's link makes, grouped in memory: what the store must hold. */
function expectedEvents(reports: readonly ExtractedReport[]): Event[] {
  const incidents = storedIncidentsOf(reports);
  return buildEvents(incidents, findLinks(incidents), lexicon);
}

/** The links every pair's link leaves once spanned, as incident_links holds them, in order. */
function forestOf(reports: readonly ExtractedReport[]) {
  return spanningForest(findLinks(storedIncidentsOf(reports)))
    .map((l) => ({ a: l.a, b: l.b, score: l.score, reasons: l.reasons }))
    .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}

async function storedEvents(db: Database): Promise<Event[]> {
  const rows = await db.query<{ data: Event }>(
    'SELECT event_whole(id, data) AS data FROM events ORDER BY id',
  );
  return rows.map((r) => r.data);
}

/** A fixed shuffle: the same orders on every run. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let k = out.length - 1; k > 0; k--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (k + 1);
    [out[k], out[j]] = [out[j] as T, out[k] as T];
  }
  return out;
}

describe.each(engines())('links kept as a spanning forest on $name', (engine) => {
  const db = suiteStore(engine);

  it('holds an act told by many reports with one link fewer than its tellings', async () => {
    await emptyStore(db);
    const tellings = Array.from({ length: 30 }, (_, k) => ({ doc: k, day: '2024-03-13' }));
    const reports = reportsOf(tellings);
    for (let k = 0; k < reports.length; k += 7)
      await saveReports(db, reports.slice(k, k + 7), lexicon);
    const [links] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_links');
    expect(links?.n).toBe(29);
    const events = await storedEvents(db);
    expect(events).toHaveLength(1);
    expect(sortById(events)).toEqual(sortById(expectedEvents(reports)));
  });

  it('keeps an act told by many differing reports, arriving in batches, as a full rebuild makes it, with a reviewer’s status and correction', async () => {
    await emptyStore(db);
    // Counts, doers known and unknown: every member moves the figures and the votes.
    const tellings = Array.from({ length: 90 }, (_, k) => ({
      doc: k,
      day: '2024-03-13',
      killed: 5 + ((k * 7) % 11),
      ...(k % 3 === 0 ? { doer: 'UNKNOWN' } : {}),
    }));
    const reports = shuffled(reportsOf(tellings), 7);
    const sizes = [1, 5, 17];
    let reviewed = false;
    for (let k = 0, step = 0; k < reports.length; k += sizes[step % 3] ?? 1, step++) {
      await saveReports(db, reports.slice(k, k + (sizes[step % 3] ?? 1)), lexicon);
      if (k < 20 || reviewed) continue;
      // Midway a reviewer passes the event and corrects who was hit; later reports must keep both.
      const [event] = await storedEvents(db);
      if (event === undefined) throw new Error('no event');
      await setReviewStatus(db, event.id, 'reviewed');
      await db.transaction(async (tx) => {
        await putEventCorrection(tx, { event: event.id, field: 'actor2', value: 'CIV', by: 'ana' });
        await regroup(
          tx,
          event.members.map((m) => m.incident),
          lexicon,
        );
      });
      reviewed = true;
    }
    const [links] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_links');
    expect(links?.n).toBe(89);
    const events = await storedEvents(db);
    expect(events).toHaveLength(1);
    const [expected] = expectedEvents(reports);
    if (expected === undefined) throw new Error('no expected event');
    const counts = expected.claims.flatMap((c) =>
      c.figures.flatMap((f) => (f.measure === 'killed' ? [f.count] : [])),
    );
    expect(new Set(counts).size).toBeGreaterThan(5);
    expect(expected.fatalities?.low).toBeLessThan(expected.fatalities?.high ?? 0);
    const [stored] = events;
    expect(stored?.id).toBe(expected.id);
    expect(sortById(events)).toEqual(
      sortById([{ ...expected, actor2: 'CIV', review_status: 'reviewed' }]),
    );
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM incidents WHERE event_id = $1',
      [expected.id],
    );
    expect(row?.n).toBe(90);
  });

  it('stores the links, with their reasons, that the forest of every pair judged makes, an act growing batch by batch', async () => {
    await emptyStore(db);
    // Scores and words that differ: doers known and unknown, kindred types, a night's two days.
    const tellings: Telling[] = Array.from({ length: 40 }, (_, k) => ({
      doc: k,
      day: k % 7 === 0 ? '2024-03-12' : '2024-03-13',
      ...(k % 3 === 0 ? { doer: 'UNKNOWN' } : {}),
      ...(k % 5 === 0 ? { type: 'Air/drone strike' as const } : {}),
    }));
    const reports = shuffled(reportsOf(tellings), 11);
    for (let k = 0, size = 1; k < reports.length; k += size, size = (size % 9) + 2)
      await saveReports(db, reports.slice(k, k + size), lexicon);
    const forest = forestOf(reports);
    expect(new Set(forest.map((l) => l.score)).size).toBeGreaterThan(1);
    expect(new Set(forest.map((l) => l.reasons.join())).size).toBeGreaterThan(2);
    expect(await db.query('SELECT a, b, score, reasons FROM incident_links ORDER BY a, b')).toEqual(
      forest,
    );
  });

  it('links reports crowded into one month, each batch judging nearly the whole store, as every pair’s links would', async () => {
    await emptyStore(db);
    // Acts on every day of a month in one governorate, by several doers and of kindred types:
    // every stored incident is a candidate of every new one, few are the same act.
    const types = ['Suicide bomb', 'Armed clash', 'Air/drone strike'] as const;
    const tellings: Telling[] = Array.from({ length: 80 }, (_, k) => ({
      doc: k,
      day: `2024-03-${String(1 + ((k * 11) % 28)).padStart(2, '0')}`,
      type: types[k % 3],
      doer: ['ISIS', 'SDF', 'UNKNOWN'][Math.floor(k / 3) % 3],
      killed: 3 + (k % 5),
    }));
    const reports = shuffled(reportsOf(tellings), 13);
    for (let k = 0, size = 2; k < reports.length; k += size, size = (size % 11) + 2)
      await saveReports(db, reports.slice(k, k + size), lexicon);
    const events = await storedEvents(db);
    expect(events.some((e) => e.members.length > 2)).toBe(true);
    expect(events.length).toBeGreaterThan(10);
    expect(sortById(events)).toEqual(sortById(expectedEvents(reports)));
    const forest = forestOf(reports);
    expect(await db.query('SELECT a, b, score, reasons FROM incident_links ORDER BY a, b')).toEqual(
      forest,
    );
  });

  it('makes the events all the links would, where grouping turns links down, in any order', async () => {
    // Two acts in one town: a report telling both, days a night apart and two
    // apart, another doer, a count that contradicts.
    const tellings: Telling[] = [
      { doc: 1, day: '2024-03-13' },
      { doc: 1, day: '2024-03-13', type: 'Armed clash' },
      { doc: 2, day: '2024-03-13' },
      { doc: 3, day: '2024-03-12' },
      { doc: 4, day: '2024-03-14' },
      { doc: 5, day: '2024-03-13', type: 'Armed clash' },
      { doc: 6, day: '2024-03-13', doer: 'SDF' },
      { doc: 7, day: '2024-03-13', killed: 300 },
      { doc: 8, day: '2024-03-14', type: 'Armed clash' },
      { doc: 9, day: '2024-03-12', type: 'Air/drone strike' },
      { doc: 10, day: '2024-03-13' },
      { doc: 10, day: '2024-03-14', type: 'Armed clash' },
    ];
    const reports = reportsOf(tellings);
    const events = expectedEvents(reports);
    expect(events.some((e) => e.members.length > 2)).toBe(true);
    const expected = sortById(events);
    const seen: unknown[] = [];
    for (const seed of [1, 2, 3, 4]) {
      await emptyStore(db);
      const order = shuffled(reports, seed);
      for (let k = 0; k < order.length; k += seed) {
        await saveReports(db, order.slice(k, k + seed), lexicon);
      }
      expect(sortById(await storedEvents(db))).toEqual(expected);
      seen.push(await db.query('SELECT a, b, score, reasons FROM incident_links ORDER BY a, b'));
    }
    for (const links of seen.slice(1)) expect(links).toEqual(seen[0]);
  });
  it('stores a batch’s incidents once, each with its event, as one report at a time stores them', async () => {
    // Acts told by several reports, one told once, one report telling two acts, a background
    // incident, an incident with no place: linked among themselves in a batch, to those stored
    // one at a time.
    const tellings: Telling[] = [
      ...Array.from({ length: 9 }, (_, k) => ({ doc: k, day: '2024-03-13', killed: 4 + (k % 3) })),
      { doc: 3, day: '2024-03-20', type: 'Armed clash' },
      { doc: 9, day: '2024-03-20', type: 'Armed clash', doer: 'SDF' },
      { doc: 10, day: '2024-03-20', type: 'Armed clash' },
      { doc: 11, day: '2024-02-01' },
    ];
    const reports = reportsOf(tellings).map((r, k) => (k === 11 ? withOddIncidents(r) : r));
    const contents = async (): Promise<unknown> => ({
      incidents: await db.query(
        `SELECT id, document_id, background, admin1_pcode, window_from::text, window_to::text,
           event_id, data FROM incidents ORDER BY id`,
      ),
      links: await db.query('SELECT a, b, score, reasons FROM incident_links ORDER BY a, b'),
      events: await db.query('SELECT id, event_whole(id, data) AS data FROM events ORDER BY id'),
    });
    const seen: unknown[] = [];
    for (const size of [reports.length, 1, 4]) {
      await emptyStore(db);
      const order = shuffled(reports, size);
      for (let k = 0; k < order.length; k += size)
        await saveReports(db, order.slice(k, k + size), lexicon);
      seen.push(await contents());
    }
    const [first] = seen;
    for (const other of seen.slice(1)) expect(other).toEqual(first);
    const [row] = await db.query<{ incidents: number; unlinked: number; background: number }>(
      `SELECT count(*)::int AS incidents,
         count(*) FILTER (WHERE event_id IS NULL AND NOT background)::int AS unlinked,
         count(*) FILTER (WHERE background AND event_id IS NULL)::int AS background
       FROM incidents`,
    );
    expect(row).toEqual({ incidents: tellings.length + 2, unlinked: 0, background: 1 });
    const events = await storedEvents(db);
    expect(events.some((e) => e.members.length === 9)).toBe(true);
    expect(sortById(events)).toEqual(sortById(expectedEvents(reports)));
  });
  it('keeps the first of one text given twice in a batch with other facts, as one at a time does', async () => {
    const originals = reportsOf(
      Array.from({ length: 24 }, (_, doc) => ({ doc, day: `2024-03-${String(10 + (doc % 8))}` })),
    );
    // The same words from another source: other bytes, another outlet and address.
    const copies = originals.map((original, k): ExtractedReport => {
      const bytes = new TextEncoder().encode(`report ${String(k)}, as another site carried it`);
      return {
        report: {
          ...original.report,
          source: `copy${String(k)}.txt`,
          raw: bytes,
          sha256: sha256Hex(bytes),
        },
        result: {
          ...original.result,
          document: {
            ...original.result.document,
            outlet: `another outlet ${String(k)}`,
            url: `https://example.org/copy/${String(k)}`,
          },
        },
      };
    });
    const batch = [...originals, ...copies];
    const contents = async (): Promise<unknown> => ({
      documents: await db.query('SELECT id, outlet, url FROM documents ORDER BY id'),
      captures: await db.query('SELECT sha256, document_id, source FROM captures ORDER BY sha256'),
      members: await db.query(
        `SELECT m->>'document' AS document, m->>'outlet' AS outlet, m->>'url' AS url
         FROM events, jsonb_array_elements(event_whole(id, data)->'members') AS m ORDER BY 1, 2, 3`,
      ),
    });
    const seen: unknown[] = [];
    for (const size of [batch.length, 1]) {
      await emptyStore(db);
      const outcomes: string[] = [];
      for (let k = 0; k < batch.length; k += size)
        outcomes.push(...(await saveReports(db, batch.slice(k, k + size), lexicon)));
      expect(outcomes).toEqual(batch.map((_, k) => (k < originals.length ? 'added' : 'same-text')));
      seen.push(await contents());
    }
    expect(seen[1]).toEqual(seen[0]);
    const outlets = await db.query<{ outlet: string }>('SELECT outlet FROM documents');
    expect(outlets.every((d) => d.outlet.startsWith('outlet '))).toBe(true);
  });
});

/** A report given two more incidents: one of background, one with no place. */
function withOddIncidents(report: ExtractedReport): ExtractedReport {
  const [incident] = report.result.incidents;
  if (incident === undefined) throw new Error('no test incident');
  return {
    ...report,
    result: {
      ...report.result,
      incidents: [
        ...report.result.incidents,
        { ...incident, id: 'i8', background: true },
        { ...incident, id: 'i9', location: null },
      ],
    },
  };
}

function sortById(events: readonly Event[]): unknown[] {
  return [...events]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((e) => JSON.parse(JSON.stringify(e)) as unknown);
}

describe.each(engines())('regrouping an act told many times on $name', (engine) => {
  const db = suiteStore(engine);

  /**
   * What a store holds of its events, but their times of writing: the events,
   * their words, every table of counts kept from them, the links and which
   * event each incident is in. The vocabularies (search_words, search_terms)
   * are left out: they keep every word an event has had.
   */
  async function heldOfEvents(store: Database): Promise<Record<string, unknown>> {
    await foldCounts(store);
    const tables = [
      'events',
      'event_words',
      'event_summary',
      'event_points',
      'event_point_facets',
      'event_days',
      'event_day_facets',
      'event_cells',
      'event_square_months',
      'event_square_days',
      'event_tiles',
      'event_facet_counts',
      'incident_links',
    ];
    const held: Record<string, unknown> = {};
    for (const table of tables) {
      const [row] = await store.query<{ rows: unknown }>(
        `SELECT coalesce(jsonb_agg(r ORDER BY r::text), '[]') AS rows
         FROM (SELECT to_jsonb(t) - 'updated_at' - 'created_at' AS r FROM ${table} t) AS x`,
      );
      held[table] = row?.rows;
    }
    held.incidents = await store.query('SELECT id, event_id FROM incidents ORDER BY id');
    return held;
  }

  it('stores an act told by many reports, batch by batch, as one batch of them all stores it, counts and words too', async () => {
    await emptyStore(db);
    // Counts, doers known and unknown: each batch moves the event's figures and votes.
    const tellings: Telling[] = Array.from({ length: 70 }, (_, k) => ({
      doc: k,
      day: '2024-03-13',
      killed: 4 + ((k * 5) % 9),
      ...(k % 4 === 0 ? { doer: 'UNKNOWN' } : {}),
    }));
    const reports = shuffled(reportsOf(tellings), 5);
    for (let k = 0, size = 1; k < reports.length; k += size, size = (size % 13) + 3)
      await saveReports(db, reports.slice(k, k + size), lexicon);
    const whole = await engine.open();
    try {
      await saveReports(whole, reports, lexicon);
      const [events] = await whole.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      expect(events?.n).toBe(1);
      expect(await heldOfEvents(db)).toEqual(await heldOfEvents(whole));
    } finally {
      await whole.close();
    }
  });

  it('writes an event a batch grows under its own id, and leaves one rebuilt as it was unwritten', async () => {
    await emptyStore(db);
    const reports = reportsOf(Array.from({ length: 6 }, (_, k) => ({ doc: k, day: '2024-03-13' })));
    const written = (): Promise<{ id: string; at: string; members: number }[]> =>
      db.query(
        `SELECT id, updated_at::text AS at, jsonb_array_length(event_whole(id, data)->'members') AS members
         FROM events`,
      );
    // The first report's incident has the least key: the event keeps its id as it grows.
    await saveReports(db, reports.slice(0, 3), lexicon);
    const [first] = await written();
    expect(first?.members).toBe(3);
    const [member] = await db.query<{ id: string }>('SELECT max(id) AS id FROM incidents');
    await db.transaction((tx) => regroup(tx, [member?.id ?? ''], lexicon));
    expect(await written()).toEqual([first]);
    await saveReports(db, reports.slice(3), lexicon);
    const [grown] = await written();
    expect(grown?.id).toBe(first?.id);
    expect(grown?.members).toBe(6);
    expect(grown?.at).not.toBe(first?.at);
  });

  it('reads not again, while unchanged, the incidents the batch before stored', async () => {
    await emptyStore(db);
    const reports = reportsOf(Array.from({ length: 8 }, (_, k) => ({ doc: k, day: '2024-03-13' })));
    const asked: string[] = [];
    // A database of its own (its own cache), whose statements in a transaction are counted.
    const counted: Database = {
      ...db,
      transaction: (work) =>
        db.transaction((tx) =>
          work({
            query: (text, params, options) => {
              asked.push(text);
              return tx.query(text, params, options);
            },
          }),
        ),
    };
    await saveReports(counted, reports.slice(0, 4), lexicon);
    asked.length = 0;
    await saveReports(counted, reports.slice(4), lexicon);
    // The first four are the next four's candidates: held as they were stored, not read again,
    // nor read whole though the next four link to them (their events are built of them).
    expect(asked).not.toContain(CANDIDATE_FACTS);
    expect(asked).not.toContain(CANDIDATE_ROWS);
    const [events] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(events?.n).toBe(1);
  });

  it('reads again a candidate whose incident or report changed since the batch before', async () => {
    await emptyStore(db);
    const tellings = Array.from({ length: 24 }, (_, k) => ({ doc: k, day: '2024-03-13' }));
    const reports = reportsOf(tellings);
    for (let k = 0; k < 12; k += 4) await saveReports(db, reports.slice(k, k + 4), lexicon);
    // Between two batches a report is given another outlet and an incident another claimant's
    // words, as reading a report again or completing its facts would: the next batch, which
    // finds both as candidates, must build the event from them as they are now. One renamed
    // report is of the batch just before, whose incidents linking holds whole.
    const renamed = [reports[2], reports[10]];
    const reread = reports[5];
    if (reread === undefined) throw new Error('no reports');
    for (const report of renamed)
      await db.query('UPDATE documents SET outlet = $2 WHERE id = $1', [
        report?.result.document.id,
        'another outlet',
      ]);
    await db.query(
      `UPDATE incidents SET data = jsonb_set(data, '{claims,0,claimant_text}', '"مصدر آخر"')
       WHERE document_id = $1`,
      [reread.result.document.id],
    );
    for (let k = 12; k < reports.length; k += 4)
      await saveReports(db, reports.slice(k, k + 4), lexicon);
    const now = reports.map((report) => {
      if (renamed.includes(report))
        return {
          ...report,
          result: {
            ...report.result,
            document: { ...report.result.document, outlet: 'another outlet' },
          },
        };
      if (report !== reread) return report;
      return {
        ...report,
        result: {
          ...report.result,
          incidents: report.result.incidents.map((incident) => ({
            ...incident,
            claims: incident.claims.map((c, k) =>
              k === 0 ? { ...c, claimant_text: 'مصدر آخر' } : c,
            ),
          })),
        },
      };
    });
    const events = await storedEvents(db);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).toContain('another outlet');
    expect(JSON.stringify(events)).toContain('مصدر آخر');
    expect(sortById(events)).toEqual(sortById(expectedEvents(now)));
  });

  it('walks its links by key, never scanning every link', async () => {
    await emptyStore(db);
    // One act told by 60 reports: the forest is a star, every link sharing one end, and the
    // statistics say so.
    const reports = reportsOf(
      Array.from({ length: 60 }, (_, k) => ({ doc: k, day: '2024-03-13' })),
    );
    for (let k = 0; k < reports.length; k += 20)
      await saveReports(db, reports.slice(k, k + 20), lexicon);
    await refreshStatistics(db);
    const [hub] = await db.query<{ a: string; n: number }>(
      'SELECT a, count(*)::int AS n FROM incident_links GROUP BY a ORDER BY n DESC LIMIT 1',
    );
    expect(hub?.n).toBe(59);
    const [leaf] = await db.query<{ b: string }>('SELECT b FROM incident_links LIMIT 1');
    const seen: { text: string; plan: PlanNode[]; workMem: string | undefined }[] = [];
    await db.transaction(async (tx) => {
      const explained = {
        query: async <R extends object>(text: string, params: readonly unknown[] = []) => {
          if (/^\s*WITH RECURSIVE/.test(text)) {
            const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
              `EXPLAIN (FORMAT JSON) ${text}`,
              params,
            );
            const plan = row?.['QUERY PLAN'][0].Plan;
            const [memory] = await tx.query<{ work_mem: string }>(
              "SELECT current_setting('work_mem') AS work_mem",
            );
            if (plan !== undefined)
              seen.push({ text, plan: nodes(plan), workMem: memory?.work_mem });
          }
          return tx.query<R>(text, params);
        },
      };
      const settings =
        "SELECT current_setting('enable_seqscan') AS seqscan, current_setting('jit') AS jit, current_setting('work_mem') AS work_mem";
      const before = await tx.query(settings);
      await regroup(explained, [leaf?.b ?? ''], lexicon);
      // The settings the walk needs last for it alone: the transaction goes on with its own.
      expect(await tx.query(settings)).toEqual(before);
      expect(before).toEqual([expect.objectContaining({ seqscan: 'on' })]);
    });
    const walk = seen.find((s) => s.text.includes('WITH RECURSIVE'));
    expect(walk).toBeDefined();
    const scans = (plan: PlanNode[], table: string): string[] =>
      plan.filter((n) => n['Relation Name'] === table).map((n) => n['Node Type']);
    expect(scans(walk?.plan ?? [], 'incident_links')).not.toContain('Seq Scan');
    expect(scans(walk?.plan ?? [], 'incident_links').length).toBeGreaterThan(0);
    // Its table of incidents seen is made for the one it starts from, not for the planner's
    // guess of thousands (each of 59 links one end's): 64 kB, and a quarter of one for it.
    expect(walk?.workMem).toBe('65kB');
    // Regrouping what is stored changes nothing.
    expect(sortById(await storedEvents(db))).toEqual(sortById(expectedEvents(reports)));
  });
});
