import { REPORT_FACTS } from '../contracts/index.js';
import type { Document, FactSources, ReportFact } from '../contracts/index.js';
import type { Knowledge } from '../extract/index.js';
import { InputError, readReport } from '../ingest/index.js';
import type { RawReport } from '../ingest/index.js';
import {
  capturedFacts,
  completeFacts,
  FOLD_AFTER,
  FOLD_ALONE_AFTER,
  foldPiledCounts,
  lockReports,
  recordFailure,
  saveReports,
  StoreFullError,
  brokenDeadlock,
  storedCaptures,
  storedReports,
  storeRereadings,
} from '../store/index.js';
import type {
  Database,
  ExtractedReport,
  SaveOutcome,
  Sql,
  StoredFacts,
  StoredReport,
} from '../store/index.js';
import { giveWay, readAhead } from './ahead.js';
import { extraction } from './extraction.js';
import type { Extract } from './extraction.js';
import { rereadAll } from './reprocess.js';

/** What reads reports: the dictionaries and gazetteer, and extraction. */
interface Reading {
  readonly knowledge: Knowledge;
  readonly extract: Extract;
}

/** What became of one report: stored, known already, or failed with a reason. */
export type ReportOutcome = SaveOutcome | 'failed';

export interface PipelineOptions {
  /** Publication date, outlet and URL of reports about which nothing else says. */
  readonly published?: string | null;
  readonly outlet?: string | null;
  readonly url?: string | null;
  readonly maxBytes?: number;
  /**
   * Look for the bytes before reading them (a resumed batch skips what it
   * stored); workers get jobs whose bytes were looked for when they were queued.
   */
  readonly skipStored?: boolean;
}

export interface ReportResult {
  readonly source: string;
  readonly outcome: ReportOutcome;
  readonly reason?: string;
  /** What was read but not quite as written (stray bytes replaced), kept with the report too. */
  readonly warnings?: readonly string[];
  /** Stored with no publication date from any source: its events' dates are unknown. */
  readonly undated?: boolean;
  /** Known already, and given facts it lacked (its date from a sidecar that came after it). */
  readonly completed?: readonly ReportFact[];
  /** Known already, came with facts it lacked, and could not be read again with them: it took none. */
  readonly notCompleted?: NotCompleted;
  /** Known already, and given facts other than those it keeps: a stored fact is never replaced. */
  readonly differing?: readonly FactDifference[];
}

/** A fact a stored report keeps, and the other one it was given again with. */
export interface FactDifference {
  readonly fact: ReportFact;
  readonly stored: string;
  readonly given: string;
}

/** Facts a stored report lacked and was not given, and why. */
export interface NotCompleted {
  readonly facts: readonly ReportFact[];
  readonly reason: string;
}

function reasonOf(error: unknown): string {
  if (error instanceof InputError) return error.problem;
  return error instanceof Error ? error.message : String(error);
}

/**
 * What one transaction holds at most: this many reports, and this many of
 * their bytes. The embedded engine's WebAssembly memory grows to the largest
 * statement it was sent and never shrinks, and extraction's results wait in
 * the heap until they are stored: cut this way, a batch of 10,000 reports
 * needs no more memory than one of 100 (`npm run bench:store` measures it),
 * and costs no more per report. 100 rather than 50: a transaction's own cost
 * (the lock, the candidates read, a dozen statements, an event a batch grows
 * written again) is paid half as often, for 10,000 reports of one month 23%
 * less CPU (76 s against 99) and a peak of 282 MB against 259; 200 peaked
 * over 300 MB.
 */
const TRANSACTION_REPORTS = 100;
export const TRANSACTION_BYTES = 4 * 1024 * 1024;

/**
 * What one transaction holds at most on a server, whose memory is not this
 * process's: a transaction's own cost (the linking lock, the candidates read,
 * a dozen statements, each event a batch grows written once) is paid half
 * as often as on the embedded engine. Three workers on two cores spent 9–12% less of the
 * server's CPU at 200 reports a transaction than at 50 (theirs alike).
 */
const SERVER_TRANSACTION_REPORTS = 200;

