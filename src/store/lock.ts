import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The embedded engine is a whole PostgreSQL in one process, with no shared
 * memory between processes: two of them on one folder each believe they own it,
 * so two writers duplicate rows under a primary key, and even a reader replays
 * the log and writes pages at startup. The folder is therefore held by one
 * process at a time, readers included.
 *
 * The lock is a file created whole or not at all: its content is written to a
 * file of this process's own, then hard-linked to the lock's name, which fails
 * when the name exists (`link` is atomic, on local disks and NFS alike). A
 * process that dies without releasing it (`kill -9`, power loss) leaves it
 * behind; the next one sees its process is gone and takes it over.
 */

const LOCK_FILE = 'wathiq.lock';
/** Held only while a stale lock is replaced, so two processes never replace it both. */
const TAKEOVER_FILE = 'wathiq.lock.takeover';
const ATTEMPTS = 20;
const TAKEOVER_PAUSE_MS = 50;

/** Who holds a store: enough to tell a person, and to tell whether it still runs. */
export interface LockHolder {
  readonly pid: number;
  /** What the process is doing (`wathiq ingest`), as it names itself. */
  readonly command: string;
  /** When it took the lock, ISO 8601. */
  readonly since: string;
  readonly host: string;
  /** The process's start time as the kernel counts it, where it tells (Linux): a reused pid differs. */
  readonly started: string | null;
}

/** Another process holds the store: the message says who, since when. */
export class StoreBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
    const since = holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    super(
      `the store at ${folder} is in use by ${holder.command}, pid ${String(holder.pid)}${where}, since ${since}; try again when it has finished`,
    );
    this.name = 'StoreBusyError';
  }
}

/** The kernel's start time of a process (field 22 of /proc/PID/stat); null where there is no /proc. */
function processStarted(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A process on another machine (a shared folder) cannot be asked: it is taken to run.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStarted(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const h = value as Record<string, unknown>;
    if (
      typeof h.pid !== 'number' ||
      typeof h.command !== 'string' ||
      typeof h.since !== 'string' ||
      typeof h.host !== 'string'
    )
      return null;
    return {
      pid: h.pid,
      command: h.command,
      since: h.since,
      host: h.host,
      started: typeof h.started === 'string' ? h.started : null,
    };
  } catch {
    return null;
  }
}

/** The file's text, or null when it is not there. */
function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Creates `target` with the content of `source`, or returns false when it exists. */
function linkNew(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function removeIfSame(path: string, content: string): void {
  if (readText(path) !== content) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Locks this process holds, released at exit too (a `process.exit` skips `close`). */
const held = new Map<string, string>();
process.on('exit', () => {
  for (const [path, content] of held) removeIfSame(path, content);
});

/**
 * Replaces the stale lock whose text was `stale`, unless another process is
 * already doing so, or did (the lock's text changed).
 */
function takeOver(folder: string, mine: string, content: string, stale: string): void {
  const lock = join(folder, LOCK_FILE);
  const guard = join(folder, TAKEOVER_FILE);
  if (!linkNew(mine, guard)) {
    // Another process is replacing it; a guard left by one that died then is stale too.
    const text = readText(guard);
    const holder = text === null ? null : parseHolder(text);
    if (text !== null && (holder === null || !isAlive(holder))) removeIfSame(guard, text);
    return;
  }
  try {
    removeIfSame(lock, stale);
  } finally {
    removeIfSame(guard, content);
  }
}

/**
 * Takes the embedded store's folder for this process, taking over a lock whose
 * process is gone; throws StoreBusyError naming the holder when it runs.
 * Resolves with the function that releases it.
 */
export async function lockStore(folder: string): Promise<() => void> {
  const lock = join(folder, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    command: process.title,
    since: new Date().toISOString(),
    host: hostname(),
    started: processStarted(process.pid),
  };
  const content = `${JSON.stringify(me)}\n`;
  const mine = join(
    folder,
    `${LOCK_FILE}.${String(process.pid)}.${randomBytes(4).toString('hex')}`,
  );
  writeFileSync(mine, content);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (linkNew(mine, lock)) {
        held.set(lock, content);
        return () => {
          held.delete(lock);
          removeIfSame(lock, content);
        };
      }
      const text = readText(lock);
      if (text === null) continue;
      const holder = parseHolder(text);
      if (holder !== null && isAlive(holder)) throw new StoreBusyError(folder, holder);
      takeOver(folder, mine, content, text);
      await sleep(attempt === 0 ? 0 : TAKEOVER_PAUSE_MS);
    }
    throw new Error(`could not take the lock of the store at ${folder}`);
  } finally {
    unlinkSync(mine);
  }
}
