import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch, TRANSACTION_REPORTS } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

const TOWNS = ['سرمين', 'بنش', 'تفتناز', 'سراقب', 'أريحا'];

/** A shelling on its own town and day, in words written for this test. */
function report(k: number): RawReport {
  const day = 1 + (k % 28);
  const text = `قتل ${String(2 + (k % 5))} مدنيين يوم ${String(day)} آذار 2024 بقصف مدفعي على بلدة ${TOWNS[k % TOWNS.length] ?? ''} في ريف إدلب، بحسب النشرة رقم ${String(k)}.`;
  const bytes = new TextEncoder().encode(JSON.stringify({ text, published: '2024-03-30' }));
  return {
    source: `news.ndjson:${String(k + 1)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-03-30T08:00:00.000Z',
  };
}

describe.each(engines())('a batch larger than a transaction holds, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('is stored whole, each report once, its outcomes in the order of the batch', async () => {
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
});
