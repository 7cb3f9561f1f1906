/**
 * Every filter the events list, export, map, timeline and facets take, alone
 * and combined, timed at `--events` events on both engines as a viewer asks
 * them (public events only): p50 and p95 of each, and the mean CPU time one
 * request costs (cpu.ts: the machine's cores are shared, and wall time
 * measures the neighbours too). The stores are built once and kept
 * (bench/stores.ts), so that a change to a query is measured again in a
 * minute (`--name` names them apart from another checkout's on the same
 * machine). `--save` keeps the figures as JSON; `--before` prints a saved
 * run's beneath each line, to compare a change with what came before it.
 * At 1,000,000 events (`--events 1000000`) the store takes a while to build
 * the first time: its time and size are printed. Then what each filter's
 * views read, from their plans (EXPLAIN, once each view was asked once, as a
 * search's first count keeps it): a Seq Scan on events, which the
 * indexes and counts are there to prevent (or on event_words, the events'
 * words beside their columns), ends the bench with status 1. `--only` times
 * only the filters whose names hold the words given (`--only "claimant,days"`:
 * any of them), to measure a change to a few in minutes at 1,000,000 events.
 * The embedded store is opened as the server opens it (`serving`): a run
 * saved before the server had its own settings was measured as a command's,
 * slower, and is no `--before` for a later one. Nor is one saved before its
 * percentiles were by nearest rank (5840eab): of 20 runs, its p95 was the
 * slowest and its p50 the 11th (now the 19th and the 10th; 40 runs by default).
 * A phrase in too few events to be kept (UNKEPT) has its views' first calls
 * timed too, wall and CPU, before any other view is asked (`, first call`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { periodTimeline } from '../src/service/events.js';
import {
  countEvents,
  eventClusters,
  eventFacets,
  listMarkedEvents,
  streamEventPages,
} from '../src/store/index.js';
import type { Database, EventFilter, QueryOptions, Sql } from '../src/store/index.js';
import { percentile } from './alternate.js';
import { cpuClock } from './cpu.js';
import { benchArguments, engineChosen, storeName } from './options.js';
import { embeddedStore, serverStore } from './stores.js';

const COMMAND = {
  usage: `npm run bench:filters [-- --reports N --events N --runs N --pglite|--postgres
                          --name NAME --save FILE --before FILE --only WORDS]`,
  counts: { reports: 3000, events: 100_000, runs: 40 },
  texts: ['name', 'save', 'before', 'only'],
  flags: ['pglite', 'postgres'],
} as const;

/**
 * A phrase in too few events to be kept or counted (KEPT_FROM): every view
 * finds its events through their words and compares their texts, its first
 * call in a session as well as later ones (firstCalls).
 */
const UNKEPT = 'words, a phrase not kept';

