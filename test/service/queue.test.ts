import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch, reviewQueue } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { explaining } from '../store/plans.js';
import type { PlanNode } from '../store/plans.js';

/**
 * Reports written for this test: a shelling whose report calls 3 October 2024
 * (a Thursday) a Friday, and a plain one in another town and month.
 */
const REPORTS = [
  {
    text: 'قُتل رجلان يوم الجمعة 3 تشرين الأول 2024 بقصف مدفعي على بلدة سرمين شرقي إدلب.',
    published: '2024-10-04',
  },
  {
    text: 'قُتلت امرأة يوم 12 تشرين الثاني 2024 بقصف مدفعي على بلدة كفرنبل جنوبي إدلب.',
    published: '2024-11-13',
  },
];

function raw(k: number): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify({ ...REPORTS[k], outlet: 'نشرة' }));
  return {
    source: `queue.ndjson:${String(k + 1)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-11-14T08:00:00.000Z',
  };
}

const editor = { name: 'editor', role: 'editor' as const };

describe.each(engines())('the review queue on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await ingestBatch(db, shippedKnowledge(), [raw(0), raw(1)]);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('says when a report names a weekday its date is not, and puts that event first', async () => {
    const items = await reviewQueue(db, editor, 10);
    expect(items).toHaveLength(2);
    const [first, second] = items;
    expect(first?.event.date.start).toBe('2024-10-03');
    expect(first?.reasons).toContain('weekday_contradicts');
    expect(second?.reasons).not.toContain('weekday_contradicts');
  });

  it('matches the weekday by its code, not its words: reworded or translated, the reason holds', async () => {
    const reasons = async (): Promise<string[]> => {
      await db.query(
        'UPDATE events SET review_reasons = event_review_reasons(event_whole(id, data))',
      );
      return (await reviewQueue(db, editor, 10))[0]?.reasons ?? [];
    };
    const [stored] = await db.query<{ warnings: string[]; coded_warnings: unknown[] }>(
      "SELECT warnings, coded_warnings FROM documents WHERE warnings::text LIKE '%Friday%'",
    );
    expect(stored?.coded_warnings).toEqual([{ code: 'weekday_contradicts', date: '2024-10-03' }]);
    // The words in Arabic, as another wathiq could write them: the code is unchanged.
    await db.query(
      `UPDATE documents SET warnings = '["التاريخ «الجمعة 3 تشرين الأول 2024»: يوم 2024-10-03 خميس لا جمعة"]'
       WHERE coded_warnings <> '[]'`,
    );
    expect(await reasons()).toContain('weekday_contradicts');
    // The old English words with no code: nothing is read from words.
    await db.query(
      `UPDATE documents SET warnings = $1::jsonb, coded_warnings = '[]' WHERE id IN
         (SELECT id FROM documents WHERE warnings::text LIKE '%التاريخ%')`,
      [JSON.stringify(stored?.warnings)],
    );
    expect(await reasons()).not.toContain('weekday_contradicts');
    await db.query(
      `UPDATE documents SET coded_warnings = $1::jsonb WHERE warnings::text LIKE '%Friday%'`,
      [JSON.stringify(stored?.coded_warnings)],
    );
    expect(await reasons()).toContain('weekday_contradicts');
  });

  it('ranks every unreviewed event: the worst, however old, before 450 newer ones', async () => {
    // Copies of the plain event, each a day later than the one before and all newer than the
    // shelling whose weekday is wrong: the latest 400 unreviewed hold none but copies.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
         actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data,
         review_reasons)
       SELECT e.id || '-' || k, event_type, sub_event_type, date_start + k, date_end + k, admin1_pcode,
         admin1, actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names,
         jsonb_set(data, '{id}', to_jsonb(e.id || '-' || k)), event_review_reasons(event_whole(e.id, e.data))
       FROM events e, generate_series(1, 450) AS k WHERE e.date_start = '2024-11-12'`,
    );
    const [count] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE review_status = 'unreviewed'",
    );
    expect(count?.n).toBe(452);
    const items = await reviewQueue(db, editor, 5);
    expect(items[0]?.event.date.start).toBe('2024-10-03');
    expect(items[0]?.reasons).toContain('weekday_contradicts');
    // Among equals, the newest first: the last copy, 450 days after the plain event.
    expect(items[1]?.event.id).toMatch(/-450$/);
    expect(items).toHaveLength(5);
  });

  it('asks the index for the queue, not a sort of every event', async () => {
    await db.query('ANALYZE events');
    const plans: PlanNode[][] = [];
    // The queue as the app asks it: the plan of the statement the code sends, never a copy of it.
    const items = await reviewQueue(explaining(db, plans), editor, 100);
    expect(items.length).toBeGreaterThan(0);
    expect(plans.flat().map((n) => n['Index Name'])).toContain('events_queue');
    expect(
      plans.flat().filter((n) => n['Relation Name'] === 'events' && n['Node Type'] === 'Seq Scan'),
    ).toEqual([]);
  });
});