/** The reports one transaction holds at most on this engine. */
export function transactionReports(db: Pick<Database, 'engine'>): number {
  return db.engine === 'postgres' ? SERVER_TRANSACTION_REPORTS : TRANSACTION_REPORTS;
}

/** The batch in the pieces stored one transaction each, in order. */
function* pieces(reports: readonly RawReport[], most: number): Generator<RawReport[]> {
  let piece: RawReport[] = [];
  let bytes = 0;
  for (const report of reports) {
    if (
      piece.length > 0 &&
      (piece.length >= most || bytes + report.raw.length > TRANSACTION_BYTES)
    ) {
      yield piece;
      piece = [];
      bytes = 0;
    }
    piece.push(report);
    bytes += report.raw.length;
  }
  if (piece.length > 0) yield piece;
}

/**
 * Reads, extracts and stores a batch of reports, a transaction for each piece
 * of it (above), so that a piece costs little more than one report. Bytes
 * already stored are skipped before they are read again (a re-run resumes
 * where it stopped); a report that cannot be read or stored is recorded as a
 * failure with its reason and never stops the others. The planner's
 * statistics are left to the caller (refreshStaleStatistics): a command after
 * each batch, the server behind its reply (backgroundStatistics).
 */
export async function ingestBatch(
  db: Database,
  knowledge: Knowledge,
  reports: readonly RawReport[],
  options: PipelineOptions = {},
): Promise<ReportResult[]> {
  for await (const done of ingestBatches(db, knowledge, [{ reports, options, tag: null }])) {
    if ('error' in done) throw done.error;
    return done.results;
  }
  return [];
}

/** Reports to ingest together (ingestBatch), and what their caller knows them by. */
export interface Batch<T> {
  readonly reports: readonly RawReport[];
  readonly options: PipelineOptions;
  readonly tag: T;
}

/** A batch ingested, or the error that stopped it (a full disk, a deadlock broken each time). */
export type BatchDone<T> =
  | { readonly tag: T; readonly results: ReportResult[] }
  | { readonly tag: T; readonly error: unknown };

/**
 * Ingests batches as they come, each as ingestBatch does, and gives each
 * one's results once it is stored, in order; a batch that fails gives its
 * error and the others go on. On a server the next piece is read while the
 * last is stored (readAhead): this process's CPU extracts while the server
 * works. So a batch's stored bytes are looked for while the one before is
 * stored: bytes in both are read again and found stored then ('known'), and
 * whether the second batch's facts complete them depends on which came
 * first, the look or the commit (on the embedded engine the commit, always).
 * A caller `alone` (nothing else reads the store until it ends: an embedded
 * store's command) lets the counts' deltas pile up to FOLD_ALONE_AFTER, and
 * must fold them at its end (foldCounts).
 */
export async function* ingestBatches<T>(
  db: Database,
  knowledge: Knowledge,
  batches: AsyncIterable<Batch<T>> | Iterable<Batch<T>>,
  { alone = false }: { readonly alone?: boolean } = {},
): AsyncGenerator<BatchDone<T>> {
  const reading: Reading = { knowledge, extract: await extraction() };
  let results: ReportResult[] = [];
  const failed = new Set<Batch<T>>();
  const turns = readPieces(db, reading, batches, failed);
  for await (const turn of readAhead(turns, db.engine === 'postgres')) {
    if (failed.has(turn.batch)) continue;
    try {
      if ('error' in turn) throw turn.error;
      results.push(...(await storePiece(db, knowledge, turn.piece)));
      if (!turn.last) continue;
      // The counts moved by the deltas piled up, for a command, a worker and the server alike (a
      // fold under way elsewhere takes them): a read then folds no more than FOLD_AFTER (a caller
      // `alone`, which nothing reads meanwhile, FOLD_ALONE_AFTER).
      await foldPiledCounts(db, alone ? FOLD_ALONE_AFTER : FOLD_AFTER);
    } catch (error) {
      failed.add(turn.batch);
      results = [];
      yield { tag: turn.batch.tag, error };
      continue;
    }
    yield {
      tag: turn.batch.tag,
      results: withCompletions(turn.batch.reports, results, turn.completed),
    };
    results = [];
  }
}

