import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type * as Zod from 'zod';
import { lateZod } from '../contracts/values.js';
import type { Document } from '../contracts/index.js';
import type { ReadOptions } from './read.js';
import { byteOrderMark, decodeBytes, looksBinary } from './decode.js';
import { InputError } from './errors.js';
import { carried, mergeFacts, optionFacts, withFacts } from './facts.js';
import type { KnownFacts } from './facts.js';
import { isFeed, parseFeed, readFeedItem } from './feed.js';
import { sidecarFacts } from './metadata.js';
import type { Manifest } from './metadata.js';
import {
  checkArabic,
  checkSize,
  DEFAULT_MAX_BYTES,
  documentFromBytes,
  readDocument,
  readStdin,
  tooLarge,
} from './read.js';
import { fsProblem, walkFiles } from './walk.js';
import type { FoundFile } from './walk.js';

/**
 * One report as it arrived, before it is read: its bytes, kept unchanged as
 * evidence, and where they came from. A file is one report; a feed or an NDJSON
 * file holds one per item or line.
 */
export interface RawReport {
  /** A path, `path#3` for a feed's third item, `path:12` for an NDJSON file's line 12. */
  readonly source: string;
  readonly format: 'file' | 'feed-item' | 'ndjson';
  readonly raw: Uint8Array;
  /** SHA-256 of `raw`, hex. */
  readonly sha256: string;
  /** When wathiq read it, ISO date-time. */
  readonly capturedAt: string;
  /** The feed's title: the outlet of items that name none. */
  readonly outlet?: string | null;
  /** Facts known from outside the bytes: the file's sidecar and its manifest row. */
  readonly facts?: KnownFacts;
}

/** An input that could not be taken in at all (a missing file, a folder it cannot read). */
export interface SourceFailure {
  readonly source: string;
  readonly sha256: string | null;
  readonly error: InputError;
}

export type SourceEntry = { readonly report: RawReport } | { readonly failure: SourceFailure };

/** Extensions wathiq reads when it walks a folder; other files there are passed over. */
const REPORT_EXTENSIONS = new Set([
  '.txt',
  '.html',
  '.htm',
  '.xhtml',
  '.xml',
  '.rss',
  '.atom',
  '.ndjson',
  '.jsonl',
]);
const NDJSON_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
/** Files that may be a feed: read item by item when they are one, as a single report when not. */
const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom']);

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function raw(
  source: string,
  format: RawReport['format'],
  bytes: Uint8Array,
  known: { readonly outlet?: string | null; readonly facts?: KnownFacts } = {},
): RawReport {
  return {
    source,
    format,
    raw: bytes,
    sha256: sha256Hex(bytes),
    capturedAt: new Date().toISOString(),
    ...(known.outlet === undefined ? {} : { outlet: known.outlet }),
    ...(known.facts === undefined || Object.keys(known.facts).length === 0
      ? {}
      : { facts: known.facts }),
  };
}

function failure(source: string, problem: string, bytes: Uint8Array | null = null): SourceEntry {
  return {
    failure: {
      source,
      sha256: bytes === null ? null : sha256Hex(bytes),
      error: new InputError(source, problem),
    },
  };
}

/**
 * Every report under the given paths, in a stable order: files, folders
 * (recursively, hidden entries skipped), feeds (one report per item) and NDJSON
 * files (one per line). What cannot be taken in is yielded as a failure, and the
 * walk goes on.
 */
export async function* collectReports(
  paths: readonly string[],
  options: { readonly maxBytes?: number; readonly manifest?: Manifest } = {},
): AsyncGenerator<SourceEntry> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // `-` is a report pasted on standard input, read once whatever its place among the paths.
  if (paths.includes('-')) {
    try {
      yield { report: raw('stdin', 'file', await readStdin(maxBytes)) };
    } catch (error) {
      yield failure('stdin', error instanceof InputError ? error.problem : String(error));
    }
  }
  for await (const entry of walkFiles(paths.filter((p) => p !== '-'))) {
    if ('failure' in entry) yield failure(entry.failure.path, entry.failure.problem);
    else if (isReportFile(entry.file))
      yield* readSource(entry.file, maxBytes, options.manifest ?? new Map());
  }
}

