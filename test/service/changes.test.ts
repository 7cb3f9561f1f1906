import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  correct,
  decide,
  ingestBatch,
  loadKnowledge,
  revertChanges,
  setPrivate,
  setStatus,
} from '../../src/service/index.js';
import type { Actor, ServiceContext } from '../../src/service/index.js';
import { lockAreas } from '../../src/store/index.js';
import type { Sql } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { someoneWaitsForALock } from './locks.js';

/** Reports written for this test: one act in a town of Idlib, another in a town of Aleppo. */
const IDLIB = {
  text: 'قتل أربعة مدنيين وأصيب ستة آخرون في قصف مدفعي لقوات النظام على مدينة سراقب بريف إدلب الشرقي اليوم، بحسب الدفاع المدني السوري.',
  published: '2024-05-20',
  outlet: 'نشرة الاختبار',
};
const ALEPPO = {
  text: 'قتل مدنيان في غارة جوية على بلدة الأتارب بريف حلب الغربي اليوم، بحسب المرصد السوري لحقوق الإنسان.',
  published: '2024-05-20',
  outlet: 'موقع التجربة',
};

function raw(report: object, line = 1): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify(report));
  return {
    source: `changes.ndjson:${String(line)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-05-21T08:00:00.000Z',
  };
}

const EDITOR: Actor = { name: 'editor', role: 'editor' };

const server = engines().find((e) => e.name === 'PostgreSQL');

// Only the server runs two transactions at once: the embedded engine has one connection.
describe.skipIf(server === undefined)('a person’s change to an event, while a worker links', () => {
  let db: Database;
  let ctx: ServiceContext;
  /** The Idlib act's event, incident and report; the Aleppo act's event and incident. */
  let event = '';
  let incident = '';
  let document = '';
  let aleppoEvent = '';
  let aleppoIncident = '';

  beforeAll(async () => {
    db = await (server?.open() ?? Promise.reject(new Error('no server')));
    const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-changes-')));
    ctx = { db, knowledge: () => knowledge };
    const results = await ingestBatch(db, knowledge, [raw(IDLIB, 1), raw(ALEPPO, 2)]);
    expect(results.map((r) => r.outcome)).toEqual(['added', 'added']);
    const rows = await db.query<{
      event: string;
      incident: string;
      document: string;
      area: string;
    }>(
      `SELECT e.id AS event, i.id AS incident, i.document_id AS document, e.admin1_pcode AS area
       FROM events e JOIN incidents i ON i.event_id = e.id ORDER BY e.admin1_pcode`,
    );
    expect(rows.map((r) => r.area)).toEqual(['SY02', 'SY07']);
    [aleppoEvent, aleppoIncident] = [rows[0]?.event ?? '', rows[0]?.incident ?? ''];
    [event, incident, document] = [
      rows[1]?.event ?? '',
      rows[1]?.incident ?? '',
      rows[1]?.document ?? '',
    ];
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  /**
   * Holds a governorate's linking lock, as an ingest worker does while it
   * regroups the events there, and makes the change meanwhile: the change
   * must wait for the lock and be made once it is let go. `meanwhile` runs
   * while the change waits.
   */
  async function madeAfterTheWorker<T>(
    change: () => Promise<T>,
    area = 'SY07',
    meanwhile: () => Promise<void> = () => Promise.resolve(),
  ): Promise<T> {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let taken = (): void => undefined;
    const lockTaken = new Promise<void>((resolve) => (taken = resolve));
    const worker = db.transaction(async (tx) => {
      await lockAreas(tx, [area]);
      taken();
      await released;
    });
    await lockTaken;
    let made = false;
    const changing = change().then((result) => {
      made = true;
      return result;
    });
    try {
      expect(await someoneWaitsForALock(db)).toBe(true);
      expect(made).toBe(false);
      await meanwhile();
    } finally {
      release();
      await worker;
    }
    const result = await changing;
    expect(made).toBe(true);
    return result;
  }

  /** Whether another transaction could take a governorate's linking lock now. */
  async function free(area: string): Promise<boolean> {
    return db.transaction(async (tx: Sql) => {
      const [row] = await tx.query<{ free: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtext('wathiq:link:' || $1)) AS free",
        [area],
      );
      return row?.free === true;
    });
  }

  it('sets a review status only once the worker is done', async () => {
    expect(
      await madeAfterTheWorker(() => setStatus(ctx, EDITOR, event, 'reviewed')),
    ).not.toBeNull();
    const [row] = await db.query<{ review_status: string }>(
      'SELECT review_status FROM events WHERE id = $1',
      [event],
    );
    expect(row?.review_status).toBe('reviewed');
  }, 30_000);

  it('marks the event private only once the worker is done, its incidents with it', async () => {
    expect(await madeAfterTheWorker(() => setPrivate(ctx, EDITOR, event, true))).not.toBeNull();
    const rows = await db.query<{ private: boolean }>(
      'SELECT private FROM events WHERE id = $1 UNION ALL SELECT private FROM incidents WHERE id = $2',
      [event, incident],
    );
    expect(rows.map((r) => r.private)).toEqual([true, true]);
  }, 30_000);

  it('corrects an event’s field and regroups it only once the worker is done', async () => {
    expect(
      await madeAfterTheWorker(() =>
        correct(ctx, EDITOR, event, { field: 'actor1', value: 'ISIS' }),
      ),
    ).not.toBeNull();
    const [row] = await db.query<{ actor1: string }>(
      'SELECT e.actor1 FROM events e JOIN incidents i ON i.event_id = e.id WHERE i.id = $1',
      [incident],
    );
    expect(row?.actor1).toBe('ISIS');
  }, 30_000);

  it('adds a claim to a report and regroups its event only once the worker is done', async () => {
    await madeAfterTheWorker(() =>
      correct(ctx, EDITOR, event, {
        field: 'add_claim',
        value: { document, claimant: 'SOHR', measure: 'killed', victim: 'civilians', count: 9 },
      }),
    );
    const [row] = await db.query<{ high: number }>(
      `SELECT (e.data->'fatalities'->>'high')::int AS high
       FROM events e JOIN incidents i ON i.event_id = e.id WHERE i.id = $1`,
      [incident],
    );
    expect(row?.high).toBe(9);
  }, 30_000);

  it('puts back changes to events of two governorates taking their locks in order, holding none while it waits', async () => {
    const older = await setStatus(ctx, EDITOR, aleppoEvent, 'reviewed');
    const newer = await setStatus(ctx, EDITOR, event, 'unreviewed');
    const ids = [older?.id ?? 0, newer?.id ?? 0];
    // Put back newest first, the Idlib change first: taken change by change, its governorate
    // would be held while Aleppo's is waited for, and a worker taking both in order would wait on it.
    const reverts = await madeAfterTheWorker(
      () => revertChanges(ctx, EDITOR, ids, null),
      'SY02',
      async () => {
        expect(await free('SY07')).toBe(true);
      },
    );
    expect(reverts).toHaveLength(2);
  }, 30_000);

  it('waits for the governorate an event is still linked to after a join across governorates was split', async () => {
    await decide(ctx, EDITOR, { a: incident, b: aleppoIncident, same: true });
    await decide(ctx, EDITOR, { a: incident, b: aleppoIncident, same: false });
    const events = await db.query<{ id: string }>(
      'SELECT DISTINCT event_id AS id FROM incidents WHERE id = ANY($1::text[])',
      [[incident, aleppoIncident]],
    );
    expect(events).toHaveLength(2);
    const [now] = await db.query<{ id: string }>(
      'SELECT event_id AS id FROM incidents WHERE id = $1',
      [incident],
    );
    // Regrouping the Idlib event walks the link the join left into Aleppo.
    expect(
      await madeAfterTheWorker(
        () => correct(ctx, EDITOR, now?.id ?? '', { field: 'actor1', value: 'HTS' }),
        'SY02',
      ),
    ).not.toBeNull();
  }, 30_000);
});

describe.each(engines())('a review status out of a role’s reach on $name', (engine) => {
  it('is refused in words a person reads: “an editor”, not “a editor”', async () => {
    const db = await engine.open();
    try {
      const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-changes-')));
      await ingestBatch(db, knowledge, [raw(IDLIB)]);
      const [row] = await db.query<{ id: string }>('SELECT id FROM events LIMIT 1');
      await expect(
        setStatus({ db, knowledge: () => knowledge }, EDITOR, row?.id ?? '', 'verified'),
      ).rejects.toThrow('an editor moves events only among unreviewed, reviewed');
    } finally {
      await db.close();
    }
  }, 60_000);
});
