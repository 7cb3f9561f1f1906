export { InputError } from './errors.js';
export { DEFAULT_MAX_BYTES, documentFromBytes, readDocument } from './read.js';
export type { ReadOptions } from './read.js';
export { readPage } from './html.js';
export type { PageContent } from './html.js';
export { decodeBytes } from './decode.js';
export { collectReports, countReportFiles, readReport, sha256Hex } from './sources.js';
export type { RawReport, SourceEntry, SourceFailure } from './sources.js';
