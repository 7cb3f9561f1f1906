import { setTimeout as sleep } from 'node:timers/promises';
import { err as pc } from './colors.js';
import {
  ATTEMPTS,
  IngestQueue,
  openStore,
  recordFailure,
  foldCounts,
  refreshStaleStatistics,
  storedCaptures,
  StoreFullError,
} from '../store/index.js';
import type { Bundle, Database, FailedBundle } from '../store/index.js';
import { dataDir, ingestBatches, loadKnowledge, storeOptions } from '../service/index.js';
import type { Batch, BatchDone } from '../service/index.js';
import type { StoreFlags } from './ingest.js';
import { holdHeapClose } from './heap.js';
import { printable } from './terminal.js';
import { say } from './i18n.js';
import { problem } from './problems.js';

export interface WorkerFlags extends StoreFlags {
  /** Stop once the queue is empty, instead of waiting for more. */
  untilEmpty?: boolean;
  quiet?: boolean;
}

const IDLE_POLL_MS = 500;

/**
 * A bundle whose every attempt failed: each of its reports not stored by an
 * earlier attempt is recorded as a failure (`ingest --failed`), never lost.
 */
async function recordFailedBundle(db: Database, bundle: FailedBundle): Promise<number> {
  const stored = await storedCaptures(
    db,
    bundle.reports.map((r) => r.sha256),
  );
  const lost = bundle.reports.filter((r) => !stored.has(r.sha256));
  const reason = `its queued job failed ${String(ATTEMPTS)} times (last: ${bundle.reason})`;
  for (const r of lost) await recordFailure(db, r.source, r.sha256, reason);
  return lost.length;
}

/**
 * The bundles this worker takes from the queue, until it is told to stop or,
 * with `untilEmpty`, nothing is left; bundles whose every attempt failed have
 * their reports recorded as failures on the way. Asked for the next while a
 * bundle is stored (ingestBatches reads one ahead): a bundle in hand counts as
 * pending, so an empty queue is looked at again until it is stored.
 */
async function* bundlesOf(
  queue: IngestQueue,
  db: Database,
  signal: { readonly stopping: boolean },
  flags: WorkerFlags,
  tally: { done: number; failed: number },
): AsyncGenerator<Batch<Bundle>> {
  while (!signal.stopping) {
    const bundle = await queue.take();
    if (bundle !== null) {
      yield {
        reports: bundle.reports,
        options: { ...bundle.facts, skipStored: false },
        tag: bundle,
      };
      continue;
    }
    const given = await queue.takeFailed();
    if (given !== null) {
      const lost = await recordFailedBundle(db, given);
      tally.failed += lost;
      tally.done += lost;
      await queue.settleFailed(given.id);
      continue;
    }
    if (flags.untilEmpty === true && (await queue.pending()) === 0) {
      // Left with the counts as the events stand: no read pays for what this worker wrote.
      await foldCounts(db);
      return;
    }
    await sleep(IDLE_POLL_MS);
  }
}

/**
 * A bundle stored, or not: its job completed (and the statistics refreshed
 * once a table has grown), or failed, to be tried again. A full disk stops
 * the worker.
 */
async function settle(
  queue: IngestQueue,
  db: Database,
  done: BatchDone<Bundle>,
  tally: { done: number; failed: number },
): Promise<void> {
  const bundle = done.tag;
  if ('error' in done) {
    // Tried again (by this worker or another), and recorded as failures after its last attempt.
    const { error } = done;
    const reason = error instanceof Error ? error.message : String(error);
    await queue.fail(bundle.id, reason);
    if (error instanceof StoreFullError) throw error;
    process.stderr.write(
      `${pc.red('wathiq:')} ${printable(say('worker.bundleFailed', { reason: problem(reason) }))}\n`,
    );
    return;
  }
  tally.failed += done.results.filter((r) => r.outcome === 'failed').length;
  tally.done += done.results.length;
  await queue.complete(bundle.id);
  // A worker answers nobody: it refreshes the planner's statistics itself, once a table has grown.
  await refreshStaleStatistics(db);
}

/**
 * `wathiq worker`: takes reports from the server's queue and ingests them, as
 * many processes on as many machines as wanted. Each bundle of reports is
 * stored (in transactions of at most 200 reports: transactionReports) and its
 * job completed after, so a worker killed at any moment loses nothing: the job
 * comes back, and storing the same bytes again is a no-op.
 */
export async function runWorker(flags: WorkerFlags): Promise<number> {
  const options = storeOptions(flags);
  if (options.url === null) {
    process.stderr.write(`${pc.red('wathiq:')} ${say('worker.needsServer')}\n`);
    return 2;
  }
  // A worker's store is always a server.
  holdHeapClose('server');
  const knowledge = loadKnowledge(dataDir(flags.data));
  // Every write here is done again should a crash lose it: the queue keeps each job's reports.
  const db = await openStore({ ...options, commitsWaitForDisk: false });
  const queue = await IngestQueue.open(options.url, { commitsWaitForDisk: false });
  const signal = { stopping: false };
  const stop = (): void => {
    signal.stopping = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const tally = { done: 0, failed: 0 };
  try {
    const bundles = bundlesOf(queue, db, signal, flags, tally);
    for await (const done of ingestBatches(db, knowledge, bundles)) {
      try {
        await settle(queue, db, done, tally);
      } catch (error) {
        // Leaving: the queue is looked at no more, and a bundle taken ahead is let go unstored
        // (its job comes back once it expires, as a killed worker's does).
        signal.stopping = true;
        throw error;
      }
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await queue.close();
    await db.close();
  }
  if (flags.quiet !== true) process.stdout.write(`${say('worker.done', tally)}\n`);
  return 0;
}
