/**
 * A store of many events for the query benchmarks: generated news ingested
 * through the service, as a user's would be, then its events copied (new ids,
 * days a round apart, points moved a little, every 50th copy private) up to
 * the number asked for. Ingesting 100,000 events' worth of reports would take
 * the machine an hour; copying takes seconds and gives the planner the same
 * sizes and spreads to weigh.
 */
import { shippedKnowledge } from '../src/extract/index.js';
import { sha256Hex } from '../src/ingest/index.js';
import type { RawReport } from '../src/ingest/index.js';
import { ingestBatch } from '../src/service/index.js';
import { refreshStatistics } from '../src/store/index.js';
import type { Database } from '../src/store/index.js';
import { generateStories } from './stories.js';

/**
 * The form of the copies a store was filled with, part of a kept store's name
 * (stores.ts): a store kept from an earlier form (copies under `<id>-<k>`,
 * side by side) is another store, never measured or extended as this one.
 */
export const FILL_FORM = 'f2';

/**
 * The id of round `k`'s copy of event `id` (both SQL): a hash, as a real
 * event's id is, so that copies of one event are not neighbours in id order.
 */
export const copiedEventId = (id: string, k: string): string =>
  `'ev:' || left(md5(${id} || '-' || ${k}), 20)`;

/** Fills an empty store; resolves with how many events it then holds. */
export async function fill(db: Database, reports: number, target: number): Promise<number> {
  const knowledge = shippedKnowledge();
  const stories = generateStories(reports);
  for (let k = 0; k < stories.length; k += 500) {
    const batch: RawReport[] = stories.slice(k, k + 500).map((story, j) => {
      const raw = new TextEncoder().encode(JSON.stringify(story));
      return {
        source: `news.ndjson:${String(k + j + 1)}`,
        format: 'ndjson',
        raw,
        sha256: sha256Hex(raw),
        capturedAt: '2025-01-01T00:00:00.000Z',
      };
    });
    await ingestBatch(db, knowledge, batch);
  }
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  const have = row?.n ?? 0;
  if (have === 0) throw new Error('the generated news made no events');
  const copies = Math.ceil(target / have) - 1;
  // Copies a day apart per round, their points moved a little, so that maps and timelines see many.
  // Stored as an archive grows, day by day, under ids like a real event's (a hash): copies of one
  // event apart, so that a filter's matches lie scattered over the tables as a user's would, never
  // side by side as copies made event by event would lie.
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data, private,
       review_reasons)
     SELECT c.id, event_type, sub_event_type, date_start - k, date_end - k,
       admin1_pcode, admin1, actor1, actor2, fatalities_best, claimants, review_status, search_text,
       search_names,
       CASE WHEN data->'location' = 'null'::jsonb OR data->'location' IS NULL
            THEN jsonb_set(data, '{id}', to_jsonb(c.id))
            ELSE jsonb_set(jsonb_set(jsonb_set(data, '{id}', to_jsonb(c.id)),
                   '{location,lat}', to_jsonb(round(((data #>> '{location,lat}')::float8 + sin(k) * 0.2)::numeric, 5))),
                   '{location,lon}', to_jsonb(round(((data #>> '{location,lon}')::float8 + cos(k) * 0.2)::numeric, 5)))
       END,
       k % 50 = 0, review_reasons
     FROM events e, generate_series(1, $1::int) AS k,
       LATERAL (SELECT ${copiedEventId('e.id', 'k')} AS id) AS c
     ORDER BY date_start - k, c.id`,
    [copies],
  );
  // Their members and claims with them (migration 52).
  await db.query(
    `INSERT INTO event_members (event_id, incident_id, member, claims, hash)
     SELECT c.id, incident_id, member, claims, hash
     FROM event_members m, generate_series(1, $1::int) AS k,
       LATERAL (SELECT ${copiedEventId('m.event_id', 'k')} AS id) AS c`,
    [copies],
  );
  await refreshStatistics(db);
  const [after] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  return after?.n ?? 0;
}
