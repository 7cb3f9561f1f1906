import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Document } from '../contracts/index.js';
import { decodeText, declaredCharset, looksBinary } from './decode.js';
import { InputError } from './errors.js';
import {
  carried,
  fileNameFacts,
  mergeFacts,
  optionFacts,
  splitFrontMatter,
  textFacts,
  withFacts,
} from './facts.js';
import type { KnownFacts } from './facts.js';
import { readPage } from './html.js';
import { sidecarFacts } from './metadata.js';

export interface ReadOptions {
  /** Largest report accepted, in bytes; a news report is a few kilobytes. */
  readonly maxBytes?: number;
  /** Publication date to use when nothing about the report says. */
  readonly published?: string | null;
  /** Outlet and URL to use when nothing about the report says. */
  readonly outlet?: string | null;
  readonly url?: string | null;
  /** Facts known from outside the report's bytes: its sidecar, its manifest row. */
  readonly facts?: KnownFacts;
  /** Told what was read but not quite as written (stray bytes replaced): a warning, not a failure. */
  readonly onWarning?: (warning: string) => void;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Fewer Arabic letters than this, and the input is not an Arabic report. */
const MIN_ARABIC_LETTERS = 20;
const MIN_ARABIC_SHARE = 0.3;
const LETTER = /\p{L}/u;

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isHtml(name: string, text: string): boolean {
  const ext = extname(name).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return true;
  return ext !== '.txt' && /^\s*(?:<!doctype html|<html|<head|<body)/i.test(text.slice(0, 512));
}

/** Throws when a text is not an Arabic report (too few Arabic letters, or too small a share of them). */
export function checkArabic(name: string, text: string): void {
  let arabic = 0;
  let letters = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    // The Arabic letters and ASCII are told apart without the regular expression (a report is mostly both).
    if (code >= 0x0621 && code <= 0x064a) {
      arabic++;
      letters++;
    } else if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters++;
    } else if (LETTER.test(ch)) letters++;
  }
  if (arabic / Math.max(1, letters) < MIN_ARABIC_SHARE) {
    throw new InputError(
      name,
      `not an Arabic report (${String(arabic)} Arabic letters of ${String(letters)})`,
    );
  }
  // «قتل شخص في دوما» is Arabic, but too little to be read as a report.
  if (arabic < MIN_ARABIC_LETTERS) {
    throw new InputError(
      name,
      `too short to read as a report (${String(arabic)} Arabic letters; at least ${String(MIN_ARABIC_LETTERS)})`,
    );
  }
}

/** The limit on one report's size, whatever holds it: a file, an NDJSON line, a feed item. */
export function tooLarge(bytes: number, maxBytes = DEFAULT_MAX_BYTES): string | null {
  return bytes > maxBytes
    ? `${formatMb(bytes)} is larger than the ${formatMb(maxBytes)} limit for one report`
    : null;
}

/** Throws when a report is larger than the limit. */
export function checkSize(name: string, bytes: number, maxBytes?: number): void {
  const problem = tooLarge(bytes, maxBytes);
  if (problem !== null) throw new InputError(name, problem);
}

/**
 * Turns the bytes of one input into a Document, or throws an InputError that
 * names the input and the problem: empty, binary, too large, not Arabic, HTML
 * without readable text, front matter that is not YAML or an impossible date.
 * Each fact comes from the most trusted source that has it: the front matter,
 * the sidecar or manifest (`options.facts`), the page, a date in the file name,
 * the text (a dateline, a signature), then the options.
 */
export function documentFromBytes(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): Document {
  if (bytes.length === 0) throw new InputError(name, 'empty file');
  checkSize(name, bytes.length, options.maxBytes);
  if (looksBinary(bytes)) throw new InputError(name, 'binary file, not text or HTML');
  const { text: raw, warning } = decodeText(bytes, declaredCharset(bytes));
  if (warning !== null) options.onWarning?.(warning);
  if (raw.trim() === '') throw new InputError(name, 'no text (only white space)');
  if (isHtml(name, raw)) {
    const page = readPage(raw);
    if (page === null) throw new InputError(name, 'no readable text in the HTML');
    checkArabic(name, page.text);
    const { title, outlet, url, published } = page;
    return withFacts(
      page.text,
      mergeFacts(
        options.facts ?? {},
        carried('page', { title, outlet, url, published }),
        fileNameFacts(name),
        textFacts(page.text),
        optionFacts(options),
      ),
    );
  }
  const { facts: front, body } = splitFrontMatter(name, raw.replace(/\r\n?/g, '\n'));
  checkArabic(name, body);
  return withFacts(
    body,
    mergeFacts(
      front,
      options.facts ?? {},
      fileNameFacts(name),
      textFacts(body),
      optionFacts(options),
    ),
  );
}

/** Reads a file, or standard input for `-`, as a Document. */
export async function readDocument(path: string, options: ReadOptions = {}): Promise<Document> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (path === '-') return documentFromBytes('stdin', await readStdin(max), options);
  let size: number;
  try {
    // Synchronous: a report is small (checked below), and a file read so costs a tenth of one through promises.
    const info = statSync(path);
    if (info.isDirectory()) throw new InputError(path, 'is a folder, not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      path,
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message,
    );
  }
  checkSize(path, size, max);
  const facts = mergeFacts(options.facts ?? {}, await sidecarFacts(path));
  return documentFromBytes(path, readFileSync(path), { ...options, facts });
}

/** Standard input's bytes; throws an InputError past the limit for one report. */
export async function readStdin(max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.length;
    if (total > max)
      throw new InputError('stdin', `more than the ${formatMb(max)} limit for one report`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
