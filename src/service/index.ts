export { dataDir, loadKnowledge, userPlacesFile } from './knowledge.js';
export { storeOptions } from './store.js';
export type { StoreLocation } from './store.js';
export { ingestBatch } from './ingest.js';
export type { PipelineOptions, ReportOutcome, ReportResult } from './ingest.js';
export { governorateCode } from './filter.js';
export { decide, ReviewError, setStatus } from './review.js';
