/**
 * The store's figures: ingest's peak memory for 10,000 reports at batch sizes
 * from 50 to 10,000, and for 10,000 reports crowded into one month (each
 * batch's candidates nearly the whole store) on both engines; how long a
 * command takes to open that store (`export`, `review --limit 1`, `search`:
 * CPU and wall time, and the load);
 * ingestion throughput of generated news into the embedded database and into
 * the PostgreSQL server (DATABASE_URL, else the local one) with one and three
 * workers, wall and CPU (the commands' and the server's); then, at 100,000 events, an export (seconds, peak
 * memory, against a tenth as many) and a filtered event-list query (ms).
 * Everything runs through the `wathiq` command as a user would run it; each
 * command reports its own CPU time and peak memory (peak.ts). With --pglite,
 * the embedded engine's figures only: the server is not asked for. With
 * --workers, the server's workers only (one, then three, into new databases
 * of the same generated reports, as the whole run measures them): a minute or
 * two, where the whole run takes 6–10. With --rate, the embedded ingest's
 * throughput only (the same reports into a new PGlite store, as the whole run
 * measures it): the figure of the embedded engine's goal. With --peaks, the
 * embedded ingest's peak memory only (10,000 reports of one month, then at
 * each batch size, as the whole run measures them): the figures of the memory
 * goal, a few minutes where the whole run takes 6–10.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadLexicon } from '../src/lexicon/index.js';
import { eventWriter, listEvents, openStore, streamEvents } from '../src/store/index.js';
import type { Database, EventFilter } from '../src/store/index.js';
import { median } from './alternate.js';
import { cpuClock } from './cpu.js';
import { benchArguments, storeName, usageError } from './options.js';
import { PEAK_MARK } from './peak-mark.js';
import { generateStories } from './stories.js';

const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');
const PEAK = pathToFileURL(join(import.meta.dirname, 'peak.js')).href;

/** Goals (issue 11). */
const GOAL_INGEST_PEAK_MB = 300;
const GOAL_STARTUP_S = 2;
/** Reports per second: the embedded engine in one process (of its CPU), the server with three workers (wall). */
const GOAL_PGLITE_RATE = 500;
const GOAL_WORKERS_RATE = 1000;
/** Reports of the memory and start-up figures, and the batch sizes ingested with. */
const MEMORY_REPORTS = 10_000;
const BATCHES = [50, 1000, 10_000];
/** Days the crowded reports' acts fall on: one month, every act a candidate of every other in its governorate. */
const CROWDED_DAYS = 30;
/** Events in the store whose start-up is timed. */
const STARTUP_EVENTS = 10_000;

const COMMAND = {
  usage:
    'npm run bench:store [-- --reports N --events N --name NAME --pglite | --workers | --rate | --peaks]',
  counts: { reports: 20_000, events: 100_000 },
  texts: ['name'],
  flags: ['pglite', 'workers', 'rate', 'peaks'],
} as const;

/** What a `wathiq` command cost: wall seconds, and its own CPU seconds and peak resident memory. */
interface Cost {
  readonly seconds: number;
  readonly cpu: number;
  readonly peakMb: number;
}

/** Runs `wathiq ARGS…`; resolves with what it cost, or throws with what it said. */
async function wathiq(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Cost> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PEAK, WATHIQ, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const peak = new RegExp(`^${PEAK_MARK} (\\d+) ([\\d.]+)$`, 'm').exec(stderr);
  if (status !== 0)
    throw new Error(`wathiq ${args.join(' ')} failed (${String(status)}): ${stderr}`);
  return {
    seconds,
    cpu: Number(peak?.[2] ?? NaN),
    peakMb: Number(peak?.[1] ?? NaN) / 1024 / 1024,
  };
}

