import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { err as pc } from './colors.js';

const watched = new WeakSet<Writable>();

/**
 * A reader that stops early (`wathiq extract --ndjson … | head -1`) closes the
 * pipe: the command then ends quietly with what it was doing, not with an
 * unhandled EPIPE. Commands see `out.destroyed` and stop writing.
 */
export function endQuietlyOnClosedPipe(out: Writable, name: string): void {
  if (watched.has(out)) return;
  watched.add(out);
  out.on('error', (error: NodeJS.ErrnoException) => {
    out.destroy();
    if (error.code === 'EPIPE') return;
    process.exitCode = 1;
    process.stderr.write(`${pc.red('wathiq:')} ${name}: ${error.message}\n`);
  });
}

/**
 * Writes with back-pressure; false once the reader has gone, so the command
 * can stop. The listeners a wait adds are removed after it, whichever event
 * ended it: none are left behind however many times the output fills.
 */
export async function write(out: Writable, text: string): Promise<boolean> {
  if (out.destroyed) return false;
  try {
    if (text !== '' && !out.write(text)) await drainedOrClosed(out);
  } catch {
    // The pipe closed under a write: the reader has what it wanted.
    out.destroy();
  }
  return !out.destroyed;
}

async function drainedOrClosed(out: Writable): Promise<void> {
  const done = new AbortController();
  const options = { signal: done.signal };
  try {
    await Promise.race([once(out, 'drain', options), once(out, 'close', options)]);
  } finally {
    done.abort();
  }
}
