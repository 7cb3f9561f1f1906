import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  countEvents,
  decideLink,
  eventWriter,
  listEvents,
  listFailures,
  migrate,
  recordFailure,
  SCHEMA_VERSION,
  saveReport,
  saveReports,
  searchReports,
  setReviewStatus,
  storeCounts,
  streamEvents,
} from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { REPORTS, resultOf } from '../link/reports.js';
import type { ReportName } from '../link/reports.js';
import { emptyStore, engines } from './engines.js';

const lexicon = shippedKnowledge().lexicon;

function raw(name: ReportName, variant = ''): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify({ ...REPORTS[name], variant }));
  return {
    source: `${name}.ndjson:1`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-03-14T10:00:00.000Z',
  };
}

async function store(db: Database, ...names: ReportName[]): Promise<void> {
  for (const name of names) await saveReport(db, raw(name), resultOf(name), lexicon);
}

/** Everything ingestion decides, without the times it happened at. */
async function contents(db: Database): Promise<unknown> {
  return {
    documents: await db.query(
      'SELECT id, title, outlet, url, published, text FROM documents ORDER BY id',
    ),
    incidents: await db.query('SELECT id, document_id, event_id, data FROM incidents ORDER BY id'),
    links: await db.query('SELECT a, b, score, reasons FROM incident_links ORDER BY a, b'),
    events: await db.query(
      'SELECT id, review_status, event_whole(id, data) AS data FROM events ORDER BY id',
    ),
  };
}

