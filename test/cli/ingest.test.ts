import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../bench/generate.js';
import { openStore } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { REPORTS } from '../link/reports.js';
import { countsCounted, countsKept } from '../store/counts.js';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
// The commands here choose their database by flags; the server, when there is one, only where a test names it.
const serverUrl = onEmbeddedStore();
const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');

/** NDJSON of the test reports: the car bombing told three ways, a shelling, a later bombing. */
function ndjson(): string {
  return `${Object.entries(REPORTS)
    .map(([name, r]) => JSON.stringify({ ...r, url: `https://example.org/${name}` }))
    .join('\n')}\n`;
}

/** Generated reports as NDJSON, dated over a month, for the larger runs. */
function generated(count: number, seed: number): string {
  return `${generateReports(count, seed)
    .map((text, k) =>
      JSON.stringify({
        text,
        published: `2024-03-${String(1 + (k % 28)).padStart(2, '0')}`,
        outlet: `outlet ${String(k % 4)}`,
      }),
    )
    .join('\n')}\n`;
}

/** Runs the built command in a child process; resolves with its exit status and output. */
function child(
  args: readonly string[],
  options: { killAfterLines?: number } = {},
): Promise<{ status: number | null; signal: string | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [WATHIQ, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    p.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    p.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const lines = stderr.split('\n').filter((l) => l.startsWith('stored a batch')).length;
      if (options.killAfterLines !== undefined && lines >= options.killAfterLines)
        p.kill('SIGKILL');
    });
    p.on('close', (status, signal) => {
      resolve({ status, signal, stderr, stdout });
    });
  });
}

/** Rows that would be left dangling by a half-written report. */
async function orphans(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT
    (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.document_id = d.id))
  + (SELECT count(*) FROM incidents i WHERE NOT i.background AND (i.event_id IS NULL
       OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id)))
  + (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.event_id = e.id))
  ::int AS n`);
  return row?.n ?? -1;
}

describe('wathiq ingest', () => {
  const data = join(dir, 'data');

  it('stores reports, says what it did, and knows them the second time', async () => {
    const reports = file('reports.ndjson', ndjson());
    expect(await run('ingest', '--data', data, reports)).toBe(0);
    expect(out.join('')).toMatch(/5 reports in .* 5 added, 0 already have, 0 failed/);
    out.length = 0;
    expect(await run('ingest', '--data', data, reports)).toBe(0);
    expect(out.join('')).toMatch(/0 added, 5 already have/);
  });

  it('into an embedded store, leaves the counts folded and the events vacuumed for the reads after it', async () => {
    const alone = join(dir, 'alone');
    const reports = file('alone.ndjson', generated(300, 3));
    expect(await run('ingest', '--data', alone, reports)).toBe(0);
    const db = await openStore({ dataDir: join(alone, 'db') });
    try {
      const [left] = await db.query<{
        deltas: number;
        visible: number;
        planned: number;
        owed: boolean;
      }>(
        `SELECT (SELECT count(*)::int FROM event_count_deltas) AS deltas,
                (SELECT relallvisible::int FROM pg_class WHERE oid = 'events'::regclass) AS visible,
                (SELECT reltuples::int FROM pg_class WHERE oid = 'events'::regclass) AS planned,
                EXISTS (SELECT 1 FROM settings WHERE name LIKE 'statistics:%') AS owed`,
      );
      // No delta left is what shows the end's fold: countsKept folds before it reads.
      expect(left?.deltas).toBe(0);
      expect(left?.visible).toBeGreaterThan(0);
      expect(left?.planned).toBeGreaterThan(0);
      // The readers' refresh was made, not left owed to the next command.
      expect(left?.owed).toBe(false);
      expect(await countsKept(db)).toEqual(await countsCounted(db));
    } finally {
      await db.close();
    }
  });

  it('goes on past bad inputs, records why, and lists them with --failed', async () => {
    const bad = file('bad.ndjson', `{"text": "hello"}\n{broken\n`);
    const status = await run('ingest', '--data', data, bad, join(dir, 'nowhere.txt'));
    expect(status).toBe(1);
    expect(out.join('')).toMatch(/3 failed \(wathiq ingest --failed lists them\)/);
    out.length = 0;
    await run('ingest', '--data', data, '--failed');
    const listed = out.join('');
    expect(listed).toMatch(/bad\.ndjson:1\tnot an Arabic report/);
    expect(listed).toMatch(/bad\.ndjson:2\tnot JSON/);
    expect(listed).toMatch(/nowhere\.txt\tno such file or folder/);
  });

  it('exports the events, ACLED-style', async () => {
    const target = join(dir, 'events.csv');
    expect(await run('export', '--data', data, '--format', 'acled', '--out', target)).toBe(0);
    const { readFileSync } = await import('node:fs');
    const rows = parse<Record<string, string>>(readFileSync(target, 'utf8'), { columns: true });
    expect(rows).toHaveLength(3);
    const bombing = rows.find((r) => r.event_date === '2024-03-13');
    expect(bombing).toMatchObject({
      sub_event_type: 'Suicide bomb',
      fatalities: '4',
      admin1: 'Deir-ez-Zor',
    });
    expect(bombing?.notes).toMatch(
      /Syrian Observatory for Human Rights reported 4 killed \(Syrian Democratic Forces\)/,
    );
    expect(err.join('')).toMatch(/exported 3 events/);
  });

  it('filters exports by governorate name in Arabic', async () => {
    await run('export', '--data', data, '--format', 'ndjson', '--governorate', 'إدلب');
    expect(out.join('').trim().split('\n')).toHaveLength(1);
  });
});

