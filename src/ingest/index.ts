export { InputError } from './errors.js';
export { DEFAULT_MAX_BYTES, documentFromBytes, readDocument } from './read.js';
export type { ReadOptions } from './read.js';
export { readPage } from './html.js';
export type { PageContent } from './html.js';
export { decodeBytes, isReadingWarning } from './decode.js';
export {
  collectReports,
  countReportFiles,
  readDocuments,
  readReport,
  sha256Hex,
} from './sources.js';
export type { RawReport, ReadEntry, SourceEntry, SourceFailure } from './sources.js';
export { checkPublished, factsOf } from './facts.js';
export type { KnownFact, KnownFacts } from './facts.js';
export { readManifest, sidecarFacts } from './metadata.js';
export type { Manifest } from './metadata.js';
export { fsProblem } from './walk.js';
