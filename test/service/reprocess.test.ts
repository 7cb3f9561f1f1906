import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event, Incident } from '../../src/contracts/index.js';
import { extract } from '../../src/extract/index.js';
import { readReport, sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  ingestBatch,
  loadKnowledge,
  matchIncidents,
  reprocess,
  userPlacesFile,
} from '../../src/service/index.js';
import {
  completeFacts,
  figureField,
  putCorrection,
  regroup,
  saveReports,
  setReviewStatus,
} from '../../src/store/index.js';
import type { Database, ExtractedReport } from '../../src/store/index.js';
import { countsCounted, countsKept } from '../store/counts.js';
import { engines, suiteStore } from '../store/engines.js';

/** Reports written for this test. The village of the first is in no shipped gazetteer. */
const REPORTS = [
  {
    text: 'قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي لقوات النظام على قرية خربة الزرازير الشمالية بريف إدلب الشرقي اليوم، بحسب الدفاع المدني السوري.',
    published: '2024-06-10',
    outlet: 'شبكة التجربة',
  },
  {
    text: 'قتل عنصران من قوات النظام في هجوم مسلح على حاجز في بلدة طفس بريف درعا الغربي اليوم، بحسب المرصد السوري لحقوق الإنسان.',
    published: '2024-06-11',
    outlet: 'موقع المثال',
  },
];