async function serverDatabase(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases(admin: string, names: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.end();
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function rate(reports: number, seconds: number): string {
  return `${seconds.toFixed(1).padStart(6)} s ${(reports / seconds).toFixed(0).padStart(6)} reports/s`;
}

/** Wall rate, and the command's own CPU rate and peak memory. */
function costs(reports: number, cost: Cost): string {
  return `${rate(reports, cost.seconds)} wall, ${(reports / cost.cpu).toFixed(0)} reports/s of its CPU, peak ${cost.peakMb.toFixed(0)} MB`;
}

const mark = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

/**
 * Runs commands that write into a server database, and counts the CPU seconds
 * of that database's backends meanwhile (cpu.ts; this process's own, which
 * only waits for the commands, is counted too: a few ms). Two cores bound
 * the wall rate by the commands' and the server's CPU together, and the
 * commands report only theirs.
 */
async function withServerCpu<T>(url: string, work: () => Promise<T>): Promise<[T, number]> {
  const store = await openStore({ url });
  try {
    const spent = await cpuClock(store);
    const done = await work();
    return [done, (await spent()) / 1000];
  } finally {
    await store.close();
  }
}

/** The server's CPU rate beside the commands', and the CPU a report cost in all. */
function serverShare(reports: number, commandsCpu: number, serverCpu: number): string {
  return `${(reports / serverCpu).toFixed(0)} of the server's, ${((1000 * (commandsCpu + serverCpu)) / reports).toFixed(2)} ms of CPU a report in all`;
}

/**
 * Ingest's peak memory for 10,000 reports of one month, then for the same
 * reports at each batch size, each into a new embedded store: the lines, and
 * the folder of the last store.
 */
async function ingestPeaks(
  dir: string,
  corpus: string,
  crowded: string,
  env: NodeJS.ProcessEnv,
): Promise<{ lines: string[]; data: string }> {
  const lines: string[] = [];
  const crowd = await wathiq(
    ['ingest', '--no-progress', '--data', join(dir, 'memory-crowded'), crowded],
    env,
  );
  let worst = crowd.peakMb;
  lines.push(
    `ingest ${String(MEMORY_REPORTS)} reports of one month into PGlite, --batch 50     ${costs(MEMORY_REPORTS, crowd)}`,
  );
  let data = '';
  for (const batch of BATCHES) {
    data = join(dir, `memory-${String(batch)}`);
    const cost = await wathiq(
      ['ingest', '--no-progress', '--batch', String(batch), '--data', data, corpus],
      env,
    );
    worst = Math.max(worst, cost.peakMb);
    lines.push(
      `ingest ${String(MEMORY_REPORTS)} reports into PGlite, --batch ${String(batch).padEnd(6)} ${costs(MEMORY_REPORTS, cost)}`,
    );
  }
  lines.push(
    `  ingest peak memory (goal ≤ ${String(GOAL_INGEST_PEAK_MB)} MB whatever the batch size): worst ${worst.toFixed(0)} MB — ${mark(worst <= GOAL_INGEST_PEAK_MB)}`,
  );
  return { lines, data };
}

/**
 * Ingest's peak memory (ingestPeaks); then how long commands take to open the
 * last store (`export` of nothing, `search`): start-up, not work.
 */
async function memoryAndStartup(
  dir: string,
  corpus: string,
  crowded: string,
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const { lines, data } = await ingestPeaks(dir, corpus, crowded, env);
  // The events copied up to the size the goal names, as an archive that has grown would hold them.
  const embedded = await openStore({ dataDir: join(data, 'db') });
  const events = await multiplyEvents(embedded, STARTUP_EVENTS);
  await embedded.close();
  const commands: [string, string[]][] = [
    [
      'export (nothing matches)',
      [
        'export',
        '--data',
        data,
        '--format',
        'csv',
        '--to',
        '1900-01-01',
        '--out',
        join(dir, 'none.csv'),
      ],
    ],
    ['review --limit 1', ['review', '--data', data, '--limit', '1', '--lang', 'en']],
    ['search', ['search', '--data', data, 'سراقب']],
  ];
  for (const [name, args] of commands) {
    const runs: Cost[] = [];
    for (let k = 0; k < 3; k++) runs.push(await wathiq(args, env));
    const wall = median(runs.map((r) => r.seconds));
    const cpu = median(runs.map((r) => r.cpu));
    // CPU time is what the command costs; wall time adds whatever else the machine runs (see the load above).
    lines.push(
      `store start-up at ${String(events)} events, ${name.padEnd(25)} ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall, peak ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB, start to exit (median of 3; goal < ${String(GOAL_STARTUP_S)} s) — CPU ${mark(cpu < GOAL_STARTUP_S)}, wall ${mark(wall < GOAL_STARTUP_S)}`,
    );
  }
  return lines;
}

/** Copies the stored events under new ids and dates until there are `target` of them. */
async function multiplyEvents(db: Database, target: number): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  const have = row?.n ?? 0;
  if (have === 0) throw new Error('no events to multiply');
  const copies = Math.ceil(target / have) - 1;
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data,
       review_reasons)
     SELECT e.id || '-' || k, event_type, sub_event_type, date_start - k * 3, date_end - k * 3,
       admin1_pcode, admin1, actor1, actor2, fatalities_best, claimants, review_status, search_text,
       search_names, jsonb_set(data, '{id}', to_jsonb(e.id || '-' || k)), review_reasons
     FROM events e, generate_series(1, $1::int) AS k`,
    [copies],
  );
  // Their members and claims with them (migration 52).
  await db.query(
    `INSERT INTO event_members (event_id, incident_id, member, claims, hash)
     SELECT m.event_id || '-' || k, incident_id, member, claims, hash
     FROM event_members m, generate_series(1, $1::int) AS k`,
    [copies],
  );
  // What autovacuum would do after a bulk load: statistics, and the search index's pending entries merged.
  await db.query('VACUUM ANALYZE events');
  const [after] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  return after?.n ?? 0;
}

/** The export path of `wathiq export`, timed, with the peak memory above where it started. */
async function timeExport(
  db: Database,
  limit: number,
  file: string,
): Promise<{ seconds: number; events: number; peakMb: number }> {
  const writer = eventWriter('csv', { lexicon: loadLexicon() });
  const out = createWriteStream(file);
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  let count = 0;
  out.write(writer.head);
  for await (const event of streamEvents(db, {})) {
    const row = writer.row(event);
    if (row !== null && !out.write(row)) await once(out, 'drain');
    if (++count >= limit) break;
  }
  out.end();
  await once(out, 'finish');
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    seconds: (performance.now() - started) / 1000,
    events: count,
    peakMb: (peak - base) / 1024 / 1024,
  };
}

async function timeQuery(db: Database, filter: EventFilter): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < 21; k++) {
    const started = performance.now();
    await listEvents(db, filter, { limit: 50 });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[10] ?? 0;
}

async function eventFigures(
  label: string,
  db: Database,
  target: number,
  dir: string,
): Promise<string[]> {
  const events = await multiplyEvents(db, target);
  const lines = [`${label}: ${String(events)} events`];
  const small = await timeExport(db, Math.round(events / 10), join(dir, 'small.csv'));
  const full = await timeExport(db, Infinity, join(dir, 'full.csv'));
  lines.push(
    `  export csv ${String(full.events).padStart(7)} events: ${full.seconds.toFixed(1)} s, peak +${full.peakMb.toFixed(0)} MB` +
      ` (${String(small.events)} events: ${small.seconds.toFixed(1)} s, peak +${small.peakMb.toFixed(0)} MB)`,
  );
  const filters: [string, EventFilter][] = [
    [
      'governorate + dates + type',
      {
        admin1Pcode: 'SY07',
        from: '2023-03-01',
        to: '2023-09-30',
        type: 'Shelling/artillery/missile attack',
      },
    ],
    ['actor + claimant', { actor: 'SYR-GOV', claimant: 'SOHR' }],
    ['words (Arabic, normalized)', { search: 'سراقب' }],
    ['no filter, newest first', {}],
  ];
  for (const [name, filter] of filters) {
    lines.push(
      `  list query, ${name.padEnd(28)} ${(await timeQuery(db, filter)).toFixed(1).padStart(6)} ms (median of 21, 50 rows)`,
    );
  }
  return lines;
}

/**
 * Ingest of the generated reports by one worker, then by three, each into a
 * new server database the reports are queued in first: wall time, the
 * workers' CPU and the server's.
 */
async function workerFigures(
  admin: string,
  database: (what: string) => string,
  corpus: string,
  reports: number,
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const lines: string[] = [];
  for (const workers of [1, 3]) {
    const url = await serverDatabase(admin, database(String(workers)));
    const queued = await wathiq(['ingest', '--queue', '--db', url, corpus], env);
    const [done, server] = await withServerCpu(url, () =>
      Promise.all(
        Array.from({ length: workers }, () =>
          wathiq(['worker', '--db', url, '--until-empty'], env),
        ),
      ),
    );
    const seconds = Math.max(...done.map((d) => d.seconds));
    const cpu = done.reduce((sum, d) => sum + d.cpu, 0);
    const goal =
      workers === 3
        ? ` (goal ≥ ${String(GOAL_WORKERS_RATE)} wall) — ${mark(reports / seconds >= GOAL_WORKERS_RATE)}`
        : '';
    lines.push(
      `ingest into PostgreSQL, ${String(workers)} worker(s)      ${rate(reports, seconds)} wall, ${(reports / cpu).toFixed(0)} reports/s of the workers' CPU, ${serverShare(reports, cpu, server)}  (queueing: ${queued.seconds.toFixed(1)} s)${goal}`,
    );
  }
  return lines;
}

