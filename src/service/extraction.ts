import type { extract } from '../extract/index.js';

/** What reads one report: `extract`, as the service is handed it. */
export type Extract = typeof extract;

/**
 * Extraction, loaded when a report is first read (ingest, reprocess), not when
 * the service is: `export`, `review` and `search` only read the store, and
 * loading the extractor's modules cost them a quarter of their start-up.
 */
export async function extraction(): Promise<Extract> {
  return (await import('../extract/index.js')).extract;
}
