import { resolve } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { err as pc } from './colors.js';
import { collectReports, countReportFiles, InputError, readManifest } from '../ingest/index.js';
import type { Manifest, RawReport, SourceFailure } from '../ingest/index.js';
import {
  IngestQueue,
  listFailures,
  openStore,
  foldCounts,
  refreshStaleStatistics,
  refreshStatistics,
  recordFailure,
  storedCaptures,
} from '../store/index.js';
import type { Database } from '../store/index.js';
import {
  dataDir,
  ingestBatches,
  loadKnowledge,
  storeName,
  storeOptions,
  TRANSACTION_BYTES,
  transactionReports,
} from '../service/index.js';
import type { Batch, ReportOutcome, ReportResult, StoreLocation } from '../service/index.js';
import { batchesStored, holdHeapClose, sweepBatch } from './heap.js';
import { printable } from './terminal.js';
import { iso, say, translator } from './i18n.js';
import { problem } from './problems.js';
import type { Translate } from './i18n.js';

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

/** The tally in words of the run's language; `--log` lines keep English, as logs do. */
function summary(tally: Tally, seconds: number, t: Translate = say, completed = 0): string {
  const total = tally.added + tally.known + tally['same-text'] + tally.failed;
  const rate = seconds > 0 ? total / seconds : 0;
  const parts = [
    t('ingest.added', { n: tally.added }),
    t('ingest.known', { n: tally.known }),
    ...(tally['same-text'] > 0 ? [t('ingest.sameText', { n: tally['same-text'] })] : []),
    ...(completed > 0 ? [t('ingest.completed', { n: completed })] : []),
    t('ingest.failed', { n: tally.failed }),
  ];
  return t('ingest.summary', {
    total,
    seconds: seconds.toFixed(1),
    rate: rate.toFixed(0),
    parts: parts.join(t('list')),
  });
}

const english = translator('en');