/** A file named on the command line is read whatever its name; in a folder, only report files. */
function isReportFile(file: FoundFile): boolean {
  return file.named || REPORT_EXTENSIONS.has(extname(file.path).toLowerCase());
}

async function* readSource(
  file: FoundFile,
  maxBytes: number,
  manifest: Manifest,
): AsyncGenerator<SourceEntry> {
  const { path } = file;
  const ext = extname(path).toLowerCase();
  if (!NDJSON_EXTENSIONS.has(ext) && file.size > maxBytes * 4) {
    yield failure(
      path,
      `${(file.size / 1024 / 1024).toFixed(1)} MB is too large for a report or a feed`,
    );
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield failure(path, fsProblem(error, 'file'));
    return;
  }
  if (NDJSON_EXTENSIONS.has(ext)) {
    yield* ndjsonLines(path, bytes, maxBytes);
    return;
  }
  const text = looksBinary(bytes) ? '' : decodeBytes(bytes);
  if (isFeed(text)) {
    yield* feedEntries(path, text, maxBytes);
    return;
  }
  let facts: KnownFacts;
  try {
    facts = mergeFacts(await sidecarFacts(path), manifest.get(resolve(path)) ?? {});
  } catch (error) {
    yield failure(path, error instanceof InputError ? error.message : String(error), bytes);
    return;
  }
  yield { report: raw(path, 'file', bytes, { facts }) };
}

/** How many files `collectReports` will read under these paths, for a progress bar. */
export async function countReportFiles(paths: readonly string[]): Promise<number> {
  let count = 0;
  for await (const entry of walkFiles(paths))
    if ('failure' in entry || isReportFile(entry.file)) count++;
  return count;
}

function* ndjsonLines(path: string, bytes: Uint8Array, maxBytes: number): Generator<SourceEntry> {
  // A byte order mark belongs to the file, not to its first line's JSON.
  let start = byteOrderMark(bytes)?.encoding === 'utf8' ? 3 : 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    line++;
    const slice = bytes.subarray(start, end);
    const source = `${path}:${String(line)}`;
    const problem = tooLarge(slice.length, maxBytes);
    if (problem !== null) yield failure(source, problem, slice);
    else if (Buffer.from(slice).toString('utf8').trim() !== '')
      yield { report: raw(source, 'ndjson', slice) };
    start = end + 1;
  }
}

function* feedEntries(path: string, text: string, maxBytes: number): Generator<SourceEntry> {
  const feed = parseFeed(text);
  const outlet = feed.title;
  // What is wrong outside the items is said once; the items that are whole are still read.
  if (feed.problem !== null) yield failure(path, feed.problem);
  if (feed.items.length === 0) {
    if (feed.problem === null) yield failure(path, 'a feed without items');
    return;
  }
  for (const item of feed.items) {
    const source = `${path}#${String(item.index)}`;
    if ('problem' in item) {
      yield failure(source, item.problem);
      continue;
    }
    const bytes = new TextEncoder().encode(item.xml);
    const problem = tooLarge(bytes.length, maxBytes);
    yield problem === null
      ? { report: raw(source, 'feed-item', bytes, { outlet }) }
      : failure(source, problem, bytes);
  }
}

/** The facts of an NDJSON line besides its text, each a string, null or absent. */
const NDJSON_FACTS = ['url', 'published', 'outlet', 'title'] as const;

/**
 * An NDJSON line's schema: a report's text with what is known of it (made on
 * the first line plainNdjsonReport does not take). Its facts are NDJSON_FACTS,
 * so that the two cannot drift apart: plainNdjsonReport must take only lines
 * this schema accepts.
 */
function ndjsonReportSchema(z: typeof Zod.z) {
  const fact = z.string().nullish();
  return z.object({
    text: z.string().min(1),
    ...(Object.fromEntries(NDJSON_FACTS.map((name) => [name, fact])) as Record<
      (typeof NDJSON_FACTS)[number],
      typeof fact
    >),
  });
}

let zNdjsonReport: ReturnType<typeof ndjsonReportSchema> | undefined;

type NdjsonReport = Zod.infer<ReturnType<typeof ndjsonReportSchema>>;

/**
 * An NDJSON line that is a report as the schema wants it, read without the
 * schema: extraction of well-formed lines never loads zod, and an ingest or a
 * worker never loads its second, CommonJS copy (lateZod; 100–150 ms of a
 * process's CPU). Null for anything else, which the schema then reads, to say
 * what is wrong as it says it. (An array has no text: it is refused below.)
 */
