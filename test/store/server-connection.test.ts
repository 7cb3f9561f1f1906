import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';
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

const url = process.env.DATABASE_URL;

describe.skipIf(server === undefined || url === undefined)('commits on a PostgreSQL server', () => {
  const synchronousCommit = async (db: Sql): Promise<string | undefined> => {
    const [row] = await db.query<{ setting: string }>(
      "SELECT current_setting('synchronous_commit') AS setting",
    );
    return row?.setting;
  };

  it('wait for the disk, unless the store is opened by a process whose writes can all be done again', async () => {
    const waiting = await openDatabase({ url });
    const notWaiting = await openDatabase({ url, commitsWaitForDisk: false });
    try {
      expect(await synchronousCommit(waiting)).toBe('on');
      expect(await synchronousCommit(notWaiting)).toBe('off');
      // Every connection of its pool, in a transaction or a session as well.
      expect(await notWaiting.transaction(synchronousCommit)).toBe('off');
      expect(await notWaiting.session(synchronousCommit)).toBe('off');
    } finally {
      await waiting.close();
      await notWaiting.close();
    }
  });
});

describe.skipIf(server === undefined)('a session on a PostgreSQL server', () => {
  it('runs every statement on one connection, each committed on its own', async () => {
    const db = await (server?.open() ?? Promise.reject(new Error('no server')));
    try {
      const [first, second] = await db.session(async (session) => {
        const pid = async (): Promise<number | undefined> =>
          (await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]?.pid;
        const before = await pid();
        // Not in a transaction: a statement no transaction may hold runs.
        await session.query('VACUUM schema_migrations');
        return [before, await pid()];
      });
      expect(first).toBeDefined();
      expect(second).toBe(first);
    } finally {
      await db.close();
    }
  });
});
