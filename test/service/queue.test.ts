import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch, reviewQueue } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

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
});