function raw(k: number, reports: readonly object[] = REPORTS): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify(reports[k]));
  return {
    source: `reports.ndjson:${String(k + 1)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-06-12T08:00:00.000Z',
  };
}

/** The village added the way `wathiq gazetteer add` writes it: the user's places file. */
function addVillage(dataDir: string): void {
  writeFileSync(
    userPlacesFile(dataDir),
    [
      'id\tkind\trank\tname_ar\tname_en\tvariants_ar\tadmin1_pcode\tadmin1\tadmin2_pcode\tadmin2\tadmin3_pcode\tadmin3\tlat\tlon\tparent',
      'user:khirbat-zarazir\tcommunity\t4\tخربة الزرازير\tKhirbat Zarazir\t\tSY07\tIdleb\tSY0700\tIdleb\tSY070003\tSaraqab\t35.840000\t36.850000\tC3916',
      '',
    ].join('\n'),
  );
}

async function count(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

async function eventOf(db: Database, incident: string): Promise<Event & { status: string }> {
  const [row] = await db.query<{ data: Event; review_status: string }>(
    'SELECT event_whole(e.id, e.data) AS data, e.review_status FROM events e JOIN incidents i ON i.event_id = e.id WHERE i.id = $1',
    [incident],
  );
  if (row === undefined) throw new Error(`no event for ${incident}`);
  return { ...row.data, status: row.review_status };
}

describe.each(engines())('reprocess on $name', (engine) => {
  let db: Database;
  const dataDir = mkdtempSync(join(tmpdir(), 'wathiq-reprocess-'));
  let village = '';

  beforeAll(async () => {
    db = await engine.open();
    const results = await ingestBatch(db, loadKnowledge(dataDir), [raw(0), raw(1)]);
    expect(results.map((r) => r.outcome)).toEqual(['added', 'added']);
    const [row] = await db.query<{ id: string }>(
      "SELECT i.id FROM incidents i JOIN documents d ON d.id = i.document_id WHERE d.outlet = 'شبكة التجربة'",
    );
    village = row?.id ?? '';
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('changes nothing when nothing changed', async () => {
    const summary = await reprocess(db, loadKnowledge(dataDir), {});
    expect(summary).toMatchObject({ total: 2, done: 2, stopped: false, reportsChanged: 0 });
    expect(summary.incidents).toEqual({ added: 0, removed: 0, changed: 0, kept: 0 });
    expect(summary.events).toEqual({
      added: 0,
      removed: 0,
      merged: 0,
      split: 0,
      figures: 0,
      changed: 0,
    });
    expect(summary.details).toEqual([]);
  });

  it('places an event at a village added to the gazetteer, keeping its review and corrections', async () => {
    const before = await eventOf(db, village);
    expect(before.location?.place_id).toBe('SY07');
    expect(before.fatalities?.best).toBe(3);
    // A reviewer verified the event and corrected the civil defence's count to 4.
    expect(await setReviewStatus(db, before.id, 'verified')).toBe(true);
    const [incident] = await db.query<{ data: Incident }>(
      'SELECT data FROM incidents WHERE id = $1',
      [village],
    );
    const claim = incident?.data.claims.find((c) => c.figures.some((f) => f.measure === 'killed'));
    const killed = claim?.figures.find((f) => f.measure === 'killed');
    expect(killed?.count).toBe(3);
    await putCorrection(db, {
      incident: village,
      field: figureField(claim?.claimant ?? null, 'killed', killed?.victim ?? null),
      value: { count: 4 },
      by: 'reviewer',
    });
    await db.query('UPDATE incidents SET private = true WHERE id = $1', [village]);
    // As the service does on a correction: the event rebuilt from the corrected incident.
    await regroup(db, [village], loadKnowledge(dataDir).lexicon);
    expect((await eventOf(db, village)).fatalities?.best).toBe(4);
    const stored = {
      documents: await count(db, 'documents'),
      captures: await count(db, 'captures'),
      incidents: await count(db, 'incidents'),
      events: await count(db, 'events'),
      corrections: await count(db, 'corrections'),
    };

    addVillage(dataDir);
    const summary = await reprocess(db, loadKnowledge(dataDir), {});
    expect(summary).toMatchObject({ total: 2, done: 2, reportsChanged: 1 });
    expect(summary.incidents).toEqual({ added: 0, removed: 0, changed: 1, kept: 0 });
    expect(summary.events).toEqual({
      added: 0,
      removed: 0,
      merged: 0,
      split: 0,
      figures: 0,
      changed: 1,
    });
    expect(summary.details).toEqual([
      expect.stringMatching(
        /^changed ev:\S+: place Idlib \(SY07\) → Khirbat Zarazir \(user:khirbat-zarazir\)$/,
      ),
    ]);

    const after = await eventOf(db, village);
    expect(after.location?.place_id).toBe('user:khirbat-zarazir');
    expect(after.location?.precision).toBe(1);
    expect(after.status).toBe('verified');
    expect(after.review_status).toBe('verified');
    // The correction holds on the new reading: the event counts 4 killed, not the 3 read.
    expect(after.fatalities?.best).toBe(4);
    const [mark] = await db.query<{ private: boolean }>(
      'SELECT e.private FROM events e WHERE e.id = $1',
      [after.id],
    );
    expect(mark?.private).toBe(true);
    // Nothing stored is lost or doubled.
    expect({
      documents: await count(db, 'documents'),
      captures: await count(db, 'captures'),
      incidents: await count(db, 'incidents'),
      events: await count(db, 'events'),
      corrections: await count(db, 'corrections'),
    }).toEqual(stored);
    // The event moved to the village is counted there by every count the views read, and no
    // longer in the governorate's square.
    expect(await countsKept(db)).toEqual(await countsCounted(db));
  });

  it('changes nothing the second time', async () => {
    const summary = await reprocess(db, loadKnowledge(dataDir), {});
    expect(summary.reportsChanged).toBe(0);
    expect(summary.details).toEqual([]);
    expect((await eventOf(db, village)).location?.place_id).toBe('user:khirbat-zarazir');
  });

  it('reads again only the reports a filter selects', async () => {
    const knowledge = loadKnowledge(dataDir);
    expect((await reprocess(db, knowledge, { outlet: 'موقع المثال' })).total).toBe(1);
    expect((await reprocess(db, knowledge, { events: { admin1Pcode: 'SY07' } })).total).toBe(1);
    expect((await reprocess(db, knowledge, { events: { from: '2030-01-01' } })).total).toBe(0);
  });
});

describe.each(engines())('reprocess straight after an ingest, on $name', (engine) => {
  it('finds the reports of a span of days before any read has brought the counts up to date', async () => {
    const db = await engine.open();
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'wathiq-reprocess-'));
      const knowledge = loadKnowledge(dataDir);
      await ingestBatch(db, knowledge, [raw(0), raw(1)]);
      const span = { events: { from: '2024-06-01', to: '2024-06-30' } };
      expect((await reprocess(db, knowledge, span)).total).toBe(2);
    } finally {
      await db.close();
    }
  }, 60_000);
});

/** One air strike as two outlets tell it (written for this test). */
const SAME_ACT = [
  {
    text: 'قتل أربعة مدنيين في غارة جوية روسية على مدينة سراقب شرقي إدلب صباح اليوم، بحسب الدفاع المدني السوري.',
    published: '2024-06-10',
    outlet: 'شبكة التجربة',
  },
  {
    text: 'أفاد المرصد السوري لحقوق الإنسان بمقتل خمسة مدنيين جراء غارة جوية روسية استهدفت مدينة سراقب في ريف إدلب الشرقي صباح اليوم.',
    published: '2024-06-10',
    outlet: 'موقع المثال',
  },
];

describe.each(engines())('reprocess of an older reading on $name', (engine) => {
  it(
    'merges what the new reading links, drops what it no longer finds, keeps what a person marked',
    { timeout: 60_000 },
    async () => {
      const db = await engine.open();
      try {
        const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-reprocess-')));
        const items: ExtractedReport[] = SAME_ACT.map((_, k) => {
          const report = raw(k, SAME_ACT);
          const document = readReport(report);
          const result = extract(document, { knowledge });
          return {
            report,
            result: {
              ...result,
              document: { ...result.document, sources: document.sources ?? {} },
            },
          };
        });
        const [first, second] = items;
        const strike = first?.result.incidents[0];
        const elsewhere = second?.result.incidents[0];
        if (first === undefined || second === undefined || !strike || !elsewhere?.location)
          throw new Error('the test reports read as no strike');
        // What an older wathiq made of them: the second report's strike in Daraa, and two acts
        // in the first report that are none (no place, a few words each).
        const ghost = (id: string, from: number): Incident => ({
          ...strike,
          id,
          location: null,
          actors: [],
          claims: [],
          fatalities: null,
          date: { ...strike.date, span: null },
          evidence: [[from, from + 3]],
        });
        const older: ExtractedReport[] = [
          {
            ...first,
            result: {
              ...first.result,
              incidents: [strike, ghost('i2', 10), ghost('i3', 20)],
            },
          },
          {
            ...second,
            result: {
              ...second.result,
              incidents: [
                {
                  ...elsewhere,
                  location: { ...elsewhere.location, admin1_pcode: 'SY12', place_id: 'SY12' },
                },
              ],
            },
          },
        ];
        await saveReports(db, older, knowledge.lexicon);
        expect(await count(db, 'events')).toBe(4);
        // A person marked one of the ghosts private: the new reading does not drop it.
        const touched = `${first.result.document.id}#i3`;
        await db.query('UPDATE incidents SET private = true WHERE id = $1', [touched]);

        const summary = await reprocess(db, knowledge, {});
        expect(summary.reportsChanged).toBe(2);
        expect(summary.incidents).toEqual({ added: 0, removed: 1, changed: 1, kept: 1 });
        expect(summary.events).toEqual({
          added: 0,
          removed: 1,
          merged: 1,
          split: 0,
          figures: 0,
          changed: 0,
        });
        expect(summary.details).toEqual([
          expect.stringMatching(/^merged ev:\S+ \+ ev:\S+ → ev:\S+: Air\/drone strike, Saraqab/),
          expect.stringMatching(/^removed ev:\S+: /),
          `kept ${touched} as it was: a person's word is on it and the new reading no longer finds it`,
        ]);
        expect(await count(db, 'events')).toBe(2);
        const [merged] = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM events e JOIN event_members m ON m.event_id = e.id WHERE e.admin1_pcode = 'SY07' GROUP BY e.id",
        );
        expect(merged?.n).toBe(2);
        expect(await count(db, 'incidents')).toBe(3);

        const again = await reprocess(db, knowledge, {});
        expect(again.reportsChanged).toBe(0);
        expect(again.events).toEqual({
          added: 0,
          removed: 0,
          merged: 0,
          split: 0,
          figures: 0,
          changed: 0,
        });
        expect(await count(db, 'incidents')).toBe(3);
      } finally {
        await db.close();
      }
    },
  );
});

