import type { Database, Sql } from './db.js';

/**
 * The indexes an embedded ingest sets aside while it loads a store that it at
 * least doubles, and builds again once at its end: the standard bulk load
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

/** The settings row of the indexes set aside: their definitions, to build again. */
export const SET_ASIDE_SETTING = 'indexes set aside for a bulk ingest';

/**
 * Drops the SET_ASIDE indexes, recording in settings (in the same
 * transaction) how to build them again: were the ingest stopped before its
 * end (killed, a batch's error), the store's next opening builds them
 * (buildSetAside from migrate) before anything reads it.
 */
export async function setIndexesAside(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const indexes = await tx.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE schemaname = current_schema() AND indexname = ANY($1::text[])
       ORDER BY indexname`,
      [SET_ASIDE],
    );
    if (indexes.length === 0) return;
    await tx.query(
      `INSERT INTO settings (name, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (name) DO UPDATE SET value = settings.value || EXCLUDED.value`,
      [SET_ASIDE_SETTING, JSON.stringify(indexes.map((i) => i.definition))],
    );
    for (const { name } of indexes) await tx.query(`DROP INDEX ${name}`);
  });
}

/**
 * Builds again the indexes setIndexesAside dropped, if any, and forgets them:
 * true when it built some. Each is built only if missing, so that a build
 * stopped after some of them (outside a transaction) is finished by the next.
 */
export async function buildSetAside(db: Sql): Promise<boolean> {
  const [row] = await db.query<{ value: string[] }>('SELECT value FROM settings WHERE name = $1', [
    SET_ASIDE_SETTING,
  ]);
  if (row === undefined) return false;
  for (const definition of row.value)
    await db.query(definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
  await db.query('DELETE FROM settings WHERE name = $1', [SET_ASIDE_SETTING]);
  return true;
}

/**
 * The reports a store holds, as its statistics last counted them (counted
 * when it has none): what an embedded ingest compares its own with, to set
 * the indexes aside once it has at least doubled the store.
 */
export async function storedDocuments(db: Sql): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT (CASE WHEN reltuples >= 0 THEN reltuples::bigint
                  ELSE (SELECT count(*) FROM documents) END)::float8 AS n
     FROM pg_class WHERE oid = 'documents'::regclass`,
  );
  return row?.n ?? 0;
}
