/**
 * CPU time spent on a store's work, in ms: this process's (the driver, and the
 * whole embedded engine, which runs in it) and, on a PostgreSQL server on this
 * machine, its client backends' for the database (from /proc/PID/schedstat,
 * in nanoseconds). Shared cores make wall time a measure of the neighbours;
 * CPU time is the work itself.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../src/store/index.js';

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The backends' CPU so far; 0 for a server this machine does not run (its /proc is not ours). */
async function backendCpuMs(db: Database): Promise<number> {
  if (db.engine !== 'postgres') return 0;
  const rows = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = current_database() AND backend_type = 'client backend'`,
  );
  let ns = 0;
  for (const { pid } of rows) {
    try {
      ns += Number(readFileSync(`/proc/${String(pid)}/schedstat`, 'utf8').split(' ')[0] ?? 0);
    } catch {
      // A server elsewhere, or a backend that has just ended: its time is not counted.
    }
  }
  return ns / 1e6;
}

/** Starts counting; the function returned gives the CPU ms spent since. */
export async function cpuClock(db: Database): Promise<() => Promise<number>> {
  const own = ownCpuMs();
  const backends = await backendCpuMs(db);
  return async () => ownCpuMs() - own + (await backendCpuMs(db)) - backends;
}