/** A piece of a batch read (or the error that stopped the batch before), and whether it is the batch's last. */
type Turn<T> =
  | {
      readonly batch: Batch<T>;
      readonly piece: ReadPiece;
      readonly last: boolean;
      readonly completed: ReadonlyMap<RawReport, Completed>;
    }
  | { readonly batch: Batch<T>; readonly error: unknown };

/**
 * Each batch's pieces read, after the facts its stored reports lacked were
 * taken (completeStored); a batch of no reports is one empty piece. The
 * pieces left of a batch that `failed` are not read.
 */
async function* readPieces<T>(
  db: Database,
  reading: Reading,
  batches: AsyncIterable<Batch<T>> | Iterable<Batch<T>>,
  failed: ReadonlySet<Batch<T>>,
): AsyncGenerator<Turn<T>> {
  for await (const batch of batches) {
    const { reports, options } = batch;
    let known: ReadonlySet<string>;
    let completed: ReadonlyMap<RawReport, Completed>;
    try {
      known =
        options.skipStored === false
          ? new Set<string>()
          : await storedCaptures(
              db,
              reports.map((r) => r.sha256),
            );
      const storedBefore: RawReport[] = [];
      for (const r of reports) if (known.has(r.sha256)) storedBefore.push(r);
      completed = await completeStored(db, reading, storedBefore, options);
    } catch (error) {
      yield { batch, error };
      continue;
    }
    const all = [...pieces(reports, transactionReports(db))];
    if (all.length === 0) all.push([]);
    for (const [k, piece] of all.entries()) {
      if (failed.has(batch)) break;
      yield {
        batch,
        piece: await readPiece(reading, piece, known, options),
        last: k === all.length - 1,
        completed,
      };
    }
  }
}

/** A piece's results are its reports', in order: the batch's are the reports', in order. */
function withCompletions(
  reports: readonly RawReport[],
  results: readonly ReportResult[],
  completed: ReadonlyMap<RawReport, Completed>,
): ReportResult[] {
  const completedResults: ReportResult[] = [];
  for (const [k, r] of results.entries()) {
    const report = reports[k];
    const outcome = report === undefined ? undefined : completed.get(report);
    completedResults.push(outcome === undefined ? r : { ...r, ...outcome });
  }
  return completedResults;
}

/** Facts a stored report lacked, as a report ingested again gives them. */
interface Completion {
  readonly report: RawReport;
  readonly document: string;
  readonly lacked: readonly ReportFact[];
  readonly facts: Pick<StoredFacts, ReportFact>;
  readonly sources: FactSources;
  readonly differing: readonly FactDifference[];
}

/** What became of facts a stored report came with: taken, or not, and why; or kept apart. */
interface Completed {
  readonly completed?: readonly ReportFact[];
  readonly notCompleted?: NotCompleted;
  readonly differing?: readonly FactDifference[];
}

/**
 * Reports whose bytes are stored already but which come with facts from
 * outside them (a sidecar, a manifest row, --published) that the stored report
 * lacks: the report takes those facts and is read and linked again with them.
 * So an undated report is dated by giving it a date and ingesting it again, as
 * ingest's list of undated reports says; a fact it has is never replaced.
 * The facts and the new reading are stored in one transaction: were the new
 * facts stored alone, the report would lack nothing the next time and never
 * be read again with them. The reports are locked before what they lack is
 * read in it (lockReports): two ingests giving one report different dates
 * would otherwise each read it undated, and the second store a reading made
 * with a date the report does not keep. A report that cannot be read again
 * takes none of its facts, and its result says why; one given a fact other
 * than the one it keeps (another date) keeps its own, and its result says so.
 */
