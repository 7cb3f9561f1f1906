import PgBoss from 'pg-boss';
import type { RawReport } from '../ingest/index.js';

/** The queue ingestion jobs wait in, on the server database. */
export const INGEST_QUEUE = 'wathiq-ingest';

/** A report as a job carries it: its bytes travel with it, so any machine can take it. */
interface ReportJob {
  readonly source: string;
  readonly format: RawReport['format'];
  readonly raw: string;
  readonly sha256: string;
  readonly capturedAt: string;
  readonly outlet?: string | null;
  readonly published?: string | null;
}

function toJob(report: RawReport, published: string | null): ReportJob {
  return {
    source: report.source,
    format: report.format,
    raw: Buffer.from(report.raw).toString('base64'),
    sha256: report.sha256,
    capturedAt: report.capturedAt,
    ...(report.outlet === undefined ? {} : { outlet: report.outlet }),
    published,
  };
}

function fromJob(job: ReportJob): { report: RawReport; published: string | null } {
  return {
    report: {
      source: job.source,
      format: job.format,
      raw: Buffer.from(job.raw, 'base64'),
      sha256: job.sha256,
      capturedAt: job.capturedAt,
      ...(job.outlet === undefined ? {} : { outlet: job.outlet }),
    },
    published: job.published ?? null,
  };
}

/** The job queue of a server database (pg-boss, in its own schema). */
export class IngestQueue {
  private constructor(private readonly boss: PgBoss) {}

  static async open(url: string): Promise<IngestQueue> {
    // Supervision and scheduling stay with one process at a time; workers only fetch and complete.
    const boss = new PgBoss({ connectionString: url, max: 2, schedule: false });
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

  /** Puts reports in the queue; the same bytes queued twice are one job. */
  async enqueue(reports: readonly RawReport[], published: string | null = null): Promise<void> {
    if (reports.length === 0) return;
    await this.boss.insert(
      reports.map((r) => ({
        name: INGEST_QUEUE,
        data: toJob(r, published),
        singletonKey: r.sha256,
        retryLimit: 3,
      })),
    );
  }

  /** Takes up to `count` jobs; each must be completed, or it comes back after it expires. */
  async take(
    count: number,
  ): Promise<{ id: string; report: RawReport; published: string | null }[]> {
    const jobs = await this.boss.fetch<ReportJob>(INGEST_QUEUE, { batchSize: count });
    return jobs.map((job) => ({ id: job.id, ...fromJob(job.data) }));
  }

  async complete(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.boss.complete(INGEST_QUEUE, [...ids]);
  }

  /** Jobs waiting, retrying or being worked on. */
  async pending(): Promise<number> {
    return this.boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}
