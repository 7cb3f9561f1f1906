/**
 * Does ingest slow down as the archive grows (issue 12)? Generated news
 * ingested through the service, a batch at a time, into stores of each size
 * (copies of the kept stores of bench/stores.ts, so these stay as built):
 * reports per CPU-second for each batch, and each size's against the empty
 * store's (goal: no more than 20% more CPU a report). Then 500 reports of
 * one act against 500 reports of different acts, each into an empty store
 * (goal: no more than 20% more CPU a report to store and link them: the CPU
 * of reading the same reports, timed apart, is taken off, as the two kinds
 * take unlike times to read); `--acts N` tells N of each, to
 * see whether a report of one act costs more the more reports the act
 * already has (the rates by batch). CPU time is this process's and the
 * server's backends' (cpu.ts): the machine is shared.
 * `--million` adds a store of 1,000,000 events (built the first time: its
 * time and size are printed); the embedded engine is measured up to 100,000
 * unless `--pglite` asks for it alone.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { extract, shippedKnowledge } from '../src/extract/index.js';
import { readReport, sha256Hex } from '../src/ingest/index.js';
import type { RawReport } from '../src/ingest/index.js';
import { ingestBatch } from '../src/service/index.js';
import { openStore, refreshStaleStatistics, refreshStatistics } from '../src/store/index.js';
import type { Database } from '../src/store/index.js';
import { cpuClock } from './cpu.js';
import { benchArguments, engineChosen, storeName, usageError } from './options.js';
import { copiedEventId } from './fill.js';
import { embeddedCopy, serverDatabase } from './stores.js';
import { generateRetellings, generateStories } from './stories.js';
import type { StoryRecord } from './stories.js';

const COMMAND = {
  usage:
    'npm run bench:scale [-- --sizes 0,100000 --million --reports N --acts N --pglite|--postgres --name NAME]',
  counts: { reports: 200, acts: 500 },
  texts: ['sizes', 'name'],
  flags: ['million', 'pglite', 'postgres'],
} as const;

/** The store sizes `--sizes` lists (0,100000 without it): whole numbers from 0, else the bench says so and stops. */
function sizesOf(given: string | null): number[] {
  const parts = (given ?? '0,100000').split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part)))
    usageError(COMMAND, `--sizes ${given ?? ''}: not whole numbers from 0, by commas`);
  return parts.map(Number);
}

/** Reports the kept stores were filled from (bench/fill.ts), as bench/filters.ts has them. */
const FILL_REPORTS = 3000;
const BATCH = 50;
/** The goal: ingest into the bigger store (or of one act) takes no more than 20% more CPU a report. */
const GOAL = 0.2;

function rawOf(records: readonly StoryRecord[], label: string): RawReport[] {
  return records.map((record, k) => {
    const raw = new TextEncoder().encode(JSON.stringify(record));
    return {
      source: `${label}.ndjson:${String(k + 1)}`,
      format: 'ndjson',
      raw,
      sha256: sha256Hex(raw),
      capturedAt: '2025-06-01T00:00:00.000Z',
    };
  });
}

/**
 * Ingests the reports a batch at a time, as `wathiq ingest` does (statistics
 * refreshed once a table has grown by half, by a fifth beyond 30,000 rows);
 * reports per CPU-second of each batch, and of them all (their reports over
 * their CPU added up: a plain mean of the batches' rates would weigh a batch
 * that went fast as much as a slow one, whose seconds are more of the work).
 */
async function ingestRates(
  db: Database,
  reports: readonly RawReport[],
): Promise<{ per: number[]; overall: number; spentMs: number }> {
  const knowledge = shippedKnowledge();
  const per: number[] = [];
  let spentMs = 0;
  for (let k = 0; k < reports.length; k += BATCH) {
    const batch = reports.slice(k, k + BATCH);
    const spent = await cpuClock(db);
    const results = await ingestBatch(db, knowledge, batch);
    await refreshStaleStatistics(db);
    const ms = await spent();
    const added = results.filter((r) => r.outcome === 'added').length;
    if (added !== batch.length)
      throw new Error(`${String(batch.length - added)} of a batch were not added`);
    per.push(batch.length / (ms / 1000));
    spentMs += ms;
  }
  return { per, overall: reports.length / (spentMs / 1000), spentMs };
}

/**
 * Reads reports of a seed of their own without storing them: the first batch
 * measured would otherwise pay for compiling extraction's code, and the
 * empty store, measured first, would look the slowest.
 */
