import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeLeftovers } from './temporary-dir.js';

describe("the test run's temporary folder", () => {
  const parent = mkdtempSync(join(tmpdir(), 'leftovers-'));
  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('removes the folders of killed runs and keeps those of runs still going', () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(ended).toBeGreaterThan(0);
    const killed = join(parent, `wathiq-tests-${String(ended)}-a1b2c3`);
    const going = join(parent, `wathiq-tests-${String(process.pid)}-d4e5f6`);
    const other = join(parent, 'wathiq-store-x');
    for (const folder of [killed, going, other]) mkdirSync(folder);
    removeLeftovers(parent);
    expect([existsSync(killed), existsSync(going), existsSync(other)]).toEqual([false, true, true]);
  });
});
