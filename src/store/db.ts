import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { lockStore } from './lock.js';
import { diskFullAs, ensureRoom } from './room.js';

/** How a statement is run. */
export interface QueryOptions {
  /**
   * Planned for its values at every run, never once for any values. A filter's
   * best plan depends on how many events its values match: the plan a
   * prepared statement settles on after five runs guesses that, and for a
   * count of a claimant's events it guessed 0.5% of them where there were
   * half, and read them all through the heap (10–20× slower).
   */
  readonly planEachTime?: boolean;
  /**
   * Planned without parallel workers (the server's; the embedded engine has
   * none). A statement of many small reads the planner prices high (each row
   * as a page of its own) went to two workers, whose start alone cost
   * 100-250 ms on a loaded machine where the statement takes 5-60 ms.
   */
  readonly serial?: boolean;
}

/** Something SQL runs on: the database, or one transaction of it. Parameters only, never spliced. */
export interface Sql {
  query<R extends object>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
}

/** One of wathiq's two engines behind the same SQL. */
export interface Database extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** Where the data lives, for messages (a folder, or the server URL without its password). */
  readonly location: string;
  /**
   * Runs `work` in a transaction: all of it is stored, or none. A transaction
   * the server fails to break a deadlock is run again from the start, so
   * `work` writes only through `tx` (or what running it twice leaves the same).
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection, each statement committed on its own: for
   * what holds a session (an advisory lock) around statements no transaction
   * may hold (VACUUM).
   */
  session<T>(work: (session: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Why a store cannot be had: none in the folder named, one that could not be made, or a server that does not answer (with its words). */
export type Unavailable =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreachable' | 'uncreatable'; readonly detail: string };

/** The database cannot be reached (a server that does not answer) or is not there (no store in the folder). */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly location: string,
    readonly reason: Unavailable,
  ) {
    super(
      `${location}: ${
        reason.kind === 'missing'
          ? 'no wathiq store here; ingest reports first, or name the store with --data DIR, WATHIQ_DATA or --db URL'
          : reason.kind === 'uncreatable'
            ? `could not create the store (${reason.detail})`
            : `database unreachable (${reason.detail})`
      }`,
    );
  }
}

/** A server URL without its password, for messages. */
function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export interface DatabaseOptions {
  /** A PostgreSQL server URL; the embedded engine in `dataDir` when absent. */
  readonly url?: string | null;
  /** The embedded engine's folder; in memory when absent too. */
  readonly dataDir?: string | null;
  /**
   * Whether a commit on the server waits for its record to reach the disk
   * (PostgreSQL's synchronous_commit; true unless told otherwise). Only a
   * process whose every write can be done again may say no: a worker, whose
   * queue keeps each bundle's bytes until the job is completed. A crash then
   * loses at most the last fraction of a second of commits, and the server's
   * log is never replayed past a commit it lost, so a job completed after its
   * reports were stored is never kept without them: the job comes back, and
   * storing the same bytes again is a no-op. Waiting for the disk (5–6 ms a
   * commit on a shared machine's disk) held the linking lock (lockAreas)
   * that the other workers wait on.
   */
  readonly commitsWaitForDisk?: boolean;
  /**
   * Whether the process answers requests for as long as it runs (`serve`,
   * `start`): on the embedded engine, a larger page cache and the engine's
   * WebAssembly optimized by V8 as it runs (SERVING_BUFFERS, BASELINE_WASM). False for a command that does its
   * work and ends.
   */
  readonly serving?: boolean;
}

/**
 * Arabic names are short: one letter off leaves about half their trigrams in
 * common, under pg_trgm's default bar of 0.6 for a word match.
 */
export const WORD_SIMILARITY = 0.5;

/** Dates stay `YYYY-MM-DD` text, as the contract has them, on both engines. */
const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/**
 * The embedded engine's page cache. PostgreSQL's default (128 MB) is written
 * through when the engine starts, so every process that opens the store holds
 * it whole (and spends ~0.5 s of CPU filling it); the operating system caches
 * the data folder's files behind it anyway. A page read into the cache stays
 * in the process's memory until it ends: with 16 MB, an ingest of 10,000
 * reports of one month held 62 MB of the engine's memory at the end, 8 MB
 * 54–56 MB, for the same CPU time within the noise (2,000 reports: 12.1–12.7 s
 * against 11.8–12.4). npm run bench:store measures it.
 */
