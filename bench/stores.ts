/**
 * The benchmarks' stores of many events, built once (fill.ts) and kept: the
 * embedded one under the system's temporary folder, the server's as a
 * database, named by their size and `name` (another checkout's apart). A
 * store made by an older wathiq is migrated when opened, as a user's would
 * be. A bench that writes works on a copy, so the kept store stays as built.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../src/store/index.js';
import type { Database } from '../src/store/index.js';
import { FILL_FORM, fill } from './fill.js';

/** The server the benches use: DATABASE_URL, else the local one. */
export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** How long the last build took and how big it is, for the bench to print. */
export interface Built {
  readonly seconds: number;
  readonly events: number;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function built(db: Database, reports: number, target: number): Promise<Built> {
  const started = performance.now();
  const events = await fill(db, reports, target);
  return { seconds: (performance.now() - started) / 1000, events };
}

/** The kept embedded store's folder. */
export function embeddedFolder(reports: number, target: number, name: string): string {
  return join(
    tmpdir(),
    `wathiq-bench-filters-${String(reports)}-${String(target)}-${FILL_FORM}${name === '' ? '' : `-${name}`}`,
  );
}

/**
 * The kept embedded store of `target` events, built the first time, opened as
 * the server opens it (`serving`), unless only built here to be copied.
 */
export async function embeddedStore(
  reports: number,
  target: number,
  name: string,
  serving: boolean,
): Promise<Database> {
  const dataDir = embeddedFolder(reports, target, name);
  const exists = existsSync(join(dataDir, 'PG_VERSION'));
  const db = await openStore({ dataDir, serving });
  if (!exists) {
    say(`PGlite: building ${dataDir}…`);
    const { seconds, events } = await built(db, reports, target);
    say(`PGlite: built ${String(events)} events in ${seconds.toFixed(0)} s`);
  }
  return db;
}

/** A copy of the kept embedded store (built first if need be), in a folder of its own. */
export async function embeddedCopy(reports: number, target: number, name: string): Promise<string> {
  // (Not as a server: a copy is ingested into as `wathiq ingest` does, in this process.)
  await (await embeddedStore(reports, target, name, false)).close();
  const copy = join(mkdtempSync(join(tmpdir(), 'wathiq-bench-copy-')), 'db');
  cpSync(embeddedFolder(reports, target, name), copy, { recursive: true });
  return copy;
}

/** The kept server database's name. */
export function serverName(reports: number, target: number, name: string): string {
  return `wathiq_bench_filters_${String(reports)}_${String(target)}_${FILL_FORM}${name === '' ? '' : `_${name}`}`;
}

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` as the server's admin; null when no server answers. */
async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    say(`PostgreSQL: no server at ${ADMIN_URL}; set DATABASE_URL to measure it`);
    return null;
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The kept server database of `target` events, built the first time; null with no server. */
export async function serverStore(
  reports: number,
  target: number,
  name: string,
): Promise<Database | null> {
  const database = serverName(reports, target, name);
  const made = await asAdmin(async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
    return exists.rowCount === 0;
  });
  if (made === null) return null;
  const db = await openStore({ url: urlOf(database) });
  if (made) {
    say(`PostgreSQL: building ${database}…`);
    const { seconds, events } = await built(db, reports, target);
    const [size] = await db.query<{ size: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    say(
      `PostgreSQL: built ${String(events)} events in ${seconds.toFixed(0)} s, ${size?.size ?? '?'} on disk`,
    );
  }
  return db;
}

/** A new server database: empty, or a copy of the kept one of `target` events. Null with no server. */
export async function serverDatabase(
  copyName: string,
  from: { reports: number; target: number; name: string } | null,
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (from !== null) {
    const source = await serverStore(from.reports, from.target, from.name);
    if (source === null) return null;
    await source.close();
  }
  const made = await asAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${copyName}`);
    await client.query(
      `CREATE DATABASE ${copyName}${from === null ? '' : ` TEMPLATE ${serverName(from.reports, from.target, from.name)}`}`,
    );
    return true;
  });
  if (made === null) return null;
  return {
    url: urlOf(copyName),
    drop: async () => {
      await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${copyName}`));
    },
  };
}
