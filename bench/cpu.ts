/**
 * CPU time spent on a store's work, in ms: this process's (the driver, and the
 * whole embedded engine, which runs in it) and, on a PostgreSQL server on this
 * machine, its backends' for the database (from /proc/PID/schedstat, in
 * nanoseconds). Shared cores make wall time a measure of the neighbours; CPU
 * time is the work itself. Counted per backend (the pool closes idle
 * connections and opens new ones), and for the parallel workers a plan
 * starts, which live for one query and so end between two readings, from the
 * server's own count of its ended children: each is the postmaster's child,
 * and the kernel adds what it spent to its parent's children's time when it
 * ends. Until that was counted, a query run in parallel was measured at its
 * leader's share alone. The children's time is in clock ticks (USER_HZ, 100
 * on Linux: 10 ms), whose error a mean over several runs shrinks; it also
 * counts any other child of the server ending meanwhile (autovacuum, another
 * client's backend), so the bench wants a quiet server.
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../src/store/index.js';

function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** /proc/PID/stat's fields after the command's name (field 3, the state, is [0]). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The ms of one of /proc's clock ticks (USER_HZ is 100), the unit of its children's times. */
const TICK_MS = 10;

/** The CPU ms of the server's ended children (fields 16 and 17, cutime and cstime), 0 for a server elsewhere. */
function endedChildrenCpuMs(backend: number | undefined): number {
  if (backend === undefined) return 0;
  try {
    const postmaster = Number(statFields(backend)[1]);
    const fields = statFields(postmaster);
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * Each backend's CPU so far, in ms, by pid, and the server's ended children's
 * under the key 0; none for a server this machine does not run.
 */
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
  if (spent.size > 0) spent.set(0, endedChildrenCpuMs(rows[0]?.pid));
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