function plainNdjsonReport(value: unknown): NdjsonReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const line = value as Record<string, unknown>;
  if (typeof line.text !== 'string' || line.text.length === 0) return null;
  for (const fact of NDJSON_FACTS) {
    const given = line[fact];
    if (given !== undefined && given !== null && typeof given !== 'string') return null;
  }
  return line as NdjsonReport;
}

/** An NDJSON line as a report, or an InputError naming what the schema finds wrong with it. */
function ndjsonReport(source: string, value: unknown): NdjsonReport {
  const plain = plainNdjsonReport(value);
  if (plain !== null) return plain;
  zNdjsonReport ??= ndjsonReportSchema(lateZod());
  const parsed = zNdjsonReport.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError(
    source,
    `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'not a report'}`,
  );
}

/**
 * Reads a raw report as a Document, or throws an InputError naming its source
 * and the problem (empty, binary, too large, not Arabic, no text, bad JSON).
 */
export function readReport(report: RawReport, options: ReadOptions = {}): Document {
  // Whatever held it (a file, a feed, an NDJSON file), one report is held to the limit.
  checkSize(report.source, report.raw.length, options.maxBytes);
  switch (report.format) {
    case 'file':
      return documentFromBytes(report.source, report.raw, {
        ...options,
        ...(report.facts === undefined ? {} : { facts: report.facts }),
      });
    case 'feed-item': {
      const entry = readFeedItem(Buffer.from(report.raw).toString('utf8'));
      checkArabic(report.source, entry.text);
      const { title, url, published } = entry;
      return withFacts(
        entry.text,
        mergeFacts(
          carried('feed', { title, url, published, outlet: report.outlet }),
          optionFacts(options),
        ),
      );
    }
    case 'ndjson': {
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(report.raw).toString('utf8'));
      } catch (error) {
        throw new InputError(report.source, `not JSON (${(error as Error).message})`);
      }
      const r = ndjsonReport(report.source, value);
      checkArabic(report.source, r.text);
      const { title, outlet, url, published } = r;
      return withFacts(
        r.text.replace(/\r\n?/g, '\n'),
        mergeFacts(
          carried('ndjson', { title, outlet, url, published }),
          report.facts ?? {},
          optionFacts(options),
        ),
      );
    }
  }
}

/** A report read from a path, or why one could not be: `source` names the item (`feed.xml#3`, `a.ndjson:12`). */
export type ReadEntry =
  | { readonly source: string; readonly document: Document }
  | { readonly source: string; readonly error: InputError };

/**
 * Every report one path holds, read as `ingest` reads it: a text or HTML file
 * (or `-`, standard input) is one; a feed holds one per item and an NDJSON file
 * one per line. A bad item is an error naming it, and the others still come.
 */
export async function* readDocuments(
  path: string,
  options: Omit<ReadOptions, 'onWarning'> & {
    readonly onWarning?: (source: string, warning: string) => void;
  } = {},
): AsyncGenerator<ReadEntry> {
  const { onWarning, ...read } = options;
  const ext = extname(path).toLowerCase();
  const warnings = (source: string): ReadOptions =>
    onWarning === undefined
      ? read
      : {
          ...read,
          onWarning: (w) => {
            onWarning(source, w);
          },
        };
  if (path === '-' || !(NDJSON_EXTENSIONS.has(ext) || FEED_EXTENSIONS.has(ext))) {
    const source = path === '-' ? 'stdin' : path;
    try {
      yield { source, document: await readDocument(path, warnings(source)) };
    } catch (error) {
      yield { source, error: asInputError(source, error) };
    }
    return;
  }
  for await (const entry of collectReports([path], { maxBytes: read.maxBytes })) {
    if ('failure' in entry) {
      yield { source: entry.failure.source, error: entry.failure.error };
      continue;
    }
    const { source } = entry.report;
    try {
      yield { source, document: readReport(entry.report, warnings(source)) };
    } catch (error) {
      yield { source, error: asInputError(source, error) };
    }
  }
}

function asInputError(source: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  return new InputError(source, error instanceof Error ? error.message : String(error));
}
