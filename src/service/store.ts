import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, StoreUnavailableError } from '../store/index.js';
import type { Database } from '../store/index.js';
import { dataDir } from '../lexicon/index.js';

/** Where the store is: a server URL, or the data folder whose embedded database to use. */
export interface StoreLocation {
  db?: string;
  data?: string;
}

/**
 * The server when `db` or DATABASE_URL names one, else the embedded database in
 * the data folder: an empty `--db ''` too, whatever DATABASE_URL says.
 */
export function storeOptions(location: StoreLocation): { url: string | null; dataDir: string } {
  return {
    url: (location.db ?? process.env.DATABASE_URL) || null,
    dataDir: withoutLinks(join(dataDir(location.data), 'db')),
  };
}

/**
 * The embedded database cannot open its folder through a symbolic link (a
 * store moved to a bigger disk and linked back): it is given the real path.
 */
function withoutLinks(path: string): string {
  return existsSync(path) ? realpathSync(path) : path;
}

/** Where a store is, in words: the server (without its password) or the data folder. */
export function storeName(location: StoreLocation): string {
  const { url } = storeOptions(location);
  return url === null ? dataDir(location.data) : url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Opens a store that must be there already: a command that only reads (export,
 * search, review) never leaves an empty one behind in a folder it was pointed
 * at by mistake. Throws StoreUnavailableError naming the folder, and how to
 * point at the right one, when there is none.
 */
export async function openExistingStore(location: StoreLocation): Promise<Database> {
  const options = storeOptions(location);
  if (options.url === null && !existsSync(join(options.dataDir, 'PG_VERSION')))
    throw new StoreUnavailableError(dataDir(location.data), { kind: 'missing' });
  return openStore(options);
}
