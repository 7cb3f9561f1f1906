import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFailures, openStore } from '../../src/store/index.js';
import { REPORTS } from '../link/reports.js';
import { nobodyWhenRoot, serverDatabase, wathiq } from './processes.js';

const serverUrl = process.env.DATABASE_URL;
/**
 * Permissions do not stop root: as root, the commands run as `nobody`, for
 * whom a file with no read permission is unreadable as it is for any user.
 */
const uid = nobodyWhenRoot();
const canTest = process.getuid?.() !== 0 || uid !== null;

/** A folder of four reports: one file without read permission, one subfolder that cannot be listed. */
function reports(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wathiq-unreadable-'));
  chmodSync(dir, 0o777);
  const inputs = join(dir, 'in');
  mkdirSync(join(inputs, 'sub'), { recursive: true });
  writeFileSync(join(inputs, 'a.txt'), REPORTS.monitor.text);
  writeFileSync(join(inputs, 'b.txt'), REPORTS.sdf.text);
  writeFileSync(join(inputs, 'c.txt'), REPORTS.shelling.text);
  writeFileSync(join(inputs, 'sub', 'd.txt'), REPORTS.amaq.text);
  chmodSync(join(inputs, 'b.txt'), 0o000);
  chmodSync(join(inputs, 'sub'), 0o000);
  return dir;
}

const FAILURES = [
  { source: 'in/b.txt', reason: 'permission denied: wathiq may not read this file' },
  { source: 'in/sub', reason: 'permission denied: wathiq may not read this folder' },
];

async function failuresIn(options: { url?: string; dataDir?: string }, dir: string) {
  const db = await openStore(options);
  try {
    return (await listFailures(db)).map((f) => ({
      source: f.source.replace(`${dir}/`, ''),
      reason: f.reason,
    }));
  } finally {
    await db.close();
  }
}

describe.skipIf(!canTest)('an unreadable file or folder', () => {
  it('is one failure line and one --failed row; the batch goes on', async () => {
    const dir = reports();
    const data = join(dir, 'data');
    const run = await wathiq(
      ['ingest', '--data', data, '--no-progress', '--published', '2024-03-01', join(dir, 'in')],
      {
        ...(uid === null ? {} : { uid }),
      },
    );
    expect(run.stderr.trim().split('\n')).toEqual([
      `wathiq: ${dir}/in/b.txt: permission denied: wathiq may not read this file`,
      `wathiq: ${dir}/in/sub: permission denied: wathiq may not read this folder`,
    ]);
    expect(run.stdout).toMatch(/4 reports in .*: 2 added, 0 already have, 2 failed/);
    expect(run.status).toBe(1);
    expect(await failuresIn({ dataDir: join(data, 'db') }, dir)).toEqual(FAILURES);
  });

  it.skipIf(serverUrl === undefined || serverUrl === '')(
    'is a --failed row when queued for workers too, and the rest is queued',
    async () => {
      const dir = reports();
      const db = await serverDatabase(
        serverUrl ?? '',
        `wathiq_test_unreadable_${String(process.pid)}`,
      );
      try {
        const run = await wathiq(['ingest', '--queue', '--db', db.url, join(dir, 'in')], {
          ...(uid === null ? {} : { uid }),
        });
        expect(run.stdout).toMatch(/queued 2 reports .* 2 failed/);
        expect(run.status).toBe(1);
        expect(await failuresIn({ url: db.url }, dir)).toEqual(FAILURES);
      } finally {
        await db.drop();
      }
    },
  );
});
