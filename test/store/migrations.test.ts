import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { foldCounts } from '../../src/store/counts.js';
import { conditions, eventTable } from '../../src/store/queries.js';
import { weekdayContradicted } from '../../src/store/schema.js';
import { engines } from './engines.js';
import {
  facetPairsCounted,
  facetPairsKept,
  facetSpansCounted,
  facetSpansKept,
} from './facet-counts.js';
import { countsCounted, countsKept } from './counts.js';
import { squaresCounted, squaresKept } from './squares.js';

/**
 * Forty events over months of two types and sub-types, with an actor as doer and target,
 * claimants, statuses, one private, one with no first day (ids `PREFIX1`…), written straight into
 * a store of an older version: their counts' deltas left pending, as a writer leaves them. Where
 * `located`, most have a point in their data.
 */
async function insertEventsOverMonths(
  db: Database,
  prefix: string,
  { located }: { readonly located: boolean },
): Promise<void> {
  const point = located
    ? `, 'location', CASE WHEN k % 6 <> 0 THEN
         jsonb_build_object('lon', 36.1 + k % 4 * 0.4, 'lat', 35.2 + k % 5 * 0.3) END`
    : '';
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data,
       private)
     SELECT $1::text || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END,
       CASE WHEN k % 3 = 0 THEN 'Armed clash' ELSE 'Mob violence' END,
       CASE WHEN k <> 7 THEN date '2023-01-20' + k * 9 END, date '2023-01-20' + k * 9 + k % 3 * 10,
       'SY0' || k % 3, 'SYR-GOV', CASE WHEN k % 4 = 0 THEN 'CIV' WHEN k % 4 = 1 THEN 'SYR-GOV' END, k,
       CASE WHEN k % 2 = 0 THEN ARRAY['SOHR', 'SNHR'] ELSE '{}' END,
       CASE WHEN k % 5 = 0 THEN 'reviewed' ELSE 'unreviewed' END, 'اشتباك', '{}',
       jsonb_build_object('id', $1::text || k${point}), k = 5
     FROM generate_series(1, 40) AS k`,
    [prefix],
  );
}

describe.each(engines())(
  'migration 11 on a store with corrections of the old kind, on $name',
  (engine) => {
    let db: Database;
    beforeAll(async () => {
      // The schema as wathiq left it before event corrections moved onto events.
      db = await engine.openAt(10);
      await db.query(
        `INSERT INTO documents (id, text, search_text, tallies, warnings)
       VALUES ('d1', 'نص', 'نص', '[]', '[]')`,
      );
      await db.query(
        `INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, data, event_id)
       VALUES ('d1#1', 'd1', false, 'Battles', 'Armed clash', '{}', 'E1'),
              ('d1#2', 'd1', false, 'Battles', 'Armed clash', '{}', 'E1'),
              ('d1#3', 'd1', false, 'Battles', 'Armed clash', '{}', NULL)`,
      );
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('E1', 'Battles', 'Armed clash', '{}', '', '{}', '{}')`,
      );
      // Event corrections were kept on an incident of the event, under «event.»; two members
      // held one of the same field, the later of which the event showed.
      await db.query(
        `INSERT INTO corrections (incident_id, field, value, by, at) VALUES
         ('d1#1', 'event.actor1', '"RUS"', 'first', '2024-01-01T00:00:00Z'),
         ('d1#2', 'event.actor1', '"TUR"', 'second', '2024-02-01T00:00:00Z'),
         ('d1#1', 'event.place', '{"place_id": "C1"}', 'first', '2024-01-03T00:00:00Z'),
         ('d1#1', 'claim:SOHR:killed:civilians', '{"count": 4}', 'first', '2024-01-02T00:00:00Z'),
         ('d1#3', 'event.actor2', '"ISIS"', 'third', '2024-01-04T00:00:00Z')`,
      );
      await migrate(db);
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('moves the corrections an event showed onto it, the latest of each field', async () => {
      expect(
        await db.query(
          `SELECT event_id, field, value, by, at::text LIKE '2024-02-01%' AS latest
         FROM event_corrections ORDER BY event_id, field`,
        ),
      ).toEqual([
        { event_id: 'E1', field: 'actor1', value: 'TUR', by: 'second', latest: true },
        { event_id: 'E1', field: 'place', value: { place_id: 'C1' }, by: 'first', latest: false },
      ]);
    });

    it("keeps an incident's own corrections, and those of an incident in no event, where they were", async () => {
      expect(
        await db.query(
          'SELECT incident_id, field, value, by FROM corrections ORDER BY incident_id, field',
        ),
      ).toEqual([
        {
          incident_id: 'd1#1',
          field: 'claim:SOHR:killed:civilians',
          value: { count: 4 },
          by: 'first',
        },
        { incident_id: 'd1#3', field: 'event.actor2', value: 'ISIS', by: 'third' },
      ]);
    });

    it('brings the schema up to date', async () => {
      const [row] = await db.query<{ version: number }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      expect(row?.version).toBe(SCHEMA_VERSION);
    });
  },
);

