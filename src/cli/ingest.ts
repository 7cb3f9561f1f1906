import { setImmediate as turn } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { err as pc } from './colors.js';
import { collectReports, countReportFiles, InputError, readManifest } from '../ingest/index.js';
import type { Manifest, RawReport, SourceFailure } from '../ingest/index.js';
import {
  IngestQueue,
  listFailures,
  openStore,
  refreshStatistics,
  recordFailure,
  storedCaptures,
} from '../store/index.js';
import type { Database } from '../store/index.js';
import {
  dataDir,
  ingestBatch,
  loadKnowledge,
  storeName,
  storeOptions,
  TRANSACTION_BYTES,
} from '../service/index.js';
import type { ReportOutcome, StoreLocation } from '../service/index.js';
import { printable } from './terminal.js';

/** `--db` and `--data`: which store a command works on. */
export type StoreFlags = StoreLocation;

export interface IngestFlags extends StoreFlags {
  queue?: boolean;
  failed?: boolean;
  /** A line per stored batch on standard error, for logs. */
  log?: boolean;
  published?: string;
  outlet?: string;
  url?: string;
  /** A CSV or TSV of file, url, outlet, published for the reports. */
  manifest?: string;
  maxSize?: number;
  progress?: boolean;
  /** Reports per queued job, and per transaction up to the service's limit. */
  batch?: number;
}

type Tally = Record<ReportOutcome, number>;

function summary(tally: Tally, seconds: number): string {
  const total = tally.added + tally.known + tally['same-text'] + tally.failed;
  const rate = seconds > 0 ? total / seconds : 0;
  const parts = [
    `${String(tally.added)} added`,
    `${String(tally.known)} already have`,
    ...(tally['same-text'] > 0 ? [`${String(tally['same-text'])} same text as one stored`] : []),
    `${String(tally.failed)} failed`,
  ];
  return `${String(total)} reports in ${seconds.toFixed(1)} s (${rate.toFixed(0)}/s): ${parts.join(', ')}`;
}

