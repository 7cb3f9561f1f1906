import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/contracts/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  correct,
  ingestBatch,
  loadKnowledge,
  setPrivate,
  setStatus,
} from '../../src/service/index.js';
import type { Actor, ServiceContext } from '../../src/service/index.js';
import { lockAreasOf } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

/** A report written for this test: one act in a town of Idlib. */
const REPORT = {
  text: 'قتل أربعة مدنيين وأصيب ستة آخرون في قصف مدفعي لقوات النظام على مدينة سراقب بريف إدلب الشرقي اليوم، بحسب الدفاع المدني السوري.',
  published: '2024-05-20',
  outlet: 'نشرة الاختبار',
};

function raw(report: object): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify(report));
  return {
    source: 'changes.ndjson:1',
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-05-21T08:00:00.000Z',
  };
}

const EDITOR: Actor = { name: 'editor', role: 'editor' };

/** Waits until some session waits for an advisory lock (a linking lock held elsewhere). */
async function someoneWaitsForALock(db: Database): Promise<boolean> {
  for (let tries = 0; tries < 200; tries++) {
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    if ((row?.n ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const server = engines().find((e) => e.name === 'PostgreSQL');

// Only the server runs two transactions at once: the embedded engine has one connection.
describe.skipIf(server === undefined)('a person’s change to an event, while a worker links', () => {
  let db: Database;
  let ctx: ServiceContext;
  let event = '';
  let incident = '';
  let document = '';

  beforeAll(async () => {
    db = await (server?.open() ?? Promise.reject(new Error('no server')));
    const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-changes-')));
    ctx = { db, knowledge: () => knowledge };
    const results = await ingestBatch(db, knowledge, [raw(REPORT)]);
    expect(results.map((r) => r.outcome)).toEqual(['added']);
    const [row] = await db.query<{ event: string; incident: string; document: string }>(
      `SELECT e.id AS event, i.id AS incident, i.document_id AS document
       FROM events e JOIN incidents i ON i.event_id = e.id WHERE e.admin1_pcode IS NOT NULL`,
    );
    event = row?.event ?? '';
    incident = row?.incident ?? '';
    document = row?.document ?? '';
    expect(event).not.toBe('');
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  /**
   * Holds its governorate's linking lock, as an ingest worker does while it
   * regroups the events there, and makes the change meanwhile: the change
   * must wait for the lock and be made once it is let go.
   */
  async function madeAfterTheWorker(change: () => Promise<AuditEntry | null>): Promise<void> {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let taken = (): void => undefined;
    const lockTaken = new Promise<void>((resolve) => (taken = resolve));
    const worker = db.transaction(async (tx) => {
      await lockAreasOf(tx, [incident]);
      taken();
      await released;
    });
    await lockTaken;
    let made = false;
    const changing = change().then((entry) => {
      made = true;
      return entry;
    });
    try {
      expect(await someoneWaitsForALock(db)).toBe(true);
      expect(made).toBe(false);
    } finally {
      release();
      await worker;
    }
    expect(await changing).not.toBeNull();
    expect(made).toBe(true);
  }

  it('sets a review status only once the worker is done', async () => {
    await madeAfterTheWorker(() => setStatus(ctx, EDITOR, event, 'reviewed'));
    const [row] = await db.query<{ review_status: string }>(
      'SELECT review_status FROM events WHERE id = $1',
      [event],
    );
    expect(row?.review_status).toBe('reviewed');
  }, 30_000);

  it('marks the event private only once the worker is done, its incidents with it', async () => {
    await madeAfterTheWorker(() => setPrivate(ctx, EDITOR, event, true));
    const rows = await db.query<{ private: boolean }>(
      'SELECT private FROM events WHERE id = $1 UNION ALL SELECT private FROM incidents WHERE id = $2',
      [event, incident],
    );
    expect(rows.map((r) => r.private)).toEqual([true, true]);
  }, 30_000);

  it('corrects an event’s field and regroups it only once the worker is done', async () => {
    await madeAfterTheWorker(() => correct(ctx, EDITOR, event, { field: 'actor1', value: 'ISIS' }));
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
});

describe.each(engines())('a review status out of a role’s reach on $name', (engine) => {
  it('is refused in words a person reads: “an editor”, not “a editor”', async () => {
    const db = await engine.open();
    try {
      const knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-changes-')));
      await ingestBatch(db, knowledge, [raw(REPORT)]);
      const [row] = await db.query<{ id: string }>('SELECT id FROM events LIMIT 1');
      await expect(
        setStatus({ db, knowledge: () => knowledge }, EDITOR, row?.id ?? '', 'verified'),
      ).rejects.toThrow('an editor moves events only among unreviewed, reviewed');
    } finally {
      await db.close();
    }
  }, 60_000);
});