describe.each(engines())(
  'migration 16 on an audit log written before groups, on $name',
  (engine) => {
    let db: Database;
    const entry = (by: string) =>
      db.query(
        `INSERT INTO audit_log (by, action, kind, key, before, after)
       VALUES ($1, 'split', 'decision', '{}', NULL, '{"same": false}')`,
        [by],
      );
    beforeAll(async () => {
      db = await engine.openAt(15);
      // A split's two decisions in one transaction, then a change of its own.
      await db.transaction(async (tx) => {
        for (const by of ['salma', 'salma'])
          await tx.query(
            `INSERT INTO audit_log (by, action, kind, key, before, after)
           VALUES ($1, 'split', 'decision', '{}', NULL, '{"same": false}')`,
            [by],
          );
      });
      await entry('salma');
      await migrate(db);
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('groups the entries one transaction wrote, and gives every later action a group of its own', async () => {
      const groups = async () =>
        (await db.query<{ g: number }>('SELECT change_group AS g FROM audit_log ORDER BY id')).map(
          (r) => r.g,
        );
      const [a, b, c] = await groups();
      expect(a).toBe(b);
      expect(c).not.toBe(a);
      await db.transaction(async (tx) => {
        for (let k = 0; k < 2; k++)
          await tx.query(
            `INSERT INTO audit_log (by, action, kind, key) VALUES ('omar', 'correct', 'correction', '{}')`,
          );
      });
      await entry('omar');
      const [, , , d, e, f] = await groups();
      expect(d).toBe(e);
      expect(new Set([a, c, d, f]).size).toBe(4);
    });
  },
);

describe.each(engines())(
  'migration 17 on reports whose date warnings were words only, on $name',
  (engine) => {
    let db: Database;
    const warnings = [
      'date «الجمعة 3 تشرين الأول 2024»: the text names Friday for 2024-10-03, which is a Thursday (report date 2024-10-04); kept 2024-10-03',
      'date «أمس 5 آب»: the text names both 2024-08-05 and 2024-08-04 for one day; kept 2024-08-05',
      'place «تل الورد» is not in the gazetteer',
    ];
    beforeAll(async () => {
      db = await engine.openAt(16);
      await db.query(
        `INSERT INTO documents (id, text, search_text, tallies, warnings)
         VALUES ('d1', 'نص', 'نص', '[]', $1::jsonb), ('d2', 'نص آخر', 'نص آخر', '[]', '[]')`,
        [JSON.stringify(warnings)],
      );
      await migrate(db);
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('gives each date warning its code and kept day, and a report with none no codes', async () => {
      const rows = await db.query<{ id: string; coded_warnings: unknown[] }>(
        'SELECT id, coded_warnings FROM documents ORDER BY id',
      );
      expect(rows).toEqual([
        {
          id: 'd1',
          coded_warnings: [
            { code: 'weekday_contradicts', date: '2024-10-03' },
            { code: 'dates_disagree', date: '2024-08-05' },
          ],
        },
        { id: 'd2', coded_warnings: [] },
      ]);
    });
  },
);

describe.each(engines())(
  'migration 18 on a store whose events have review reasons, on $name',
  (engine) => {
    let db: Database;
    /** An event's data with what the reasons read: figures, place, claims, day, reports. */
    const event = (fields: {
      low: number;
      high: number;
      precision: 1 | 3 | null;
      party: boolean;
      start: string | null;
      datePrecision: string;
      document: string;
    }) => ({
      fatalities: { best: fields.low, low: fields.low, high: fields.high },
      location: fields.precision === null ? null : { precision: fields.precision },
      claims: [{ party: fields.party }],
      date: { start: fields.start, precision: fields.datePrecision },
      members: [{ document: fields.document, incident: `${fields.document}#i1` }],
    });
    const plain = {
      low: 2,
      high: 2,
      precision: 1,
      party: false,
      start: '2024-10-03',
      datePrecision: 'day',
      document: 'd2',
    } as const;
    const events = {
      // Every reason, one event each, and an event with none.
      E1: event({ ...plain, high: 5 }),
      E2: event({ ...plain, precision: null }),
      E3: event({ ...plain, precision: 3 }),
      E4: event({ ...plain, party: true }),
      E5: event({ ...plain, datePrecision: 'month' }),
      E6: event({ ...plain, document: 'd1' }),
      // A report's weekday for another day than the event's: no reason.
      E7: event({ ...plain, start: '2024-10-05', document: 'd1' }),
      E8: event(plain),
    };
    beforeAll(async () => {
      db = await engine.openAt(17);
      await db.query(
        `INSERT INTO documents (id, text, search_text, tallies, warnings, coded_warnings)
         VALUES ('d1', 'نص', 'نص', '[]', '[]', $1::jsonb), ('d2', 'نص آخر', 'نص آخر', '[]', '[]', '[]')`,
        [JSON.stringify([{ code: 'weekday_contradicts', date: '2024-10-03' }])],
      );
      // Written as version 17's wathiq wrote them: the reasons by its function.
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names,
           data, review_reasons)
         SELECT e.key, 'Battles', 'Armed clash', '{}', '', '{}', e.value,
           event_review_reasons(e.value)
         FROM jsonb_each($1::jsonb) AS e`,
        [JSON.stringify(events)],
      );
      await migrate(db, 18);
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    it('keeps every reason version 17 gave, and they are what version 18 works out afresh', async () => {
      const rows = await db.query<{
        id: string;
        stored: string[];
        whole: string[];
        written: string[];
      }>(
        `SELECT id, review_reasons AS stored, event_review_reasons(data) AS whole,
           event_review_reasons(data, ${weekdayContradicted(
             `ARRAY(SELECT m->>'document' FROM jsonb_array_elements(data->'members') AS m)`,
             'data',
           )}) AS written
         FROM events ORDER BY id`,
      );
      expect(rows.map((r) => [r.id, r.stored])).toEqual([
        ['E1', ['claims_disagree']],
        ['E2', ['no_place']],
        ['E3', ['governorate_only']],
        ['E4', ['party_sources_only']],
        ['E5', ['date_imprecise']],
        ['E6', ['weekday_contradicts']],
        ['E7', []],
        ['E8', []],
      ]);
      // Afresh: by the whole function, and as the statement that writes events works them out.
      for (const r of rows) {
        expect(r.whole).toEqual(r.stored);
        expect(r.written).toEqual(r.stored);
      }
    });
  },
);

describe.each(engines())('migration 45 on a store with a search kept, on $name', (engine) => {
  let db: Database;
  const word = 'الهباريه';
  beforeAll(async () => {
    db = await engine.openAt(44);
    // Twelve events of the word, of two types, months and places, one private; 118 of others
    // (a search in more than a tenth of the events is counted, not kept).
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
         fatalities_best, claimants, search_text, search_names, data, private)
       SELECT 'm' || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END, 'Armed clash',
         date '2023-01-10' + k * 20, date '2023-01-10' + k * 21, 'SY0' || (2 + k % 3), k,
         ARRAY['SOHR'], CASE WHEN k <= 12 THEN 'قصف علي ' || $1 ELSE 'اشتباك قرب البلده' END, '{}',
         jsonb_build_object('id', 'm' || k, 'location',
           jsonb_build_object('lat', 35.1 + k / 40.0, 'lon', 36.2)),
         k = 5
       FROM generate_series(1, 130) AS k`,
      [word],
    );
    // Kept as migration 40's keep_search keeps it: copied, not counted.
    await db.query("SELECT keep_search($1, '%' || $1 || '%', 100)", [word]);
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('counts the search kept by month and square from its rows, as its events give them', async () => {
    expect(await db.query('SELECT kept, counted FROM kept_searches')).toEqual([
      { kept: true, counted: true },
    ]);
    const rows = (text: string): Promise<unknown[]> =>
      db.query(`SELECT * FROM (${text}) AS r ORDER BY to_jsonb(r)::text`, [word]);
    expect(
      await rows(`SELECT month, end_month, private, event_type, admin1_pcode, events::int,
                    fatalities::int FROM search_summary WHERE search = $1`),
    ).toEqual(
      await rows(`SELECT date_trunc('month', date_start)::date AS month,
                    date_trunc('month', date_end)::date AS end_month, private, event_type,
                    admin1_pcode, count(*)::int AS events, sum(fatalities_best)::int AS fatalities
                  FROM events WHERE search_text LIKE '%' || $1 || '%' GROUP BY 1, 2, 3, 4, 5`),
    );
    expect(
      await rows(`SELECT month, private, events::int, west, north FROM search_square_months
                  WHERE search = $1`),
    ).toEqual(
      await rows(`SELECT date_trunc('month', date_start)::date AS month, private,
                    count(*)::int AS events, min(lon) AS west, max(lat) AS north
                  FROM events WHERE search_text LIKE '%' || $1 || '%'
                  GROUP BY 1, date_trunc('month', date_end), 2, floor(lon / 0.3515625),
                    floor(lat / 0.3515625)`),
    );
  });
});

describe.each(engines())('migration 50 on a store with events, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(49);
    // Events of many days, types and points, one private, one with no first day and one with no
    // point; their counts' deltas left pending, as a writer leaves them.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
         search_text, search_names, data, private)
       SELECT 'd' || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END,
         CASE WHEN k % 3 = 0 THEN 'Armed clash' ELSE 'Mob violence' END,
         CASE WHEN k <> 7 THEN date '2023-01-10' + k % 9 END, date '2023-01-10' + k % 9 + k % 2,
         '{}', 'اشتباك', '{}',
         jsonb_build_object('id', 'd' || k, 'location',
           CASE WHEN k <> 8 THEN jsonb_build_object('lat', 35.1 + k / 40.0, 'lon', 36.2 + k % 4 / 10.0) END),
         k = 5
       FROM generate_series(1, 60) AS k`,
    );
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('counts the events by square and day, as they give them, and keeps them so after deletes', async () => {
    expect(await squaresKept(db)).toEqual(await squaresCounted(db));
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_square_days');
    expect(row?.n).toBeGreaterThan(10);
    // The westmost point of a square and day leaves it; then every event of another day.
    await db.query("DELETE FROM events WHERE id IN ('d4', 'd13')");
    await db.query("DELETE FROM events WHERE date_start = date '2023-01-12'");
    expect(await squaresKept(db)).toEqual(await squaresCounted(db));
  });
});

describe.each(engines())('migration 51 on a store with events, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(50);
    // Events over months, some ending a month after they start, one private, one with no first
    // day and one with no last, with actors, claimants and statuses; their counts' deltas left
    // pending, as a writer leaves them.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode,
         actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data,
         private)
       SELECT 's' || k, CASE WHEN k % 2 = 0 THEN 'Battles' ELSE 'Riots' END, 'Armed clash',
         CASE WHEN k <> 7 THEN date '2023-01-20' + k * 9 END,
         CASE WHEN k <> 9 THEN date '2023-01-20' + k * 9 + k % 3 * 10 END,
         'SY0' || k % 3, 'SYR-GOV', CASE WHEN k % 4 = 0 THEN 'CIV' END, k,
         CASE WHEN k % 2 = 0 THEN ARRAY['SOHR', 'SNHR'] ELSE '{}' END,
         CASE WHEN k % 5 = 0 THEN 'reviewed' ELSE 'unreviewed' END, 'اشتباك', '{}',
         jsonb_build_object('id', 's' || k), k = 5
       FROM generate_series(1, 40) AS k`,
    );
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('counts the events by facet and the months they start and end in, as they give them, and keeps them so after writes', async () => {
    expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_facet_spans');
    expect(row?.n).toBeGreaterThan(40);
    // A month's events gone, another's moved on by a month and given another actor.
    await db.query("DELETE FROM events WHERE date_start < date '2023-03-01'");
    await db.query(
      `UPDATE events SET date_end = date_end + 31, actor1 = 'TUR'
       WHERE date_start >= date '2023-05-01' AND date_start < date '2023-06-01'`,
    );
    expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
    // Events made private and others public: the private mark is one of the columns counted.
    const [marked] = await db.query<{ n: number }>(
      `WITH m AS (UPDATE events SET private = NOT private
                  WHERE date_start >= date '2023-06-01' AND date_start < date '2023-08-01' RETURNING 1)
       SELECT count(*)::int AS n FROM m`,
    );
    expect(marked?.n).toBeGreaterThan(0);
    expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
  });
});

describe.each(engines())('migration 55 on a store with events, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(54);
    // Their deltas pending: the migration counts from event_summary, which they are folded into.
    await insertEventsOverMonths(db, 'p', { located: false });
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('counts the events by each value a filter names, facet and month, as they give them, and keeps them so after writes', async () => {
    expect(await facetPairsKept(db)).toEqual(await facetPairsCounted(db));
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_facet_pairs');
    expect(row?.n).toBeGreaterThan(40);
    // A month's events gone, another's given another actor and status, and some made private.
    await db.query("DELETE FROM events WHERE date_start < date '2023-03-01'");
    await db.query(
      `UPDATE events SET actor2 = 'TUR', review_status = 'verified'
       WHERE date_start >= date '2023-05-01' AND date_start < date '2023-06-01'`,
    );
    await db.query("UPDATE events SET private = NOT private WHERE date_start >= date '2023-06-01'");
    expect(await facetPairsKept(db)).toEqual(await facetPairsCounted(db));
    // Types and sub-types swapped, events moved to another month or to none, claimants,
    // governorates and figures changed: each moves the event between the counts' rows.
    await db.query(
      `UPDATE events SET event_type = CASE WHEN event_type = 'Battles' THEN 'Riots' ELSE 'Battles' END,
         sub_event_type = CASE WHEN sub_event_type = 'Armed clash' THEN 'Mob violence' ELSE 'Armed clash' END
       WHERE fatalities_best % 3 = 0`,
    );
    await db.query(
      `UPDATE events SET date_start = CASE WHEN fatalities_best % 2 = 0 THEN date_start + 45 END
       WHERE fatalities_best % 4 = 1`,
    );
    await db.query(
      `UPDATE events SET claimants = ARRAY['SANA'], admin1_pcode = 'SY13', fatalities_best = fatalities_best * 2
       WHERE fatalities_best % 5 = 2`,
    );
    expect(await facetPairsKept(db)).toEqual(await facetPairsCounted(db));
  });
});

