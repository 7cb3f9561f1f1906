import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../bench/generate.js';
import { generateStories } from '../../bench/stories.js';
import { openStore } from '../../src/store/index.js';
import { serverDatabase, wathiq } from './processes.js';

const serverUrl = process.env.DATABASE_URL;

/** Generated reports as NDJSON, enough for an ingest to last while others try the store. */
function reports(dir: string, count: number): string {
  const path = join(dir, 'reports.ndjson');
  const lines = generateReports(count, 5).map((text, k) =>
    JSON.stringify({ text, published: `2024-05-${String(1 + (k % 28)).padStart(2, '0')}` }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** An ingest in a process of its own, and a promise kept once it has stored its first batch. */
function ingest(data: string, input: string, kill = false) {
  let stored = (): void => undefined;
  const firstBatch = new Promise<void>((resolve) => (stored = resolve));
  const run = wathiq(['ingest', '--log', '--batch', '10', '--data', data, input], {
    killWhen: (stderr) => {
      if (!stderr.includes('stored a batch')) return false;
      stored();
      return kill;
    },
  });
  return { run, firstBatch };
}

async function documentCounts(data: string): Promise<unknown> {
  const db = await openStore({ dataDir: join(data, 'db') });
  try {
    const [row] = await db.query(
      'SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM documents',
    );
    return row;
  } finally {
    await db.close();
  }
}

const BUSY =
  /^wathiq: the store at (.+) is in use by wathiq ingest, pid (\d+), since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; try again when it has finished\n$/;

describe('two processes on one embedded data folder', () => {
  it(
    'the second, writer or reader, is told in one line who holds it and ends with status 75',
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wathiq-lock-'));
      const data = join(dir, 'data');
      const input = reports(dir, 1500);
      const first = ingest(data, input);
      await first.firstBatch;
      const others = await Promise.all([
        wathiq(['ingest', '--data', data, input]),
        wathiq(['search', 'قصف', '--data', data]),
        wathiq(['export', '--format', 'csv', '--data', data]),
      ]);
      for (const other of others) {
        expect(other.stderr).toMatch(BUSY);
        const [, folder, pid] = BUSY.exec(other.stderr) ?? [];
        expect(folder).toBe(join(data, 'db'));
        expect(Number(pid)).toBe(first.run.pid);
        expect(other.status).toBe(75);
        expect(other.stdout).toBe('');
      }
      const done = await first.run;
      expect(done.status).toBe(0);
      expect(done.stdout).toMatch(/1500 reports in .*: 1500 added, 0 already have, 0 failed/);
      expect(await documentCounts(data)).toEqual({ rows: 1500, ids: 1500 });
    },
  );

  it(
    'a lock left by a kill -9 is taken over by the next process',
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wathiq-lock-'));
      const data = join(dir, 'data');
      const input = reports(dir, 300);
      const killed = ingest(data, input, true);
      const ended = await killed.run;
      expect(ended.signal).toBe('SIGKILL');
      const lock = join(data, 'db', 'wathiq.lock');
      expect(existsSync(lock)).toBe(true);
      expect((JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid).toBe(killed.run.pid);
      const resumed = await wathiq(['ingest', '--data', data, input]);
      expect(resumed.stderr).toBe('');
      expect(resumed.status).toBe(0);
      expect(resumed.stdout).toMatch(
        /300 reports in .*: \d+ added, [1-9]\d* already have, 0 failed/,
      );
      expect(existsSync(lock)).toBe(false);
      expect(await documentCounts(data)).toEqual({ rows: 300, ids: 300 });
    },
  );
});

/** What must not depend on how many processes stored it: every row's content, times left out. */
async function contents(url: string): Promise<unknown> {
  const db = await openStore({ url });
  try {
    return {
      documents: await db.query('SELECT id, md5(text) AS text FROM documents ORDER BY id'),
      captures: await db.query('SELECT sha256, document_id FROM captures ORDER BY sha256'),
      incidents: await db.query('SELECT id, event_id FROM incidents ORDER BY id'),
      links: await db.query('SELECT a, b FROM incident_links ORDER BY a, b'),
      events: await db.query(
        'SELECT id, md5(event_whole(id, data)::text) AS data FROM events ORDER BY id',
      ),
    };
  } finally {
    await db.close();
  }
}

describe.skipIf(serverUrl === undefined || serverUrl === '')(
  'two processes on one PostgreSQL database',
  () => {
    it(
      'both ingest at once and leave the database one process makes',
      { timeout: 180_000 },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'wathiq-two-'));
        const input = join(dir, 'stories.ndjson');
        writeFileSync(
          input,
          `${generateStories(300, 8)
            .map((r) => JSON.stringify(r))
            .join('\n')}\n`,
        );
        const one = await serverDatabase(serverUrl ?? '', `wathiq_test_one_${String(process.pid)}`);
        const two = await serverDatabase(serverUrl ?? '', `wathiq_test_two_${String(process.pid)}`);
        try {
          expect((await wathiq(['ingest', '--batch', '10', '--db', one.url, input])).status).toBe(
            0,
          );
          const both = await Promise.all([
            wathiq(['ingest', '--batch', '10', '--db', two.url, input]),
            wathiq(['ingest', '--batch', '10', '--db', two.url, input]),
          ]);
          expect(both.map((r) => r.status)).toEqual([0, 0]);
          expect(await contents(two.url)).toEqual(await contents(one.url));
        } finally {
          await one.drop();
          await two.drop();
        }
      },
    );
  },
);