/** Each filter the app offers, alone, then as people combine them. */
const FILTERS: readonly (readonly [string, EventFilter])[] = [
  ['no filter', {}],
  ['governorate', { admin1Pcode: 'SY07' }],
  ['dates (a season)', { from: '2023-03-01', to: '2023-05-31' }],
  ['days (mid-month to mid-month)', { from: '2023-03-15', to: '2023-06-14' }],
  ['days (from mid-month on)', { from: '2023-03-15' }],
  ['days (up to mid-month)', { to: '2023-06-14' }],
  ['type', { type: 'Battles' }],
  ['sub-type', { type: 'Shelling/artillery/missile attack' }],
  ['actor', { actor: 'SYR-GOV' }],
  ['claimant', { claimant: 'SOHR' }],
  ['status', { status: 'unreviewed' }],
  ['words', { search: 'سراقب' }],
  ['words, a phrase', { search: 'جسر الشغور' }],
  ['words, a common phrase', { search: 'قوات النظام' }],
  // In 1,206 events of 100,000: too few to keep (KEPT_FROM), its events found by each view.
  [UNKEPT, { search: '14 اطفال' }],
  ['bounding box', { bbox: [36, 35, 37, 36.5] }],
  ['private only', { private: true }],
  [
    'governorate + dates + type',
    {
      admin1Pcode: 'SY07',
      from: '2023-03-01',
      to: '2023-09-30',
      type: 'Shelling/artillery/missile attack',
    },
  ],
  ['type + days', { type: 'Battles', from: '2022-11-20', to: '2024-02-10' }],
  ['actor + claimant', { actor: 'SYR-GOV', claimant: 'SOHR' }],
  ['actor + claimant + governorate', { actor: 'SYR-GOV', claimant: 'SOHR', admin1Pcode: 'SY02' }],
  [
    'type + claimant + dates',
    { type: 'Battles', claimant: 'SOHR', from: '2023-01-01', to: '2023-12-31' },
  ],
  ['words + governorate', { search: 'سراقب', admin1Pcode: 'SY07' }],
  [
    'everything',
    {
      admin1Pcode: 'SY07',
      from: '2023-01-01',
      to: '2024-12-31',
      actor: 'SYR-GOV',
      claimant: 'SOHR',
      type: 'Shelling/artillery/missile attack',
      status: 'unreviewed',
    },
  ],
];

/** What each view asks of the store for one filter, as the server's routes ask it. */
const VIEWS: readonly (readonly [string, (db: Sql, f: EventFilter) => Promise<unknown>])[] = [
  [
    'list+total',
    (db, f) => Promise.all([listMarkedEvents(db, f, { limit: 50 }), countEvents(db, f)]),
  ],
  [
    'export page',
    async (db, f) => {
      const page = await streamEventPages(db, f).next();
      return page.done === true ? null : page.value;
    },
  ],
  ['map z7', (db, f) => eventClusters(db, f, 360 / 2 ** 7 / 4)],
  ['timeline', (db, f) => periodTimeline(db, f)],
  ['facets', (db, f) => eventFacets(db, f)],
];

/** A node of a plan as EXPLAIN (FORMAT JSON) gives it. */
interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/**
 * What a view's statements read, as the planner chose for this store: each
 * table or index scanned, with how («Index Only Scan events_facts»). The
 * statements run as well, since a view's later statements depend on its first.
 */
