/**
 * CPU time spent on a store's work, in ms: this process's (the driver, and the
 * whole embedded engine, which runs in it) and, on a PostgreSQL server on this
 * machine, its backends' for the database (from /proc/PID/schedstat, in
 * nanoseconds). Shared cores make wall time a measure of the neighbours; CPU
 * time is the work itself. Counted per backend: the pool closes idle
 * connections and opens new ones, and a parallel worker lives for one query
 * (one that starts and ends between two readings is not counted).
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../src/store/index.js';

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Each backend's CPU so far, in ms, by pid; none for a server this machine does not run. */
async function backendsCpuMs(db: Database): Promise<Map<number, number>> {
  const spent = new Map<number, number>();
  if (db.engine !== 'postgres') return spent;
  const rows = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = current_database() AND backend_type IN ('client backend', 'parallel worker')`,
  );
  for (const { pid } of rows) {
    try {
      const ns = Number(readFileSync(`/proc/${String(pid)}/schedstat`, 'utf8').split(' ')[0]);
      if (Number.isFinite(ns)) spent.set(pid, ns / 1e6);
    } catch {
      // A server elsewhere (its /proc is not ours), or a backend that has just ended.
    }
  }
  return spent;
}

/** Starts counting; the function returned gives the CPU ms spent since. */
export async function cpuClock(db: Database): Promise<() => Promise<number>> {
  const own = ownCpuMs();
  const before = await backendsCpuMs(db);
  return async () => {
    let backends = 0;
    for (const [pid, ms] of await backendsCpuMs(db)) backends += ms - (before.get(pid) ?? 0);
    return ownCpuMs() - own + backends;
  };
}
