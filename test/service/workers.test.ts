import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

/** Towns of three governorates (Idlib, Aleppo, Daraa), so that bundles lock several at once. */
const TOWNS = ['سرمين', 'بنش', 'سراقب', 'أريحا', 'الباب', 'منبج', 'نوى', 'جاسم'];
const SOURCES = ['الدفاع المدني', 'ناشطين محليين', 'المرصد السوري'];
const STORIES = 36;
const TELLINGS = 3;
/** Reports per job, as a worker takes them from the queue. */
const BUNDLE = 6;

/**
 * The k-th telling of a story, in words written for this test: a shelling of
 * a town on a day of March 2024 (told that day or the next), its toll told a little differently by each
 * outlet. Stories share towns and days, so acts told apart join and part.
 */
function telling(story: number, k: number): RawReport {
  const town = TOWNS[story % TOWNS.length] ?? '';
  const day = 1 + (story % 9);
  const killed = 2 + (story % 5) + (k === 2 ? 1 : 0);
  // The first outlet tells it the same day, the others the day after.
  const when = k === 0 ? 'اليوم' : 'أمس';
  const published = `2024-03-${String(day + (k === 0 ? 0 : 1)).padStart(2, '0')}`;
  const text = `قتل ${String(killed)} مدنيين ${when} بقصف مدفعي على بلدة ${town}، بحسب ${SOURCES[k] ?? ''} في نشرتها ${String(story)}.`;
  const bytes = new TextEncoder().encode(
    JSON.stringify({ text, published, outlet: `منفذ ${String(k)}` }),
  );
  return {
    source: `news.ndjson:${String(story)}-${String(k)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-03-30T08:00:00.000Z',
  };
}

/** Every story's tellings, each telling of one story in another bundle: workers store them at once. */
function bundles(): RawReport[][] {
  const reports = Array.from({ length: TELLINGS }, (_, k) =>
    Array.from({ length: STORIES }, (_, story) => telling(story, k)),
  ).flat();
  const out: RawReport[][] = [];
  for (let k = 0; k < reports.length; k += BUNDLE) out.push(reports.slice(k, k + BUNDLE));
  return out;
}

/** What the store's events are: each with its members and claims, and every incident's event. */
async function events(db: Database): Promise<unknown> {
  return {
    events: await db.query(
      `SELECT id, event_type, date_start, date_end, admin1_pcode, fatalities_best, claimants,
         review_status, search_text, data
       FROM events ORDER BY id`,
    ),
    incidents: await db.query('SELECT id, event_id FROM incidents ORDER BY id'),
    documents: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents'))[0]?.n,
  };
}

describe.each(engines())('workers storing at once, on $name', (engine) => {
  let one: Database;
  let three: Database;
  beforeAll(async () => {
    [one, three] = await Promise.all([engine.open(), engine.open()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one.close(), three.close()]);
  });

  it('gives the same events and claims as one worker storing the same bundles, nothing lost or twice', async () => {
    const knowledge = shippedKnowledge();
    const jobs = bundles();
    for (const bundle of jobs) await ingestBatch(one, knowledge, bundle, { skipStored: false });
    // Three workers take the next bundle as each finishes its own, as from the queue.
    const queue = [...jobs];
    const outcomes: string[] = [];
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let bundle = queue.shift(); bundle !== undefined; bundle = queue.shift())
          for (const r of await ingestBatch(three, knowledge, bundle, { skipStored: false }))
            outcomes.push(r.outcome);
      }),
    );
    expect(outcomes).toHaveLength(STORIES * TELLINGS);
    expect(outcomes.every((o) => o === 'added')).toBe(true);
    const alone = await events(one);
    expect(alone).toMatchObject({ documents: STORIES * TELLINGS });
    // Acts told by several outlets were joined: fewer events than reports.
    const stored = (alone as { events: unknown[] }).events;
    expect(stored.length).toBeGreaterThan(STORIES / 2);
    expect(stored.length).toBeLessThan(STORIES * TELLINGS);
    expect(await events(three)).toEqual(alone);
  }, 180_000);
});
