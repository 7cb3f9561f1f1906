/**
 * The fault study, repeatable: `kill -9` during `wathiq ingest` at random
 * moments, on both engines, then a re-run, and the store compared with a clean
 * run's.
 *
 *   npm run faults [-- --rounds 20 --reports 300 --engine pglite|postgres|both --seed N]
 *
 * Each round ingests the same generated reports (acts told by one to three
 * outlets) into a fresh store, 10 per transaction, killing the
 * process one to three times at random moments between its start and the time
 * a clean run takes (so during start-up, migrations, reading and storing
 * alike), then runs it to the end. The store must then hold what the clean run
 * holds: the same documents, captures, incidents, links and events (their
 * content, not only their number), no orphans, no duplicates, and every
 * capture's bytes hashing to the SHA-256 kept with them. PostgreSQL is tried
 * when DATABASE_URL names a server (a database of its own per round).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { random } from '../bench/random.js';
import { generateStories } from '../bench/stories.js';
import { openStore } from '../src/store/index.js';
import type { Database, DatabaseOptions } from '../src/store/index.js';

const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');

interface Target {
  readonly args: readonly string[];
  readonly options: DatabaseOptions;
  readonly drop: () => Promise<void>;
}

interface Engine {
  readonly name: string;
  fresh(label: string): Promise<Target>;
}

/** What a store holds, reduced to what must not depend on crashes. */
interface Snapshot {
  readonly counts: Readonly<Record<string, number>>;
  readonly orphans: number;
  readonly duplicates: number;
  readonly badHashes: number;
  /** A digest of every row's content (ids, links, event data), times excluded. */
  readonly digest: string;
}

const CONTENT = [
  ['documents', 'SELECT id, outlet, published, md5(text) AS text FROM documents ORDER BY id'],
  ['captures', 'SELECT sha256, document_id, source, size FROM captures ORDER BY sha256'],
  [
    'incidents',
    'SELECT id, document_id, event_id, md5(data::text) AS data FROM incidents ORDER BY id',
  ],
  ['links', 'SELECT a, b, score, md5(reasons::text) AS reasons FROM incident_links ORDER BY a, b'],
  ['events', 'SELECT id, md5(data::text) AS data FROM events ORDER BY id'],
  ['failures', 'SELECT source, reason FROM failures ORDER BY source'],
] as const;

const ORPHANS = `SELECT
    (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.document_id = d.id))
  + (SELECT count(*) FROM captures c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id))
  + (SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = i.document_id))
  + (SELECT count(*) FROM incidents i WHERE NOT i.background AND (i.event_id IS NULL
       OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id)))
  + (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.event_id = e.id))
  + (SELECT count(*) FROM incident_links l WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = l.a)
       OR NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = l.b))
  ::int AS n`;

/** Rows whose key appears more than once (a primary key a corrupt store no longer enforces). */
const DUPLICATES = `SELECT
    (SELECT count(*) - count(DISTINCT id) FROM documents)
  + (SELECT count(*) - count(DISTINCT sha256) FROM captures)
  + (SELECT count(*) - count(DISTINCT id) FROM incidents)
  + (SELECT count(*) - count(DISTINCT id) FROM events)
  + (SELECT count(*) - count(DISTINCT (a, b)) FROM incident_links)
  ::int AS n`;

async function snapshot(options: DatabaseOptions): Promise<Snapshot> {
  const db: Database = await openStore(options);
  try {
    const counts: Record<string, number> = {};
    const digest = createHash('sha256');
    for (const [name, sql] of CONTENT) {
      const rows = await db.query(sql);
      counts[name] = rows.length;
      digest.update(`${name}\n${JSON.stringify(rows)}\n`);
    }
    const [orphans] = await db.query<{ n: number }>(ORPHANS);
    const [duplicates] = await db.query<{ n: number }>(DUPLICATES);
    const captures = await db.query<{ sha256: string; raw: Uint8Array }>(
      'SELECT sha256, raw FROM captures',
    );
    const badHashes = captures.filter(
      (c) => createHash('sha256').update(c.raw).digest('hex') !== c.sha256,
    ).length;
    return {
      counts,
      orphans: orphans?.n ?? -1,
      duplicates: duplicates?.n ?? -1,
      badHashes,
      digest: digest.digest('hex'),
    };
  } finally {
    await db.close();
  }
}

interface Run {
  readonly status: number | null;
  readonly killed: boolean;
  readonly stderr: string;
}

/** `wathiq ingest`, killed with SIGKILL after `killAfterMs` when given (and still running). */
function ingest(args: readonly string[], killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve) => {
    // Small batches: more transactions for a kill to land in.
    const command = [WATHIQ, 'ingest', '--no-progress', '--batch', '10', ...args];
    const child = spawn(process.execPath, command, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer =
      killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (status, signal) => {
      if (timer !== null) clearTimeout(timer);
      resolve({ status, killed: signal === 'SIGKILL', stderr });
    });
  });
}

