import { describe, expect, it } from 'vitest';
import { engines } from './engines.js';

const server = engines().find((e) => e.name === 'PostgreSQL');

describe.skipIf(server === undefined)('a store on a PostgreSQL server', () => {
  it('outlives the server ending its idle connections, and answers the next query', async () => {
    const db = await (server?.open() ?? Promise.reject(new Error('no server')));
    try {
      // Three connections at once, idle in the pool afterwards.
      await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)')));
      // Another session ends every idle connection of this database, as a restart or an administrator would.
      const [ended] = await db.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(ended?.n).toBeGreaterThanOrEqual(1);
      // Let the pool hear of its ended connections (the error an unheard pool would throw).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [row] = await db.query<{ n: number }>('SELECT 1 AS n');
      expect(row?.n).toBe(1);
    } finally {
      await db.close();
    }
  });
});
