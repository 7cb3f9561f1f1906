import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../bench/generate.js';
import { generateRetellings, generateStories } from '../../bench/stories.js';
import { ATTEMPTS, IngestQueue, listFailures, openStore } from '../../src/store/index.js';
import { countsCounted, countsKept } from '../store/counts.js';
import { serverDatabase, wathiq } from './processes.js';

const serverUrl = process.env.DATABASE_URL;

function reports(count: number, seed: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wathiq-worker-')), 'reports.ndjson');
  const lines = generateReports(count, seed).map((text, k) =>
    JSON.stringify({ text, published: `2024-07-${String(1 + (k % 28)).padStart(2, '0')}` }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * Acts told by one to three outlets and one act told by thirty, in an order
 * that puts the tellings of each act in different bundles of five.
 */
function scatteredStories(): string {
  const records = [...generateStories(60, 31), ...generateRetellings(30, 32)];
  // 37 is prime to 90: each record once, neighbours far apart.
  const order = records.map((_, k) => records[(k * 37) % records.length]);
  const path = join(mkdtempSync(join(tmpdir(), 'wathiq-worker-')), 'stories.ndjson');
  writeFileSync(path, `${order.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return path;
}

/** Reports queued for the workers in jobs of `batch` reports, as `wathiq ingest --queue` does. */
function queueReports(url: string, path: string, batch: number): ReturnType<typeof wathiq> {
  return wathiq(['ingest', '--queue', '--batch', String(batch), '--db', url, path]);
}

/** A store's events with their members and what they say, and its links: what linking made. */
async function linked(url: string): Promise<{ events: unknown[]; links: unknown[] }> {
  const db = await openStore({ url });
  try {
    return {
      events: await db.query(
        `SELECT e.id, e.data, array_agg(i.id ORDER BY i.id) AS members
         FROM events e JOIN incidents i ON i.event_id = e.id GROUP BY e.id ORDER BY e.id`,
      ),
      links: await db.query('SELECT a, b, score FROM incident_links ORDER BY a, b'),
    };
  } finally {
    await db.close();
  }
}

/**
 * How many deltas of the counts a store has pending (migration 46), and whether every count the
 * views read equals the events' count of it ('as counted'), or what differs.
 */
async function counted(url: string): Promise<{ pending: number; kept: unknown }> {
  const db = await openStore({ url });
  try {
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM event_count_deltas',
    );
    const kept = await countsKept(db);
    const events = await countsCounted(db);
    return {
      pending: row?.n ?? -1,
      kept: isDeepStrictEqual(kept, events) ? 'as counted' : { kept, events },
    };
  } finally {
    await db.close();
  }
}

async function documents(url: string): Promise<number> {
  const db = await openStore({ url });
  try {
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
    return row?.n ?? 0;
  } finally {
    await db.close();
  }
}

/** Jobs a worker has taken and not completed or failed. */
async function activeJobs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active'",
    );
    return rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

describe.skipIf(serverUrl === undefined || serverUrl === '')(
  'the ingest queue on PostgreSQL',
  () => {
    it(
      'gives a killed worker’s job back in seconds: its expiry is the bundle’s, not 15 minutes',
      { timeout: 180_000 },
      async () => {
        const db = await serverDatabase(
          serverUrl ?? '',
          `wathiq_test_expiry_${String(process.pid)}`,
        );
        try {
          const queued = await queueReports(db.url, reports(10, 21), 5);
          expect(queued.stdout).toMatch(/queued 10 reports/);
          // A worker takes a job and dies before completing it (kill -9): the job stays active.
          const queue = await IngestQueue.open(db.url);
          const taken = await queue.take();
          await queue.close();
          expect(taken?.reports).toHaveLength(5);
          const client = new pg.Client({ connectionString: db.url });
          await client.connect();
          const { rows } = await client.query<{ state: string; seconds: number }>(
            'SELECT state::text, EXTRACT(epoch FROM expire_in)::int AS seconds FROM pgboss.job WHERE id = $1',
            [taken?.id],
          );
          await client.end();
          expect(rows).toEqual([{ state: 'active', seconds: expect.any(Number) as number }]);
          expect(rows[0]?.seconds).toBeLessThanOrEqual(60);
          // Another worker finishes the queue, the dead one's job included, once it has expired.
          const worker = await wathiq(['worker', '--until-empty', '--db', db.url]);
          expect(worker.status).toBe(0);
          expect(worker.stdout).toMatch(/worker: 10 reports, 0 failed/);
          expect(await documents(db.url)).toBe(10);
        } finally {
          await db.drop();
        }
      },
    );

    it(
      'stops on SIGTERM once the bundles it has taken are stored, and another worker stores the rest, every report once',
      { timeout: 180_000 },
      async () => {
        const db = await serverDatabase(serverUrl ?? '', `wathiq_test_term_${String(process.pid)}`);
        try {
          const queued = await queueReports(db.url, reports(100, 23), 5);
          expect(queued.stdout).toMatch(/queued 100 reports/);
          const worker = wathiq(['worker', '--db', db.url]);
          // Told to stop as a service manager would, once it has stored something.
          while ((await documents(db.url)) === 0) await sleep(200);
          expect(worker.pid).toBeDefined();
          if (worker.pid !== undefined) process.kill(worker.pid, 'SIGTERM');
          const stopped = await worker;
          expect(stopped.signal).toBeNull();
          expect(stopped.status).toBe(0);
          const said = /worker: (\d+) reports, 0 failed/.exec(stopped.stdout);
          const stored = Number(said?.[1]);
          // Whole bundles only (the one it had read ahead stored too), as it said, and not the whole queue.
          expect(stored % 5).toBe(0);
          expect(stored).toBeGreaterThan(0);
          expect(stored).toBeLessThan(100);
          expect(await documents(db.url)).toBe(stored);
          // No job was left taken and unstored, to wait for its expiry.
          expect(await activeJobs(db.url)).toBe(0);
          // Another worker takes the rest.
          const rest = await wathiq(['worker', '--until-empty', '--db', db.url]);
          expect(rest.status).toBe(0);
          expect(rest.stdout).toMatch(`worker: ${String(100 - stored)} reports, 0 failed`);
          expect(await documents(db.url)).toBe(100);
          expect(await counted(db.url)).toEqual({ pending: 0, kept: 'as counted' });
        } finally {
          await db.drop();
        }
      },
    );

    it(
      'makes with three workers at once the events and links one process makes, an act told in many bundles joined in one event',
      { timeout: 240_000 },
      async () => {
        const stories = scatteredStories();
        const one = await serverDatabase(serverUrl ?? '', `wathiq_test_one_${String(process.pid)}`);
        const three = await serverDatabase(
          serverUrl ?? '',
          `wathiq_test_three_${String(process.pid)}`,
        );
        try {
          expect((await wathiq(['ingest', '--no-progress', '--db', one.url, stories])).status).toBe(
            0,
          );
          const queued = await queueReports(three.url, stories, 5);
          expect(queued.stdout).toMatch(/queued 90 reports/);
          const workers = await Promise.all(
            [1, 2, 3].map(() => wathiq(['worker', '--until-empty', '--db', three.url])),
          );
          expect(workers.map((w) => w.status)).toEqual([0, 0, 0]);
          const alone = await linked(one.url);
          const together = await linked(three.url);
          expect(together).toEqual(alone);
          // Every count the map, timeline and facets read is the events' own, in both stores,
          // folded by the commands before they ended: none left for a read to fold.
          expect(await counted(one.url)).toEqual({ pending: 0, kept: 'as counted' });
          expect(await counted(three.url)).toEqual({ pending: 0, kept: 'as counted' });
          // The act told thirty times is one event, however its bundles were shared out.
          expect(
            Math.max(...alone.events.map((e) => (e as { members: string[] }).members.length)),
          ).toBe(30);
        } finally {
          await one.drop();
          await three.drop();
        }
      },
    );

    it(
      'gives queued reports the --outlet, --url and --published of the command, as a direct ingest does',
      { timeout: 180_000 },
      async () => {
        const db = await serverDatabase(
          serverUrl ?? '',
          `wathiq_test_facts_${String(process.pid)}`,
        );
        try {
          const report = join(mkdtempSync(join(tmpdir(), 'wathiq-worker-')), 'report.txt');
          // Written for this test: nothing in it says where or when it was published.
          writeFileSync(
            report,
            'قتل مدني برصاص قناص في حي الوعر بمدينة حمص صباح اليوم، بحسب ناشطين محليين.\n',
          );
          const queued = await wathiq([
            'ingest',
            '--queue',
            '--db',
            db.url,
            '--outlet',
            'شبكة الاختبار',
            '--url',
            'https://example.org/waer',
            '--published',
            '2024-05-09',
            report,
          ]);
          expect(queued.stdout).toMatch(/queued 1 reports/);
          const worker = await wathiq(['worker', '--until-empty', '--db', db.url]);
          expect(worker.stdout).toMatch(/worker: 1 reports, 0 failed/);
          const store = await openStore({ url: db.url });
          try {
            expect(
              await store.query('SELECT outlet, url, published, sources FROM documents'),
            ).toEqual([
              {
                outlet: 'شبكة الاختبار',
                url: 'https://example.org/waer',
                published: '2024-05-09',
                sources: { outlet: 'option', url: 'option', published: 'option' },
              },
            ]);
          } finally {
            await store.close();
          }
        } finally {
          await db.drop();
        }
      },
    );

    it(
      'records the reports of a job that failed its last attempt as failures, never loses them',
      { timeout: 180_000 },
      async () => {
        const db = await serverDatabase(serverUrl ?? '', `wathiq_test_lost_${String(process.pid)}`);
        try {
          const queued = await queueReports(db.url, reports(3, 22), 3);
          expect(queued.stdout).toMatch(/queued 3 reports/);
          const queue = await IngestQueue.open(db.url);
          const sources: string[] = [];
          for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
            const bundle = await queue.take();
            expect(bundle).not.toBeNull();
            if (bundle === null) break;
            sources.splice(0, sources.length, ...bundle.reports.map((r) => r.source));
            await queue.fail(bundle.id, `the store refused it (attempt ${String(attempt)})`);
          }
          expect(await queue.take()).toBeNull();
          await queue.close();
          const worker = await wathiq(['worker', '--until-empty', '--db', db.url]);
          expect(worker.status).toBe(0);
          expect(worker.stdout).toMatch(/worker: 3 reports, 3 failed/);
          const store = await openStore({ url: db.url });
          try {
            expect((await listFailures(store)).map((f) => [f.source, f.reason])).toEqual(
              sources
                .sort()
                .map((s) => [
                  s,
                  `its queued job failed ${String(ATTEMPTS)} times (last: the store refused it (attempt ${String(ATTEMPTS)}))`,
                ]),
            );
          } finally {
            await store.close();
          }
          const listed = await wathiq(['ingest', '--failed', '--db', db.url]);
          expect(listed.stderr).toBe('3 input(s) failed\n');
        } finally {
          await db.drop();
        }
      },
    );
  },
);