async function planned(db: Database, work: (sql: Sql) => Promise<unknown>): Promise<Set<string>> {
  const read = new Set<string>();
  const visit = (node: PlanNode): void => {
    const target = node['Index Name'] ?? node['Relation Name'];
    if (target !== undefined) read.add(`${node['Node Type']} ${target}`);
    node.Plans?.forEach(visit);
  };
  await work({
    query: async <R extends object>(
      text: string,
      params: readonly unknown[] = [],
      options: QueryOptions = {},
    ) => {
      // Only queries are explained: what the code asks the planner itself (EXPLAIN) or tells
      // it (ANALYZE, after a search is kept) is passed on as it is.
      if (/^\s*(?:SELECT|WITH)\b/i.test(text)) {
        const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) ${text}`,
          params,
          options,
        );
        if (row !== undefined) visit(row['QUERY PLAN'][0].Plan);
      }
      return db.query<R>(text, params, options);
    },
  });
  return read;
}

/**
 * p50 and p95 of the wall time (by nearest rank: of 40 runs, the 20th and
 * the 38th), and the mean CPU time, in ms; and a digest of the answer, so
 * that a change to a query is seen to give the same rows (absent from runs
 * saved before it was kept).
 */
type Figure = [number, number, number, string?];

/** A digest of a view's answer (its JSON). */
const digest = (answer: unknown): string =>
  createHash('sha256').update(JSON.stringify(answer)).digest('hex').slice(0, 16);

async function timed(db: Database, runs: number, work: () => Promise<unknown>): Promise<Figure> {
  const answer = digest(await work());
  const times: number[] = [];
  const spent = await cpuClock(db);
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  const cpu = (await spent()) / runs;
  times.sort((a, b) => a - b);
  return [percentile(times, 50), percentile(times, 95), cpu, answer];
}

/**
 * The wall and CPU time, in ms, of each view's first call for a filter, before
 * any other is asked: what the first viewer of a store just opened waits, its
 * statements' functions and relations new to the session.
 */
async function firstCalls(db: Database, filter: EventFilter): Promise<string> {
  const cells: string[] = [];
  for (const [, ask] of VIEWS) {
    const spent = await cpuClock(db);
    const started = performance.now();
    await ask(db, { ...filter, publicOnly: true });
    const wall = performance.now() - started;
    cells.push(`${wall.toFixed(0)} ${(await spent()).toFixed(0)}`.padStart(16));
  }
  return cells.join('');
}

/** By engine, filter and view: what `--save` writes and `--before` reads. */
type Figures = Record<string, Record<string, Record<string, Figure>>>;

const cell = (figure: Figure | undefined): string =>
  figure === undefined
    ? '–'
    : `${figure[0].toFixed(0)}/${figure[1].toFixed(0)} ${figure[2].toFixed(0)}`;

/** Times every view of every filter; with the figures of an earlier run, prints them beneath. */
async function figures(
  label: string,
  db: Database,
  runs: number,
  before: Figures[string] | undefined,
  only: string | null,
): Promise<Figures[string]> {
  // What the planner believes the store holds: plans are made on it (refreshStatistics after bulk work).
  const [row] = await db.query<{ n: number; planned: number }>(
    `SELECT count(*)::int AS n,
            (SELECT reltuples::int FROM pg_class WHERE oid = 'events'::regclass) AS planned
     FROM events`,
  );
  process.stdout.write(
    `${label}: ${String(row?.n ?? 0)} events (${String(row?.planned ?? 0)} in the planner's statistics), ` +
      `wall p50/p95 and mean CPU in ms (${String(runs)} runs)` +
      `${before === undefined ? '' : ', each beneath the earlier run given with --before'}\n`,
  );
  process.stdout.write(`  ${'filter'.padEnd(32)}${VIEWS.map(([v]) => v.padStart(16)).join('')}\n`);
  const now: Figures[string] = {};
  const worst = (figures: Figures[string], view: string): Figure | undefined => {
    const all = Object.values(figures).flatMap((f) => (f[view] === undefined ? [] : [f[view]]));
    return all.length === 0
      ? undefined
      : (([0, 1, 2] as const).map((k) => Math.max(...all.map((f) => f[k]))) as Figure);
  };
  const reads: string[] = [];
  const unkept = chosen(FILTERS, only).find(([name]) => name === UNKEPT)?.[1];
  // First, before any view is asked: a later one would find the session warmed by the others.
  if (unkept !== undefined)
    process.stdout.write(
      `  ${`${UNKEPT}, first call`.padEnd(32)}${await firstCalls(db, unkept)}\n`,
    );
  // Every view of every filter asked once before any is timed: a server's embedded engine is
  // optimized by V8 as it runs (db.ts, `serving`), and the first filter timed paid for that
  // compiling (its CPU counts the compiling threads), which a server does once in its life.
  for (const [, filter] of chosen(FILTERS, only))
    for (const [, ask] of VIEWS) await ask(db, { ...filter, publicOnly: true });
  for (const [name, filter] of chosen(FILTERS, only)) {
    const measured: Record<string, Figure> = {};
    const read = new Set<string>();
    // Each view asked once before its plans are read: the first count of a search looked at
    // for the first time reads its events to learn how many it is in, and keeps or counts it
    // for every later view (keepSearch). A common phrase on a fresh store was planned before
    // its first count, as a Seq Scan that no later request makes, and ended the bench with 1.
    for (const [, ask] of VIEWS) await ask(db, { ...filter, publicOnly: true });
    for (const [, ask] of VIEWS)
      for (const scan of await planned(db, (sql) => ask(sql, { ...filter, publicOnly: true })))
        read.add(scan);
    reads.push(`  ${name.padEnd(32)}${[...read].sort().join(', ')}`);
    // Every filter is answered from an index or from counts: reading every event is a regression.
    if (read.has('Seq Scan events') || read.has('Seq Scan event_words')) process.exitCode = 1;
    for (const [view, ask] of VIEWS)
      measured[view] = await timed(db, runs, () => ask(db, { ...filter, publicOnly: true }));
    now[name] = measured;
    process.stdout.write(
      `  ${name.padEnd(32)}${VIEWS.map(([v]) => cell(measured[v]).padStart(16)).join('')}\n`,
    );
    const earlier = before?.[name];
    // A view whose answer differs from the earlier run's: a change that gives other rows.
    const changed = VIEWS.flatMap(([v]) => {
      const [was, is] = [earlier?.[v]?.[3], measured[v]?.[3]];
      return was !== undefined && is !== undefined && was !== is ? [v] : [];
    });
    if (changed.length > 0) {
      process.stdout.write(
        `  ${name}: answers differ from the earlier run's: ${changed.join(', ')}\n`,
      );
      process.exitCode = 1;
    }
    if (earlier !== undefined)
      process.stdout.write(
        `  ${'  before'.padEnd(32)}${VIEWS.map(([v]) => cell(earlier[v]).padStart(16)).join('')}\n`,
      );
  }
  process.stdout.write(
    `  ${'worst'.padEnd(32)}${VIEWS.map(([v]) => cell(worst(now, v)).padStart(16)).join('')}\n`,
  );
  if (before !== undefined) {
    // The worst of the same filters then, whatever else the earlier run timed.
    const same = Object.fromEntries(Object.entries(before).filter(([name]) => name in now));
    process.stdout.write(
      `  ${'  before'.padEnd(32)}${VIEWS.map(([v]) => cell(worst(same, v)).padStart(16)).join('')}\n`,
    );
  }
  // The plans checked: what the views of each filter read (a Seq Scan on events ends the bench with status 1).
  process.stdout.write(
    `${label}: what the views of each filter read (EXPLAIN)\n${reads.join('\n')}\n`,
  );
  return now;
}

/** The filters `--only` names (any whose name holds one of its comma-separated words), or all. */
function chosen<T extends readonly [string, unknown]>(
  all: readonly T[],
  only: string | null,
): readonly T[] {
  const words = only?.split(',').map((w) => w.trim()) ?? [];
  return words.length === 0 ? all : all.filter(([name]) => words.some((w) => name.includes(w)));
}

async function main(): Promise<void> {
  const { counts, texts, flags } = benchArguments(COMMAND);
  const { reports, events: target, runs } = counts;
  const only = engineChosen(flags);
  const name = storeName(texts.name);
  const beforeFile = texts.before;
  const before =
    beforeFile === null ? {} : (JSON.parse(readFileSync(beforeFile, 'utf8')) as Figures);
  const saved: Figures = {};
  if (only !== 'pglite') {
    const server = await serverStore(reports, target, name);
    if (server !== null) {
      try {
        saved.PostgreSQL = await figures('PostgreSQL', server, runs, before.PostgreSQL, texts.only);
      } finally {
        await server.close();
      }
    }
  }
  if (only !== 'postgres') {
    const embedded = await embeddedStore(reports, target, name, true);
    try {
      saved.PGlite = await figures('PGlite', embedded, runs, before.PGlite, texts.only);
    } finally {
      await embedded.close();
    }
  }
  const saveFile = texts.save;
  // A baseline holds every filter: one of a few would be compared with a whole run later.
  if (saveFile !== null && texts.only !== null)
    process.stdout.write(
      `not saved to ${saveFile}: --only timed some filters, a baseline needs all\n`,
    );
  else if (saveFile !== null) writeFileSync(saveFile, `${JSON.stringify(saved, null, 2)}\n`);
}

await main();
