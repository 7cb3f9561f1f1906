import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { KnownFacts, RawReport } from '../ingest/index.js';

/** The queue ingestion jobs wait in, on the server database. */
export const INGEST_QUEUE = 'wathiq-ingest';

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
interface BundleJob {
  readonly reports: readonly QueuedReport[];
  readonly published: string | null;
}

/** Reports a worker takes in, and the publication date they were queued with. */
export interface Bundle {
  readonly id: string;
  readonly reports: readonly RawReport[];
  readonly published: string | null;
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

/** The job queue of a server database (pg-boss, in its own schema). */
export class IngestQueue {
  private constructor(private readonly boss: PgBoss) {}

  static async open(url: string): Promise<IngestQueue> {
    // Supervision and scheduling stay with one process at a time; workers only fetch and complete.
    // Loaded here: only the queue's commands need pg-boss.
    const { default: Boss } = await import('pg-boss');
    const boss = new Boss({ connectionString: url, max: 2, schedule: false });
    boss.on('error', (error: unknown) => {
      process.stderr.write(
        `wathiq: queue: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    });
    await boss.start();
    // 'short': one waiting job per key, so the same bytes queued twice wait once.
    await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, policy: 'short' });
    return new IngestQueue(boss);
  }

  /** Puts reports in the queue in bundles of `bundleSize`; the same bundle queued twice is one job. */
  async enqueue(
    reports: readonly RawReport[],
    published: string | null,
    bundleSize: number,
  ): Promise<void> {
    const jobs = [];
    for (let k = 0; k < reports.length; k += bundleSize) {
      const bundle = reports.slice(k, k + bundleSize);
      const data: BundleJob = { reports: bundle.map(toQueued), published };
      jobs.push({ name: INGEST_QUEUE, data, singletonKey: bundleKey(bundle), retryLimit: 3 });
    }
    if (jobs.length > 0) await this.boss.insert(jobs);
  }

  /** Takes the next bundle, if any; it must be completed, or it comes back after it expires. */
  async take(): Promise<Bundle | null> {
    const [job] = await this.boss.fetch<BundleJob>(INGEST_QUEUE, { batchSize: 1 });
    if (job === undefined) return null;
    return { id: job.id, reports: job.data.reports.map(fromQueued), published: job.data.published };
  }

  async complete(id: string): Promise<void> {
    await this.boss.complete(INGEST_QUEUE, id);
  }

  /** Jobs waiting, retrying or being worked on. */
  async pending(): Promise<number> {
    return this.boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}
