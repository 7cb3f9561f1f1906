import { describe, expect, it } from 'vitest';
import { refreshStaleStatistics, refreshStatistics } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from './engines.js';

/** Events as a bulk ingest leaves them: many at once, each with a document. */
async function addEvents(db: Database, from: number, count: number): Promise<void> {
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
       search_text, search_names, data)
     SELECT 'e' || k, 'Battles', 'Armed clash', date '2024-01-01' + k % 300, date '2024-01-01' + k % 300,
       '{}', 'اشتباك', '{}', jsonb_build_object('id', 'e' || k, 'padding', repeat('نص ', 50))
     FROM generate_series($1::int, $2::int) AS k`,
    [from, from + count - 1],
  );
}

async function estimated(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT reltuples::int AS n FROM pg_class WHERE relname = 'events'",
  );
  return row?.n ?? -1;
}

describe.each(engines())('the planner’s statistics after bulk work, on $name', (engine) => {
  it('are refreshed once a table has doubled, and not again until it grows again', async () => {
    const db = await engine.open();
    try {
      await refreshStatistics(db);
      expect(await refreshStaleStatistics(db)).toBe(false);
      await addEvents(db, 1, 5000);
      expect(await refreshStaleStatistics(db)).toBe(true);
      expect(await estimated(db)).toBe(5000);
      expect(await refreshStaleStatistics(db)).toBe(false);
      // Half more, then four fifths more, are not yet worth it (each refresh reads the tables whole);
      // as much again is.
      await addEvents(db, 5001, 2500);
      expect(await refreshStaleStatistics(db)).toBe(false);
      await addEvents(db, 7501, 1500);
      expect(await refreshStaleStatistics(db)).toBe(false);
      expect(await estimated(db)).toBe(5000);
      await addEvents(db, 9001, 1500);
      expect(await refreshStaleStatistics(db)).toBe(true);
      expect(await estimated(db)).toBe(10_500);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('are refreshed once a table beyond ANALYZE’s sample has grown by a fifth', async () => {
    const db = await engine.open();
    try {
      // More events than ANALYZE samples (300 × default_statistics_target, 30,000).
      await addEvents(db, 1, 32_000);
      await refreshStatistics(db);
      expect(await estimated(db)).toBe(32_000);
      // A tenth more is left alone; a quarter more is refreshed (double would be, were it smaller).
      await addEvents(db, 32_001, 3200);
      expect(await refreshStaleStatistics(db)).toBe(false);
      await addEvents(db, 35_201, 4800);
      expect(await refreshStaleStatistics(db)).toBe(true);
      expect(await estimated(db)).toBeGreaterThan(32_000);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('with no readers meanwhile, are made alone, and owe the readers a refresh until one is made: the counts wait to be folded, the pages to be vacuumed', async () => {
    const db = await engine.open();
    const left = async (): Promise<{ deltas: number; visible: number }> => {
      const [row] = await db.query<{ deltas: number; visible: number }>(
        `SELECT (SELECT count(*)::int FROM event_count_deltas) AS deltas,
                (SELECT relallvisible::int FROM pg_class WHERE oid = 'events'::regclass) AS visible`,
      );
      return row ?? { deltas: -1, visible: -1 };
    };
    try {
      await refreshStatistics(db);
      await addEvents(db, 1, 5000);
      expect(await refreshStaleStatistics(db, { readers: false })).toBe(true);
      expect(await estimated(db)).toBe(5000);
      const before = await left();
      expect(before.deltas).toBe(5000);
      // The server's autovacuum may mark pages meanwhile; the embedded engine has none.
      if (engine.name === 'PGlite') expect(before.visible).toBe(0);
      // Fresh for the planner: the next asks refresh nothing.
      expect(await refreshStaleStatistics(db, { readers: false })).toBe(false);
      // A writer stopped here (killed, a batch's error) never made the readers' refresh: the next
      // ask for readers makes it, however little the tables have grown since.
      expect(await refreshStaleStatistics(db)).toBe(true);
      const after = await left();
      expect(after.deltas).toBe(0);
      expect(after.visible).toBeGreaterThan(0);
      // Made, it is owed no more.
      expect(await refreshStaleStatistics(db)).toBe(false);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('leave no report words waiting outside the search index, which would make a search read every report', async () => {
    const db = await engine.open();
    const addDocuments = (from: number): Promise<unknown> =>
      db.query(
        `INSERT INTO documents (id, text, search_text, tallies, warnings)
         SELECT 'd' || k, t, t, '[]', '[]'
         FROM generate_series($1::int, $1::int + 199) AS k,
              LATERAL (SELECT 'قصف مدفعي على بلدة رقم ' || k || ' في ريف المدينة ' || md5(k::text) AS t) AS x`,
        [from],
      );
    const pending = async (): Promise<number> => {
      const [row] = await db.query<{ pages: number }>(
        "SELECT gin_clean_pending_list('documents_search'::regclass)::int AS pages",
      );
      return row?.pages ?? -1;
    };
    try {
      // Without a refresh, new reports' words wait in the index's pending list…
      await addDocuments(1);
      expect(await pending()).toBeGreaterThan(0);
      // …and after one, nothing waits there.
      await addDocuments(1001);
      await refreshStatistics(db);
      expect(await pending()).toBe(0);
    } finally {
      await db.close();
    }
  }, 60_000);
});

const server = engines().find((e) => e.name === 'PostgreSQL');

describe.skipIf(server === undefined)(
  'the planner’s statistics, refreshed by processes at once',
  () => {
    it('are refreshed by one of them: another that finds them stale meanwhile leaves them to it', async () => {
      const db = await (server?.open() ?? Promise.reject(new Error('no server')));
      try {
        await refreshStatistics(db);
        await addEvents(db, 1, 5000);
        // A session of its own holds the refresher's lock, as a worker refreshing them would.
        await db.session(async (refresher) => {
          await refresher.query("SELECT pg_advisory_lock(hashtext('wathiq:refresh statistics'))");
          try {
            expect(await refreshStaleStatistics(db)).toBe(false);
            expect(await estimated(db)).not.toBe(5000);
          } finally {
            await refresher.query(
              "SELECT pg_advisory_unlock(hashtext('wathiq:refresh statistics'))",
            );
          }
        });
        // Once it is let go (had the other refreshed them, they would be fresh now), one refreshes them.
        expect(await refreshStaleStatistics(db)).toBe(true);
        expect(await estimated(db)).toBe(5000);
        // The lock went with the refresh: the next refresh may take it.
        await addEvents(db, 5001, 6000);
        expect(await refreshStaleStatistics(db)).toBe(true);
      } finally {
        await db.close();
      }
    }, 60_000);
  },
);
