import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';

const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');

/** What a `wathiq` child process did. */
export interface Finished {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  /** Run as this user id and group (the tests run as root where permissions do not bite). */
  readonly uid?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Called on every chunk of standard error; return true to kill the process with SIGKILL. */
  readonly killWhen?: (stderr: string) => boolean;
}

/** The built `wathiq` command in a process of its own. */
export function wathiq(
  args: readonly string[],
  options: ChildOptions = {},
): Promise<Finished> & {
  readonly pid: number | undefined;
} {
  const command =
    options.uid === undefined
      ? [process.execPath, WATHIQ, ...args]
      : [
          'setpriv',
          `--reuid=${String(options.uid)}`,
          `--regid=${String(options.uid)}`,
          '--clear-groups',
          process.execPath,
          WATHIQ,
          ...args,
        ];
  const [file = '', ...rest] = command;
  // The runner's own FORCE_COLOR would colour what the tests read.
  const inherited = { ...process.env };
  delete inherited.FORCE_COLOR;
  const p = spawn(file, rest, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, DATABASE_URL: '', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  const done = new Promise<Finished>((resolve) => {
    p.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    p.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.killWhen?.(stderr) === true) p.kill('SIGKILL');
    });
    p.on('close', (status, signal) => {
      resolve({ status, signal, stdout, stderr });
    });
  });
  return Object.assign(done, { pid: p.pid });
}

/** The user id of `nobody`, when the tests run as root and can become it; null otherwise. */
export function nobodyWhenRoot(): number | null {
  if (process.getuid?.() !== 0) return null;
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
  return probe.status === 0 ? 65534 : null;
}

/** A database of its own on the server of `serverUrl`, and a way to drop it. */
export async function serverDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