function warmUp(): void {
  const knowledge = shippedKnowledge();
  for (const report of rawOf(generateStories(200, 4141), 'warm-up'))
    extract(readReport(report), { knowledge });
}

/**
 * The CPU ms reading and extracting these reports takes, as ingest reads them
 * (the median of three passes, in this process, warmed up): what ingest's
 * CPU holds beside storing and linking. Retellings of one act read faster
 * than as many different stories (0.08–0.14 ms a report against 0.17–0.52,
 * loaded), so a comparison of ingest's whole CPU hid part of what linking
 * them costs. An estimate: warm and apart, reading costs less than amid the
 * store's work (caches, collections), so storing and linking come out a
 * little dearer than they are, the same for both kinds.
 */
function extractionMs(reports: readonly RawReport[]): number {
  const knowledge = shippedKnowledge();
  const passes: number[] = [];
  for (let k = 0; k < 3; k++) {
    const started = process.cpuUsage();
    for (const report of reports) extract(readReport(report), { knowledge });
    const spent = process.cpuUsage(started);
    passes.push((spent.user + spent.system) / 1000);
  }
  return passes.sort((a, b) => a - b)[1] ?? 0;
}

const rates = (values: readonly number[]): string => values.map((v) => v.toFixed(0)).join(' ');

/**
 * A rate against its base, as the change in a report's CPU time («+12% CPU a
 * report»: slower), and whether it grew by no more than the goal. Faster is
 * met: the issues ask that ingest not slow down as the archive grows, and a
 * batch swings both ways.
 */
const within = (value: number, base: number): string =>
  `${change(value, base)} (${base / value - 1 <= GOAL ? 'met' : 'NOT MET'})`;

/** A rate against its base as the change in a report's CPU time, without a verdict. */
const change = (value: number, base: number): string => {
  const grown = base / value - 1;
  return `${grown >= 0 ? '+' : ''}${(grown * 100).toFixed(0)}% CPU a report`;
};

/** A store of `size` events to write into, and how to be rid of it; null with no server. */
async function storeOfSize(
  engine: 'postgres' | 'pglite',
  size: number,
  name: string,
): Promise<{ db: Database; done: () => Promise<void> } | null> {
  if (engine === 'pglite') {
    const dataDir = size === 0 ? null : await embeddedCopy(FILL_REPORTS, size, name);
    const db = await openStore(dataDir === null ? {} : { dataDir });
    await archiveOf(db);
    return {
      db,
      done: async () => {
        await db.close();
        if (dataDir !== null) rmSync(dirname(dataDir), { recursive: true, force: true });
      },
    };
  }
  const copy = await serverDatabase(
    `wathiq_bench_scale${name === '' ? '' : `_${name}`}`,
    size === 0 ? null : { reports: FILL_REPORTS, target: size, name },
  );
  if (copy === null) return null;
  const db = await openStore({ url: copy.url });
  await archiveOf(db);
  return {
    db,
    done: async () => {
      await db.close();
      await copy.drop();
    },
  };
}

/**
 * The kept stores copy their events only (fill.ts): an archive of 100,000
 * events also holds their reports, incidents and links, and linking reads
 * those. Each event copy's reports, incidents and links are copied too, dated
 * a whole span of the originals back per copy, so that the tables are as large
 * as such an archive's while the weeks the new reports tell hold what they
 * held: an archive grows by its past, not by more reports of the same days. A
 * copy's incident keeps its original's reading (only the columns linking
 * searches by are moved): no new report is near enough in time to read it.
 * A copied report's words are left out of the reports' search index, which
 * ingest only adds to: on PGlite, indexing 200,000 copies' words took longer
 * than the bench's whole run.
 */
async function archiveOf(db: Database): Promise<void> {
  const [row] = await db.query<{ copies: number; span: number }>(
    `SELECT (SELECT count(*) FROM events)::float8
              / greatest(1, (SELECT count(DISTINCT event_id) FROM incidents)) - 1 AS copies,
            coalesce((SELECT max(window_to) - min(window_from) FROM incidents), 0) + 62 AS span`,
  );
  const copies = Math.round(row?.copies ?? 0);
  if (copies < 1) return;
  const span = row?.span ?? 0;
  await db.query(
    `INSERT INTO documents (id, title, outlet, url, published, published_day, text, search_text,
       tallies, warnings, coded_warnings, sources)
     SELECT d.id || '-' || k, title, outlet, url, published, published_day - k * $2::int, text,
       '', tallies, warnings, coded_warnings, sources
     FROM documents d, generate_series(1, $1::int) AS k`,
    [copies, span],
  );
  await db.query(
    `INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, admin1_pcode,
       window_from, window_to, data, event_id)
     SELECT i.id || '-' || k, document_id || '-' || k, background, event_type, sub_event_type,
       admin1_pcode, window_from - k * $2::int, window_to - k * $2::int, data, ${copiedEventId('event_id', 'k')}
     FROM incidents i, generate_series(1, $1::int) AS k`,
    [copies, span],
  );
  await db.query(
    `INSERT INTO incident_links (a, b, score, reasons)
     SELECT a || '-' || k, b || '-' || k, score, reasons
     FROM incident_links, generate_series(1, $1::int) AS k`,
    [copies],
  );
  await refreshStatistics(db);
}