function embedded(root: string): Engine {
  return {
    name: 'PGlite',
    fresh: (label) => {
      const data = join(root, label);
      return Promise.resolve({
        args: ['--data', data],
        options: { dataDir: join(data, 'db') },
        drop: () => {
          rmSync(data, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  };
}

function server(url: string): Engine {
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    fresh: async (label) => {
      const name = `wathiq_faults_${String(process.pid)}_${label.replace(/\W/g, '_')}`;
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return {
        args: ['--db', target.toString()],
        options: { url: target.toString() },
        drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    },
  };
}

function differences(clean: Snapshot, got: Snapshot): string[] {
  const found: string[] = [];
  for (const [name, n] of Object.entries(clean.counts))
    if (got.counts[name] !== n)
      found.push(`${name}: ${String(got.counts[name] ?? 0)} (clean: ${String(n)})`);
  if (got.orphans !== 0) found.push(`${String(got.orphans)} orphans`);
  if (got.duplicates !== 0) found.push(`${String(got.duplicates)} duplicates`);
  if (got.badHashes !== 0) found.push(`${String(got.badHashes)} captures whose bytes hash wrong`);
  if (found.length === 0 && got.digest !== clean.digest)
    found.push('same counts, different content');
  return found;
}

interface Tally {
  rounds: number;
  kills: number;
  finishedFirst: number;
  identical: number;
  orphans: number;
  duplicates: number;
  badHashes: number;
}

async function study(
  engine: Engine,
  input: string,
  rounds: number,
  rnd: () => number,
): Promise<Tally> {
  const cleanTarget = await engine.fresh('clean');
  const started = performance.now();
  const cleanRun = await ingest([...cleanTarget.args, input], null);
  const cleanMs = performance.now() - started;
  if (cleanRun.status !== 0) throw new Error(`the clean run failed: ${cleanRun.stderr}`);
  const clean = await snapshot(cleanTarget.options);
  await cleanTarget.drop();
  process.stdout.write(
    `${engine.name}: clean run ${(cleanMs / 1000).toFixed(1)} s, ${Object.entries(clean.counts)
      .map(([k, v]) => `${String(v)} ${k}`)
      .join(', ')}\n`,
  );
  const tally: Tally = {
    rounds: 0,
    kills: 0,
    finishedFirst: 0,
    identical: 0,
    orphans: 0,
    duplicates: 0,
    badHashes: 0,
  };
  for (let round = 1; round <= rounds; round++) {
    const target = await engine.fresh(`round${String(round)}`);
    try {
      const moments: string[] = [];
      const kills = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < kills; k++) {
        const at = Math.round(rnd() * cleanMs);
        const run = await ingest([...target.args, input], at);
        if (run.killed) {
          tally.kills++;
          moments.push(`${(at / 1000).toFixed(1)} s`);
        } else {
          tally.finishedFirst++;
          moments.push(`${(at / 1000).toFixed(1)} s (had finished)`);
        }
      }
      const last = await ingest([...target.args, input], null);
      const got = await snapshot(target.options);
      const found =
        last.status === 0
          ? differences(clean, got)
          : [`the re-run ended with status ${String(last.status)}: ${last.stderr.trim()}`];
      tally.rounds++;
      if (found.length === 0) tally.identical++;
      tally.orphans += Math.max(0, got.orphans);
      tally.duplicates += Math.max(0, got.duplicates);
      tally.badHashes += got.badHashes;
      process.stdout.write(
        `${engine.name} round ${String(round)}: killed at ${moments.join(', ')}; ${
          found.length === 0 ? 'identical to the clean run' : found.join('; ')
        }\n`,
      );
    } finally {
      await target.drop();
    }
  }
  return tally;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '20' },
      reports: { type: 'string', default: '300' },
      engine: { type: 'string', default: 'both' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    },
  });
  const seed = Number(values.seed);
  const rnd = random(seed);
  const root = mkdtempSync(join(tmpdir(), 'wathiq-faults-'));
  const input = join(root, 'reports.ndjson');
  // Acts told by one to three outlets: the kills land in linking and regrouping too.
  const lines = generateStories(Number(values.reports), seed).map((r) => JSON.stringify(r));
  writeFileSync(input, `${lines.join('\n')}\n`);
  const engines: Engine[] = [];
  if (values.engine !== 'postgres') engines.push(embedded(root));
  const url = process.env.DATABASE_URL;
  if (values.engine !== 'pglite') {
    if (url === undefined || url === '')
      process.stdout.write('PostgreSQL: skipped, DATABASE_URL names no server\n');
    else engines.push(server(url));
  }
  process.stdout.write(
    `seed ${String(seed)}, ${values.reports} reports, ${values.rounds} rounds per engine\n`,
  );
  let failed = false;
  for (const engine of engines) {
    const t = await study(engine, input, Number(values.rounds), rnd);
    failed ||= t.identical !== t.rounds;
    process.stdout.write(
      `${engine.name}: ${String(t.rounds)} rounds, ${String(t.kills)} kill -9 (${String(t.finishedFirst)} more came after the run had finished); ${String(t.identical)}/${String(t.rounds)} identical to the clean run; ${String(t.orphans)} orphans, ${String(t.duplicates)} duplicates, ${String(t.badHashes)} bad hashes\n`,
    );
  }
  rmSync(root, { recursive: true, force: true });
  return failed ? 1 : 0;
}

process.exitCode = await main();
