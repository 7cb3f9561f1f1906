import { join } from 'node:path';
import { dataDir } from './knowledge.js';

/** Where the store is: a server URL, or the data folder whose embedded database to use. */
export interface StoreLocation {
  db?: string;
  data?: string;
}

/** The server when `db` or DATABASE_URL names one, else the embedded database in the data folder. */
export function storeOptions(location: StoreLocation): { url: string | null; dataDir: string } {
  return {
    url: location.db ?? process.env.DATABASE_URL ?? null,
    dataDir: join(dataDir(location.data), 'db'),
  };
}
