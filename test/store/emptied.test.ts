import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { ingestBatch } from '../../src/service/index.js';
import { countEvents, eventFacets, foldCounts } from '../../src/store/index.js';
import { dayFacetsCounted, dayFacetsKept } from './day-facets.js';
import { emptyStore, engines, suiteStore } from './engines.js';
import {
  facetCountsCounted,
  facetCountsKept,
  facetPairsCounted,
  facetPairsKept,
  facetSpansCounted,
  facetSpansKept,
} from './facet-counts.js';
import { squaresCounted, squaresKept } from './squares.js';
import { tilesCounted, tilesKept } from './tiles.js';

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

describe.each(engines())('emptying the events on $name', (engine) => {
  const db = suiteStore(engine);

  /** Every table a trigger empties with the events: its function empties one, `<table>_clear`. */
  async function keptTables(): Promise<string[]> {
    const rows = await db.query<{ name: string }>(
      `SELECT regexp_replace(p.proname, '_clear$', '') AS name
       FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE t.tgrelid = 'events'::regclass AND NOT t.tgisinternal
         AND t.tgtype & 32 <> 0 ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  }

  async function rowsOf(table: string): Promise<number> {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return row?.n ?? -1;
  }

  it('empties every table of their counts and words, which then count only what comes after', async () => {
    // A search kept (as a count finding it in many events keeps it): its events are kept as they come.
    await db.query(
      "INSERT INTO kept_searches (search, pattern, kept) VALUES ('كفرنبل', '%كفرنبل%', true)",
    );
    // A search counted (too common to copy, migration 40): its events are counted as they come.
    await db.query(
      "INSERT INTO kept_searches (search, pattern, kept, counted) VALUES ('نشره', '%نشره%', false, true)",
    );
    await ingestBatch(db, shippedKnowledge(), [raw(IN_IDLIB, '2024-06-04')]);
    const kept = await keptTables();
    expect(kept).toEqual(
      expect.arrayContaining([
        'event_cells',
        'event_day_facets',
        'event_facet_counts',
        'event_facet_pairs',
        'event_square_days',
        'event_square_months',
        'event_tiles',
        'event_words',
        'search_square_months',
        'search_summary',
      ]),
    );
    // The counts' deltas pending (migration 46) are emptied too, and so are the counts they fold into.
    expect(kept).toContain('event_count_deltas');
    expect(await rowsOf('event_count_deltas')).toBeGreaterThan(0);
    await foldCounts(db);
    for (const table of kept.filter((t) => t !== 'event_count_deltas'))
      expect(await rowsOf(table), table).toBeGreaterThan(0);
    expect(await countEvents(db, { search: 'كفرنبل', admin1Pcode: 'SY07' })).toBe(1);

    await emptyStore(db);
    for (const table of kept) expect(await rowsOf(table), table).toBe(0);

    await ingestBatch(db, shippedKnowledge(), [raw(IN_DARAA, '2024-07-10')]);
    expect(await countEvents(db, {})).toBe(1);
    expect(await countEvents(db, { search: 'كفرنبل' })).toBe(0);
    expect(await rowsOf('search_matches')).toBe(0);
    expect(await countEvents(db, { search: 'نشره' })).toBe(1);
    expect(await rowsOf('search_summary')).toBe(1);
    expect(await countEvents(db, { search: 'طفس' })).toBe(1);
    expect(await countEvents(db, { admin1Pcode: 'SY07' })).toBe(0);
    expect(await countEvents(db, { from: '2024-06-01', to: '2024-06-30' })).toBe(0);
    expect(await squaresKept(db)).toEqual(await squaresCounted(db));
    expect(await tilesKept(db)).toEqual(await tilesCounted(db));
    expect(await facetCountsKept(db)).toEqual(await facetCountsCounted(db));
    expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
    expect(await facetPairsKept(db)).toEqual(await facetPairsCounted(db));
    expect(await dayFacetsKept(db)).toEqual(await dayFacetsCounted(db));
    const facets = await eventFacets(db, {});
    expect(JSON.stringify(facets)).not.toContain('SY07');
  });
});
