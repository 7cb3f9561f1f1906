import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { createApp } from '../../src/server/index.js';
import { backgroundStatistics } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { watching } from '../store/watch.js';
import { seedUsers, signedIn } from './harness.js';

/** Events as a bulk load leaves them, the planner told nothing: enough to make the statistics stale. */
async function addEvents(db: Database, count: number): Promise<void> {
  await db.query(
    `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, claimants,
       search_text, search_names, data)
     SELECT 'bulk' || k, 'Battles', 'Armed clash', date '2024-01-01' + k % 300,
       date '2024-01-01' + k % 300, '{}', 'اشتباك', '{}',
       jsonb_build_object('id', 'bulk' || k, 'padding', repeat('نص ', 50))
     FROM generate_series(1, $1::int) AS k`,
    [count],
  );
}

/** A few reports of our own as an uploaded NDJSON file. */
function upload(day: number): FormData {
  const form = new FormData();
  const lines = ['ثلاثة', 'خمسة'].map((count) =>
    JSON.stringify({
      text: `قتل ${count} مدنيين في قصف مدفعي على بلدة كفرنبل جنوبي إدلب اليوم، بحسب ناشطين.`,
      outlet: 'شبكة اختبار',
      published: `2024-07-${String(day).padStart(2, '0')}`,
    }),
  );
  form.append('file', new File([lines.join('\n')], `news-${String(day)}.ndjson`));
  return form;
}

describe.each(engines())('the statistics after an upload on $name', (engine) => {
  it('are refreshed behind the reply, once for uploads that come while a refresh runs', async () => {
    const db = await engine.open();
    try {
      await seedUsers(db);
      await addEvents(db, 5000);
      // Every statement that refreshes statistics waits here until the test lets it run.
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const refreshing: string[] = [];
      const gated = watching(db, async (text) => {
        if (/^\s*(?:VACUUM|ANALYZE)\b/.test(text)) {
          refreshing.push(text);
          await gate;
        }
      });
      const failures: unknown[] = [];
      const statistics = backgroundStatistics(gated, (error) => failures.push(error));
      const app = createApp({
        db: gated,
        knowledge: shippedKnowledge,
        log: pino({ level: 'silent' }),
        statistics,
      });
      const editor = await signedIn(app, 'editor');
      // Had the upload waited for the refresh, it would wait for the gate: it must reply first.
      const within = async (request: Promise<Response>): Promise<Response | 'waiting'> =>
        Promise.race([
          request,
          new Promise<'waiting'>((resolve) =>
            setTimeout(() => {
              resolve('waiting');
            }, 30_000),
          ),
        ]);
      const first = await within(editor.request('POST', '/api/reports/upload', upload(1)));
      expect(first === 'waiting' ? first : first.status).toBe(200);
      await vi.waitFor(
        () => {
          expect(refreshing).toHaveLength(1);
        },
        { timeout: 30_000 },
      );
      // A second upload while the refresh is held replies too, and asks for no refresh of its own.
      const second = await within(editor.request('POST', '/api/reports/upload', upload(2)));
      expect(second === 'waiting' ? second : second.status).toBe(200);
      expect(refreshing).toHaveLength(1);
      release();
      await statistics.settled();
      // ANALYZE, then VACUUM of the events; the run asked for meanwhile finds them fresh.
      expect(refreshing).toHaveLength(2);
      expect(failures).toEqual([]);
      const [row] = await db.query<{ planned: number; stored: number }>(
        `SELECT (SELECT reltuples::int FROM pg_class WHERE oid = 'events'::regclass) AS planned,
                (SELECT count(*)::int FROM events) AS stored`,
      );
      expect(row?.stored).toBeGreaterThan(5000);
      expect(row?.planned).toBe(row?.stored);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('refresh nothing behind the reply when the tables have not grown', async () => {
    const db = await engine.open();
    try {
      await seedUsers(db);
      const statements: string[] = [];
      const watched = watching(db, (text) => {
        statements.push(text);
      });
      const statistics = backgroundStatistics(watched, () => undefined);
      const app = createApp({
        db: watched,
        knowledge: shippedKnowledge,
        log: pino({ level: 'silent' }),
        statistics,
      });
      const editor = await signedIn(app, 'editor');
      expect((await editor.request('POST', '/api/reports/upload', upload(3))).status).toBe(200);
      await statistics.settled();
      // Asked, and looked: a few reports do not double the store.
      expect(statements.some((s) => s.includes('pg_relation_size'))).toBe(true);
      expect(statements.filter((s) => /^\s*(?:VACUUM|ANALYZE)\b/.test(s))).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