/** A fresh database on the server, and how to drop it. */
async function serverDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

async function contents(url: string): Promise<unknown> {
  const db = await openStore({ url });
  try {
    return {
      documents: await db.query('SELECT id, outlet, published FROM documents ORDER BY id'),
      captures: await db.query('SELECT sha256, document_id, source FROM captures ORDER BY sha256'),
      incidents: await db.query('SELECT id, event_id, data FROM incidents ORDER BY id'),
      links: await db.query('SELECT a, b, score, reasons FROM incident_links ORDER BY a, b'),
      events: await db.query('SELECT id, event_whole(id, data) AS data FROM events ORDER BY id'),
    };
  } finally {
    await db.close();
  }
}

/** The engines a crash is tried on: the embedded one, and the server when there is one. */
interface CrashTarget {
  readonly args: string[];
  readonly store: () => Promise<Database>;
  readonly drop: () => Promise<void>;
}

const crashEngines: { name: string; open: () => Promise<CrashTarget> }[] = [
  {
    name: 'PGlite',
    open: () => {
      const data = join(dir, 'crash');
      return Promise.resolve({
        args: ['--data', data],
        store: () => openStore({ dataDir: join(data, 'db') }),
        drop: () => Promise.resolve(),
      });
    },
  },
  ...(serverUrl === undefined || serverUrl === ''
    ? []
    : [
        {
          name: 'PostgreSQL',
          open: async (): Promise<CrashTarget> => {
            const db = await serverDatabase(`wathiq_test_crash_${String(process.pid)}`);
            return {
              args: ['--db', db.url],
              store: () => openStore({ url: db.url }),
              drop: db.drop,
            };
          },
        },
      ]),
];

describe.each(crashEngines)('a kill -9 in the middle of an ingest into $name', (engine) => {
  it(
    'loses nothing, duplicates nothing, and a re-run finishes the job',
    { timeout: 120_000 },
    async () => {
      const target = await engine.open();
      try {
        const reports = file('many.ndjson', generated(400, 7));
        const killed = await child(['ingest', '--log', ...target.args, reports], {
          killAfterLines: 2,
        });
        expect(killed.signal).toBe('SIGKILL');
        const resumed = await child(['ingest', ...target.args, reports]);
        expect(resumed.status).toBe(0);
        expect(resumed.stdout).toMatch(/400 reports .* [1-9]\d* already have, 0 failed/);
        const db = await target.store();
        try {
          const [counts] = await db.query<{ captures: number; sources: number }>(
            'SELECT count(*)::int AS captures, count(DISTINCT source)::int AS sources FROM captures',
          );
          expect(counts).toEqual({ captures: 400, sources: 400 });
          expect(await orphans(db)).toBe(0);
          // The planner was told of the bulk it stored (refreshed each time it doubled).
          const [events] = await db.query<{ planned: number; stored: number }>(
            `SELECT (SELECT reltuples::int FROM pg_class WHERE oid = 'events'::regclass) AS planned,
                    (SELECT count(*)::int FROM events) AS stored`,
          );
          expect(events?.planned).toBeGreaterThanOrEqual((events?.stored ?? 0) / 2);
        } finally {
          await db.close();
        }
      } finally {
        await target.drop();
      }
    },
  );
});

describe.skipIf(serverUrl === undefined || serverUrl === '')(
  'workers on the PostgreSQL server',
  () => {
    it('three workers make the same database as one process', { timeout: 180_000 }, async () => {
      const reports = file('queued.ndjson', generated(300, 11));
      const single = await serverDatabase(`wathiq_test_single_${String(process.pid)}`);
      const queued = await serverDatabase(`wathiq_test_workers_${String(process.pid)}`);
      try {
        expect(await run('ingest', '--db', single.url, reports)).toBe(0);
        expect(await run('ingest', '--queue', '--batch', '10', '--db', queued.url, reports)).toBe(
          0,
        );
        expect(out.join('')).toMatch(/queued 300 reports/);
        const workers = await Promise.all(
          [1, 2, 3].map(() => child(['worker', '--db', queued.url, '--until-empty'])),
        );
        expect(workers.map((w) => w.status)).toEqual([0, 0, 0]);
        const done = workers.map((w) => Number(/worker: (\d+) reports/.exec(w.stdout)?.[1] ?? 0));
        expect(done.reduce((a, b) => a + b, 0)).toBe(300);
        expect(await contents(queued.url)).toEqual(await contents(single.url));
      } finally {
        await single.drop();
        await queued.drop();
      }
    });
  },
);
