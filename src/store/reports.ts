import type { DocumentResult, FactSources } from '../contracts/index.js';
import type { RawReport } from '../ingest/index.js';
import type { Lexicon } from '../lexicon/index.js';
import type { StoredIncident } from '../link/index.js';
import { normalizePhrase, publicationDay } from '../text/index.js';
import type { Database, Sql } from './db.js';
import { emptyCandidateCache, incidentRow, linkNewIncidents } from './linking.js';
import type { CandidateCache } from './linking.js';

/**
 * What storing a report did: `added` it; it was `known` already (the same
 * bytes); or the same text came before from another capture (`same-text`),
 * whose bytes are kept as evidence too.
 */
export type SaveOutcome = 'added' | 'known' | 'same-text';

/** The facts a stored report carries, and which source gave each. */
export interface StoredFacts {
  readonly document: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly sources: FactSources | null;
}

/** The stored report of each of these captures, with its facts. */
export async function capturedFacts(
  db: Sql,
  sha256s: readonly string[],
): Promise<Map<string, StoredFacts>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.query<StoredFacts & { sha256: string }>(
    `SELECT c.sha256, d.id AS document, d.title, d.outlet, d.url, d.published, d.sources
     FROM captures c JOIN documents d ON d.id = c.document_id WHERE c.sha256 = ANY($1::text[])`,
    [sha256s],
  );
  return new Map(rows.map(({ sha256, ...facts }) => [sha256, facts]));
}

/**
 * Gives a stored report facts it lacked (a date from a sidecar or a manifest
 * that came after it), each with its source; a fact it has is never replaced.
 */
export async function completeFacts(
  db: Sql,
  document: string,
  facts: Pick<StoredFacts, 'title' | 'outlet' | 'url' | 'published'>,
  sources: FactSources,
): Promise<void> {
  await db.query(
    `UPDATE documents SET title = coalesce(title, $2), outlet = coalesce(outlet, $3),
       url = coalesce(url, $4), published = coalesce(published, $5),
       published_day = coalesce(published_day, $6::date),
       sources = $7::jsonb || coalesce(sources, '{}'::jsonb)
     WHERE id = $1`,
    [
      document,
      facts.title,
      facts.outlet,
      facts.url,
      facts.published,
      publicationDay(facts.published),
      JSON.stringify(sources),
    ],
  );
}

/** Which of these bytes are stored already: a resumed batch skips them without reading them again. */
export async function storedCaptures(db: Sql, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db.query<{ sha256: string }>(
    'SELECT sha256 FROM captures WHERE sha256 = ANY($1::text[])',
    [sha256s],
  );
  return new Set(rows.map((r) => r.sha256));
}

/** A report and what extraction made of it, ready to store. */
export interface ExtractedReport {
  readonly report: RawReport;
  readonly result: DocumentResult;
}

/**
 * Stores a report, its incidents and tallies, links the incidents to stored
 * ones and regroups events, all in one transaction: a crash leaves the report
 * wholly stored or not at all. Storing the same bytes twice does nothing.
 */
export async function saveReport(
  db: Database,
  report: RawReport,
  result: DocumentResult,
  lexicon: Lexicon,
): Promise<SaveOutcome> {
  const [outcome] = await saveReports(db, [{ report, result }], lexicon);
  return outcome ?? 'known';
}

/** Each database's candidates its linking read and stored (CandidateCache): a store's own, never another's. */
const candidateCaches = new WeakMap<Database, CandidateCache>();

function candidateCache(db: Database): CandidateCache {
  let cache = candidateCaches.get(db);
  if (cache === undefined) {
    cache = emptyCandidateCache();
    candidateCaches.set(db, cache);
  }
  return cache;
}

/**
 * Stores several reports in one transaction, as `saveReport` does each: in a
 * handful of statements whatever their number, so that a batch costs little
 * more than one report. All of them are stored, or none.
 */
export async function saveReports(
  db: Database,
  batch: readonly ExtractedReport[],
  lexicon: Lexicon,
): Promise<SaveOutcome[]> {
  if (batch.length === 0) return [];
  const firsts = firstsOf(batch);
  return db.transaction(async (tx) => {
    const stored = await insertReports(tx, db.engine, batch, firsts);
    const outcomes: SaveOutcome[] = [];
    const incidents: StoredIncident[] = [];
    for (const [k, item] of batch.entries()) {
      const outcome = outcomeOf(item, stored, firsts, k);
      outcomes.push(outcome);
      if (outcome === 'added') incidents.push(...incidentsOf(item.result));
    }
    await linkNewIncidents(tx, incidents, lexicon, candidateCache(db));
    return outcomes;
  });
}