/** A progress bar on a terminal; nothing when the output is a file or a pipe. */
function progressBar(enabled: boolean, total: number): cliProgress.SingleBar | null {
  if (!enabled) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: say('ingest.bar'),
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
    process.stderr.write(`${pc.red('wathiq:')} ${say('ingest.queueNeedsServer')}\n`);
    return 2;
  }
  if (flags.failed !== true && paths.length === 0) {
    process.stderr.write(`${pc.red('wathiq:')} ${say('ingest.nothing')}\n`);
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
  const here = flags.failed !== true && flags.queue !== true;
  // Before the store opens: opening and migrating it is what would grow the heap first.
  if (here) holdHeapClose(options.url === null ? 'embedded' : 'server');
  const db = await openStore(options);
  try {
    if (flags.failed === true) return await printFailures(db);
    return here
      ? await ingestHere(db, paths, flags, manifest)
      : await enqueue(db, options.url ?? '', paths, flags, manifest);
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
    process.stdout.write(
      `${iso(printable(f.source))}\t${printable(problem(f.reason))}\t${iso(f.failed_at)}\n`,
    );
  process.stderr.write(`${say('ingest.failures', { count: failures.length })}\n`);
  return 0;
}

/**
 * Reports stored per transaction (and per queued job) unless `--batch` says:
 * as many as a transaction holds on the engine (transactionReports), so that
 * a batch costs little more than one report.
 */
function batchSize(flags: IngestFlags, db: Database): number {
  return flags.batch ?? transactionReports(db);
}

/**
 * The bytes of reports held before a batch is stored (or queued, ten times as
 * many) whatever its size. On a server a second batch is held too, read ahead
 * while the first is stored.
 */
const HELD_BYTES = TRANSACTION_BYTES;

/**
 * The reports held before a batch is stored, whatever `--batch` says: each
 * transaction takes at most transactionReports of them anyway, and a batch of
 * 10,000 small reports held them all with their results (+13 MB at the peak).
 * On a server, twice as many (one batch read ahead).
 */
const HELD_REPORTS = 1000;

/** Fewer added reports than this since the statistics were made change too little to make them again at the end. */
const STATISTICS_AFTER = 1_000;

/** Reports stored without a date, listed at the end with how to give one. */
function listUndated(undated: readonly string[]): void {
  if (undated.length === 0) return;
  const shown = undated.slice(0, UNDATED_SHOWN);
  // The front matter is shown as a person types it, one line under another.
  process.stderr.write(
    [
      `${pc.yellow(say('cli.warning'))} ${say('ingest.undated', { count: undated.length })}`,
      ...shown.map((s) => `  ${iso(printable(s))}`),
      ...(undated.length > shown.length
        ? [say('ingest.undatedMore', { count: undated.length - shown.length })]
        : []),
      say('ingest.undatedHow'),
    ].join('\n') + '\n',
  );
}

/**
 * Manifest rows that named no report of this ingest: a file named relative to
 * another folder than the manifest's gives its facts to nothing, and says so.
 */
function listUnmatched(manifest: Manifest, files: ReadonlySet<string>): void {
  const read = new Set([...files].map((f) => resolve(f)));
  const unmatched = [...manifest.keys()].filter((path) => !read.has(path));
  for (const path of unmatched.slice(0, UNDATED_SHOWN))
    process.stderr.write(
      `${pc.yellow(say('cli.warning'))} ${say('ingest.unmatched', { path: iso(printable(path)) })}\n`,
    );
  if (unmatched.length > UNDATED_SHOWN)
    process.stderr.write(
      `${say('ingest.undatedMore', { count: unmatched.length - UNDATED_SHOWN })}\n`,
    );
}

/** Undated reports named one by one; the rest are counted. */
const UNDATED_SHOWN = 20;

/** What an ingest has done so far, told as it goes and summed up at the end. */
interface Progress {
  readonly tally: Tally;
  /** The files (not the reports inside them) read so far. */
  readonly files: Set<string>;
  readonly undated: string[];
  completed: number;
}

/** How an ingest tells a person of a report it could not take (or took with a warning). */
interface Telling {
  readonly complain: (source: string, reason: string) => void;
  readonly warn: (source: string, warning: string) => void;
}

/** An ingest under way: whether it was told to stop, what it has done, how it tells of it. */
interface Run {
  readonly signal: { stopping: boolean };
  readonly progress: Progress;
  readonly telling: Telling;
}

/**
 * The reports of `paths` in the batches stored one after another, as they are
 * read; a source that cannot be taken in is recorded as a failure on the way.
 * Told to stop, it gives no more: the reports read since the last batch are
 * left for a re-run.
 */
async function* batchesOf(
  db: Database,
  paths: readonly string[],
  flags: IngestFlags,
  manifest: Manifest,
  { signal, progress, telling }: Run,
): AsyncGenerator<Batch<null>> {
  const options = {
    published: flags.published ?? null,
    outlet: flags.outlet ?? null,
    url: flags.url ?? null,
    ...(flags.maxSize === undefined ? {} : { maxBytes: flags.maxSize }),
  };
  const most = Math.min(batchSize(flags, db), HELD_REPORTS);
  let batch: RawReport[] = [];
  let held = 0;
  for await (const entry of collectReports(paths, { maxBytes: flags.maxSize, manifest })) {
    if (signal.stopping) return;
    const source = 'report' in entry ? entry.report.source : entry.failure.source;
    progress.files.add(source.replace(/(?:#\d+|:\d+)$/, ''));
    if ('failure' in entry) {
      await noteFailure(db, entry.failure);
      progress.tally.failed++;
      telling.complain(entry.failure.source, entry.failure.error.problem);
      continue;
    }
    batch.push(entry.report);
    held += entry.report.raw.length;
    if (batch.length >= most || held >= HELD_BYTES) {
      yield { reports: batch, options, tag: null };
      batch = [];
      held = 0;
    }
  }
  if (batch.length > 0 && !signal.stopping) yield { reports: batch, options, tag: null };
}

/** A stored batch's outcomes added to the tally, with what a person should hear of them. */
function tallyResults(
  results: readonly ReportResult[],
  progress: Progress,
  telling: Telling,
): void {
  for (const r of results) {
    progress.tally[r.outcome]++;
    if (r.undated === true) progress.undated.push(r.source);
    if (r.completed !== undefined) progress.completed++;
    if (r.notCompleted !== undefined)
      telling.warn(
        r.source,
        say('ingest.notCompleted', {
          facts: r.notCompleted.facts.map((f) => say(`fact.${f}`)).join(say('list')),
          reason: r.notCompleted.reason,
        }),
      );
    for (const d of r.differing ?? [])
      telling.warn(r.source, say('ingest.differs', { ...d, fact: say(`fact.${d.fact}`) }));
    if (r.outcome === 'failed') telling.complain(r.source, r.reason ?? '');
    for (const w of r.warnings ?? []) telling.warn(r.source, w);
  }
}

async function ingestHere(
  db: Database,
  paths: readonly string[],
  flags: IngestFlags,
  manifest: Manifest,
): Promise<number> {
  const knowledge = loadKnowledge(dataDir(flags.data));
  const progress: Progress = {
    tally: { added: 0, known: 0, 'same-text': 0, failed: 0 },
    files: new Set<string>(),
    undated: [],
    completed: 0,
  };
  const { tally, files } = progress;
  const interactive = flags.progress !== false && process.stderr.isTTY;
  const bar = progressBar(interactive, interactive ? await countReportFiles(paths) : 0);
  const started = performance.now();
  const signal = { stopping: false };
  const stop = (): void => {
    signal.stopping = true;
  };
  // Ctrl-C finishes the batches in hand (on a server, the one read ahead too): everything
  // acknowledged stays stored, and a re-run resumes.
  process.once('SIGINT', stop);
  const telling: Telling = {
    complain: (source, reason) => {
      if (bar === null)
        process.stderr.write(
          `${pc.red('wathiq:')} ${printable(`${iso(source)}: ${problem(reason)}`)}\n`,
        );
    },
    warn: (source, warning) => {
      if (bar === null)
        process.stderr.write(
          `${pc.yellow(say('cli.warning'))} ${printable(`${iso(source)}: ${problem(warning)}`)}\n`,
        );
    },
  };
  const showProgress = (seconds: number): void =>
    bar?.update(files.size, {
      added: tally.added,
      known: tally.known + tally['same-text'],
      failed: tally.failed,
      rate: seconds > 0 ? Math.round((tally.added + tally.known) / seconds) : 0,
    });
  let analyzed = 0;
  // An embedded store is this process's until it ends (lock.ts): no read meanwhile needs the
  // counts folded or the pages vacuumed, which the end does once (or, stopped before, the next
  // refresh for readers: refreshStaleStatistics).
  const alone = db.engine === 'pglite';
  try {
    // On a server the next batch is read while this one is stored (ingestBatches reads ahead).
    const run: Run = { signal, progress, telling };
    for await (const done of ingestBatches(
      db,
      knowledge,
      batchesOf(db, paths, flags, manifest, run),
      { alone },
    )) {
      if ('error' in done) {
        // No batch more is read: the one read ahead, if any, is dropped unstored.
        signal.stopping = true;
        throw done.error;
      }
      tallyResults(done.results, progress, telling);
      // Plans made on the statistics of a store a fraction of the size are made for it: refreshed
      // each time a table has doubled (grown by a fifth beyond 30,000 rows), a cost that stays flat per report.
      if ((await refreshStaleStatistics(db, { readers: !alone })) && !alone) analyzed = tally.added;
      const seconds = (performance.now() - started) / 1000;
      if (flags.log === true)
        process.stderr.write(`stored a batch: ${summary(tally, seconds, english)}\n`);
      showProgress(seconds);
      sweepBatch();
      // The embedded engine answers without the event loop turning, and a signal waits for a
      // turn: one here lets Ctrl-C be heard after this batch, not after the last.
      await turn();
    }
    // Sources that failed after the last batch are counted too.
    showProgress((performance.now() - started) / 1000);
    // Left with the counts as the events stand, before their statistics are taken: no read pays
    // for what this command wrote.
    await foldCounts(db);
    // A refresh made for the planner alone owes the readers theirs: refreshStaleStatistics makes it.
    if (tally.added - analyzed >= STATISTICS_AFTER) await refreshStatistics(db);
    else await refreshStaleStatistics(db);
  } finally {
    batchesStored();
    process.off('SIGINT', stop);
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (!signal.stopping) listUnmatched(manifest, files);
  listUndated(progress.undated);
  process.stdout.write(
    `${signal.stopping ? say('ingest.stopped') : ''}${summary(tally, seconds, say, progress.completed)}${tally.failed > 0 ? say('ingest.failedHint') : ''}${say('ingest.store', { store: iso(storeName(flags)) })}\n`,
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
      batchSize(flags, db),
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
        const { input, problem: why } = entry.failure.error;
        process.stderr.write(
          `${pc.red('wathiq:')} ${printable(`${iso(input)}: ${problem(why)}`)}\n`,
        );
        failed++;
      } else {
        batch.push(entry.report);
        held += entry.report.raw.length;
        if (
          batch.length >= ENQUEUE_BUNDLES * batchSize(flags, db) ||
          held >= ENQUEUE_BUNDLES * HELD_BYTES
        )
          await flush();
      }
    }
    await flush();
  } finally {
    await queue.close();
  }
  process.stdout.write(`${say('ingest.queued', { queued, known, failed })}\n`);
  return failed > 0 ? 1 : 0;
}
