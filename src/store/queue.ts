import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { KnownFacts, RawReport } from '../ingest/index.js';

/** The queue ingestion jobs wait in, on the server database. */
export const INGEST_QUEUE = 'wathiq-ingest';
/** Where a job goes when its last attempt failed: its reports are then recorded as failures. */
const FAILED_JOBS = 'wathiq-ingest-failed';

/** How often a job is tried before it goes to FAILED_JOBS. */
export const ATTEMPTS = 4;

/**
 * How long a worker may hold a job before it is taken to be dead (killed, its
 * machine gone) and the job is handed to another. pg-boss 10 has no heartbeat,
 * so the time is the bundle's own: a report takes milliseconds to store (30 ms
 * on a slow shared machine), so these allow some twenty times that, and a
 * killed worker's job returns in seconds, not pg-boss's default 15 minutes.
 */
const EXPIRY_BASE_SECONDS = 10;
const EXPIRY_SECONDS_PER_REPORT = 0.5;
const EXPIRY_SECONDS_PER_MB = 10;
/** How often expired jobs are looked for (pg-boss's maintenance; its default is 2 minutes). */
const MAINTENANCE_SECONDS = 5;

/** The time a worker has for a bundle before its job returns to the queue. */
function bundleExpiry(reports: readonly RawReport[]): number {
  const bytes = reports.reduce((sum, r) => sum + r.raw.length, 0);
  return Math.ceil(
    EXPIRY_BASE_SECONDS +
      reports.length * EXPIRY_SECONDS_PER_REPORT +
      (bytes / (1024 * 1024)) * EXPIRY_SECONDS_PER_MB,
  );
}

/** A report as a job carries it: its bytes travel with it, so any machine can take it. */
interface QueuedReport {
  readonly source: string;
  readonly format: RawReport['format'];
  readonly raw: string;
  readonly sha256: string;
  readonly capturedAt: string;
  readonly outlet?: string | null;
  readonly facts?: KnownFacts;
}

/**
 * A job is a bundle of reports, stored by the worker in one transaction: a
 * job per report would cost the queue as much as the storing does.
 */
interface BundleJob extends BatchFacts {
  readonly reports: readonly QueuedReport[];
}

/**
 * What `--published`, `--outlet` and `--url` said for a whole batch: a worker
 * gives them to the reports that say nothing else, as a direct ingest does.
 * (Jobs queued before outlet and url travelled with them have none.)
 */
export interface BatchFacts {
  readonly published: string | null;
  readonly outlet?: string | null;
  readonly url?: string | null;
}

/** Reports a worker takes in, and the batch's facts they were queued with. */
export interface Bundle {
  readonly id: string;
  readonly reports: readonly RawReport[];
  readonly facts: Required<BatchFacts>;
}

/** A bundle whose every attempt failed, with the last attempt's error. */
export interface FailedBundle {
  readonly id: string;
  readonly reports: readonly RawReport[];
  readonly reason: string;
}

/** The last error pg-boss kept with a job: ours (`{message}`), or its own timeout (`{value: {message}}`). */
function lastError(output: unknown): string {
  const o = (output ?? {}) as { message?: unknown; value?: { message?: unknown } };
  const message = o.message ?? o.value?.message;
  return typeof message === 'string' ? message : 'no error was kept';
}

function toQueued(report: RawReport): QueuedReport {
  return {
    source: report.source,
    format: report.format,
    raw: Buffer.from(report.raw).toString('base64'),
    sha256: report.sha256,
    capturedAt: report.capturedAt,
    ...(report.outlet === undefined ? {} : { outlet: report.outlet }),
    ...(report.facts === undefined ? {} : { facts: report.facts }),
  };
}

function fromQueued(job: QueuedReport): RawReport {
  return {
    source: job.source,
    format: job.format,
    raw: Buffer.from(job.raw, 'base64'),
    sha256: job.sha256,
    capturedAt: job.capturedAt,
    ...(job.outlet === undefined ? {} : { outlet: job.outlet }),
    ...(job.facts === undefined ? {} : { facts: job.facts }),
  };
}

/** The same reports bundled twice make one key, so they wait in the queue once. */
function bundleKey(reports: readonly RawReport[]): string {
  const hash = createHash('sha256');
  for (const r of reports) hash.update(r.sha256);
  return hash.digest('hex');
}

