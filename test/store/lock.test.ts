import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockStore } from '../../src/store/lock.js';
import { openStore, StoreBusyError } from '../../src/store/index.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'wathiq-lock-'));
}

/** A lock as another process would have left it. */
function leaveLock(dir: string, holder: Record<string, unknown>): void {
  writeFileSync(
    join(dir, 'wathiq.lock'),
    JSON.stringify({
      command: 'wathiq ingest',
      since: '2026-01-02T03:04:05.000Z',
      host: hostname(),
      started: null,
      ...holder,
    }),
  );
}

function holderPid(dir: string): unknown {
  return (JSON.parse(readFileSync(join(dir, 'wathiq.lock'), 'utf8')) as { pid: unknown }).pid;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe('the lock on an embedded store', () => {
  it('is held by one process: a second taker is told who holds it, since when', async () => {
    const dir = folder();
    const release = await lockStore(dir);
    const second = lockStore(dir);
    await expect(second).rejects.toBeInstanceOf(StoreBusyError);
    await expect(second).rejects.toThrow(
      new RegExp(
        `^the store at ${dir} is in use by .+, pid ${String(process.pid)}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC; try again when it has finished$`,
      ),
    );
    release();
    expect(existsSync(join(dir, 'wathiq.lock'))).toBe(false);
    const again = await lockStore(dir);
    again();
  });

  it('names a holder that runs, under any user', async () => {
    const dir = folder();
    // pid 1 runs, and is not ours to signal unless we are root: EPERM means alive too.
    leaveLock(dir, { pid: 1 });
    await expect(lockStore(dir)).rejects.toThrow(
      'is in use by wathiq ingest, pid 1, since 2026-01-02 03:04:05 UTC',
    );
  });

  it('takes over a lock whose process is gone (kill -9)', async () => {
    const dir = folder();
    leaveLock(dir, { pid: deadPid() });
    const release = await lockStore(dir);
    expect(holderPid(dir)).toBe(process.pid);
    release();
  });

  it.skipIf(!existsSync('/proc/self/stat'))(
    'takes over a lock whose pid now belongs to another process',
    async () => {
      const dir = folder();
      leaveLock(dir, { pid: process.ppid, started: '1' });
      const release = await lockStore(dir);
      expect(holderPid(dir)).toBe(process.pid);
      release();
    },
  );

  it('takes over a lock file that is not a lock', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'wathiq.lock'), '');
    const release = await lockStore(dir);
    expect(holderPid(dir)).toBe(process.pid);
    release();
  });

  it('lets one of many takers of a stale lock have it, and tells the others', async () => {
    const dir = folder();
    leaveLock(dir, { pid: deadPid() });
    const takers = await Promise.allSettled([1, 2, 3, 4].map(() => lockStore(dir)));
    const won = takers.filter((t) => t.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(
      takers.filter((t) => t.status === 'rejected').map((t) => t.reason instanceof StoreBusyError),
    ).toEqual([true, true, true]);
    for (const t of won) t.value();
  });

  it('is taken by opening the store and given back by closing it', async () => {
    const dir = folder();
    const db = await openStore({ dataDir: dir });
    await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(StoreBusyError);
    await db.close();
    const reopened = await openStore({ dataDir: dir });
    await reopened.close();
  });
});