const EMBEDDED_BUFFERS = '8MB';

/**
 * The embedded engine's log segments made without writing them through with
 * zeros first (PostgreSQL's wal_init_zero, there for file systems that do not
 * allocate a file's blocks until written). An ingest writes a 16 MB segment
 * every few hundred reports, and zeroing each cost writes as large as the
 * log itself: 2,000 generated reports took 8.18–8.79 s of CPU against
 * 8.15–9.49 (medians 8.35 and 8.88, 5 runs each, load 10–13 on 2 cores) and
 * peaked at 196–199 MB against 207–209. The room a store keeps free
 * (room.ts) is checked before each transaction as before.
 */
const LOG_SEGMENTS_ZEROED = 'off';

/**
 * The embedded engine's page cache in a process that serves (`serving`). A
 * page not in the cache is read through the WebAssembly's file system, a call
 * out to Node per 8 kB page: with 8 MB, a map of one actor and one claimant
 * at 1,000,000 events read ~3,200 pages of its counts by square on every
 * request. Without BASELINE_WASM, the views that cost most took about as
 * little CPU with 32, 64 or 128 MB (within the noise of a loaded machine); a
 * server opened on that store and asked every view of six filters held 250,
 * 271 and 365 MB, against 165 MB for a command. A server takes 64 MB, and
 * ~1.5 s of CPU more to open.
 */
const SERVING_BUFFERS = '64MB';

/** PostgreSQL's start-up options for the embedded engine: PGlite's own, the page cache and log segments above. */
const embeddedStartParams = (defaults: readonly string[], serving: boolean): string[] => [
  ...defaults,
  '-c',
  `shared_buffers=${serving ? SERVING_BUFFERS : EMBEDDED_BUFFERS}`,
  '-c',
  `wal_init_zero=${LOG_SEGMENTS_ZEROED}`,
];

/**
 * The embedded engine's WebAssembly is run by V8's baseline compiler only.
 * By default V8 recompiles the functions PostgreSQL runs most with its
 * optimizing compiler, on other threads: opening a store recompiled hundreds
 * of them, ~0.5 s of CPU before the first row (~40% of `export`'s start-up),
 * and an ingest of 10,000 reports never won it back (the same CPU time either
 * way, against 14 s → 10 s for 2,000; a new store's initdb 6.8 s → 3.9 s).
 * The flag is read when the module is compiled, so it is set before the
 * engine is loaded; it touches nothing but WebAssembly, and PostgreSQL is the
 * only WebAssembly wathiq runs. Node does not promise what a flag set after
 * start-up does: `bench:store` is where a Node upgrade that ignores it shows.
 * A process that serves (`serving`) does not set it: it runs the engine for
 * hours, and its queries win the compiling back many times over. The flag is
 * never unset, and PGlite keeps the module it compiled first: whichever kind
 * of process opens an embedded store first decides for the process.
 */
const BASELINE_WASM = '--liftoff-only';

/**
 * A new embedded store is made by PostgreSQL's initdb, which PGlite runs in a
 * second engine beside the first: ~670 MB at its peak and ~4 s of CPU, and a
 * process keeps WebAssembly memory until it ends. So it runs in a child that
 * ends when the folder is made, and the command that goes on to ingest or
 * serve never holds it. The child is plain `node -e` with PGlite's own entry
 * point, so it runs the same from the built package and from the sources.
 */
