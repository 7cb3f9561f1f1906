import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');

/** Runs the built command with `input` on its standard input. */
function withInput(
  args: readonly string[],
  input: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
    delete env.FORCE_COLOR;
    const p = spawn(process.execPath, [WATHIQ, ...args], { env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
    p.stdin.end(input);
  });
}

describe('wathiq ingest -', () => {
  it('takes a pasted report from standard input, with its front matter', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'wathiq-stdin-')), 'data');
    const report =
      '---\npublished: 2024-03-14\noutlet: شبكة أ\n---\nقتل مدنيان في قصف مدفعي لقوات النظام على بلدة سراقب جنوبي إدلب اليوم، بحسب الدفاع المدني السوري.\n';
    const done = await withInput(['ingest', '--data', data, '-'], report);
    expect(done.stdout).toMatch(/1 reports in .* 1 added/);
    expect(done.status).toBe(0);
    const exported = await withInput(['export', '--data', data, '--format', 'acled'], '');
    expect(exported.stdout).toMatch(/\n[A-Z]{3}\d+,2024-03-14,2024,1,/);
  });
});
