import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, dir } = captureConsole();
onEmbeddedStore();
const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');
const data = join(dir, 'data');

/** Runs the built command with text on its standard input. */
function withInput(
  input: string,
  ...args: string[]
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const p = spawn(process.execPath, [WATHIQ, ...args], {
      stdio: ['pipe', 'ignore', 'pipe'],
      env,
    });
    let stderr = '';
    p.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    p.on('close', (status) => {
      resolve({ status, stderr });
    });
    p.stdin.end(input);
  });
}

describe('wathiq user and wathiq token', () => {
  it('adds users with a password from standard input, and lists them', async () => {
    expect(
      (
        await withInput(
          'a long enough password\n',
          'user',
          'add',
          'amal',
          '--role',
          'admin',
          '--password-stdin',
          '--data',
          data,
        )
      ).status,
    ).toBe(0);
    expect(
      (
        await withInput(
          'a long enough password\n',
          'user',
          'add',
          'badr',
          '--role',
          'viewer',
          '--password-stdin',
          '--data',
          data,
        )
      ).status,
    ).toBe(0);
    const short = await withInput(
      'short\n',
      'user',
      'add',
      'sami',
      '--role',
      'viewer',
      '--password-stdin',
      '--data',
      data,
    );
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    expect(await run('user', 'list', '--data', data)).toBe(0);
    expect(out.join('')).toBe('amal\tadmin\nbadr\tviewer\n');
  });

  it('changes a role, disables a user, and refuses to remove the last admin', async () => {
    expect(await run('user', 'role', 'badr', 'editor', '--data', data)).toBe(0);
    expect(await run('user', 'disable', 'badr', '--data', data)).toBe(0);
    expect(await run('user', 'disable', 'amal', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/the last admin/);
    out.length = 0;
    await run('user', 'list', '--data', data);
    expect(out.join('')).toBe('amal\tadmin\nbadr\teditor\tdisabled\n');
  });

  it('makes a token, shows it once, lists and revokes it', async () => {
    expect(await run('token', 'create', 'amal', '--name', 'nightly', '--data', data)).toBe(0);
    expect(out.join('')).toMatch(/^wathiq_[0-9a-f]{12}_\S+\n$/);
    const id = /token ([0-9a-f]{12})/.exec(err.join(''))?.[1] ?? '';
    out.length = 0;
    await run('token', 'list', '--data', data);
    expect(out.join('')).toMatch(new RegExp(`^${id}\\tamal\\tnightly\\t.*last used never`));
    expect(await run('token', 'revoke', id, '--data', data)).toBe(0);
    expect(await run('token', 'revoke', 'nosuchtoken', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/no token nosuchtoken/);
  });
});