/** Another strike the same morning, in another town of the governorate (written for this test). */
const OTHER_ACT = {
  text: 'قتل مدنيان في غارة جوية روسية على مدينة أريحا جنوبي إدلب صباح اليوم، بحسب الدفاع المدني السوري.',
  published: '2024-06-10',
  outlet: 'موقع المثال',
};

describe.each(engines())(
  'reprocess of an older reading that joined two acts, on $name',
  (engine) => {
    const db = suiteStore(engine);
    const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-reprocess-')));

    it('splits them; the reviewer’s status stays with the part that keeps the event, the other starts unreviewed', async () => {
      const reports = [SAME_ACT[0] ?? OTHER_ACT, OTHER_ACT];
      const items: ExtractedReport[] = reports.map((_, k) => {
        const report = raw(k, reports);
        const result = extract(readReport(report), { knowledge });
        return { report, result };
      });
      const [saraqib, ariha] = items;
      const there = saraqib?.result.incidents[0]?.location;
      const strike = ariha?.result.incidents[0];
      if (saraqib === undefined || ariha === undefined || !there || !strike)
        throw new Error('the test reports read as no strike');
      // An older wathiq placed the Ariha strike in Saraqib: one event of the two.
      await saveReports(
        db,
        [
          saraqib,
          {
            ...ariha,
            result: { ...ariha.result, incidents: [{ ...strike, location: { ...there } }] },
          },
        ],
        knowledge.lexicon,
      );
      const [joined] = await db.query<{ id: string }>('SELECT id FROM events');
      expect(await count(db, 'events')).toBe(1);
      await setReviewStatus(db, joined?.id ?? '', 'reviewed');

      const summary = await reprocess(db, knowledge, {});
      expect(summary.events).toEqual({
        added: 0,
        removed: 0,
        merged: 0,
        split: 1,
        figures: 0,
        changed: 0,
      });
      expect(summary.details).toEqual([expect.stringMatching(/^split ev:\S+ → ev:\S+ \+ ev:\S+$/)]);
      const events = await db.query<{ id: string; place: string; review_status: string }>(
        "SELECT id, data->'location'->>'place_id' AS place, review_status FROM events ORDER BY 2",
      );
      expect(events.map((e) => e.place)).toEqual(['C3916', 'C4278']);
      expect(events.map((e) => [e.id === joined?.id, e.review_status]).sort()).toEqual([
        [false, 'unreviewed'],
        [true, 'reviewed'],
      ]);
    });

    it('stops between batches when asked, and a re-run does the rest', async () => {
      let batches = 0;
      const stopped = await reprocess(
        db,
        knowledge,
        {},
        { batch: 1, stopping: () => batches++ > 0 },
      );
      expect(stopped).toMatchObject({ total: 2, done: 1, stopped: true });
      const rest = await reprocess(db, knowledge, {});
      expect(rest).toMatchObject({ total: 2, done: 2, stopped: false, reportsChanged: 0 });
    });
  },
);

