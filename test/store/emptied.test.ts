import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch } from '../../src/service/index.js';
import { countEvents, eventFacets } from '../../src/store/index.js';
import { emptyStore, engines, suiteStore } from './engines.js';

/** Two acts in two governorates, in words written for this test. */
const IN_IDLIB =
  'قتل أربعة مدنيين يوم 3 حزيران 2024 بقصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي.';
const IN_DARAA = 'قتل شاب يوم 9 تموز 2024 برصاص مسلحين مجهولين في مدينة طفس بريف درعا الغربي.';

function raw(text: string, published: string): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify({ text, published, outlet: 'نشرة' }));
  return {
    source: `reports.ndjson:${published}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-07-10T08:00:00.000Z',
  };
}

/** Every table kept in step with the events by their triggers. */
const KEPT = [
  'event_summary',
  'event_points',
  'event_point_facets',
  'event_days',
  'event_cells',
  'event_words',
  'event_day_facets',
];

describe.each(engines())('emptying the events on $name', (engine) => {
  const db = suiteStore(engine);

  async function rowsOf(table: string): Promise<number> {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return row?.n ?? -1;
  }

  it('empties every table of their counts and words, which then count only what comes after', async () => {
    await ingestBatch(db, shippedKnowledge(), [raw(IN_IDLIB, '2024-06-04')]);
    for (const table of KEPT) expect(await rowsOf(table), table).toBeGreaterThan(0);
    expect(await countEvents(db, { search: 'كفرنبل', admin1Pcode: 'SY07' })).toBe(1);

    await emptyStore(db);
    for (const table of KEPT) expect(await rowsOf(table), table).toBe(0);

    await ingestBatch(db, shippedKnowledge(), [raw(IN_DARAA, '2024-07-10')]);
    expect(await countEvents(db, {})).toBe(1);
    expect(await countEvents(db, { search: 'كفرنبل' })).toBe(0);
    expect(await countEvents(db, { search: 'طفس' })).toBe(1);
    expect(await countEvents(db, { admin1Pcode: 'SY07' })).toBe(0);
    expect(await countEvents(db, { from: '2024-06-01', to: '2024-06-30' })).toBe(0);
    const facets = await eventFacets(db, {});
    expect(JSON.stringify(facets)).not.toContain('SY07');
  });
});
