import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SET_ASIDE } from '../../src/store/bulk.js';
import { openStore, ROOM_NEEDED, setIndexesAside, StoreFullError } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';

/** The free space the store is told its disk has; the disk's own when null. */
const disk = vi.hoisted(() => ({ free: null as number | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    statfsSync: (path: string) => {
      const real = fs.statfsSync(path);
      if (disk.free !== null) real.bavail = Math.floor(disk.free / real.bsize);
      return real;
    },
  };
});
afterEach(() => {
  disk.free = null;
});

const MB = 1024 * 1024;

describe('an embedded store on a disk that is full', () => {
  it('is not created, with one message naming the folder and the room it needs', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wathiq-room-')), 'db');
    disk.free = 5 * MB;
    const opening = openStore({ dataDir: dir });
    await expect(opening).rejects.toBeInstanceOf(StoreFullError);
    await expect(opening).rejects.toThrow(
      `the disk holding the store at ${dir} is full (ENOSPC): 5 MB free, and the store needs 48 MB free to go on; free some space and run the command again, it resumes where it stopped`,
    );
    disk.free = null;
    // The lock was given back: the store opens once there is room.
    const db = await openStore({ dataDir: dir });
    await db.close();
  });

  it('writes nothing once the disk is too full for its log, and writes again once there is room', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wathiq-room-')), 'db');
    const db = await openStore({ dataDir: dir });
    try {
      await db.query('CREATE TABLE notes (note text)');
      disk.free = 20 * MB;
      await expect(
        db.transaction((tx) => tx.query("INSERT INTO notes VALUES ('lost')")),
      ).rejects.toBeInstanceOf(StoreFullError);
      await expect(db.query("INSERT INTO notes VALUES ('lost too')")).rejects.toBeInstanceOf(
        StoreFullError,
      );
      disk.free = null;
      await db.transaction((tx) => tx.query("INSERT INTO notes VALUES ('kept')"));
      expect(await db.query('SELECT note FROM notes')).toEqual([{ note: 'kept' }]);
    } finally {
      await db.close();
    }
  });
});

/** How many of the indexes a bulk ingest sets aside the store has. */
async function indexesHeld(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = ANY($1::text[])',
    [SET_ASIDE],
  );
  return row?.n ?? -1;
}

/** A store of a few reports of our own, in a folder of its own. */
async function storeWithReports(): Promise<{ dir: string; db: Database }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'wathiq-room-')), 'db');
  const db = await openStore({ dataDir: dir });
  await db.query(
    `INSERT INTO documents (id, text, search_text, tallies, warnings)
     SELECT 'd' || k, t, t, '[]', '[]' FROM generate_series(1, 200) AS k,
       LATERAL (SELECT 'قصف مدفعي على بلدة رقم ' || k AS t) AS x`,
  );
  return { dir, db };
}

describe('the indexes a bulk ingest sets aside, on a disk short of the room their build takes', () => {
  it('are kept: their build at once would write where a failed write says nothing', async () => {
    const { db } = await storeWithReports();
    try {
      // Room for a statement, not for the build (the tables' size twice over besides).
      disk.free = ROOM_NEEDED + 64 * 1024;
      expect(await setIndexesAside(db)).toBe(false);
      disk.free = null;
      expect(await indexesHeld(db)).toBe(SET_ASIDE.length);
      expect(await setIndexesAside(db)).toBe(true);
      expect(await indexesHeld(db)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('set aside and owed, keep the store shut with one message naming the room, and are built once there is room', async () => {
    const { dir, db } = await storeWithReports();
    expect(await setIndexesAside(db)).toBe(true);
    await db.close();
    disk.free = ROOM_NEEDED + 64 * 1024;
    const opening = openStore({ dataDir: dir });
    await expect(opening).rejects.toBeInstanceOf(StoreFullError);
    await expect(opening).rejects.toThrow(
      /^the disk holding the store at .* is full \(ENOSPC\): 48 MB free, and the store needs 4[89] MB free to go on; free some space/,
    );
    disk.free = null;
    const reopened = await openStore({ dataDir: dir });
    try {
      expect(await indexesHeld(reopened)).toBe(SET_ASIDE.length);
    } finally {
      await reopened.close();
    }
  });
});