describe.each(engines())(
  'reprocess of a reading that lacked a warning code, on $name',
  (engine) => {
    const db = suiteStore(engine);

    it('gives the event the review reason the new code calls for, though no incident changed', async () => {
      // «يوم الجمعة» before a date that was a Thursday: the reading warns of it.
      const report = {
        text: 'قتل رجلان يوم الجمعة 3 تشرين الأول 2024 بقصف مدفعي على بلدة سرمين شرقي إدلب.',
        published: '2024-10-04',
        outlet: 'نشرة التجربة',
      };
      await ingestBatch(db, loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-reprocess-'))), [
        raw(0, [report]),
      ]);
      const reasons = async (): Promise<unknown> =>
        (await db.query<{ r: unknown }>('SELECT review_reasons AS r FROM events'))[0]?.r;
      const told = await reasons();
      expect(JSON.stringify(told)).toContain('weekday');
      // As an older wathiq left it: a reading without codes, and the event's reasons made from it.
      await db.query("UPDATE documents SET coded_warnings = '[]'");
      await db.query(
        'UPDATE events SET review_reasons = event_review_reasons(event_whole(id, data))',
      );
      expect(JSON.stringify(await reasons())).not.toContain('weekday');

      await reprocess(db, loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-reprocess-'))), {});
      expect(await reasons()).toEqual(told);
    });
  },
);

