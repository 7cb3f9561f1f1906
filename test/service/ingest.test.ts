import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch, TRANSACTION_REPORTS } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { emptyStore, engines } from '../store/engines.js';
import { watching } from '../store/watch.js';

const TOWNS = ['سرمين', 'بنش', 'تفتناز', 'سراقب', 'أريحا'];

/** A shelling on its own town and day, in words written for this test. */
function report(k: number): RawReport {
  const day = 1 + (k % 28);
  const text = `قتل ${String(2 + (k % 5))} مدنيين يوم ${String(day)} آذار 2024 بقصف مدفعي على بلدة ${TOWNS[k % TOWNS.length] ?? ''} في ريف إدلب، بحسب النشرة رقم ${String(k)}.`;
  return raw(
    `news.ndjson:${String(k + 1)}`,
    'ndjson',
    JSON.stringify({ text, published: '2024-03-30' }),
  );
}

/** A report of these bytes, read from this source. */
function raw(source: string, format: RawReport['format'], content: string): RawReport {
  const bytes = new TextEncoder().encode(content);
  return {
    source,
    format,
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-03-30T08:00:00.000Z',
  };
}

/**
 * The store, stopping at the first statement after a stored report's facts
 * are written (the process killed, the server gone): the facts' write is the
 * first step of completing a report, reading it again with them the second.
 */
function stoppingAfterFacts(db: Database): Database {
  let factsWritten = false;
  return watching(db, (text) => {
    if (factsWritten) throw new Error('stopped after the facts were written');
    if (/UPDATE documents SET title = coalesce/.test(text)) factsWritten = true;
  });
}

/** A report of its own bytes with no date in it, in words written for this test. */
function undatedReport(): RawReport {
  return raw(
    'binnish.txt',
    'file',
    'قتل ثلاثة مدنيين بقصف مدفعي على بلدة بنش في ريف إدلب، بحسب الدفاع المدني.',
  );
}

describe.each(engines())('ingesting a batch, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await emptyStore(db);
  });

  it('stores a batch larger than a transaction holds whole, each report once, its outcomes in the order of the batch', async () => {
    const reports = Array.from({ length: TRANSACTION_REPORTS * 2 + 7 }, (_, k) => report(k));
    // A report twice, in different transactions: stored once, known the second time.
    const batch = [...reports, reports[3] ?? report(3)];
    const results = await ingestBatch(db, shippedKnowledge(), batch, { skipStored: false });
    expect(results.map((r) => r.source)).toEqual(batch.map((r) => r.source));
    expect(results.slice(0, -1).every((r) => r.outcome === 'added')).toBe(true);
    expect(results.at(-1)?.outcome).toBe('known');
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM captures');
    expect(row?.n).toBe(reports.length);
  });
  const state = async (): Promise<{
    published: (string | null)[];
    incidents: { id: string; start: string | null }[];
    events: number;
  }> => ({
    published: (
      await db.query<{ published: string | null }>('SELECT published FROM documents')
    ).map((d) => d.published),
    incidents: await db.query<{ id: string; start: string | null }>(
      `SELECT id, data->'date'->>'start' AS start FROM incidents ORDER BY id`,
    ),
    events: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]?.n ?? 0,
  });

  it('keeps nothing half-done when the store stops between its facts and its new reading, and completes it whole the next time', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    const [first] = await ingestBatch(db, knowledge, [report]);
    expect(first?.undated).toBe(true);
    const before = await state();
    expect(before.published).toEqual([null]);
    expect(before.incidents).toHaveLength(1);
    expect(before.incidents[0]?.start).toBeNull();

    await expect(
      ingestBatch(stoppingAfterFacts(db), knowledge, [report], { published: '2024-03-30' }),
    ).rejects.toThrow(/stopped after the facts were written/);
    // Neither the date alone, nor a reading without it: the report is as it was.
    expect(await state()).toEqual(before);

    const [again] = await ingestBatch(db, knowledge, [report], { published: '2024-03-30' });
    expect(again).toMatchObject({ outcome: 'known', completed: ['published'] });
    const after = await state();
    expect(after.published).toEqual(['2024-03-30']);
    // The same incident, read again with the date: none lost, none added, one event still.
    expect(after.incidents.map((i) => i.id)).toEqual(before.incidents.map((i) => i.id));
    expect(after.incidents[0]?.start).toBe('2024-03-30');
    expect(after.events).toBe(before.events);
  });
});