describe.each(engines())('migrations that rewrite the events, on $name', (engine) => {
  it('leave no dead rows behind: the tables they grew are vacuumed and their statistics made', async () => {
    const db = await engine.openAt(51);
    try {
      const data = (k: number) => ({
        id: `e${String(k)}`,
        members: [],
        claims: [],
        note: 'x'.repeat(400),
      });
      await db.query(
        `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
         SELECT e->>'id', 'Battles', 'Armed clash', '{}', '', '{}', e
         FROM jsonb_array_elements($1::jsonb) AS e`,
        [JSON.stringify(Array.from({ length: 600 }, (_, k) => data(k)))],
      );
      await migrate(db);
      // Vacuumed, every page of the events is marked all-visible (an update clears the mark),
      // and the planner counts them.
      const [row] = await db.query<{ pages: number; visible: number; estimated: number }>(
        `SELECT relpages AS pages, relallvisible AS visible, reltuples::int AS estimated
         FROM pg_class WHERE oid = 'events'::regclass`,
      );
      expect(row?.pages).toBeGreaterThan(0);
      expect(row?.visible).toBe(row?.pages);
      expect(row?.estimated).toBe(600);
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe.each(engines())('migration 52 on a store with events, on $name', (engine) => {
  let db: Database;
  /** An event as version 51 kept it: its members and claims in its data. */
  const whole = {
    id: 'm1',
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Shelling/artillery/missile attack',
    fatalities: { low: 2, best: 3, high: 4 },
    review_status: 'unreviewed',
    // Two incidents of one report, then another report's: the first report's claims are told
    // by its first incident, as the event's claims do not say which of the two carried them.
    members: [
      { incident: 'da#1', document: 'da', outlet: 'أ', url: null, linked_by: [] },
      { incident: 'da#2', document: 'da', outlet: 'أ', url: null, linked_by: ['joined by x'] },
      {
        incident: 'db#1',
        document: 'db',
        outlet: null,
        url: 'https://example.org/b',
        linked_by: ['same day'],
      },
    ],
    claims: [
      { claimant: 'مرصد', figures: [{ count: 2 }], document: 'da', outlet: 'أ', party: false },
      { claimant: null, figures: [{ count: 3 }], document: 'da', outlet: 'أ', party: false },
      { claimant: 'جيش', figures: [{ count: 4 }], document: 'db', outlet: null, party: true },
    ],
  };
  const bare = { id: 'm2', members: [{ incident: 'dc#1', document: 'dc' }], claims: [] };
  beforeAll(async () => {
    db = await engine.openAt(51);
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       SELECT e->>'id', 'Battles', 'Armed clash', '{}', '', '{}', e
       FROM jsonb_array_elements($1::jsonb) AS e`,
      [JSON.stringify([whole, bare])],
    );
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('moves the members and claims of each event into rows, and gives each event back whole', async () => {
    const rows = await db.query(
      `SELECT event_id, incident_id, member->>'document' AS document, claims, hash
       FROM event_members ORDER BY event_id, incident_id`,
    );
    expect(rows).toEqual([
      {
        event_id: 'm1',
        incident_id: 'da#1',
        document: 'da',
        claims: whole.claims.slice(0, 2),
        hash: '',
      },
      { event_id: 'm1', incident_id: 'da#2', document: 'da', claims: [], hash: '' },
      {
        event_id: 'm1',
        incident_id: 'db#1',
        document: 'db',
        claims: whole.claims.slice(2),
        hash: '',
      },
      { event_id: 'm2', incident_id: 'dc#1', document: 'dc', claims: [], hash: '' },
    ]);
    const events = await db.query<{ id: string; head: Record<string, unknown>; whole: unknown }>(
      'SELECT id, data AS head, event_whole(id, data) AS whole FROM events ORDER BY id',
    );
    expect(events.map((e) => e.whole)).toEqual([whole, bare]);
    for (const e of events) expect(Object.keys(e.head)).not.toContain('claims');
    for (const e of events) expect(Object.keys(e.head)).not.toContain('members');
  });

  it("deletes an event's member rows with it", async () => {
    await db.query("DELETE FROM events WHERE id = 'm1'");
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_members');
    expect(row?.n).toBe(1);
  });
});

describe.each(engines())('migration 57 on a store with incidents, on $name', (engine) => {
  let db: Database;
  /** An incident's data over the size at which a row's values are compressed. */
  const data = (n: number): Record<string, unknown> => ({
    id: `dz#${String(n)}`,
    why: Array.from({ length: 60 }, (_, k) => `سبب ${String(k)} من أسباب القراءة رقم ${String(n)}`),
  });
  const insert = (n: number): Promise<unknown[]> =>
    db.query(
      `INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, data)
       VALUES ($1, 'dz', false, 'Battles', 'Armed clash', $2)`,
      [`dz#${String(n)}`, JSON.stringify(data(n))],
    );
  beforeAll(async () => {
    db = await engine.openAt(56);
    await db.query(
      `INSERT INTO documents (id, text, search_text, tallies, warnings)
       VALUES ('dz', 'نص', 'نص', '[]', '[]')`,
    );
    await insert(1);
    await migrate(db);
    await insert(2);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it("compresses the incidents' data written after it with lz4 where the server has it, and reads those before as they were", async () => {
    const rows = await db.query<{ id: string; data: unknown; method: string | null }>(
      `SELECT id, data, pg_column_compression(data) AS method FROM incidents ORDER BY id`,
    );
    expect(rows.map((r) => r.data)).toEqual([data(1), data(2)]);
    // The one written before is as the server's default compressed it; the one after, lz4.
    expect(rows[1]?.method).toBe(engine.name === 'PGlite' ? 'pglz' : 'lz4');
    const [column] = await db.query<{ method: string }>(
      `SELECT attcompression::text AS method FROM pg_attribute
       WHERE attrelid = 'incidents'::regclass AND attname = 'data'`,
    );
    // 'l': lz4; none set on the embedded engine, which has no lz4.
    expect(column?.method).toBe(engine.name === 'PGlite' ? '' : 'l');
  });
});

describe.each(engines())('migration 58 on a store with deltas pending, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(57);
    // Their deltas pending: the fold of migration 58 moves them.
    await insertEventsOverMonths(db, 'q', { located: true });
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('folds the deltas into every table of counts as the events give them, before and after writes', async () => {
    // The fold sorts nothing now (the sorts were all the migration changed).
    const [fold] = await db.query<{ body: string }>(
      "SELECT pg_get_functiondef('fold_event_counts'::regproc) AS body",
    );
    expect(fold?.body).toContain('INSERT INTO event_summary');
    expect(fold?.body).not.toMatch(/ORDER BY/i);
    expect(await countsKept(db)).toEqual(await countsCounted(db));
    await db.query("DELETE FROM events WHERE date_start < date '2023-03-01'");
    await db.query(
      `UPDATE events SET actor2 = 'TUR', review_status = 'verified',
         data = jsonb_set(data, '{location}', '{"lon": 37.5, "lat": 36.5}')
       WHERE date_start >= date '2023-05-01' AND date_start < date '2023-06-01'`,
    );
    await db.query("UPDATE events SET private = NOT private WHERE date_start >= date '2023-06-01'");
    await db.query(
      `UPDATE events SET claimants = ARRAY['SANA'], admin1_pcode = 'SY13', fatalities_best = fatalities_best * 2
       WHERE fatalities_best % 5 = 2`,
    );
    expect(await countsKept(db)).toEqual(await countsCounted(db));
  });
});

describe.each(engines())('migration 59 on a store with events, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(58);
    await insertEventsOverMonths(db, 's', { located: false });
    await migrate(db);
    await db.query('ANALYZE events, event_words');
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it("makes no statistics of the events' words and names, and keeps those of the columns filtered by a value", async () => {
    const rows = await db.query<{ table: string; column: string }>(
      `SELECT tablename AS table, attname AS column FROM pg_stats
       WHERE tablename IN ('events', 'event_words')
         AND attname IN ('words', 'search_names', 'claimants', 'search_text')
       ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { table: 'event_words', column: 'claimants' },
      { table: 'events', column: 'claimants' },
      { table: 'events', column: 'search_text' },
    ]);
  });
});

describe.each(engines())('migration 60 on a store with deltas pending, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(59);
    // Their deltas pending: the fold of migration 60 moves them.
    await insertEventsOverMonths(db, 'g', { located: true });
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('folds the deltas into the counts by facet as the events give them, each value of an event once', async () => {
    expect(await countsKept(db)).toEqual(await countsCounted(db));
    expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
    // An actor as doer and target, a claimant named twice, a sub-type that is the type,
    // values gone: each is an event's value once, or none.
    await db.query(
      `UPDATE events SET actor2 = actor1, claimants = ARRAY['SOHR', 'SANA', 'SOHR']
       WHERE fatalities_best % 3 = 1`,
    );
    await db.query(
      `UPDATE events SET sub_event_type = event_type, admin1_pcode = NULL, actor1 = NULL
       WHERE fatalities_best % 4 = 2`,
    );
    await db.query("DELETE FROM events WHERE date_start < date '2023-03-01'");
    await db.query(
      `UPDATE events SET private = NOT private, fatalities_best = fatalities_best + 1,
         data = jsonb_set(data, '{location}', '{"lon": 37.5, "lat": 36.5}')
       WHERE date_start >= date '2023-06-01'`,
    );
    expect(await countsKept(db)).toEqual(await countsCounted(db));
    expect(await facetSpansKept(db)).toEqual(await facetSpansCounted(db));
  });
});

describe.each(engines())('migration 61 on a store with a phrase kept, on $name', (engine) => {
  let db: Database;
  const kept = 'جسر الزيتون';
  beforeAll(async () => {
    db = await engine.openAt(60);
    // The phrase as written, across the ends of two words, its words apart; 118 events of
    // neither (a phrase in more than a tenth of the events is counted, not kept).
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
         search_text, search_names, data)
       SELECT 'p' || k, 'Battles', 'Armed clash', date '2023-01-10' + k, date '2023-01-10' + k,
         '{}', CASE WHEN k <= 6 THEN 'قصف علي ' || $1 || ' ليلا'
                    WHEN k <= 9 THEN 'قصف علي بجسر الزيتونه'
                    WHEN k <= 12 THEN 'الزيتون جسر قديم'
                    ELSE 'اشتباك قرب البلده' END,
         '{}', jsonb_build_object('id', 'p' || k)
       FROM generate_series(1, 130) AS k`,
      [kept],
    );
    // Kept as migration 45's keep_search keeps a phrase: from the events' text (weighed against
    // every event counted: their deltas folded first, as a count does).
    await foldCounts(db);
    await db.query("SELECT keep_search($1, '%' || $1 || '%', 100, true)", [kept]);
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  /** The ids of the rows of `table` that `where` keeps, in order. */
  const ids = async (
    table: string,
    where: readonly string[],
    params: unknown[],
  ): Promise<string[]> =>
    (
      await db.query<{ id: string }>(
        `SELECT id FROM ${table} WHERE ${where.join(' AND ')} ORDER BY id`,
        params,
      )
    ).map((r) => r.id);

  it("drops the trigram index of the events' text and finds each phrase as its text holds it", async () => {
    const indexes = await db.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'events'",
    );
    expect(indexes.map((r) => r.indexname)).not.toContain('events_search');
    for (const search of [kept, 'علي بجسر', 'الزيتون جسر', 'قرب البلده', 'زيتون جسر', 'جسر']) {
      const plain = conditions({ search });
      const found = conditions({ search }, undefined, eventTable({ search }));
      expect(await ids('event_words', found.where, found.params)).toEqual(
        await ids('events', plain.where, plain.params),
      );
    }
    expect(await ids('events', ['search_text LIKE $1'], [`%${kept}%`])).toHaveLength(9);
  });

  it('keeps the rows of the phrase kept before, and keeps them as events are written', async () => {
    const plain = async (): Promise<string[]> =>
      ids('events', ['search_text LIKE $1'], [`%${kept}%`]);
    const rows = (): Promise<string[]> => ids('search_matches', ['search = $1'], [kept]);
    expect(await rows()).toEqual(await plain());
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       VALUES ('p500', 'Battles', 'Armed clash', '{}', 'عند ' || $1, '{}', '{"id": "p500"}')`,
      [kept],
    );
    await db.query("UPDATE events SET search_text = 'اشتباك' WHERE id = 'p4'");
    expect(await rows()).toEqual(await plain());
    expect(await rows()).toContain('p500');
  });

  it('keeps a phrase found through the words of its events, the same events its text holds', async () => {
    const phrase = 'علي بجسر';
    await foldCounts(db);
    expect(
      await db.query("SELECT keep_search($1, '%' || $1 || '%', 100, true) AS kept", [phrase]),
    ).toEqual([{ kept: true }]);
    expect(await ids('search_matches', ['search = $1'], [phrase])).toEqual(
      await ids('events', ['search_text LIKE $1'], [`%${phrase}%`]),
    );
  });
});

describe.each(engines())('migration 62 on a store with a vocabulary, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openAt(61);
    // Words ending in one letter and another, in the vocabulary before the index of their ends.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
         search_text, search_names, data)
       SELECT 'v' || k, 'Battles', 'Armed clash', date '2023-03-01' + k, date '2023-03-01' + k,
         '{}', CASE WHEN k % 3 = 0 THEN 'قتل ' || k || ' مدنيين في قصف'
                    WHEN k % 3 = 1 THEN 'جرح ' || k || ' مدنيين'
                    ELSE 'قتل ' || k || ' عناصر | مدنيين' END,
         '{}', jsonb_build_object('id', 'v' || k)
       FROM generate_series(1, 60) AS k`,
    );
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it("keeps every word of the vocabulary by its ends, and finds a phrase after a word's last letter as its text holds it", async () => {
    // The words ending in «5» read from the index alone, as the vocabulary read whole gives them.
    const ending = "SELECT word FROM search_words WHERE reverse(word) LIKE '5%'";
    const words = (rows: { word: string }[]): string[] => rows.map((r) => r.word).sort();
    // (Its words made anew, which no index holds.)
    const plain = words(await db.query(ending.replace('reverse(word)', "reverse(word || '')")));
    expect(plain.length).toBeGreaterThan(3);
    const indexed = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${ending}`);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('search_words_ending');
      return words(await tx.query(ending));
    });
    expect(indexed).toEqual(plain);
    for (const search of ['5 مدنيين', '0 مدنيين في', '5 مدنيين في ق', 'ل 1']) {
      const plain = conditions({ search });
      const found = conditions({ search }, undefined, eventTable({ search }));
      const ids = async (table: string, where: readonly string[], params: unknown[]) =>
        (
          await db.query<{ id: string }>(
            `SELECT id FROM ${table} WHERE ${where.join(' AND ')} ORDER BY id`,
            params,
          )
        ).map((r) => r.id);
      const expected = await ids('events', plain.where, plain.params);
      expect(expected.length).toBeGreaterThan(0);
      expect(await ids('event_words', found.where, found.params)).toEqual(expected);
    }
  });
});

describe.each(engines())('migration 63 on a store with named events, on $name', (engine) => {
  let db: Database;
  const name = 'تل الورد';
  /** The ids of the events a search finds on the events themselves (a counted search's edges). */
  const found = async (search: string): Promise<string[]> => {
    const { where, params } = conditions({ search });
    return (
      await db.query<{ id: string }>(
        `SELECT id FROM events WHERE ${where.join(' AND ')} ORDER BY id`,
        params,
      )
    ).map((r) => r.id);
  };
  let before: string[];
  beforeAll(async () => {
    db = await engine.openAt(62);
    // A third of the events named by a place their text does not spell as the search does.
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, claimants, search_text, search_names, data)
       SELECT 'n' || k, 'Battles', 'Armed clash', '{}',
         CASE WHEN k % 3 = 0 THEN 'قصف قرب التلة' ELSE 'اشتباك في السهل' END,
         CASE WHEN k % 3 = 0 THEN ARRAY[$1] ELSE '{}' END, jsonb_build_object('id', 'n' || k)
       FROM generate_series(1, 30) AS k`,
      [name],
    );
    await db.query('INSERT INTO search_terms (term) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
    before = await found(name);
    await migrate(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('drops the indexes no statement reads, and finds an event by its names as before', async () => {
    const indexes = await db.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename IN ('events', 'captures')",
    );
    const names = indexes.map((r) => r.indexname);
    expect(names).not.toContain('events_names');
    expect(names).not.toContain('captures_source');
    expect(names).toContain('captures_document');
    expect(before).toHaveLength(10);
    expect(await found(name)).toEqual(before);
  });
});
