import { z } from 'zod';

/** What is known about a report besides its text. */
export const REPORT_FACTS = ['published', 'outlet', 'url', 'title'] as const;
export type ReportFact = (typeof REPORT_FACTS)[number];

/**
 * Where a fact about a report came from, most trusted first: the report's own
 * front matter, its sidecar `NAME.meta.json`, a row of a `--manifest`, the page,
 * feed item or NDJSON line that held it, a date in its file name, its text (a
 * dateline, a signature), or an option given for the whole batch.
 */
export const FACT_SOURCES = [
  'front-matter',
  'sidecar',
  'manifest',
  'page',
  'feed',
  'ndjson',
  'file-name',
  'text',
  'option',
  'form',
] as const;
export const zFactSource = z.enum(FACT_SOURCES);
export type FactSource = z.infer<typeof zFactSource>;

/** Which source gave each fact a report has. */
export const zFactSources = z.partialRecord(z.enum(REPORT_FACTS), zFactSource);
export type FactSources = z.infer<typeof zFactSources>;

/**
 * A report ready for extraction: its clean main text and what is known about it.
 * Ingest produces it from files and pages; extract consumes it.
 */
export interface Document {
  text: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  /** ISO date (`2022-12-26`) or date-time; null when unknown. */
  published: string | null;
  /** Where each known fact came from (absent when the caller gave them directly). */
  sources?: FactSources;
}
