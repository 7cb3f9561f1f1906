import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/** What the command printed, captured for each test. */
export interface Console {
  readonly out: string[];
  readonly err: string[];
  /** Runs `wathiq ARGS…` and resolves with its exit status. */
  readonly run: (...args: string[]) => Promise<number>;
  /** Writes a file in this suite's scratch folder and returns its path. */
  readonly file: (name: string, content: string | Buffer) => string;
  readonly dir: string;
}

/** Captures stdout and stderr around each test of the calling suite. */
export function captureConsole(): Console {
  const dir = mkdtempSync(join(tmpdir(), 'wathiq-cli-'));
  const console: Console = {
    out: [],
    err: [],
    dir,
    run: (...args) => main(['node', 'wathiq', ...args]),
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
  beforeEach(() => {
    console.out.length = 0;
    console.err.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      console.out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      console.err.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return console;
}

export { onEmbeddedStore } from './environment.js';
