import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, StoreFullError } from '../../src/store/index.js';

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