async function createEmbedded(dataDir: string, startParams: readonly string[]): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `require(${JSON.stringify(entry)}).PGlite.create({ dataDir: process.argv[1], startParams: JSON.parse(process.argv[2]) })
    .then((db) => db.close())
    .catch((error) => { process.stderr.write(String(error?.message ?? error)); process.exitCode = 1; });`;
  const child = spawn(
    process.execPath,
    [BASELINE_WASM, '-e', script, dataDir, JSON.stringify(startParams)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let said = '';
  child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const [status, signal] = (await once(child, 'close')) as [number | null, string | null];
  if (status !== 0)
    throw new StoreUnavailableError(dataDir, {
      kind: 'uncreatable',
      // A child killed before it could say why leaves its signal or status as the reason.
      detail:
        said.trim().split('\n')[0] || `stopped by ${signal ?? `exit status ${String(status)}`}`,
    });
}

/** Opens the server database when a URL is given, else the embedded one. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url !== undefined && options.url !== null && options.url !== '')
    return openServer(options.url, options.commitsWaitForDisk ?? true);
  return openEmbedded(options.dataDir ?? null, options.serving ?? false);
}

/**
 * Each engine's driver is loaded when a database is opened, not when wathiq
 * starts: commands that never open one (`extract`) do not pay for loading them.
 */
async function openEmbedded(dataDir: string | null, serving: boolean): Promise<Database> {
  let release = (): void => undefined;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    // One process at a time on a folder (see lock.ts), taken before the engine touches it.
    release = await lockStore(dataDir);
  }
  let db: PGlite;
  try {
    if (dataDir !== null) ensureRoom(dataDir);
    if (!serving) setFlagsFromString(BASELINE_WASM);
    const [{ PGlite }, { pg_trgm }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
    ]);
    const startParams = embeddedStartParams(PGlite.defaultStartParams, serving);
    if (dataDir !== null && !existsSync(join(dataDir, 'PG_VERSION')))
      // (initdb's child runs once and ends: a command's settings. The cache is set again by
      // `-c` at each start, so a folder made here is served with the larger one.)
      await createEmbedded(dataDir, embeddedStartParams(PGlite.defaultStartParams, false));
    const identity = (value: string): string => value;
    db = await PGlite.create({
      ...(dataDir === null ? {} : { dataDir }),
      startParams,
      extensions: { pg_trgm },
      parsers: {
        [DATE_OID]: identity,
        [TIMESTAMPTZ_OID]: identity,
        [INT8_OID]: (value: string) => Number(value),
      },
    });
    await db.query(`SET pg_trgm.word_similarity_threshold = ${String(WORD_SIMILARITY)}`);
  } catch (error) {
    release();
    throw error;
  }
  const location = dataDir ?? 'memory';
  // Every statement is checked for room before it runs, except inside a
  // transaction, whose room was checked when it began.
  const room = (): void => {
    if (dataDir !== null) ensureRoom(dataDir);
  };
  const yieldNow = turnTaker();
  // PGlite plans every statement with its values (no named statements): as planEachTime asks.
  const on = (q: Pick<PGlite, 'query'>, before: () => void): Sql => ({
    query: async <R extends object>(text: string, params: readonly unknown[] = []) => {
      await yieldNow();
      before();
      try {
        return (await q.query<R>(text, [...params])).rows;
      } catch (error) {
        throw diskFullAs(error, location);
      }
    },
  });
  const inTransaction = (): void => undefined;
  return {
    engine: 'pglite',
    location,
    ...on(db, room),
    // One connection, PGlite's only one.
    session: (work) => work(on(db, room)),
    transaction: async (work) => {
      room();
      try {
        return await db.transaction((tx) => work(on(tx, inTransaction)));
      } catch (error) {
        throw diskFullAs(error, location);
      }
    },
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/** How long the embedded engine's queries may keep the event loop before it takes a turn. */
const TURN_AFTER_MS = 20;

/**
 * PGlite answers a query without leaving the microtask queue (3,000 queries
 * in a loop let a 10 ms interval tick not once in a second), so a long run of
 * them — a batch uploaded to \`serve\`, a reprocess — kept the server from
 * every other request, and from its timers, until it ended. Before a query,
 * once the last turn of the event loop is TURN_AFTER_MS old, one is taken.
 */
function turnTaker(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < TURN_AFTER_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

const OWN_PARSERS: ReadonlyMap<number, (value: string) => unknown> = new Map<
  number,
  (value: string) => unknown
>([
  [DATE_OID, (value: string) => value],
  [TIMESTAMPTZ_OID, (value: string) => value],
  [INT8_OID, (value: string) => Number(value)],
]);

const statementNames = new Map<string, string>();

/**
 * Every statement wathiq sends is fixed text with parameters, so each can be
 * prepared once per connection and planned once, not at every report.
 */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `wathiq_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A command's settings for each of its connections to the server. */
function connectionSettings(commitsWaitForDisk: boolean): string {
  const settings = [`-c pg_trgm.word_similarity_threshold=${String(WORD_SIMILARITY)}`];
  if (!commitsWaitForDisk) settings.push('-c synchronous_commit=off');
  return settings.join(' ');
}

/**
 * How many times a transaction is run that the server keeps failing to break
 * deadlocks: each time one of the transactions waiting on each other is
 * failed and the others go on, so a second run mostly finds the way clear.
 */
const DEADLOCK_ATTEMPTS = 5;

/** Whether the server failed this transaction to break a deadlock (SQLSTATE 40P01). */
export function brokenDeadlock(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '40P01';
}

/** Where a statement runs on the server: any connection of the pool, one held as a session, or one in a transaction. */
type Connection =
  | { readonly kind: 'pool'; readonly pool: Pool }
  | { readonly kind: 'session' | 'transaction'; readonly client: PoolClient };

async function openServer(url: string, commitsWaitForDisk: boolean): Promise<Database> {
  const { default: pg } = await import('pg');
  /** This pool's parsers only: pg-boss, in the same process, keeps the driver's own. */
  const serverParser: typeof pg.types.getTypeParser = (oid, format) =>
    OWN_PARSERS.get(oid) ?? (pg.types.getTypeParser(oid, format) as (value: string) => unknown);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    options: connectionSettings(commitsWaitForDisk),
    types: { getTypeParser: serverParser },
  });
  // An idle connection the server ends (a restart, an administrator, a dropped
  // database) is reported here; unheard, Node ends the process (`serve` with it).
  // The pool has already let it go: the next query opens another, or fails with its own error.
  pool.on('error', () => undefined);
  // Fail now, with the server's own words, rather than at the first query.
  const location = withoutPassword(url);
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const words = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(location, { kind: 'unreachable', detail: words });
  }
  /**
   * Runs a statement serially (QueryOptions.serial) on a connection: with no
   * parallel workers for it alone, as a setting of a transaction of its own
   * (on a connection of the pool, or the session's), or within the caller's
   * transaction, put back as it was afterwards.
   */
  const serially = async <R extends object>(
    on: Connection,
    statement: { text: string; values: unknown[]; name?: string },
  ): Promise<R[]> => {
    const inTransaction = on.kind === 'transaction';
    const client = on.kind === 'pool' ? await on.pool.connect() : on.client;
    try {
      if (!inTransaction) await client.query('BEGIN');
      const [was] = (
        await client.query<{ was: string }>(
          `SELECT current_setting('max_parallel_workers_per_gather') AS was,
                  set_config('max_parallel_workers_per_gather', '0', true)`,
        )
      ).rows;
      const rows = (await client.query<R>(statement)).rows;
      if (inTransaction)
        await client.query("SELECT set_config('max_parallel_workers_per_gather', $1, true)", [
          was?.was ?? '0',
        ]);
      else await client.query('COMMIT');
      return rows;
    } catch (error) {
      if (!inTransaction) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      if (on.kind === 'pool') client.release();
    }
  };
  const sql = (on: Connection): Sql => ({
    query: async <R extends object>(
      text: string,
      params: readonly unknown[] = [],
      options: QueryOptions = {},
    ) => {
      // An unnamed statement is planned with its values each time it runs.
      const statement =
        options.planEachTime === true
          ? { text, values: [...params] }
          : { name: statementName(text), text, values: [...params] };
      try {
        if (options.serial === true) return await serially<R>(on, statement);
        return on.kind === 'pool'
          ? (await on.pool.query<R>(statement)).rows
          : (await on.client.query<R>(statement)).rows;
      } catch (error) {
        throw diskFullAs(error, location);
      }
    },
  });
  return {
    engine: 'postgres',
    location,
    ...sql({ kind: 'pool', pool }),
    transaction: async (work) => {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work(sql({ kind: 'transaction', client }));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (!brokenDeadlock(error) || attempt === DEADLOCK_ATTEMPTS) throw error;
        } finally {
          client.release();
        }
      }
    },
    session: async (work) => {
      const client = await pool.connect();
      try {
        return await work(sql({ kind: 'session', client }));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
