import type { Database } from '../../src/store/index.js';

/** Waits until a session of this store waits for a governorate's linking lock held elsewhere. */
export async function someoneWaitsForALock(db: Database): Promise<boolean> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks
       WHERE locktype = 'advisory' AND NOT granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if ((row?.n ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
