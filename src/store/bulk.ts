import type { Database, Sql } from './db.js';
import { ensureRoom, hasRoom, ROOM_NEEDED } from './room.js';

/**
 * The indexes an embedded ingest sets aside while it loads an empty store
 * (holdsNoReports), and builds again once at its end: the standard bulk load
 * (PostgreSQL's "Populating a Database"). Each row written into a trigram or
 * array GIN index is cut into its keys and filed into the index (or its
 * pending list, merged again and again), and each event written again as a
 * batch grows it is filed anew in every index of events; a build sorts all
 * keys of the table at once. These are the indexes of searches and filters:
 * no statement of an ingest reads them (pg_stat_user_indexes counted no scan
 * of any over an ingest of 2,000 generated reports into a new store), and an
 * embedded store is this process's until it ends (lock.ts). Keys that must
 * stay unique, and those the linking reads, stay.
 */
export const SET_ASIDE = [
  'documents_search',
  'documents_outlet',
  'documents_published',
  'events_search',
  'events_names',
  'events_claimants',
  'events_area',
  'events_area_sub_type',
  'events_facts',
  'events_point',
  'events_queue',
  'events_fatalities',
  'events_private',
  'events_type',
  'events_sub_type',
  'events_actor1',
  'events_actor2',
  'event_words_words',
  'event_words_names',
  'event_cells_claimants',
  'search_words_holding',
  'search_terms_similar',
] as const;

/** What a build of them asks of the store it runs on: its engine, and its folder's room. */
export type BulkStore = Pick<Database, 'engine' | 'folder'>;

/** The settings row of the indexes set aside: their definitions, to build again. */
export const SET_ASIDE_SETTING = 'indexes set aside for a bulk ingest';

/**
 * A definition of one of SET_ASIDE as pg_indexes gives it, and nothing else:
 * the row is executed at the store's next opening, so a row not written by
 * setIndexesAside (a hand's edit of the store) runs no other statement.
 */
const DEFINITION = /^CREATE INDEX (\w+) ON [\w.]+ USING [^;]+$/;

function isSetAsideDefinition(definition: unknown): definition is string {
  if (typeof definition !== 'string') return false;
  const name = DEFINITION.exec(definition)?.[1];
  return name !== undefined && (SET_ASIDE as readonly string[]).includes(name);
}

/**
 * The room the build of the indexes of these tables takes: no more than the
 * tables, and as much again in the log (an ingest of 1,000 reports: 1.4 MB
 * of documents_search, 2.3 KB of the indexes a report).
 */
async function buildRoom(db: Sql, tables: readonly string[]): Promise<number> {
  const [row] = await db.query<{ bytes: number }>(
    `SELECT coalesce(sum(pg_table_size(t::regclass)), 0)::float8 AS bytes
     FROM unnest($1::text[]) AS t`,
    [tables],
  );
  return ROOM_NEEDED + 2 * (row?.bytes ?? 0);
}

/**
 * Drops the SET_ASIDE indexes, recording in settings (in the same
 * transaction) how to build them again: were the ingest stopped before its
 * end (killed, a batch's error), the store's next opening builds them
 * (buildSetAside from migrate) before anything reads it. Only an embedded
 * store's, whose one process is its only reader: a server's store is read
 * by others while it is written. Kept, too, when the disk could not hold
 * their build (written at once, where a write that fails stops the engine
 * with no message: room.ts); they then grow batch by batch under each
 * batch's own check. True when they were set aside.
 */
export async function setIndexesAside(db: Database): Promise<boolean> {
  if (db.engine !== 'pglite') return false;
  const { folder } = db;
  return db.transaction(async (tx) => {
    const indexes = await tx.query<{ name: string; table: string; definition: string }>(
      `SELECT indexname AS name, tablename AS table, indexdef AS definition FROM pg_indexes
       WHERE schemaname = current_schema() AND indexname = ANY($1::text[])
       ORDER BY indexname`,
      [SET_ASIDE],
    );
    if (indexes.length === 0) return false;
    const tables = [...new Set(indexes.map((i) => i.table))];
    if (folder !== null && !hasRoom(folder, await buildRoom(tx, tables))) return false;
    await tx.query(`INSERT INTO settings (name, value) VALUES ($1, $2::jsonb)`, [
      SET_ASIDE_SETTING,
      JSON.stringify(indexes.map((i) => i.definition)),
    ]);
    for (const { name } of indexes) await tx.query(`DROP INDEX ${name}`);
    return true;
  });
}

/**
 * Builds again the indexes setIndexesAside dropped, if any, and forgets them:
 * true when it built some. Each is built only if missing, so that a build
 * stopped after some of them (outside a transaction) is finished by the next.
 * Without the room their build takes, StoreFullError (one line naming the
 * room needed) and the build stays owed: nothing stored is lost.
 */
export async function buildSetAside(db: Sql, store: BulkStore): Promise<boolean> {
  // None is set aside on a server (setIndexesAside); a row there is no ingest's.
  if (store.engine !== 'pglite') return false;
  const [row] = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE name = $1', [
    SET_ASIDE_SETTING,
  ]);
  if (row === undefined) return false;
  const definitions = Array.isArray(row.value) ? row.value.filter(isSetAsideDefinition) : [];
  if (store.folder !== null) {
    const tables = definitions.map((d) => /^CREATE INDEX \w+ ON ([\w.]+) /.exec(d)?.[1] ?? '');
    ensureRoom(store.folder, await buildRoom(db, [...new Set(tables)]));
  }
  for (const definition of definitions)
    await db.query(definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
  await db.query('DELETE FROM settings WHERE name = $1', [SET_ASIDE_SETTING]);
  return true;
}

/**
 * Whether the store holds no report: an embedded ingest into it sets the
 * indexes aside (a first import). Into a store that holds some, setting them
 * aside gains only when the ingest brings more than about twice as many
 * again (keeping them costs ~0.7 ms of CPU a report written, a build ~0.23 ms
 * a report of the whole store), which is not known before its reports are
 * read (feeds, NDJSON, reports already stored).
 */
export async function holdsNoReports(db: Sql): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM documents) AS empty',
  );
  return row?.empty === true;
}
