import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { cpuClock } from '../../bench/cpu.js';
import type { Sql } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

const server = engines().find((e) => e.name === 'PostgreSQL');
const embedded = engines().find((e) => e.name === 'PGlite');

/** Enough arithmetic for a backend to spend a few hundred ms on. */
const BURN = 'SELECT sum((g * g) % 7)::int AS s FROM burn';

function backendCpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${String(pid)}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

async function backendPid(sql: Pick<Sql, 'query'>): Promise<number> {
  const [row] = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return row?.pid ?? -1;
}

/** This process's CPU ms since `since` (process.cpuUsage). */
function ownMsSince(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

/** The pids of this process's children running the clock's sampler (its code is its argument). */
function samplerPids(): number[] {
  const self = `/proc/${String(process.pid)}/task`;
  return readdirSync(self)
    .flatMap((task) => readFileSync(`${self}/${task}/children`, 'utf8').split(' '))
    .filter((pid) => pid.trim() !== '')
    .map(Number)
    .filter((pid) =>
      readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').includes('samplingProcess'),
    );
}

/** The CPU ms a backend spends on a statement, read by its pid as the statement runs in a transaction. */
async function measured(sql: Pick<Sql, 'query'>, text: string): Promise<number> {
  const pid = await backendPid(sql);
  const before = backendCpuMs(pid);
  await sql.query(text);
  return backendCpuMs(pid) - before;
}

describe.skipIf(server === undefined)('the bench CPU clock on a PostgreSQL server', () => {
  const open = () => server?.open() ?? Promise.reject(new Error('no server'));

  it("counts its backend's CPU for a statement", async () => {
    const db = await open();
    try {
      await db.query('CREATE TABLE burn AS SELECT generate_series(1, 1000000)::bigint AS g');
      const ownFrom = process.cpuUsage();
      const spent = await cpuClock(db);
      // In this backend alone: parallel workers would spend beside it what it does not count.
      const backend = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
        return measured(tx, BURN);
      });
      const counted = await spent();
      const own = ownMsSince(ownFrom);
      expect(backend).toBeGreaterThan(20);
      expect(counted).toBeGreaterThanOrEqual(backend * 0.95);
      // And no more: the statement, this process, and a few small statements around them.
      expect(counted).toBeLessThan(backend + own + 30);
    } finally {
      await db.close();
    }
  });

  it('counts the parallel workers of its queries', async () => {
    const db = await open();
    try {
      await db.query('CREATE TABLE burn AS SELECT generate_series(1, 2000000)::bigint AS g');
      await db.query('ANALYZE burn');
      const serial = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
        return measured(tx, BURN);
      });
      const ownFrom = process.cpuUsage();
      const spent = await cpuClock(db);
      const { leader, launched } = await db.transaction(async (tx) => {
        // Two workers do all the work: the leader only gathers their sums.
        for (const setting of [
          'parallel_setup_cost = 0',
          'parallel_tuple_cost = 0',
          'min_parallel_table_scan_size = 0',
          'parallel_leader_participation = off',
          'max_parallel_workers_per_gather = 2',
        ])
          await tx.query(`SET LOCAL ${setting}`);
        const pid = await backendPid(tx);
        const before = backendCpuMs(pid);
        const plan = await tx.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${BURN}`);
        return {
          leader: backendCpuMs(pid) - before,
          // On the Gather node, beneath the aggregate that finishes the workers' sums.
          launched: Number(/"Workers Launched":\s*(\d+)/.exec(JSON.stringify(plan))?.[1]),
        };
      });
      const counted = await spent();
      const own = ownMsSince(ownFrom);
      expect(launched).toBe(2);
      expect(leader).toBeLessThan(serial * 0.5);
      // The workers' share is counted: near the serial run's whole (each of two workers ends within a sample of its last),
      // and not many times over. (Two workers at once on this machine's two virtual cores can each take up to twice the
      // CPU for their half: their whole was seen at 2.0–2.1× the serial run's, 1 run in 3, on builds before and after.)
      expect(counted).toBeGreaterThan(serial * 0.8);
      expect(counted).toBeLessThan(serial * 2.5 + own + 50);
    } finally {
      await db.close();
    }
  });

  it('fails with a message when its sampler has ended, and the next clock starts another', async () => {
    const db = await open();
    try {
      const spent = await cpuClock(db);
      const [sampler] = samplerPids();
      expect(sampler).toBeGreaterThan(0);
      process.kill(sampler ?? -1, 'SIGKILL');
      await expect(spent()).rejects.toThrow(/the CPU sampler/);
      const again = await cpuClock(db);
      await db.query('SELECT 1');
      expect(await again()).toBeGreaterThanOrEqual(0);
      expect(samplerPids()).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('runs one clock at a time, refusing a second started beside it', async () => {
    const db = await open();
    try {
      const [first, second] = await Promise.allSettled([cpuClock(db), cpuClock(db)]);
      expect(second.status).toBe('rejected');
      expect(first.status).toBe('fulfilled');
      if (first.status === 'fulfilled') expect(await first.value()).toBeGreaterThanOrEqual(0);
      const next = await cpuClock(db);
      expect(Number.isFinite(await next())).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("leaves out another client's backend, even one ending while it counts", async () => {
    const db = await open();
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    let ended = false;
    try {
      await other.connect();
      await other.query(
        'CREATE TEMP TABLE burn AS SELECT generate_series(1, 1000000)::bigint AS g',
      );
      const spent = await cpuClock(db);
      const theirs = await measured(
        { query: async <R extends object>(text: string) => (await other.query(text)).rows as R[] },
        BURN,
      );
      await other.end();
      ended = true;
      await new Promise((resolve) => setTimeout(resolve, 50));
      const counted = await spent();
      expect(theirs).toBeGreaterThan(20);
      expect(counted).toBeLessThan(theirs * 0.5);
    } finally {
      if (!ended) await other.end();
      await db.close();
    }
  });
});

describe.skipIf(embedded === undefined)('the bench CPU clock on the embedded engine', () => {
  it('counts the CPU of a statement the engine runs in this process', async () => {
    const db = await (embedded?.open() ?? Promise.reject(new Error('no engine')));
    try {
      await db.query('CREATE TABLE burn AS SELECT generate_series(1, 300000)::bigint AS g');
      const spent = await cpuClock(db);
      const started = process.cpuUsage();
      await db.query(BURN);
      const { user, system } = process.cpuUsage(started);
      const counted = await spent();
      expect(counted).toBeGreaterThanOrEqual(((user + system) / 1000) * 0.95);
    } finally {
      await db.close();
    }
  });
});
