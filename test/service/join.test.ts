import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  decide,
  ingestBatch,
  joinEvents,
  revertChange,
  ServiceError,
} from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

/** One shelling told by three outlets, in words written for this test. */
const REPORTS = [
  'قتل ثلاثة مدنيين يوم 3 تشرين الأول 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
  'سقط ثلاثة قتلى مدنيين في 3 تشرين الأول 2024 إثر قصف مدفعي طال بلدة سرمين بريف إدلب.',
  'أدى قصف مدفعي على بلدة سرمين بريف إدلب يوم 3 تشرين الأول 2024 إلى مقتل أربعة مدنيين.',
].map((text, k) => ({ text, published: '2024-10-04', outlet: `نشرة ${String(k + 1)}` }));

function raw(k: number): RawReport {
  const bytes = new TextEncoder().encode(JSON.stringify(REPORTS[k]));
  return {
    source: `reports.ndjson:${String(k + 1)}`,
    format: 'ndjson',
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-10-05T08:00:00.000Z',
  };
}

const editor = { name: 'editor', role: 'editor' as const };

describe.each(engines())('a person joining what they split, on $name', (engine) => {
  let db: Database;
  const ctx = () => ({ db, knowledge: shippedKnowledge });
  /** The incidents by event, the three reports' events as they are now. */
  const events = async () => {
    const rows = await db.query<{ id: string; event_id: string }>(
      'SELECT id, event_id FROM incidents WHERE event_id IS NOT NULL ORDER BY id',
    );
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.event_id, [...(by.get(r.event_id) ?? []), r.id]);
    return [...by.values()];
  };

  beforeAll(async () => {
    db = await engine.open();
    await ingestBatch(db, shippedKnowledge(), [raw(0), raw(1), raw(2)]);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('joins a report back into the event it was split from, overriding each split, logged', async () => {
    const [all] = await events();
    expect(all).toHaveLength(3);
    const [first, second, off] = all as [string, string, string];
    for (const other of [first, second])
      await decide(ctx(), editor, { a: off, b: other, same: false }, 'another act');
    expect((await events()).map((e) => e.length).sort()).toEqual([1, 2]);

    // A join of one pair alone is refused: the split against the other report keeps them apart.
    await expect(decide(ctx(), editor, { a: first, b: off, same: true })).rejects.toThrow(
      ServiceError,
    );
    expect((await events()).map((e) => e.length).sort()).toEqual([1, 2]);

    const joined = await joinEvents(
      ctx(),
      editor,
      { a: [first, second], b: [off] },
      'the same act',
    );
    expect(await events()).toEqual([[first, second, off].sort()]);
    // The split against the second report is overridden by a join of its own, logged with the reason.
    expect(joined.overridden.map((e) => [e.action, e.key, e.reason])).toEqual([
      ['join', { a: [second, off].sort()[0], b: [second, off].sort()[1] }, 'the same act'],
    ]);
    expect(joined.entry?.action).toBe('join');
    expect(joined.entry?.before).toMatchObject({ same: false });

    // Put back, newest first, the report is split off again.
    for (const entry of [joined.entry, ...joined.overridden])
      if (entry !== null) await revertChange(ctx(), editor, entry.id, null);
    expect((await events()).map((e) => e.length).sort()).toEqual([1, 2]);
  }, 60_000);
});