/** What became of the batch's `k`th report: stored with its text, stored as bytes of a known text, or known. */
function outcomeOf(
  item: ExtractedReport,
  stored: { readonly documents: ReadonlySet<string>; readonly captures: ReadonlySet<string> },
  firsts: Firsts,
  k: number,
): SaveOutcome {
  if (!stored.captures.has(item.report.sha256) || firsts.bytes[k] !== true) return 'known';
  return stored.documents.has(item.result.document.id) && firsts.text[k] === true
    ? 'added'
    : 'same-text';
}

/**
 * Which items of a batch come first with their bytes, and which first with
 * their text among those: only these are stored, so that a batch stores what
 * the same reports stored one at a time would (a text given twice with other
 * facts, another outlet or address, keeps the first's, as its events do).
 */
interface Firsts {
  readonly bytes: readonly boolean[];
  readonly text: readonly boolean[];
}

function firstsOf(batch: readonly ExtractedReport[]): Firsts {
  const seenBytes = new Set<string>();
  const seenTexts = new Set<string>();
  const bytes: boolean[] = [];
  const text: boolean[] = [];
  for (const item of batch) {
    const sha256 = item.report.sha256;
    const firstBytes = !seenBytes.has(sha256);
    seenBytes.add(sha256);
    // Among the items first with their bytes only: a text is first with the first bytes that give it.
    const id = item.result.document.id;
    const firstText = firstBytes && !seenTexts.has(id);
    if (firstBytes) seenTexts.add(id);
    bytes.push(firstBytes);
    text.push(firstText);
  }
  return { bytes, text };
}

/** The items whose flag is set. */
function flagged<T>(list: readonly T[], flags: readonly boolean[]): T[] {
  const kept: T[] = [];
  for (const [k, item] of list.entries()) if (flags[k] === true) kept.push(item);
  return kept;
}

function incidentsOf(result: DocumentResult): StoredIncident[] {
  const doc = result.document;
  const published = publicationDay(doc.published);
  return result.incidents.map((incident) => ({
    key: `${doc.id}#${incident.id}`,
    document: doc.id,
    published,
    outlet: doc.outlet,
    url: doc.url,
    incident,
  }));
}

/**
 * The bytes of a batch's captures, one after another, as one parameter ($5),
 * as each engine takes it, and the SQL that reads it: sent inside the rows'
 * JSON (base64, as they were) they were most of the statement's parameters,
 * parsed as JSON by the server and decoded row by row. A server takes them in
 * binary (node-pg sends a Buffer so); the embedded engine's driver writes a
 * byte array out a byte at a time, so it is given them in base64, decoded once
 * (an uncorrelated subquery runs once a statement). Each capture is then the
 * slice of them from its start (capturedRows).
 */
function bytesParameter(
  engine: Database['engine'],
  captured: readonly ExtractedReport[],
): { readonly value: Buffer | string; readonly sql: string } {
  const raws: Uint8Array[] = [];
  for (const { report } of captured) raws.push(report.raw);
  const bytes = Buffer.concat(raws);
  return engine === 'postgres'
    ? { value: bytes, sql: '$5::bytea' }
    : { value: bytes.toString('base64'), sql: "(SELECT decode($5::text, 'base64'))" };
}

/** The captures' rows, each with where its bytes start in bytesParameter's, counted from 0. */
function capturedRows(captured: readonly ExtractedReport[]): object[] {
  let start = 0;
  const rows: object[] = [];
  for (const { report, result } of captured) {
    rows.push({
      sha256: report.sha256,
      document_id: result.document.id,
      source: report.source,
      size: report.raw.length,
      start,
      captured_at: report.capturedAt,
    });
    start += report.raw.length;
  }
  return rows;
}

/**
 * One statement for a whole batch: the texts and their background incidents
 * (unless stored), the bytes (unless stored), the old failures of these
 * sources gone. Says which texts and bytes were new. The other incidents are
 * stored by linking (linkNewIncidents), once their events are known, so that
 * each is written once.
 */
