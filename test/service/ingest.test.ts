import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { shippedKnowledge } from '../../src/extract/index.js';
import type { Knowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import type { RawReport } from '../../src/ingest/index.js';
import {
  ingestBatch,
  ingestBatches,
  reprocess,
  transactionReports,
} from '../../src/service/index.js';
import type { Batch, BatchDone } from '../../src/service/index.js';
import { StoreFullError } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { emptyStore, engines } from '../store/engines.js';
import { watching } from '../store/watch.js';

const TOWNS = ['سرمين', 'بنش', 'تفتناز', 'سراقب', 'أريحا'];

/** A shelling on its own town and day, in words written for this test. */
function report(k: number): RawReport {
  const day = 1 + (k % 28);
  const text = `قتل ${String(2 + (k % 5))} مدنيين يوم ${String(day)} آذار 2024 بقصف مدفعي على بلدة ${TOWNS[k % TOWNS.length] ?? ''} في ريف إدلب، بحسب النشرة رقم ${String(k)}.`;
  return raw(
    `news.ndjson:${String(k + 1)}`,
    'ndjson',
    JSON.stringify({ text, published: '2024-03-30' }),
  );
}

/** A report of these bytes, read from this source. */
function raw(source: string, format: RawReport['format'], content: string): RawReport {
  const bytes = new TextEncoder().encode(content);
  return {
    source,
    format,
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: '2024-03-30T08:00:00.000Z',
  };
}

/**
 * The store, stopping at the first statement after a stored report's facts
 * are written (the process killed, the server gone): the facts' write is the
 * first step of completing a report, reading it again with them the second.
 */
function stoppingAfterFacts(db: Database): Database {
  let factsWritten = false;
  return watching(db, (text) => {
    if (factsWritten) throw new Error('stopped after the facts were written');
    if (/UPDATE documents SET title = coalesce/.test(text)) factsWritten = true;
  });
}

/** A report of its own bytes with no date in it, in words written for this test. */
function undatedReport(): RawReport {
  return raw(
    'binnish.txt',
    'file',
    'قتل ثلاثة مدنيين بقصف مدفعي على بلدة بنش في ريف إدلب، بحسب الدفاع المدني.',
  );
}

describe.each(engines())('ingesting a batch, on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await emptyStore(db);
  });

  it('stores a batch larger than a transaction holds whole, each report once, its outcomes in the order of the batch', async () => {
    const reports = Array.from({ length: transactionReports(db) * 2 + 7 }, (_, k) => report(k));
    // A report twice, in different transactions: stored once, known the second time.
    const batch = [...reports, reports[3] ?? report(3)];
    const results = await ingestBatch(db, shippedKnowledge(), batch, { skipStored: false });
    expect(results.map((r) => r.source)).toEqual(batch.map((r) => r.source));
    expect(results.slice(0, -1).every((r) => r.outcome === 'added')).toBe(true);
    expect(results.at(-1)?.outcome).toBe('known');
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM captures');
    expect(row?.n).toBe(reports.length);
  });
  it('ingests batches as they come, giving each its results with its tag, in order, an empty one too', async () => {
    const knowledge = shippedKnowledge();
    const batches: Batch<string>[] = [
      { reports: [report(0), report(1)], options: {}, tag: 'first' },
      { reports: [], options: {}, tag: 'empty' },
      { reports: [report(2), report(0)], options: {}, tag: 'again' },
    ];
    const done: BatchDone<string>[] = [];
    for await (const d of ingestBatches(db, knowledge, batches)) done.push(d);
    expect(done.map((d) => d.tag)).toEqual(['first', 'empty', 'again']);
    const outcomes = done.map((d) => ('results' in d ? d.results.map((r) => r.outcome) : d.error));
    expect(outcomes).toEqual([['added', 'added'], [], ['added', 'known']]);
  });

  it('gives a batch the store refuses its error, and stores the batches after it', async () => {
    let refused = false;
    const full = watching(db, (text) => {
      if (refused || !text.includes('INSERT INTO documents')) return;
      refused = true;
      throw new StoreFullError('/store', null);
    });
    const batches = [
      { reports: [report(0), report(1)], options: {}, tag: 'refused' },
      { reports: [report(2)], options: {}, tag: 'stored' },
    ];
    const done: BatchDone<string>[] = [];
    for await (const d of ingestBatches(full, shippedKnowledge(), batches)) done.push(d);
    expect(done[0] !== undefined && 'error' in done[0] && done[0].error).toBeInstanceOf(
      StoreFullError,
    );
    expect(done[1] !== undefined && 'results' in done[1] && done[1].results).toEqual([
      { source: report(2).source, outcome: 'added' },
    ]);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM captures');
    expect(row?.n).toBe(1);
  });

  it(`takes the next batch ${engine.name === 'PostgreSQL' ? 'while the last is stored (it is read meanwhile)' : 'once the last is stored (one engine does both)'}`, async () => {
    const log: string[] = [];
    function* given(): Generator<Batch<number>> {
      for (let k = 0; k < 2; k++) {
        log.push(`given ${String(k)}`);
        yield { reports: [report(k)], options: {}, tag: k };
      }
    }
    for await (const d of ingestBatches(db, shippedKnowledge(), given()))
      log.push(`stored ${String(d.tag)}`);
    expect(log).toEqual(
      engine.name === 'PostgreSQL'
        ? ['given 0', 'given 1', 'stored 0', 'stored 1']
        : ['given 0', 'stored 0', 'given 1', 'stored 1'],
    );
  });

  const state = async (): Promise<{
    published: (string | null)[];
    incidents: { id: string; start: string | null }[];
    events: number;
  }> => ({
    published: (
      await db.query<{ published: string | null }>('SELECT published FROM documents')
    ).map((d) => d.published),
    incidents: await db.query<{ id: string; start: string | null }>(
      `SELECT id, data->'date'->>'start' AS start FROM incidents ORDER BY id`,
    ),
    events: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]?.n ?? 0,
  });

  it('keeps nothing half-done when the store stops between its facts and its new reading, and completes it whole the next time', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    const [first] = await ingestBatch(db, knowledge, [report]);
    expect(first?.undated).toBe(true);
    const before = await state();
    expect(before.published).toEqual([null]);
    expect(before.incidents).toHaveLength(1);
    expect(before.incidents[0]?.start).toBeNull();

    await expect(
      ingestBatch(stoppingAfterFacts(db), knowledge, [report], { published: '2024-03-30' }),
    ).rejects.toThrow(/stopped after the facts were written/);
    // Neither the date alone, nor a reading without it: the report is as it was.
    expect(await state()).toEqual(before);

    const [again] = await ingestBatch(db, knowledge, [report], { published: '2024-03-30' });
    expect(again).toMatchObject({ outcome: 'known', completed: ['published'] });
    const after = await state();
    expect(after.published).toEqual(['2024-03-30']);
    // The same incident, read again with the date: none lost, none added, one event still.
    expect(after.incidents.map((i) => i.id)).toEqual(before.incidents.map((i) => i.id));
    expect(after.incidents[0]?.start).toBe('2024-03-30');
    expect(after.events).toBe(before.events);
  });

  it('completes a report once when two ingests give it different dates at once, and reads it with the date it keeps', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    await ingestBatch(db, knowledge, [report]);
    // The first ingest holds its write of the date until the second has read the report and
    // is about to write its own (or, when the second cannot read it before the first is done,
    // for a second): neither may then store a reading made without the date the report keeps.
    const facts = /UPDATE documents SET title = coalesce/;
    let secondWrites = (): void => undefined;
    const secondWriting = new Promise<void>((resolve) => (secondWrites = resolve));
    const first = watching(db, async (text) => {
      if (facts.test(text)) await Promise.race([secondWriting, sleep(1000)]);
    });
    const second = watching(db, (text) => {
      if (facts.test(text)) secondWrites();
    });
    const [[one], [other]] = await Promise.all([
      ingestBatch(first, knowledge, [report], { published: '2024-03-10' }),
      ingestBatch(second, knowledge, [report], { published: '2024-03-20' }),
    ]);
    // Whichever locks the report first dates it (on PostgreSQL either may); the other,
    // finding it known and dated already, gives it nothing.
    expect([one?.outcome, other?.outcome]).toEqual(['known', 'known']);
    const completing = [one, other].filter((r) => r?.completed !== undefined);
    expect(completing).toHaveLength(1);
    expect(completing[0]?.completed).toEqual(['published']);
    const kept = completing[0] === one ? '2024-03-10' : '2024-03-20';
    const after = await state();
    expect(after.published).toEqual([kept]);
    expect(after.incidents.map((i) => i.start)).toEqual([kept]);
    // The one whose date was not taken is told which date the report keeps.
    const theOther = completing[0] === one ? other : one;
    const refused = kept === '2024-03-10' ? '2024-03-20' : '2024-03-10';
    expect(theOther?.differing).toEqual([{ fact: 'published', stored: kept, given: refused }]);
  });

  it('tells a report given again with another date that it keeps its own, and changes nothing', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    await ingestBatch(db, knowledge, [report], { published: '2024-04-02' });
    const before = await state();
    const [again] = await ingestBatch(db, knowledge, [report], { published: '2024-04-05' });
    expect(again).toMatchObject({
      outcome: 'known',
      differing: [{ fact: 'published', stored: '2024-04-02', given: '2024-04-05' }],
    });
    expect(again?.completed).toBeUndefined();
    expect(await state()).toEqual(before);
    // Given the same date again, it is simply known: nothing differs, nothing is completed.
    const [same] = await ingestBatch(db, knowledge, [report], { published: '2024-04-02' });
    expect(same).toEqual({ source: report.source, outcome: 'known' });
  });

  it('takes a fact a report lacked and says which other one it kept, given both at once', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    await ingestBatch(db, knowledge, [report], { published: '2024-04-02' });
    const [again] = await ingestBatch(db, knowledge, [report], {
      published: '2024-05-01',
      outlet: 'نشرة المساء',
    });
    expect(again).toMatchObject({
      outcome: 'known',
      completed: ['outlet'],
      differing: [{ fact: 'published', stored: '2024-04-02', given: '2024-05-01' }],
    });
    const [row] = await db.query<{ outlet: string; published: string }>(
      'SELECT outlet, published FROM documents',
    );
    expect(row).toEqual({ outlet: 'نشرة المساء', published: '2024-04-02' });
  });

  it('never stores a reprocess reading made before an ingest dated the report over the date', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    await ingestBatch(db, knowledge, [report]);
    // The reprocess holds its transaction until the ingest has dated the report (or, where
    // the ingest must wait for it, for a second): it must then read the report dated.
    let dated = (): void => undefined;
    const ingested = new Promise<void>((resolve) => (dated = resolve));
    const held: Database = {
      ...db,
      transaction: (work) =>
        db.transaction(async (tx) => {
          await Promise.race([ingested, sleep(1000)]);
          return work(tx);
        }),
    };
    const [, [result]] = await Promise.all([
      reprocess(held, knowledge, {}),
      ingestBatch(db, knowledge, [report], { published: '2024-03-30' }).finally(dated),
    ]);
    expect(result).toMatchObject({ outcome: 'known', completed: ['published'] });
    const after = await state();
    expect(after.published).toEqual(['2024-03-30']);
    expect(after.incidents.map((i) => i.start)).toEqual(['2024-03-30']);
  });

  it('says so when a report given a date cannot be read again with it, and leaves it as it was', async () => {
    const knowledge = shippedKnowledge();
    const report = undatedReport();
    await ingestBatch(db, knowledge, [report]);
    const before = await state();
    // A gazetteer that fails when read: extraction throws, as a broken data folder would make it.
    const broken: Knowledge = {
      lexicon: knowledge.lexicon,
      gazetteer: new Proxy(knowledge.gazetteer, {
        get: () => {
          throw new Error('the gazetteer could not be read');
        },
      }),
    };
    const [result] = await ingestBatch(db, broken, [report], { published: '2024-03-30' });
    expect(result).toMatchObject({
      outcome: 'known',
      notCompleted: { facts: ['published'], reason: 'the gazetteer could not be read' },
    });
    expect(result?.completed).toBeUndefined();
    expect(await state()).toEqual(before);
  });
});
