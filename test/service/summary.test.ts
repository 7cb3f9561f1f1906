import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  correct,
  decide,
  ingestBatch,
  joinEvents,
  revertChange,
  setPrivate,
  setStatus,
  timelinePeriod,
  withdrawReport,
} from '../../src/service/index.js';
import {
  countEvents,
  eventFacets,
  eventTimeline,
  findEvent,
  listMarkedEvents,
} from '../../src/store/index.js';
import type { Database, EventFilter } from '../../src/store/index.js';
import { emptyStore, engines } from '../store/engines.js';
import { countsCounted, countsKept } from '../store/counts.js';

/** Acts in four governorates, the first told twice, in words written for this test. */
const REPORTS = [
  ['قتل خمسة مدنيين يوم 12 آذار 2024 بغارة جوية على مدينة أريحا في ريف إدلب.', '2024-03-13'],
  ['أسفرت غارة جوية على مدينة أريحا بريف إدلب يوم 12 آذار 2024 عن مقتل ستة مدنيين.', '2024-03-13'],
  [
    'قتل عنصران من قوات النظام يوم 20 نيسان 2024 بهجوم على حاجز قرب مدينة نوى في ريف درعا الغربي.',
    '2024-04-21',
  ],
  [
    'أصيب ثلاثة أشخاص يوم 5 أيار 2024 بانفجار عبوة ناسفة في مدينة الميادين بريف دير الزور الشرقي.',
    '2024-05-06',
  ],
  ['قتل طفل يوم 28 شباط 2023 بقصف مدفعي على قرية في ريف حماة الشمالي.', '2023-03-01'],
].map(([text, published], k) => ({ text, published, outlet: `نشرة ${String(k + 1)}` }));

