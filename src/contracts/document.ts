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
}