async function events(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  return row?.n ?? 0;
}

async function engineFigures(
  engine: 'postgres' | 'pglite',
  sizes: readonly number[],
  count: number,
  acts: number,
  name: string,
): Promise<void> {
  const label = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  // Acts of their own (another seed than the kept stores'), over the same two years and towns.
  const news = rawOf(generateStories(count, 4242), 'news');
  warmUp();
  let base: number | null = null;
  for (const size of sizes) {
    const store = await storeOfSize(engine, size, name);
    if (store === null) return;
    try {
      const held = await events(store.db);
      const { per, overall: rate } = await ingestRates(store.db, news);
      base ??= rate;
      const [rows] = await store.db.query<{ incidents: number; documents: number }>(
        `SELECT (SELECT count(*)::int FROM incidents) AS incidents,
                (SELECT count(*)::int FROM documents) AS documents`,
      );
      process.stdout.write(
        `${label}: ingest ${String(count)} reports into ${String(held).padStart(7)} events (${String(rows?.documents ?? 0)} reports, ${String(rows?.incidents ?? 0)} incidents), reports per CPU-second by batch of ${String(BATCH)}: ${rates(per)}; in all ${rate.toFixed(0)}, ${size === sizes[0] ? 'the base' : `against the empty store ${within(rate, base)}`}\n`,
      );
    } finally {
      await store.done();
    }
  }
  const kinds: [string, RawReport[]][] = [
    [`${String(acts)} reports of different acts`, rawOf(generateStories(acts, 4343), 'acts')],
    [`${String(acts)} reports of one act`, rawOf(generateRetellings(acts), 'one-act')],
  ];
  let different: { rate: number; stored: number } | null = null;
  for (const [kind, reports] of kinds) {
    const store = await storeOfSize(engine, 0, name);
    if (store === null) return;
    try {
      const { per, overall: rate, spentMs } = await ingestRates(store.db, reports);
      const [row] = await store.db.query<{ events: number; links: number }>(
        `SELECT (SELECT count(*)::int FROM events) AS events,
                (SELECT count(*)::int FROM incident_links) AS links`,
      );
      // Storing and linking alone: ingest's CPU less what reading the same reports takes.
      // A pass read faster apart than ingest spent in all (noise on a loaded machine) leaves a
      // millisecond, not a negative rate.
      const extracting = Math.min(extractionMs(reports), spentMs - 1);
      const stored = reports.length / ((spentMs - extracting) / 1000);
      const first = different === null;
      different ??= { rate, stored };
      process.stdout.write(
        `${label}: ${kind.padEnd(31)} (${String(row?.events ?? 0)} events, ${String(row?.links ?? 0)} links) reports per CPU-second by batch: ${rates(per)}; in all ${rate.toFixed(0)}${first ? '' : `, against different acts ${change(rate, different.rate)}`}\n` +
          `${label}:   of which extraction ${(extracting / reports.length).toFixed(3)} ms a report (timed apart); storing and linking, estimated, ${(1000 / stored).toFixed(3)} ms a report (${stored.toFixed(0)} reports per CPU-second)${first ? '' : `, against different acts ${within(stored, different.stored)}`}\n`,
      );
    } finally {
      await store.done();
    }
  }
}

async function main(): Promise<void> {
  const { counts, texts, flags } = benchArguments(COMMAND);
  const sizes = sizesOf(texts.sizes);
  if (flags.million && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  const { reports: count, acts } = counts;
  const name = storeName(texts.name);
  const only = engineChosen(flags);
  if (only !== 'pglite') await engineFigures('postgres', sizes, count, acts, name);
  if (only !== 'postgres')
    await engineFigures(
      'pglite',
      only === 'pglite' ? sizes : sizes.filter((s) => s <= 100_000),
      count,
      acts,
      name,
    );
}

await main();
