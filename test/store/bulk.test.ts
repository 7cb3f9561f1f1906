import { describe, expect, it } from 'vitest';
import { SET_ASIDE, SET_ASIDE_SETTING } from '../../src/store/bulk.js';
import {
  countEvents,
  listEvents,
  migrate,
  refreshStaleStatistics,
  searchReports,
  setIndexesAside,
} from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from './engines.js';

/** Sentences of our own, one per document and event, with a word or two that changes. */
const PLACES = ['سراقب', 'معرة النعمان', 'كفرنبل', 'أريحا', 'جسر الشغور'];

async function fill(db: Database, from: number, count: number): Promise<void> {
  await db.query(
    `INSERT INTO documents (id, text, search_text, tallies, warnings)
     SELECT 'd' || k, t, t, '[]', '[]'
     FROM generate_series($1::int, $2::int) AS k,
          LATERAL (SELECT 'قصف مدفعي على ' || ($3::text[])[1 + k % 5] || ' صباح اليوم رقم ' || k AS t) AS x`,
    [from, from + count - 1, PLACES],
  );
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
       search_text, search_names, data)
     SELECT 'e' || k, 'Explosions/Remote violence', 'Shelling/artillery/missile attack',
       date '2024-01-01' + k % 300, date '2024-01-01' + k % 300, ARRAY['SOHR'],
       'قصف على ' || ($3::text[])[1 + k % 5], ARRAY[($3::text[])[1 + k % 5]],
       jsonb_build_object('id', 'e' || k)
     FROM generate_series($1::int, $2::int) AS k`,
    [from, from + count - 1, PLACES],
  );
}

async function indexes(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE indexname = ANY($1::text[]) ORDER BY 1`,
    [SET_ASIDE],
  );
  return rows.map((r) => r.name);
}

/** What searches find: reports by a word and one a letter off, events by a word and by a name. */
interface Found {
  readonly reports: readonly string[];
  readonly near: readonly string[];
  readonly events: number;
  readonly listed: readonly string[];
}

async function found(db: Database): Promise<Found> {
  return {
    reports: (await searchReports(db, 'كفرنبل', 1000)).map((r) => r.id).sort(),
    near: (await searchReports(db, 'سراقيب', 1000)).map((r) => r.id).sort(),
    events: await countEvents(db, { search: 'أريحا' }),
    listed: (await listEvents(db, { search: 'جسر الشغور' }, { limit: 500 })).events.map(
      (e) => e.id,
    ),
  };
}

async function owed(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM settings WHERE name = $1',
    [SET_ASIDE_SETTING],
  );
  return row?.n ?? -1;
}

const [embedded, server] = [
  engines().filter((e) => e.name === 'PGlite'),
  engines().filter((e) => e.name !== 'PGlite'),
];

describe.each(embedded)('search indexes set aside for a bulk ingest, on $name', (engine) => {
  it('are dropped and recorded; the store’s next opening builds them, and searches find the same', async () => {
    const db = await engine.open();
    try {
      await fill(db, 1, 300);
      const before = await found(db);
      expect(await indexes(db)).toEqual([...SET_ASIDE].sort());
      expect(await setIndexesAside(db)).toBe(true);
      expect(await indexes(db)).toEqual([]);
      await fill(db, 301, 300);
      // Stopped here (killed, a batch's error): the next opening (migrate) builds them first.
      await migrate(db);
      expect(await indexes(db)).toEqual([...SET_ASIDE].sort());
      expect(await owed(db)).toBe(0);
      const after = await found(db);
      // Twice the documents and events, each place's share as before.
      expect(after.reports).toHaveLength(2 * before.reports.length);
      expect(after.near).toHaveLength(2 * before.near.length);
      expect(after.events).toBe(2 * before.events);
      expect(after.listed).toHaveLength(2 * before.listed.length);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('owe the readers a refresh, which builds them; searches find the same with them as without', async () => {
    const db = await engine.open();
    try {
      await fill(db, 1, 400);
      await refreshStaleStatistics(db);
      expect(await refreshStaleStatistics(db)).toBe(false);
      const withThem = await found(db);
      await setIndexesAside(db);
      expect(await found(db)).toEqual(withThem);
      // However little the tables have grown, a refresh for readers is owed and builds them.
      expect(await refreshStaleStatistics(db, { readers: false })).toBe(false);
      expect(await refreshStaleStatistics(db)).toBe(true);
      expect(await indexes(db)).toEqual([...SET_ASIDE].sort());
      expect(await found(db)).toEqual(withThem);
      expect(await refreshStaleStatistics(db)).toBe(false);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('run no statement of a row that is not their definitions: a hand’s edit of the store builds nothing else', async () => {
    const db = await engine.open();
    try {
      await db.query('INSERT INTO settings (name, value) VALUES ($1, $2::jsonb)', [
        SET_ASIDE_SETTING,
        JSON.stringify([
          'CREATE TABLE planted (x int)',
          'CREATE INDEX elsewhere ON public.documents USING btree (id)',
          'CREATE INDEX documents_search ON public.documents USING btree (id); DROP TABLE events',
        ]),
      ]);
      await migrate(db);
      const [made] = await db.query<{ planted: string | null; elsewhere: string | null }>(
        "SELECT to_regclass('planted')::text AS planted, to_regclass('elsewhere')::text AS elsewhere",
      );
      expect(made).toEqual({ planted: null, elsewhere: null });
      expect(await countEvents(db, {})).toBe(0);
      expect(await owed(db)).toBe(0);
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe.each(server)('search indexes of a store on $name', (engine) => {
  it('are never set aside: others read a server’s store while an ingest writes it', async () => {
    const db = await engine.open();
    try {
      await fill(db, 1, 50);
      expect(await setIndexesAside(db)).toBe(false);
      expect(await indexes(db)).toEqual([...SET_ASIDE].sort());
      expect(await owed(db)).toBe(0);
    } finally {
      await db.close();
    }
  }, 60_000);
});