function raw(k: number): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify(REPORTS[k]));
  return {
    source: `reports.ndjson:${String(k + 1)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-05-07T08:00:00.000Z',
  };
}

const editor = { name: 'editor', role: 'editor' as const };
const admin = { name: 'admin', role: 'admin' as const };

describe.each(engines())('the monthly counts of events, on $name', (engine) => {
  let db: Database;
  const ctx = () => ({ db, knowledge: shippedKnowledge });

  /** The counts as kept, and as counted from the events now: always the same. */
  async function expectCountsMatch(): Promise<void> {
    expect(await countsKept(db)).toEqual(await countsCounted(db));
    // Each event's words beside its columns, for the words filter: as its row gives them now,
    // and every word of them in the vocabulary.
    const WORDS = `id, date_start::text, date_end::text, private, review_status, event_type,
      sub_event_type, admin1_pcode, actor1, actor2, claimants, fatalities_best, lon, lat,
      updated_at::text, search_names`;
    expect(
      await db.query(
        `SELECT ${WORDS}, ARRAY(SELECT w FROM unnest(words) AS w ORDER BY w) AS words
         FROM event_words ORDER BY id`,
      ),
    ).toEqual(
      await db.query(
        `SELECT ${WORDS}, ARRAY(SELECT DISTINCT w FROM unnest(string_to_array(search_text, ' ')) AS w
                                WHERE w <> '' ORDER BY w) AS words
         FROM events ORDER BY id`,
      ),
    );
    expect(
      await db.query(
        `SELECT w FROM event_words, unnest(words) AS w EXCEPT SELECT word FROM search_words`,
      ),
    ).toEqual([]);
  }

  /** The incidents by event. */
  async function groups(): Promise<string[][]> {
    const rows = await db.query<{ id: string; event_id: string }>(
      'SELECT id, event_id FROM incidents WHERE event_id IS NOT NULL ORDER BY id',
    );
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.event_id, [...(by.get(r.event_id) ?? []), r.id]);
    return [...by.values()];
  }

  async function eventOf(incident: string): Promise<string> {
    const [row] = await db.query<{ event_id: string }>(
      'SELECT event_id FROM incidents WHERE id = $1',
      [incident],
    );
    if (row === undefined) throw new Error(`no incident ${incident}`);
    return row.event_id;
  }

  beforeAll(async () => {
    db = await engine.open();
    await ingestBatch(db, shippedKnowledge(), [raw(0), raw(1), raw(2), raw(3)]);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('stay equal to the events through every kind of change', async () => {
    await expectCountsMatch();
    const [linked] = (await groups()).filter((g) => g.length === 2);
    if (linked === undefined) throw new Error('the two reports of one act were not linked');
    const [first, second] = linked as [string, string];
    const [{ n: count }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events',
    )) as [{ n: number }];
    expect(count).toBeGreaterThanOrEqual(3);

    await ingestBatch(db, shippedKnowledge(), [raw(4)]);
    await expectCountsMatch();

    const event = await eventOf(first);
    await setStatus(ctx(), admin, event, 'verified');
    await expectCountsMatch();
    await correct(ctx(), editor, event, { field: 'actor1', value: 'RUS' });
    await expectCountsMatch();
    const corrected = await correct(ctx(), editor, await eventOf(first), {
      field: 'date',
      value: { start: '2024-04-30', end: '2024-05-01', precision: 'day' },
    });
    await expectCountsMatch();
    await correct(ctx(), editor, await eventOf(first), {
      field: 'sub_event_type',
      value: 'Shelling/artillery/missile attack',
    });
    await expectCountsMatch();

    const split = await decide(ctx(), editor, { a: first, b: second, same: false }, 'two acts');
    expect(split).toBeDefined();
    expect(await eventOf(first)).not.toBe(await eventOf(second));
    await expectCountsMatch();
    await joinEvents(ctx(), editor, { a: [first], b: [second] }, 'one act after all');
    expect(await eventOf(first)).toBe(await eventOf(second));
    await expectCountsMatch();

    const [report] = await db.query<{ document_id: string }>(
      'SELECT document_id FROM incidents WHERE id = $1',
      [second],
    );
    if (report === undefined) throw new Error('no report');
    await withdrawReport(ctx(), editor, report.document_id, true);
    await expectCountsMatch();
    await withdrawReport(ctx(), editor, report.document_id, false);
    await expectCountsMatch();

    await setPrivate(ctx(), editor, await eventOf(first), true);
    await expectCountsMatch();
    if (corrected === null) throw new Error('the date correction changed nothing');
    await revertChange(ctx(), editor, corrected.id, 'the first date was right');
    await expectCountsMatch();

    await emptyStore(db);
    expect(await db.query('SELECT 1 FROM event_summary')).toEqual([]);
    expect(await db.query('SELECT 1 FROM event_days')).toEqual([]);
    await ingestBatch(db, shippedKnowledge(), [raw(0), raw(1), raw(2), raw(3), raw(4)]);
    await expectCountsMatch();
  }, 120_000);

  it('stay equal to the events when several writers store and review at once', async () => {
    await emptyStore(db);
    // Each report in a transaction of its own, all at once: on the server, as many connections
    // (two tell one act, so one regroups what another wrote).
    await Promise.all([0, 1, 2, 3, 4].map((k) => ingestBatch(db, shippedKnowledge(), [raw(k)])));
    // The writers left their deltas for later (migration 46): the first read of the counts
    // folds them, and answers as the events stand.
    const [pending] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM event_count_deltas',
    );
    expect(pending?.n).toBeGreaterThan(0);
    const [{ n: stored }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events',
    )) as [{ n: number }];
    expect(await countEvents(db)).toBe(stored);
    expect(await db.query('SELECT 1 FROM event_count_deltas')).toEqual([]);
    await expectCountsMatch();
    const events = await db.query<{ id: string }>('SELECT id FROM events ORDER BY id');
    expect(events.length).toBeGreaterThanOrEqual(3);
    await Promise.all(events.map((e) => setStatus(ctx(), admin, e.id, 'verified')));
    await expectCountsMatch();
  }, 120_000);

  it('never count a private event for a viewer, and agree with the events listed', async () => {
    const [one] = await db.query<{ id: string; admin1_pcode: string; event_type: string }>(
      'SELECT id, admin1_pcode, event_type FROM events WHERE NOT private ORDER BY id LIMIT 1',
    );
    if (one === undefined) throw new Error('no public event');
    await setPrivate(ctx(), editor, one.id, true);
    expect((await findEvent(db, one.id))?.private).toBe(true);
    const [{ n: total }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events',
    )) as [{ n: number }];
    const [{ n: hidden }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE private',
    )) as [{ n: number }];
    expect(hidden).toBeGreaterThan(0);
    expect(await countEvents(db, {})).toBe(total);
    expect(await countEvents(db, { publicOnly: true })).toBe(total - hidden);

    // Whole months are read from the counts; the same filter a day short is counted from the events.
    const filters: EventFilter[] = [
      {},
      { from: '2023-01-01', to: '2024-12-31' },
      { from: '2023-01-02', to: '2024-12-31' },
      { admin1Pcode: one.admin1_pcode },
      { type: one.event_type, from: '2024-01-01' },
    ];
    for (const f of filters) {
      for (const publicOnly of [true, false]) {
        const filter = { ...f, publicOnly };
        const listed = (await listMarkedEvents(db, filter, { limit: 1000 })).events;
        if (publicOnly) expect(listed.some((e) => e.private)).toBe(false);
        expect(await countEvents(db, filter)).toBe(listed.length);
        const dated = listed.filter((e) => e.date.start !== null);
        const facets = await eventFacets(db, filter);
        expect(facets.type.reduce((n, c) => n + c.count, 0)).toBe(listed.length);
        expect(facets.month.reduce((n, c) => n + c.count, 0)).toBe(dated.length);
        const timeline = await eventTimeline(db, filter, 'month');
        expect(timeline.reduce((n, b) => n + b.events, 0)).toBe(dated.length);
        expect(timeline.reduce((n, b) => n + b.fatalities, 0)).toBe(
          dated.reduce((n, e) => n + (e.fatalities?.best ?? 0), 0),
        );
        // The period the listed events' first and last day call for, however it is found.
        const days = dated.map((e) => Date.parse(e.date.start ?? '')).sort((a, b) => a - b);
        const span = ((days.at(-1) ?? 0) - (days[0] ?? 0)) / 86_400_000;
        expect(await timelinePeriod(db, filter)).toBe(
          days.length === 0 || span > 730 ? 'month' : span > 92 ? 'week' : 'day',
        );
      }
    }
    const governorate = { admin1Pcode: one.admin1_pcode, publicOnly: true };
    const seen = (await listMarkedEvents(db, governorate)).events;
    expect(seen.some((e) => e.id === one.id)).toBe(false);
    const facets = await eventFacets(db, governorate);
    expect(facets.governorate.find((c) => c.key === one.admin1_pcode)?.count ?? 0).toBe(
      seen.length,
    );
  });
});