/** The reports of `corpus` ingested into a new embedded store (`dir`/data): the line of its rate. */
async function embeddedIngest(
  dir: string,
  corpus: string,
  reports: number,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const cost = await wathiq(['ingest', '--no-progress', '--data', join(dir, 'data'), corpus], env);
  const cpuRate = reports / cost.cpu;
  return `ingest into PGlite, 1 process           ${costs(reports, cost)} (goal ≥ ${String(GOAL_PGLITE_RATE)} of its CPU) — ${mark(cpuRate >= GOAL_PGLITE_RATE)}`;
}

async function main(): Promise<void> {
  const { counts, texts, flags } = benchArguments(COMMAND);
  const reports = counts.reports;
  const target = counts.events;
  const dir = mkdtempSync(join(tmpdir(), 'wathiq-bench-'));
  const corpus = join(dir, 'news.ndjson');
  writeFileSync(
    corpus,
    `${generateStories(reports)
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );
  const lines = [
    `wathiq store bench: ${String(reports)} generated reports (acts told by 1–3 outlets); ${String(cpus().length)} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ];
  const print = (line: string): void => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  process.stdout.write(`${lines[0] ?? ''}\n`);
  const local = { ...process.env };
  delete local.DATABASE_URL;
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = storeName(texts.name);
  const database = (what: string): string => `wathiq_bench_${what}${name === '' ? '' : `_${name}`}`;
  if (flags.workers) {
    if (flags.pglite) usageError(COMMAND, '--workers measures the server: not with --pglite');
    if (!(await reachable(admin)))
      throw new Error(`no server at ${admin}; set DATABASE_URL to measure its workers`);
    try {
      for (const line of await workerFigures(admin, database, corpus, reports, local)) print(line);
    } finally {
      await dropDatabases(admin, [database('1'), database('3')]);
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }

  if (flags.rate) {
    try {
      print(await embeddedIngest(dir, corpus, reports, local));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }

  const memoryCorpus = join(dir, 'memory.ndjson');
  writeFileSync(
    memoryCorpus,
    `${generateStories(MEMORY_REPORTS)
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );
  const crowdedCorpus = join(dir, 'crowded.ndjson');
  writeFileSync(
    crowdedCorpus,
    `${generateStories(MEMORY_REPORTS, 2025, CROWDED_DAYS)
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );
  if (flags.peaks) {
    try {
      for (const line of (await ingestPeaks(dir, memoryCorpus, crowdedCorpus, local)).lines)
        print(line);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  for (const line of await memoryAndStartup(dir, memoryCorpus, crowdedCorpus, local)) print(line);

  const data = join(dir, 'data');
  print(await embeddedIngest(dir, corpus, reports, local));

  if (flags.pglite) {
    print('PostgreSQL: not measured (--pglite)');
  } else if (await reachable(admin)) {
    const direct = await serverDatabase(admin, database('direct'));
    const [ingest, directServer] = await withServerCpu(direct, () =>
      wathiq(['ingest', '--no-progress', '--db', direct, corpus], local),
    );
    print(
      `ingest into PostgreSQL, 1 process        ${costs(reports, ingest)}, ${serverShare(reports, ingest.cpu, directServer)}`,
    );
    const crowdedUrl = await serverDatabase(admin, database('crowded'));
    const crowd = await wathiq(
      ['ingest', '--no-progress', '--db', crowdedUrl, crowdedCorpus],
      local,
    );
    print(
      `ingest ${String(MEMORY_REPORTS)} reports of one month into PostgreSQL ${costs(MEMORY_REPORTS, crowd)}`,
    );
    const worst = Math.max(ingest.peakMb, crowd.peakMb);
    print(
      `  PostgreSQL ingest peak memory (goal ≤ ${String(GOAL_INGEST_PEAK_MB)} MB whatever the reports): worst ${worst.toFixed(0)} MB — ${mark(worst <= GOAL_INGEST_PEAK_MB)}`,
    );
    for (const line of await workerFigures(admin, database, corpus, reports, local)) print(line);
    const server = await openStore({ url: direct });
    try {
      for (const line of await eventFigures('PostgreSQL', server, target, dir)) print(line);
    } finally {
      await server.close();
      await dropDatabases(admin, [
        database('direct'),
        database('crowded'),
        database('1'),
        database('3'),
      ]);
    }
  } else {
    print(`PostgreSQL: no server at ${admin}; set DATABASE_URL to measure it`);
  }
  const embedded = await openStore({ dataDir: join(data, 'db') });
  try {
    for (const line of await eventFigures('PGlite', embedded, target, dir)) print(line);
  } finally {
    await embedded.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
