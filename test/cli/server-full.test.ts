import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../bench/generate.js';
import { openStore } from '../../src/store/index.js';
import { countsCounted, countsKept } from '../store/counts.js';
import { serverDatabase, wathiq } from './processes.js';

const serverUrl = process.env.DATABASE_URL;

/** How many reports are stored, and how many of them are distinct. */
async function storedReports(url: string): Promise<{ rows: number; ids: number }> {
  const db = await openStore({ url });
  try {
    const [row] = await db.query<{ rows: number; ids: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM documents',
    );
    return { rows: row?.rows ?? -1, ids: row?.ids ?? -1 };
  } finally {
    await db.close();
  }
}

/** The counts the views read, and the same counted from the events: equal when none was lost. */
async function counts(url: string): Promise<{ kept: unknown; counted: unknown }> {
  const db = await openStore({ url });
  try {
    return { kept: await countsKept(db), counted: await countsCounted(db) };
  } finally {
    await db.close();
  }
}

/** The events with their members, and the links: what linking made of the reports. */
async function linked(url: string): Promise<unknown[]> {
  const db = await openStore({ url });
  try {
    return [
      await db.query(
        `SELECT e.id, e.data, array_agg(i.id ORDER BY i.id) AS members
         FROM events e JOIN incidents i ON i.event_id = e.id GROUP BY e.id ORDER BY e.id`,
      ),
      await db.query('SELECT a, b, score FROM incident_links ORDER BY a, b'),
    ];
  } finally {
    await db.close();
  }
}

/** Statements run on the store's database, one after another, as its owner. */
async function onServer(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The server says its disk is full (PostgreSQL's code 53100) at the first
 * statement that leaves more than `most` reports stored: one batch fails as a
 * whole, after others were stored, while the next is read ahead.
 */
function fillDiskAfter(url: string, most: number): Promise<void> {
  return onServer(
    url,
    `CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM documents) > ${String(most)} THEN
          RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';
        END IF;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER test_disk_full AFTER INSERT ON documents
      FOR EACH STATEMENT EXECUTE FUNCTION test_disk_full()`,
  );
}

function freeDisk(url: string): Promise<void> {
  return onServer(url, 'DROP TRIGGER test_disk_full ON documents');
}

describe.skipIf(serverUrl === undefined || serverUrl === '')(
  'ingest into a PostgreSQL server whose disk fills',
  () => {
    it(
      'stops at the failed batch, stores nothing after it, and a re-run makes the same store as one ingest',
      { timeout: 240_000 },
      async () => {
        const input = join(mkdtempSync(join(tmpdir(), 'wathiq-server-full-')), 'reports.ndjson');
        const lines = generateReports(200, 41).map((text, k) =>
          JSON.stringify({ text, published: `2024-05-${String(1 + (k % 28)).padStart(2, '0')}` }),
        );
        writeFileSync(input, `${lines.join('\n')}\n`);
        const full = await serverDatabase(
          serverUrl ?? '',
          `wathiq_test_full_${String(process.pid)}`,
        );
        try {
          // Made first, so that the store's tables are there for the trigger.
          await (await openStore({ url: full.url })).close();
          await fillDiskAfter(full.url, 100);
          const stopped = await wathiq(['ingest', '--batch', '20', '--db', full.url, input]);
          expect(stopped.stderr.split('\n')).toEqual([
            expect.stringMatching(
              /^wathiq: the disk holding the store at .* is full \(ENOSPC\): nothing more was stored; free some space and run the command again, it resumes where it stopped$/,
            ),
            '',
          ]);
          expect(stopped.status).toBe(74);
          // Five batches of twenty stored; the sixth failed whole. On a server the next batch is
          // read while one is stored: the seventh was in hand when the sixth failed, and is not stored.
          expect(await storedReports(full.url)).toEqual({ rows: 100, ids: 100 });
          const stoppedCounts = await counts(full.url);
          expect(stoppedCounts.kept).toEqual(stoppedCounts.counted);

          await freeDisk(full.url);
          const resumed = await wathiq(['ingest', '--batch', '20', '--db', full.url, input]);
          expect(resumed.stdout).toMatch(
            /200 reports in .*: 100 added, 100 already have, 0 failed/,
          );
          expect(resumed.status).toBe(0);
          expect(await storedReports(full.url)).toEqual({ rows: 200, ids: 200 });
          const resumedCounts = await counts(full.url);
          expect(resumedCounts.kept).toEqual(resumedCounts.counted);

          const whole = await serverDatabase(
            serverUrl ?? '',
            `wathiq_test_whole_${String(process.pid)}`,
          );
          try {
            const ingested = await wathiq(['ingest', '--batch', '20', '--db', whole.url, input]);
            expect(ingested.status).toBe(0);
            const [events] = await linked(whole.url);
            expect(events).not.toHaveLength(0);
            expect(await linked(full.url)).toEqual(await linked(whole.url));
            expect(resumedCounts.kept).toEqual((await counts(whole.url)).kept);
          } finally {
            await whole.drop();
          }
        } finally {
          await full.drop();
        }
      },
    );
  },
);
