import { statfsSync } from 'node:fs';

/**
 * The embedded engine writes its log in 16 MB segments (not zeroed first:
 * db.ts, LOG_SEGMENTS_ZEROED). When the disk cannot hold the log's next
 * writes, PostgreSQL stops with a PANIC, which inside PGlite's WebAssembly
 * never returns: the process spins with no message. So the store keeps this
 * much free before it opens or writes: two log segments, and the pages a
 * batch of reports adds.
 */
export const ROOM_NEEDED = 48 * 1024 * 1024;

/** PostgreSQL's code for a disk with no room left (could not extend a file). */
const DISK_FULL = '53100';

const MB = 1024 * 1024;

/** The disk under a store is full: nothing more is stored; what is stored stays. */
export class StoreFullError extends Error {
  constructor(
    readonly location: string,
    readonly free: number | null,
  ) {
    super(
      free === null
        ? `the disk holding the store at ${location} is full (ENOSPC): nothing more was stored; free some space and run the command again, it resumes where it stopped`
        : `the disk holding the store at ${location} is full (ENOSPC): ${(free / MB).toFixed(0)} MB free, and the store needs ${String(ROOM_NEEDED / MB)} MB free to go on; free some space and run the command again, it resumes where it stopped`,
    );
    this.name = 'StoreFullError';
  }
}

/** Bytes an unprivileged process may still write on the disk holding `folder`. */
function freeBytes(folder: string): number {
  const disk = statfsSync(folder);
  return disk.bavail * disk.bsize;
}

/** Throws StoreFullError when the disk holding the folder has less than the room the store needs. */
export function ensureRoom(folder: string): void {
  const free = freeBytes(folder);
  if (free < ROOM_NEEDED) throw new StoreFullError(folder, free);
}

/** The database's own word that its disk is full, as a StoreFullError; other errors as they are. */
export function diskFullAs(error: unknown, location: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === DISK_FULL ? new StoreFullError(location, null) : error;
}