describe.each(engines())('the store on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await emptyStore(db);
  });

  it('keeps a report’s bytes unchanged and stores the same bytes once', async () => {
    const report = raw('monitor');
    expect(await saveReport(db, report, resultOf('monitor'), lexicon)).toBe('added');
    expect(await saveReport(db, report, resultOf('monitor'), lexicon)).toBe('known');
    const [capture] = await db.query<{ raw: Uint8Array; size: number; sha256: string }>(
      'SELECT raw, size, sha256 FROM captures',
    );
    expect(Buffer.from(capture?.raw ?? []).equals(Buffer.from(report.raw))).toBe(true);
    expect(sha256Hex(capture?.raw ?? new Uint8Array())).toBe(report.sha256);
    expect(await storeCounts(db)).toMatchObject({ reports: 1, captures: 1 });
  });

  it('keeps other bytes of the same text as evidence, without a second report', async () => {
    await saveReport(db, raw('monitor'), resultOf('monitor'), lexicon);
    expect(await saveReport(db, raw('monitor', 'saved again'), resultOf('monitor'), lexicon)).toBe(
      'same-text',
    );
    expect(await storeCounts(db)).toMatchObject({ reports: 1, captures: 2, events: 1 });
  });

  it('stores a batch in one go, its duplicates once', async () => {
    const outcomes = await saveReports(
      db,
      [
        { report: raw('monitor'), result: resultOf('monitor') },
        { report: raw('shelling'), result: resultOf('shelling') },
        { report: raw('monitor'), result: resultOf('monitor') },
      ],
      lexicon,
    );
    expect(outcomes).toEqual(['added', 'added', 'known']);
    expect(await storeCounts(db)).toMatchObject({ reports: 2, events: 2 });
  });

  it('keeps each capture’s own bytes in a batch, whatever they are, those skipped skipped', async () => {
    // Every byte value, bytes that are no UTF-8, none at all: each capture's slice of the batch's bytes.
    const withBytes = (bytes: Uint8Array, source: string): RawReport => ({
      ...raw('monitor'),
      source,
      raw: bytes,
      sha256: sha256Hex(bytes),
    });
    const everyByte = withBytes(
      Uint8Array.from({ length: 512 }, (_, k) => k % 256),
      'every',
    );
    const notUtf8 = withBytes(Uint8Array.from([0xff, 0xfe, 0x00, 0xc3, 0x28]), 'not-utf8');
    const none = withBytes(new Uint8Array(), 'none');
    const batch = [
      { report: everyByte, result: resultOf('monitor') },
      { report: raw('shelling'), result: resultOf('shelling') },
      { report: everyByte, result: resultOf('monitor') },
      { report: none, result: resultOf('sdf') },
      { report: notUtf8, result: resultOf('monitor') },
      { report: raw('amaq'), result: resultOf('amaq') },
    ];
    expect(await saveReports(db, batch, lexicon)).toEqual([
      'added',
      'added',
      'known',
      'added',
      'same-text',
      'added',
    ]);
    const captures = await db.query<{ sha256: string; raw: Uint8Array; size: number }>(
      'SELECT sha256, raw, size FROM captures',
    );
    const stored = new Map(captures.map((c) => [c.sha256, c]));
    expect(stored.size).toBe(5);
    for (const { report } of batch) {
      const capture = stored.get(report.sha256);
      expect(Buffer.from(capture?.raw ?? [1]).equals(Buffer.from(report.raw))).toBe(true);
      expect(capture?.size).toBe(report.raw.length);
    }
  });

  it('links three reports of one bombing into one event with every claim', async () => {
    await store(db, 'monitor', 'sdf', 'amaq', 'shelling', 'laterBombing');
    expect(await countEvents(db)).toBe(3);
    const { events } = await listEvents(db, { type: 'Suicide bomb', to: '2024-03-15' });
    const bombing = events[0];
    expect(bombing?.members).toHaveLength(3);
    expect(bombing?.fatalities).toEqual({ low: 4, best: 4, high: 20 });
    expect(bombing?.members.filter((m) => m.linked_by.length > 0)).toHaveLength(2);
  });

  it('gives the same database whatever order the reports come in', async () => {
    const orders: ReportName[][] = [
      ['monitor', 'sdf', 'amaq', 'shelling', 'laterBombing'],
      ['laterBombing', 'amaq', 'shelling', 'sdf', 'monitor'],
      ['sdf', 'laterBombing', 'monitor', 'shelling', 'amaq'],
    ];
    const seen: unknown[] = [];
    for (const order of orders) {
      await emptyStore(db);
      await store(db, ...order);
      seen.push(await contents(db));
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it('keeps a reviewer’s status when a report joins the event, and follows a split', async () => {
    await store(db, 'monitor', 'sdf');
    const [event] = (await listEvents(db, { type: 'Suicide bomb' })).events;
    expect(await setReviewStatus(db, event?.id ?? '', 'verified')).toBe(true);
    await store(db, 'amaq');
    const joined = (await listEvents(db, { type: 'Suicide bomb', to: '2024-03-15' })).events[0];
    expect(joined?.members).toHaveLength(3);
    expect(joined?.review_status).toBe('verified');

    const [a, b] = joined?.members.map((m) => m.incident) ?? [];
    await decideLink(db, { a: a ?? '', b: b ?? '', same: false, by: 'reviewer' }, lexicon);
    const after = (await listEvents(db, { type: 'Suicide bomb', to: '2024-03-15' })).events;
    expect(
      after.some(
        (e) => e.members.some((m) => m.incident === a) && e.members.some((m) => m.incident === b),
      ),
    ).toBe(false);
  });

  it('lists events by date, place, actor, claimant and words, a page at a time', async () => {
    await store(db, 'monitor', 'sdf', 'amaq', 'shelling', 'laterBombing');
    expect(await countEvents(db, { admin1Pcode: 'SY07' })).toBe(1);
    expect(await countEvents(db, { actor: 'SDF' })).toBe(2);
    expect(await countEvents(db, { claimant: 'Amaq' })).toBe(1);
    expect(await countEvents(db, { from: '2024-03-14', to: '2024-03-31' })).toBe(2);
    expect(await countEvents(db, { status: 'unreviewed' })).toBe(3);
    // Normalized Arabic: «سراقب» found with diacritics in the query, and a letter off.
    expect(await countEvents(db, { search: 'سَراقب' })).toBe(1);
    expect(await countEvents(db, { search: 'سراقيب' })).toBe(1);
    expect(await countEvents(db, { search: 'حلب' })).toBe(0);
    const page = await listEvents(db, {}, { limit: 2 });
    expect(page.events.map((e) => e.date.start)).toEqual(['2024-03-20', '2024-03-14']);
    const all = [];
    for await (const e of streamEvents(db, {}, 1)) all.push(e.id);
    expect(new Set(all).size).toBe(3);
  });

  it('finds reports by words, a letter off too', async () => {
    await store(db, 'monitor', 'shelling');
    const hits = await searchReports(db, 'الدفاع المدني');
    expect(hits).toHaveLength(1);
    expect((await searchReports(db, 'سيارة مفخخه')).length).toBe(1);
  });

  it('looks for % and _ as written, never as wildcards', async () => {
    await store(db, 'monitor', 'shelling');
    expect(await searchReports(db, 'سيارة')).toHaveLength(1);
    for (const words of ['%', '_', '%%', '%_%', '\\']) {
      expect(await searchReports(db, words)).toEqual([]);
      expect(await countEvents(db, { search: words })).toBe(0);
    }
  });

  it('records failures with their reason until the input is stored', async () => {
    await recordFailure(db, 'monitor.ndjson:1', null, 'not JSON');
    expect(await listFailures(db)).toEqual([
      expect.objectContaining({ source: 'monitor.ndjson:1', reason: 'not JSON' }),
    ]);
    await store(db, 'monitor');
    expect(await listFailures(db)).toEqual([]);
  });

  it('exports in every format', async () => {
    await store(db, 'monitor', 'sdf', 'amaq', 'shelling');
    const events = (await listEvents(db, {})).events;
    const write = (format: Parameters<typeof eventWriter>[0]): string => {
      const w = eventWriter(format, { lexicon });
      const rows = events.map((e) => w.row(e)).filter((r): r is string => r !== null);
      return w.head + rows.join(w.separator) + w.tail;
    };
    const acled = parse<Record<string, string>>(write('acled'), { columns: true });
    expect(acled).toHaveLength(2);
    expect(acled.find((r) => r.sub_event_type === 'Suicide bomb')).toMatchObject({
      fatalities: '4',
      admin1: 'Deir-ez-Zor',
      country: 'Syria',
      time_precision: '1',
    });
    const csv = parse<Record<string, string>>(write('csv'), { columns: true });
    expect(csv.find((r) => r.sub_event_type === 'Suicide bomb')).toMatchObject({
      fatalities_low: '4',
      fatalities_high: '20',
      reports: '3',
    });
    const geojson = JSON.parse(write('geojson')) as { features: unknown[] };
    expect(geojson.features).toHaveLength(2);
    expect(JSON.parse(write('json'))).toHaveLength(2);
    expect(write('ndjson').trim().split('\n')).toHaveLength(2);
  });

  it('migrates once, however often it is asked', async () => {
    await migrate(db);
    await migrate(db);
    const versions = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, k) => k + 1),
    );
  });
});
