import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  const run = mkdtempSync(join(tmpdir(), 'wathiq-tests-'));
  chmodSync(run, 0o1777);
  process.env.TMPDIR = run;
  return () => {
    rmSync(run, { recursive: true, force: true });
  };
}