/** A server URL whose connections' commits do not wait for the disk (the server's own options kept). */
function notWaitingForDisk(url: string): string {
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  parsed.searchParams.set(
    'options',
    `${given === null ? '' : `${given} `}-c synchronous_commit=off`,
  );
  return parsed.toString();
}

/** The job queue of a server database (pg-boss, in its own schema). */
export class IngestQueue {
  private constructor(private readonly boss: PgBoss) {}

  /**
   * The queue of the server at `url`. A worker's commits need not wait for the
   * disk (`commitsWaitForDisk` false, as DatabaseOptions says why); a command
   * that puts reports in the queue keeps them waiting: the queue holds their
   * only copy.
   */
  static async open(
    url: string,
    { commitsWaitForDisk = true }: { readonly commitsWaitForDisk?: boolean } = {},
  ): Promise<IngestQueue> {
    // Supervision and scheduling stay with one process at a time; workers only fetch and complete.
    // Loaded here: only the queue's commands need pg-boss.
    const { default: Boss } = await import('pg-boss');
    const boss = new Boss({
      connectionString: commitsWaitForDisk ? url : notWaitingForDisk(url),
      max: 2,
      schedule: false,
      maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    });
    boss.on('error', (error: unknown) => {
      process.stderr.write(
        `wathiq: queue: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    });
    await boss.start();
    await boss.createQueue(FAILED_JOBS, { name: FAILED_JOBS });
    // 'short': one waiting job per key, so the same bytes queued twice wait once.
    const ingest = {
      name: INGEST_QUEUE,
      policy: 'short',
      retryLimit: ATTEMPTS - 1,
      deadLetter: FAILED_JOBS,
    } as const;
    await boss.createQueue(INGEST_QUEUE, ingest);
    // A queue made by an earlier wathiq gets the failed jobs' queue too.
    await boss.updateQueue(INGEST_QUEUE, ingest);
    return new IngestQueue(boss);
  }

  /** Puts reports in the queue in bundles of `bundleSize`; the same bundle queued twice is one job. */
  async enqueue(
    reports: readonly RawReport[],
    facts: BatchFacts,
    bundleSize: number,
  ): Promise<void> {
    const jobs = [];
    for (let k = 0; k < reports.length; k += bundleSize) {
      const bundle = reports.slice(k, k + bundleSize);
      const data: BundleJob = {
        reports: bundle.map(toQueued),
        published: facts.published,
        outlet: facts.outlet ?? null,
        url: facts.url ?? null,
      };
      jobs.push({
        name: INGEST_QUEUE,
        data,
        singletonKey: bundleKey(bundle),
        retryLimit: ATTEMPTS - 1,
        expireInSeconds: bundleExpiry(bundle),
        deadLetter: FAILED_JOBS,
      });
    }
    if (jobs.length > 0) await this.boss.insert(jobs);
  }

  /** Takes the next bundle, if any; it must be completed, or it comes back after it expires. */
  async take(): Promise<Bundle | null> {
    const [job] = await this.boss.fetch<BundleJob>(INGEST_QUEUE, { batchSize: 1 });
    if (job === undefined) return null;
    const { published, outlet, url } = job.data;
    return {
      id: job.id,
      reports: job.data.reports.map(fromQueued),
      facts: { published, outlet: outlet ?? null, url: url ?? null },
    };
  }

  async complete(id: string): Promise<void> {
    await this.boss.complete(INGEST_QUEUE, id);
  }

  /** A bundle could not be stored: it is tried again, or after its last attempt goes to FAILED_JOBS. */
  async fail(id: string, reason: string): Promise<void> {
    await this.boss.fail(INGEST_QUEUE, id, { message: reason });
  }

  /** Takes the next bundle whose every attempt failed, if any. */
  async takeFailed(): Promise<FailedBundle | null> {
    const [job] = await this.boss.fetch<BundleJob>(FAILED_JOBS, {
      batchSize: 1,
      includeMetadata: true,
    });
    if (job === undefined) return null;
    return { id: job.id, reports: job.data.reports.map(fromQueued), reason: lastError(job.output) };
  }

  /** A failed bundle's reports are recorded: it leaves the queue. */
  async settleFailed(id: string): Promise<void> {
    await this.boss.complete(FAILED_JOBS, id);
  }

  /** Jobs waiting, retrying or being worked on, failed ones whose reports are not recorded yet included. */
  async pending(): Promise<number> {
    const [ingest, failed] = await Promise.all([
      this.boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }),
      this.boss.getQueueSize(FAILED_JOBS, { before: 'completed' }),
    ]);
    return ingest + failed;
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}