async function completeStored(
  db: Database,
  { knowledge, extract }: Reading,
  known: readonly RawReport[],
  options: PipelineOptions,
): Promise<Map<RawReport, Completed>> {
  const fromOptions = [options.published, options.outlet, options.url].some(
    (v) => v !== undefined && v !== null,
  );
  const outside = known.filter(
    (r) => fromOptions || Object.keys(r.facts ?? {}).length > 0 || r.outlet != null,
  );
  const done = new Map<RawReport, Completed>();
  const differing = (c: Completion): Completed =>
    c.differing.length === 0 ? {} : { differing: c.differing };
  for (const piece of pieces(outside, transactionReports(db))) {
    // Read unlocked first, to pass by what lacks nothing (a resumed batch) without a transaction:
    // a stored fact is never taken away, so what lacks nothing now will lack nothing locked.
    const compared = await compareFacts(db, piece, options);
    for (const c of compared) if (c.lacked.length === 0) done.set(c.report, differing(c));
    const unlocked = compared.filter((c) => c.lacked.length > 0);
    if (unlocked.length === 0) continue;
    const { taken, failed } = await db.transaction(async (tx) => {
      await lockReports(tx, [...new Set(unlocked.map((c) => c.document))]);
      // Another ingest may have given it what it lacked meanwhile: then it differs, or is the same.
      const lockedCompared = await compareFacts(
        tx,
        unlocked.map((c) => c.report),
        options,
      );
      for (const c of lockedCompared) if (c.lacked.length === 0) done.set(c.report, differing(c));
      const completions = lockedCompared.filter((c) => c.lacked.length > 0);
      const reports = await storedReports(tx, [...new Set(completions.map((c) => c.document))]);
      // Read again as it will be with its new facts; one that cannot be read again takes none.
      const { readings, failed } = rereadAll(
        reports.map((r) => completions.filter((c) => c.document === r.id).reduce(withFacts, r)),
        knowledge,
        extract,
      );
      const readable = new Set(readings.map((r) => r.document));
      const taken = completions.filter((c) => readable.has(c.document));
      for (const c of taken) await completeFacts(tx, c.document, c.facts, c.sources);
      await storeRereadings(tx, readings, knowledge.lexicon);
      const reasons = new Map(failed.map((f) => [f.report, f.reason]));
      return {
        taken,
        failed: completions.flatMap((c) => {
          const reason = reasons.get(c.document);
          return reason === undefined ? [] : [{ completion: c, reason }];
        }),
      };
    });
    for (const c of taken) done.set(c.report, { completed: c.lacked, ...differing(c) });
    for (const { completion: c, reason } of failed)
      done.set(c.report, { notCompleted: { facts: c.lacked, reason }, ...differing(c) });
  }
  return done;
}

/** What each of these stored reports lacks that it comes with now, and what it keeps otherwise. */
async function compareFacts(
  db: Sql,
  reports: readonly RawReport[],
  options: PipelineOptions,
): Promise<Completion[]> {
  const stored = await capturedFacts(
    db,
    reports.map((r) => r.sha256),
  );
  const found: Completion[] = [];
  for (const report of reports) {
    const was = stored.get(report.sha256);
    if (was === undefined) continue;
    let document: Document;
    try {
      document = readReport(report, options);
    } catch {
      // It was read when it was stored; if it cannot be now, what is stored stands.
      continue;
    }
    const lacked = REPORT_FACTS.filter((f) => was[f] === null && document[f] !== null);
    const differing = REPORT_FACTS.flatMap((fact) => {
      const [stored, given] = [was[fact], document[fact]];
      return stored === null || given === null || stored === given ? [] : [{ fact, stored, given }];
    });
    if (lacked.length === 0 && differing.length === 0) continue;
    const sources: FactSources = {};
    for (const f of lacked) {
      const source = document.sources?.[f];
      if (source !== undefined) sources[f] = source;
    }
    const given = (f: ReportFact): string | null => (lacked.includes(f) ? document[f] : null);
    found.push({
      report,
      document: was.document,
      lacked,
      facts: {
        title: given('title'),
        outlet: given('outlet'),
        url: given('url'),
        published: given('published'),
      },
      sources,
      differing,
    });
  }
  return found;
}

/** A stored report with facts it lacked, as `completeFacts` will store them: what it has stands. */
function withFacts(report: StoredReport, c: Completion): StoredReport {
  return {
    ...report,
    title: report.title ?? c.facts.title,
    outlet: report.outlet ?? c.facts.outlet,
    url: report.url ?? c.facts.url,
    published: report.published ?? c.facts.published,
    sources: { ...c.sources, ...(report.sources ?? {}) },
  };
}

