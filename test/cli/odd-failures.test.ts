import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wathiq } from './processes.js';

const REPORT = 'قتل مدنيان بقصف مدفعي على بلدة كفرنبل جنوبي إدلب صباح اليوم.';

describe('a store reached through a symbolic link', () => {
  it('opens as if named by its real folder (a store moved to another disk and linked back)', async () => {
    const real = mkdtempSync(join(tmpdir(), 'wathiq-real-'));
    const linked = mkdtempSync(join(tmpdir(), 'wathiq-linked-'));
    const report = join(real, 'report.txt');
    writeFileSync(report, REPORT);
    const ingest = await wathiq(['ingest', '--data', real, '--published', '2024-03-14', report]);
    expect(ingest.status).toBe(0);
    symlinkSync(join(real, 'db'), join(linked, 'db'));
    const run = await wathiq(['export', '--data', linked, '--format', 'csv']);
    expect(run.stderr).not.toContain('[object Object]');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2024-03-14');
  });
});
