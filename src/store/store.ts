import { openDatabase } from './db.js';
import type { Database, DatabaseOptions } from './db.js';
import { migrate } from './schema.js';

/** Opens the database (the embedded one in a folder, or a server) with its schema up to date. */
export async function openStore(options: DatabaseOptions): Promise<Database> {
  const db = await openDatabase(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
