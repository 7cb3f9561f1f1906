import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/store/index.js';

describe('an embedded store', () => {
  it('lets timers and other requests run while a long run of queries goes on', async () => {
    const db = await openDatabase({});
    try {
      let ticks = 0;
      const timer = setInterval(() => {
        ticks++;
      }, 5);
      try {
        // Queries one after another for 300 ms, as a batch's statements come.
        const start = performance.now();
        for (let n = 0; performance.now() - start < 300; n++)
          await db.query('SELECT $1::int AS n', [n]);
      } finally {
        clearInterval(timer);
      }
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('runs its engine with a small page cache and log segments not zeroed first, in memory and in a folder, new or opened again', async () => {
    const settings = async (db: Database): Promise<unknown> =>
      (
        await db.query(
          "SELECT current_setting('shared_buffers') AS buffers, current_setting('wal_init_zero') AS zeroed",
        )
      )[0];
    const expected = { buffers: '8MB', zeroed: 'off' };
    const memory = await openDatabase({});
    try {
      expect(await settings(memory)).toEqual(expected);
    } finally {
      await memory.close();
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'wathiq-settings-'));
    try {
      // Made by initdb in a child, then opened again as an existing folder.
      for (let opening = 0; opening < 2; opening++) {
        const db = await openDatabase({ dataDir });
        try {
          expect(await settings(db)).toEqual(expected);
        } finally {
          await db.close();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('gives a serving process a larger page cache, and the next command on the same folder the small one', async () => {
    const buffers = async (db: Database): Promise<unknown> =>
      (await db.query("SELECT current_setting('shared_buffers') AS buffers"))[0];
    const dataDir = mkdtempSync(join(tmpdir(), 'wathiq-serving-'));
    try {
      const served = await openDatabase({ dataDir, serving: true });
      try {
        expect(await buffers(served)).toEqual({ buffers: '64MB' });
      } finally {
        await served.close();
      }
      const command = await openDatabase({ dataDir });
      try {
        expect(await buffers(command)).toEqual({ buffers: '8MB' });
      } finally {
        await command.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf((process.env.DATABASE_URL ?? '') === '')('a server store', () => {
  const setting = "SELECT current_setting('max_parallel_workers_per_gather') AS workers";

  it('plans a statement asked to be serial without parallel workers, and others as before', async () => {
    const db = await openDatabase({ url: process.env.DATABASE_URL ?? '' });
    try {
      const [usual] = await db.query<{ workers: string }>(setting);
      expect(await db.query(setting, [], { serial: true })).toEqual([{ workers: '0' }]);
      // The pool's connections keep their own setting, whichever ran the serial statement.
      for (let k = 0; k < 4; k++) expect(await db.query(setting)).toEqual([usual]);
      // Within a transaction, for that statement alone: the transaction's later ones are planned
      // as before (set here, so that a server configured without workers tests it too).
      await db.transaction(async (tx) => {
        await tx.query('SET LOCAL max_parallel_workers_per_gather = 3');
        expect(await tx.query(setting, [], { serial: true })).toEqual([{ workers: '0' }]);
        expect(await tx.query(setting)).toEqual([{ workers: '3' }]);
      });
    } finally {
      await db.close();
    }
  });

  it('runs again a transaction the server failed to break a deadlock, five times at most, and no other', async () => {
    const db = await openDatabase({ url: process.env.DATABASE_URL ?? '' });
    try {
      const failing = (code: string) => {
        const runs = { count: 0 };
        const work = db.transaction(async (tx) => {
          runs.count++;
          await tx.query('SELECT 1');
          throw Object.assign(new Error(`failed with ${code}`), { code });
        });
        return { runs, work };
      };
      const deadlocked = failing('40P01');
      await expect(deadlocked.work).rejects.toThrow('failed with 40P01');
      expect(deadlocked.runs.count).toBe(5);
      const refused = failing('23505');
      await expect(refused.work).rejects.toThrow('failed with 23505');
      expect(refused.runs.count).toBe(1);
      let runs = 0;
      const once = await db.transaction(async (tx) => {
        runs++;
        await tx.query('SELECT 1');
        if (runs < 3) throw Object.assign(new Error('deadlock'), { code: '40P01' });
        return 'stored';
      });
      expect([once, runs]).toEqual(['stored', 3]);
    } finally {
      await db.close();
    }
  });
});
