import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'wathiq-tests-';

/** Whether a process of this id is running (signal 0 tests without sending). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a folder if it can: one another user's, or removed by two runs at once, is no reason to stop a run. */
function removeQuietly(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // Left for a later run, or for whoever owns it.
  }
}

/**
 * Removes the folders of earlier runs that were killed before their teardown
 * (a run stopped with SIGTERM skips it). A folder names the process of its run;
 * those of runs still going, another checkout's included, are left alone.
 */
export function removeLeftovers(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = /^wathiq-tests-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !running(Number(pid))) removeQuietly(join(parent, name));
  }
}

/**
 * Vitest's global setup: the run's temporary files go in one folder of their
 * own, removed when the run ends. Tests make stores, knowledge folders and
 * report files with mkdtemp, and spawned commands make theirs; each would
 * otherwise be left in the machine's temporary folder. Set before the test
 * workers start, TMPDIR reaches them and every command they spawn
 * (os.tmpdir() reads it at each call). Open to all, sticky, as /tmp is:
 * tests run as root spawn commands as `nobody` (test/cli/processes.ts).
 */
export function setup(): () => void {
  removeLeftovers(tmpdir());
  const run = mkdtempSync(join(tmpdir(), `${PREFIX}${String(process.pid)}-`));
  chmodSync(run, 0o1777);
  process.env.TMPDIR = run;
  return () => {
    rmSync(run, { recursive: true, force: true });
  };
}
