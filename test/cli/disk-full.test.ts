import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReports } from '../../bench/generate.js';
import { openStore } from '../../src/store/index.js';
import { wathiq } from './processes.js';

/**
 * A small disk of its own: a tmpfs, which only root may mount (and not in every
 * container); the test is skipped, saying so, where it cannot be.
 */
const scratch = mkdtempSync(join(tmpdir(), 'wathiq-disk-'));
const disk = join(scratch, 'disk');
mkdirSync(disk);
const mounted =
  process.getuid?.() === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=110m', 'tmpfs', disk]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [disk]);
});

describe.skipIf(!mounted)(
  'ingest into an embedded store whose disk fills (a real 110 MB tmpfs)',
  () => {
    it(
      'stops with one line naming the folder and the full disk, and a re-run after freeing space resumes',
      { timeout: 300_000 },
      async () => {
        const input = join(scratch, 'reports.ndjson');
        const lines = generateReports(600, 3).map((text, k) =>
          JSON.stringify({ text, published: `2024-06-${String(1 + (k % 28)).padStart(2, '0')}` }),
        );
        writeFileSync(input, `${lines.join('\n')}\n`);
        const data = join(disk, 'data');
        // Something else takes the disk's room as the ingest goes on.
        const full = await wathiq(['ingest', '--log', '--batch', '20', '--data', data, input], {
          killWhen: (stderr) => {
            if (stderr.includes('stored a batch'))
              spawnSync('fallocate', ['-l', '20m', join(disk, 'ballast')]);
            return false;
          },
        });
        const errors = full.stderr.split('\n').filter((l) => !l.startsWith('stored a batch'));
        expect(errors).toEqual([
          expect.stringMatching(
            new RegExp(
              `^wathiq: the disk holding the store at ${join(data, 'db')} is full \\(ENOSPC\\): \\d+ MB free, and the store needs 48 MB free to go on; free some space and run the command again, it resumes where it stopped$`,
            ),
          ),
          '',
        ]);
        expect(full.status).toBe(74);
        spawnSync('mount', ['-o', 'remount,size=400m', disk]);
        const resumed = await wathiq(['ingest', '--data', data, input]);
        expect(resumed.stdout).toMatch(
          /600 reports in .*: \d+ added, [1-9]\d* already have, 0 failed/,
        );
        expect(resumed.status).toBe(0);
        const db = await openStore({ dataDir: join(data, 'db') });
        try {
          expect(
            await db.query(
              'SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM documents',
            ),
          ).toEqual([{ rows: 600, ids: 600 }]);
        } finally {
          await db.close();
        }
      },
    );
  },
);