/** A progress bar on a terminal; nothing when the output is a file or a pipe. */
function progressBar(enabled: boolean, total: number): cliProgress.SingleBar | null {
  if (!enabled) return null;
  const bar = new cliProgress.SingleBar(
    {
      format:
        'ingest {bar} {value}/{total} files | {added} added, {known} known, {failed} failed | {rate}/s',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { added: 0, known: 0, failed: 0, rate: 0 });
  return bar;
}

/** `wathiq ingest`: reports into the database, or into the queue with `--queue`. */
export async function runIngest(paths: readonly string[], flags: IngestFlags): Promise<number> {
  const options = storeOptions(flags);
  if (flags.queue === true && options.url === null) {
    process.stderr.write(
      `${pc.red('wathiq:')} --queue needs a server database: --db URL or DATABASE_URL\n`,
    );
    return 2;
  }
  if (flags.failed !== true && paths.length === 0) {
    process.stderr.write(`${pc.red('wathiq:')} name the files or folders to ingest\n`);
    return 2;
  }
  let manifest: Manifest = new Map();
  if (flags.manifest !== undefined) {
    try {
      manifest = await readManifest(flags.manifest);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      process.stderr.write(`${pc.red('wathiq:')} ${printable(error.message)}\n`);
      return 2;
    }
  }
  const db = await openStore(options);
  try {
    if (flags.failed === true) return await printFailures(db);
    return flags.queue === true
      ? await enqueue(db, options.url ?? '', paths, flags, manifest)
      : await ingestHere(db, paths, flags, manifest);
  } finally {
    await db.close();
  }
}

/** An input that could not be taken in, recorded for `--failed`. */
async function noteFailure(db: Database, failure: SourceFailure): Promise<void> {
  await recordFailure(db, failure.source, failure.sha256, failure.error.problem);
}

async function printFailures(db: Database): Promise<number> {
  const failures = await listFailures(db);
  for (const f of failures)
    process.stdout.write(`${printable(f.source)}\t${printable(f.reason)}\t${f.failed_at}\n`);
  process.stderr.write(`${String(failures.length)} input(s) failed\n`);
  return 0;
}

/** Reports stored per transaction (and per queued job): a batch costs little more than one report. */
const INGEST_BATCH = 50;

/** The bytes of reports held before a batch is stored (or queued, ten times as many) whatever its size. */
const HELD_BYTES = TRANSACTION_BYTES;

/**
 * Reports added before the planner is told what the tables hold now: the
 * statistics of a store a fraction of the size give plans made for it.
 */
const STATISTICS_EVERY = 10_000;
/** Fewer added reports than this change too little to be worth the planner's look. */
const STATISTICS_AFTER = 1_000;

/** Reports stored without a date, listed at the end with how to give one. */
function listUndated(undated: readonly string[]): void {
  if (undated.length === 0) return;
  const shown = undated.slice(0, UNDATED_SHOWN);
  process.stderr.write(
    `${pc.yellow('warning:')} ${String(undated.length)} report(s) have no publication date; their events are dated "unknown" (ACLED time_precision 3):\n${shown
      .map((s) => `  ${printable(s)}\n`)
      .join(
        '',
      )}${undated.length > shown.length ? `  … and ${String(undated.length - shown.length)} more\n` : ''}` +
      // The front matter as a person types it, one line under another (not a «\n» to decode).
      '  give each its date in front matter, three lines at the top of the file:\n' +
      '      ---\n' +
      '      published: YYYY-MM-DD\n' +
      '      ---\n' +
      '  or a sidecar NAME.meta.json ({"published": "YYYY-MM-DD"}), a row of --manifest FILE\n' +
      '  (file,url,outlet,published), or --published YYYY-MM-DD for all; then ingest them again\n',
  );
}

/** Undated reports named one by one; the rest are counted. */
const UNDATED_SHOWN = 20;

async function ingestHere(
  db: Database,
  paths: readonly string[],
  flags: IngestFlags,
  manifest: Manifest,
): Promise<number> {
  const knowledge = loadKnowledge(dataDir(flags.data));
  const tally: Tally = { added: 0, known: 0, 'same-text': 0, failed: 0 };
  const interactive = flags.progress !== false && process.stderr.isTTY;
  const bar = progressBar(interactive, interactive ? await countReportFiles(paths) : 0);
  const started = performance.now();
  const signal = { stopping: false };
  const stop = (): void => {
    signal.stopping = true;
  };
  // Ctrl-C finishes the batch at hand: everything acknowledged stays stored, and a re-run resumes.
  process.once('SIGINT', stop);
  const files = new Set<string>();
  const undated: string[] = [];
  let batch: RawReport[] = [];
  let held = 0;
  const complain = (source: string, reason: string): void => {
    if (bar === null)
      process.stderr.write(`${pc.red('wathiq:')} ${printable(`${source}: ${reason}`)}\n`);
  };
  let analyzed = 0;
  const warn = (source: string, warning: string): void => {
    if (bar === null)
      process.stderr.write(`${pc.yellow('warning:')} ${printable(`${source}: ${warning}`)}\n`);
  };
  const flush = async (): Promise<void> => {
    const results = await ingestBatch(db, knowledge, batch, {
      published: flags.published ?? null,
      outlet: flags.outlet ?? null,
      url: flags.url ?? null,
      ...(flags.maxSize === undefined ? {} : { maxBytes: flags.maxSize }),
    });
    batch = [];
    held = 0;
    for (const r of results) {
      tally[r.outcome]++;
      if (r.undated === true) undated.push(r.source);
      if (r.outcome === 'failed') complain(r.source, r.reason ?? '');
      for (const w of r.warnings ?? []) warn(r.source, w);
    }
    if (tally.added - analyzed >= STATISTICS_EVERY) {
      await refreshStatistics(db);
      analyzed = tally.added;
    }
    const seconds = (performance.now() - started) / 1000;
    if (flags.log === true) process.stderr.write(`stored a batch: ${summary(tally, seconds)}\n`);
    bar?.update(files.size, {
      added: tally.added,
      known: tally.known + tally['same-text'],
      failed: tally.failed,
      rate: seconds > 0 ? Math.round((tally.added + tally.known) / seconds) : 0,
    });
    // The embedded engine answers without the event loop turning, and a signal waits for a
    // turn: one here lets Ctrl-C be heard after this batch, not after the last.
    await turn();
  };
  try {
    for await (const entry of collectReports(paths, { maxBytes: flags.maxSize, manifest })) {
      if (signal.stopping) break;
      const source = 'report' in entry ? entry.report.source : entry.failure.source;
      files.add(source.replace(/(?:#\d+|:\d+)$/, ''));
      if ('failure' in entry) {
        await noteFailure(db, entry.failure);
        tally.failed++;
        complain(entry.failure.source, entry.failure.error.problem);
      } else {
        batch.push(entry.report);
        held += entry.report.raw.length;
        if (batch.length >= (flags.batch ?? INGEST_BATCH) || held >= HELD_BYTES) await flush();
      }
    }
    if (!signal.stopping) await flush();
    if (tally.added - analyzed >= STATISTICS_AFTER) await refreshStatistics(db);
  } finally {
    process.off('SIGINT', stop);
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  listUndated(undated);
  process.stdout.write(
    `${signal.stopping ? 'stopped: ' : ''}${summary(tally, seconds)}${tally.failed > 0 ? ' (wathiq ingest --failed lists them)' : ''}; store: ${storeName(flags)}\n`,
  );
  return tally.failed > 0 || signal.stopping ? 1 : 0;
}

/** Bundles put into the queue at once. */
const ENQUEUE_BUNDLES = 10;

async function enqueue(
  db: Database,
  url: string,
  paths: readonly string[],
  flags: IngestFlags,
  manifest: Manifest,
): Promise<number> {
  const queue = await IngestQueue.open(url);
  let queued = 0;
  let known = 0;
  let failed = 0;
  let batch: RawReport[] = [];
  let held = 0;
  // Bytes already stored are not queued again.
  const flush = async (): Promise<void> => {
    const stored = await storedCaptures(
      db,
      batch.map((r) => r.sha256),
    );
    const fresh = batch.filter((r) => !stored.has(r.sha256));
    await queue.enqueue(
      fresh,
      {
        published: flags.published ?? null,
        outlet: flags.outlet ?? null,
        url: flags.url ?? null,
      },
      flags.batch ?? INGEST_BATCH,
    );
    queued += fresh.length;
    known += batch.length - fresh.length;
    batch = [];
    held = 0;
  };
  try {
    for await (const entry of collectReports(paths, { maxBytes: flags.maxSize, manifest })) {
      if ('failure' in entry) {
        await noteFailure(db, entry.failure);
        process.stderr.write(`${pc.red('wathiq:')} ${printable(entry.failure.error.message)}\n`);
        failed++;
      } else {
        batch.push(entry.report);
        held += entry.report.raw.length;
        if (
          batch.length >= ENQUEUE_BUNDLES * (flags.batch ?? INGEST_BATCH) ||
          held >= ENQUEUE_BUNDLES * HELD_BYTES
        )
          await flush();
      }
    }
    await flush();
  } finally {
    await queue.close();
  }
  process.stdout.write(
    `queued ${String(queued)} reports for the workers (wathiq worker); ${String(known)} already stored, ${String(failed)} failed\n`,
  );
  return failed > 0 ? 1 : 0;
}
