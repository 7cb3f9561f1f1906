export { dataDir } from '../lexicon/index.js';
export { loadKnowledge, userPlacesFile } from '../gazetteer/index.js';
export { loadCatalog } from './catalog.js';
export type { Catalog } from './catalog.js';
export { openExistingStore, storeName, storeOptions } from './store.js';
export type { StoreLocation } from './store.js';
export { ingestBatch, ingestBatches, TRANSACTION_BYTES, transactionReports } from './ingest.js';
export { backgroundStatistics } from './statistics.js';
export type { BackgroundStatistics } from './statistics.js';
export { linkNotes, readingNotes } from './notes.js';
export { evidenceOf, saveEvidence, verifyCaptures } from './evidence.js';
export type { Mismatch, SavedEvidence } from './evidence.js';
export type {
  Batch,
  BatchDone,
  FactDifference,
  PipelineOptions,
  ReportOutcome,
  ReportResult,
} from './ingest.js';
export { governorateCode } from './filter.js';
export { decide, joinEvents, setPrivate, setStatus, splitOff } from './review.js';
export type { Decided, Detached, Joined } from './review.js';
export { ServiceError } from './errors.js';
export type { ServiceProblem } from './errors.js';
export { aRole, may, maySetStatus, ROLES } from './roles.js';
export type { Actor, Permission, RoleRights } from './roles.js';
export { applyChange, revertChange, revertChanges } from './changes.js';
export type { Change, ServiceContext } from './changes.js';
export { SETTINGS } from './account-states.js';
export type { SettingName } from './account-states.js';
export {
  addUser,
  characters,
  checkSignIn,
  closeSession,
  createToken,
  disableTotp,
  enableTotp,
  isTotpSecret,
  MIN_PASSWORD,
  newTotpSecret,
  openSession,
  revokeToken,
  secondFactorRequired,
  SESSION_SECONDS,
  sessionOf,
  setDisabled,
  setPassword,
  setRequireTotp,
  setUpTotp,
  setRole,
  tokens,
  userOfToken,
  users,
} from './accounts.js';
export type { SignInFailure } from './accounts.js';
export {
  decodeCursor,
  encodeCursor,
  eventDetail,
  eventFilter,
  eventIncidentKeys,
  periodTimeline,
  timelinePeriod,
  visibleEvent,
} from './events.js';
export { exportEvents } from './export.js';
export { correct, CORRECTIONS } from './corrections.js';
export type { CorrectionField } from './corrections.js';
export { reviewQueue, searchPlaces, vocabulary, VOCABULARY_KINDS } from './lookups.js';
export type { VocabularyKind, VocabularyTerm } from './lookups.js';
export { matchIncidents, reprocess } from './reprocess.js';
export type { ReprocessOptions, ReprocessSummary } from './reprocess.js';
export { reportCapture, reportPage, visibleReport, withdrawReport } from './reports.js';