describe.each(engines())('reprocess while the store changes, on $name', (engine) => {
  const db = suiteStore(engine);
  const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-reprocess-')));
  /** Undated: its «اليوم» is a day only once the report has a publication date. */
  const UNDATED = [
    {
      text: 'قُتل رجلان برصاص مجهولين على طريق بلدة نوى بريف درعا الغربي اليوم، بحسب ناشطين محليين.',
    },
    { text: 'أصيبت امرأة بجروح في انفجار عبوة ناسفة في سوق مدينة الباب شمالي حلب اليوم.' },
  ];

  /**
   * The store, watched: whether a transaction is open, and a change made by
   * another writer just before the next one begins (after reprocess has read).
   */
  function watched(): {
    store: Database;
    open: () => boolean;
    before: (change: () => Promise<void>) => void;
  } {
    let inside = false;
    let pending: (() => Promise<void>) | null = null;
    const store: Database = {
      ...db,
      transaction: async (work) => {
        const change = pending;
        pending = null;
        if (change !== null) await change();
        inside = true;
        try {
          return await db.transaction(work);
        } finally {
          inside = false;
        }
      },
    };
    return { store, open: () => inside, before: (change) => (pending = change) };
  }

  it('reads the reports outside its transaction, and reads again under the lock one that changed meanwhile', async () => {
    await ingestBatch(db, knowledge, [raw(0, UNDATED), raw(1, UNDATED)]);
    const dates = async (): Promise<(string | null)[]> =>
      (
        await db.query<{ start: string | null }>(
          "SELECT i.data->'date'->>'start' AS start FROM incidents i ORDER BY i.id",
        )
      ).map((r) => r.start);
    expect(await dates()).toEqual([null, null]);
    const [first] = await db.query<{ id: string }>('SELECT id FROM documents ORDER BY id LIMIT 1');
    const { store, open, before } = watched();
    // Another ingest gives the first report its date between reprocess's reading and its lock.
    before(() =>
      completeFacts(
        db,
        first?.id ?? '',
        { title: null, outlet: null, url: null, published: '2025-03-04' },
        {},
      ),
    );
    const reads: boolean[] = [];
    const summary = await reprocess(
      store,
      knowledge,
      {},
      {
        extract: (document, options) => {
          reads.push(open());
          return extract(document, options);
        },
      },
    );
    // Both read outside; only the dated one again, inside, where its new date is seen.
    expect(reads).toEqual([false, false, true]);
    expect(summary).toMatchObject({ done: 2, reportsChanged: 1, failed: [] });
    expect((await dates()).sort()).toEqual(['2025-03-04', null]);
  });
});

describe('which stored incident a new reading is', () => {
  const incident = (id: string, evidence: [number, number][]): Incident => ({
    id,
    background: false,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    date: { start: null, end: null, precision: 'unknown', text: null, span: null },
    location: null,
    actors: [],
    claims: [],
    fatalities: null,
    civilian_targeting: false,
    tags: [],
    evidence,
    confidence: 0.5,
  });

  it('is the one read from the same words, whatever its place in the report', () => {
    const stored = [
      { key: 'd#i1', incident: incident('i1', [[0, 40]]), touched: false },
      { key: 'd#i2', incident: incident('i2', [[100, 160]]), touched: true },
    ];
    // A new act found first in the report: the old ones keep their ids, the new one has none.
    const fresh = [
      incident('i1', [[200, 240]]),
      incident('i2', [[0, 38]]),
      incident('i3', [[95, 150]]),
    ];
    const matched = matchIncidents(stored, fresh);
    expect([...matched].map(([k, x]) => [k, x.key]).sort()).toEqual([
      [1, 'd#i1'],
      [2, 'd#i2'],
    ]);
  });
});