/** A piece of a batch read and extracted, to be stored in one transaction (storePiece). */
interface ReadPiece {
  readonly reports: readonly RawReport[];
  /** Those whose bytes were stored before. */
  readonly known: ReadonlySet<RawReport>;
  readonly ready: readonly ExtractedReport[];
  /** What reading found not quite as written, by report. */
  readonly warnings: ReadonlyMap<RawReport, readonly string[]>;
  /** Those that could not be read, and why: recorded as failures when the piece is stored. */
  readonly unread: ReadonlyMap<RawReport, unknown>;
}

/**
 * Reads and extracts a piece, giving way to what else this process does
 * (a transaction's next statement, a request) after each report: a piece
 * read ahead never holds up the one being stored by more than a report.
 */
async function readPiece(
  { knowledge, extract }: Reading,
  reports: readonly RawReport[],
  stored: ReadonlySet<string>,
  options: PipelineOptions,
): Promise<ReadPiece> {
  const known = new Set<RawReport>();
  const ready: ExtractedReport[] = [];
  const warningsOf = new Map<RawReport, readonly string[]>();
  const unread = new Map<RawReport, unknown>();
  for (const report of reports) {
    if (stored.has(report.sha256)) {
      known.add(report);
      continue;
    }
    try {
      const warnings: string[] = [];
      const document = readReport(report, { ...options, onWarning: (w) => warnings.push(w) });
      const result = extract(document, { knowledge, published: options.published ?? null });
      ready.push({
        report,
        result: {
          ...result,
          document: { ...result.document, sources: document.sources ?? {} },
          warnings: [...warnings, ...result.warnings],
        },
      });
      if (warnings.length > 0) warningsOf.set(report, warnings);
    } catch (error) {
      unread.set(report, error);
    }
    await giveWay();
  }
  return { reports, known, ready, warnings: warningsOf, unread };
}

/** A piece stored in one transaction, with its reports that could not be read recorded as failures. */
async function storePiece(
  db: Database,
  knowledge: Knowledge,
  piece: ReadPiece,
): Promise<ReportResult[]> {
  const results = new Map<RawReport, ReportResult>();
  for (const report of piece.known)
    results.set(report, { source: report.source, outcome: 'known' });
  for (const [report, error] of piece.unread) results.set(report, await failed(db, report, error));
  for (const [k, outcome] of (await saveAll(db, knowledge, piece.ready)).entries()) {
    const item = piece.ready[k];
    if (item === undefined) continue;
    const warnings = piece.warnings.get(item.report);
    results.set(item.report, {
      source: item.report.source,
      ...outcome,
      ...(warnings === undefined ? {} : { warnings }),
      ...(outcome.outcome === 'added' && item.result.document.published === null
        ? { undated: true }
        : {}),
    });
  }
  return piece.reports.map(
    (r) => results.get(r) ?? { source: r.source, outcome: 'failed', reason: 'lost' },
  );
}

/** The batch in one transaction; if the database refuses it, report by report, to find the one it refuses. */
async function saveAll(
  db: Database,
  knowledge: Knowledge,
  ready: readonly ExtractedReport[],
): Promise<{ outcome: ReportOutcome; reason?: string }[]> {
  try {
    const saved: { outcome: ReportOutcome }[] = [];
    for (const outcome of await saveReports(db, ready, knowledge.lexicon)) saved.push({ outcome });
    return saved;
  } catch (batchError) {
    // A full disk refuses every report alike: the ingest stops, nothing is blamed on a report.
    // Nor is a deadlock the server kept breaking by failing this batch, run again each time:
    // the reports are sound, and the ingest fails as a whole, to be run again.
    if (batchError instanceof StoreFullError || brokenDeadlock(batchError)) throw batchError;
    if (ready.length === 1) {
      const only = ready[0];
      return only === undefined ? [] : [await failed(db, only.report, batchError)];
    }
    const outcomes: { outcome: ReportOutcome; reason?: string }[] = [];
    for (const item of ready) outcomes.push(...(await saveAll(db, knowledge, [item])));
    return outcomes;
  }
}

async function failed(db: Database, report: RawReport, error: unknown): Promise<ReportResult> {
  const reason = reasonOf(error);
  await recordFailure(db, report.source, report.sha256, reason);
  return { source: report.source, outcome: 'failed', reason };
}