async function insertReports(
  tx: Sql,
  engine: Database['engine'],
  batch: readonly ExtractedReport[],
  firsts: Firsts,
): Promise<{ documents: Set<string>; captures: Set<string> }> {
  const texts = flagged(batch, firsts.text);
  const documents: object[] = [];
  for (const { result } of texts) {
    const doc = result.document;
    documents.push({
      id: doc.id,
      title: doc.title,
      outlet: doc.outlet,
      url: doc.url,
      published: doc.published,
      published_day: publicationDay(doc.published),
      text: doc.text,
      search_text: normalizePhrase(`${doc.title ?? ''} ${doc.text}`),
      tallies: result.tallies,
      warnings: result.warnings,
      coded_warnings: result.coded_warnings,
      sources: doc.sources ?? null,
    });
  }
  const captured = flagged(batch, firsts.bytes);
  const raw = bytesParameter(engine, captured);
  const [row] = await tx.query<{ documents: string[]; captures: string[] }>(
    `WITH d AS (
       INSERT INTO documents (id, title, outlet, url, published, published_day, text, search_text, tallies,
         warnings, coded_warnings, sources)
       SELECT id, title, outlet, url, published, published_day, text, search_text, tallies,
         warnings, coded_warnings, sources
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, title text, outlet text, url text, published text,
         published_day date, text text, search_text text, tallies jsonb, warnings jsonb,
         coded_warnings jsonb, sources jsonb)
       ON CONFLICT (id) DO NOTHING RETURNING id),
     c AS (
       INSERT INTO captures (sha256, document_id, source, size, raw, captured_at)
       SELECT sha256, document_id, source, size, substr(${raw.sql}, start + 1, size), captured_at
       FROM jsonb_to_recordset($2::jsonb) AS x(sha256 text, document_id text, source text, size integer,
         start integer, captured_at timestamptz)
       ON CONFLICT (sha256) DO NOTHING RETURNING sha256),
     f AS (DELETE FROM failures WHERE source = ANY($3::text[]) RETURNING 1),
     i AS (
       INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, admin1_pcode,
         window_from, window_to, data)
       SELECT DISTINCT ON (id) id, document_id, background, event_type, sub_event_type, admin1_pcode,
         window_from, window_to, data
       FROM jsonb_to_recordset($4::jsonb) AS x(id text, document_id text, background boolean,
         event_type text, sub_event_type text, admin1_pcode text, window_from date, window_to date, data jsonb)
       WHERE document_id IN (SELECT id FROM d)
       RETURNING 1)
     SELECT (SELECT coalesce(json_agg(id), '[]') FROM d) AS documents,
            (SELECT coalesce(json_agg(sha256), '[]') FROM c) AS captures`,
    [
      JSON.stringify(documents),
      JSON.stringify(capturedRows(captured)),
      sourcesOf(batch),
      JSON.stringify(backgroundRows(texts)),
      raw.value,
    ],
  );
  return { documents: new Set(row?.documents ?? []), captures: new Set(row?.captures ?? []) };
}

/** The rows of the background incidents of these reports: linking stores the others. */
function backgroundRows(reports: readonly ExtractedReport[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const { result } of reports)
    for (const x of incidentsOf(result)) if (x.incident.background) rows.push(incidentRow(x));
  return rows;
}

function sourcesOf(batch: readonly ExtractedReport[]): string[] {
  const sources: string[] = [];
  for (const { report } of batch) sources.push(report.source);
  return sources;
}

/** Notes an input that failed, with the reason, replacing an earlier failure of the same source. */
export async function recordFailure(
  db: Sql,
  source: string,
  sha256: string | null,
  reason: string,
): Promise<void> {
  await db.query(
    `INSERT INTO failures (source, sha256, reason) VALUES ($1, $2, $3)
     ON CONFLICT (source) DO UPDATE SET sha256 = EXCLUDED.sha256, reason = EXCLUDED.reason, failed_at = now()`,
    [source, sha256, reason],
  );
}

export interface Failure {
  readonly source: string;
  readonly reason: string;
  readonly failed_at: string;
}

export async function listFailures(db: Sql): Promise<Failure[]> {
  return db.query<Failure>('SELECT source, reason, failed_at FROM failures ORDER BY source');
}
