import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import { decide, ingestBatch, loadKnowledge } from '../../src/service/index.js';
import type { Knowledge } from '../../src/gazetteer/index.js';
import type { Actor } from '../../src/service/index.js';
import { lockAreas } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { someoneWaitsForALock } from './locks.js';

/** Reports written for this test: one act in a town of Idlib, another in a town of Aleppo. */
const IDLIB = {
  text: 'قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف صاروخي لقوات النظام على مدينة معرة النعمان بريف إدلب الجنوبي اليوم، بحسب الدفاع المدني السوري.',
  published: '2024-07-09',
  outlet: 'نشرة الاختبار',
};
const ALEPPO = {
  text: 'قتلت امرأة في قصف مدفعي على بلدة دارة عزة بريف حلب الغربي اليوم، بحسب المرصد السوري لحقوق الإنسان.',
  published: '2024-07-09',
  outlet: 'موقع التجربة',
};
/** The Idlib act again, told by other outlets in other words. */
const RETOLD = [
  {
    text: 'أفاد الدفاع المدني بمقتل ثلاثة مدنيين بقصف صاروخي لقوات النظام استهدف مدينة معرة النعمان جنوب إدلب اليوم.',
    published: '2024-07-09',
    outlet: 'صحيفة المحاكاة',
  },
  {
    text: 'استهدفت قوات النظام بالصواريخ مدينة معرة النعمان في ريف إدلب اليوم ما أدى إلى مقتل ثلاثة مدنيين، وفق الدفاع المدني.',
    published: '2024-07-09',
    outlet: 'إذاعة التمرين',
  },
];

function raw(report: object, line: number): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify(report));
  return {
    source: `linking-locks.ndjson:${String(line)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-07-10T08:00:00.000Z',
  };
}

const EDITOR: Actor = { name: 'editor', role: 'editor' };

const server = engines().find((e) => e.name === 'PostgreSQL');

// Only the server runs two transactions at once: the embedded engine has one connection.
describe.skipIf(server === undefined)(
  'a worker linking into an event a person joined across governorates',
  () => {
    let db: Database;
    let knowledge: Knowledge;

    beforeAll(async () => {
      db = await (server?.open() ?? Promise.reject(new Error('no server')));
      knowledge = loadKnowledge(mkdtempSync(join(tmpdir(), 'wathiq-linking-locks-')));
      const results = await ingestBatch(db, knowledge, [raw(IDLIB, 1), raw(ALEPPO, 2)]);
      expect(results.map((r) => r.outcome)).toEqual(['added', 'added']);
      const rows = await db.query<{ id: string }>('SELECT id FROM incidents ORDER BY admin1_pcode');
      // A person says the two are one act: the link they leave crosses from Aleppo into Idlib.
      await decide({ db, knowledge: () => knowledge }, EDITOR, {
        a: rows[0]?.id ?? '',
        b: rows[1]?.id ?? '',
        same: true,
      });
    }, 60_000);
    afterAll(async () => {
      await db.close();
    });

    /** The governorates of the incidents in the event of the report `line`'s incident, and how many. */
    async function eventOf(line: number): Promise<{ areas: string[]; members: number }> {
      const rows = await db.query<{ area: string }>(
        `SELECT m.admin1_pcode AS area FROM incidents m WHERE m.event_id = (
         SELECT i.event_id FROM incidents i JOIN captures c ON c.document_id = i.document_id
         WHERE c.source = $1)
       ORDER BY m.admin1_pcode`,
        [`linking-locks.ndjson:${String(line)}`],
      );
      return { areas: [...new Set(rows.map((r) => r.area))], members: rows.length };
    }

    /** Holds Aleppo's linking lock in a transaction of its own until `release` is called. */
    function holdAleppo(): { taken: Promise<void>; release: () => void; done: Promise<void> } {
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let taken = (): void => undefined;
      const lockTaken = new Promise<void>((resolve) => (taken = resolve));
      const done = db.transaction(async (tx) => {
        await lockAreas(tx, ['SY02']);
        taken();
        await released;
      });
      return { taken: lockTaken, release, done };
    }

    it('waits for the lock of the governorate the join reaches, then links its report into the joined event', async () => {
      const other = holdAleppo();
      await other.taken;
      let stored = false;
      const storing = ingestBatch(db, knowledge, [raw(RETOLD[0] ?? {}, 3)]).then((results) => {
        stored = true;
        return results;
      });
      try {
        expect(await someoneWaitsForALock(db)).toBe(true);
        expect(stored).toBe(false);
      } finally {
        other.release();
        await other.done;
      }
      expect((await storing).map((r) => r.outcome)).toEqual(['added']);
      expect(await eventOf(3)).toEqual({ areas: ['SY02', 'SY07'], members: 3 });
    }, 30_000);

    it('is run again when the server fails it to break a deadlock, storing its report once', async () => {
      // Aleppo is held first, then Idlib asked for, while the worker holds Idlib and waits on Aleppo.
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      let taken = (): void => undefined;
      const aleppoTaken = new Promise<void>((resolve) => (taken = resolve));
      let idlibTaken = false;
      const other = db.transaction(async (tx) => {
        // This side waits long before looking for a deadlock: the worker, waiting first, is failed.
        // (A setting only a superuser may change: the tests' server is reached as one.)
        await tx.query("SET LOCAL deadlock_timeout = '20s'");
        await lockAreas(tx, ['SY02']);
        taken();
        await released;
        await lockAreas(tx, ['SY07']);
        idlibTaken = true;
      });
      await aleppoTaken;
      const storing = ingestBatch(db, knowledge, [raw(RETOLD[1] ?? {}, 4)]);
      try {
        expect(await someoneWaitsForALock(db)).toBe(true);
      } finally {
        release();
        await other;
      }
      expect(idlibTaken).toBe(true);
      expect((await storing).map((r) => r.outcome)).toEqual(['added']);
      expect(await eventOf(4)).toEqual({ areas: ['SY02', 'SY07'], members: 4 });
      const [copies] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM captures WHERE source = $1',
        ['linking-locks.ndjson:4'],
      );
      expect(copies?.n).toBe(1);
    }, 30_000);
  },
);
