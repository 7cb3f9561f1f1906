export { brokenDeadlock, openDatabase, StoreUnavailableError } from './db.js';
export type { Database, DatabaseOptions, QueryOptions, Sql } from './db.js';
export { migrate, refreshStaleStatistics, refreshStatistics, SCHEMA_VERSION } from './schema.js';
export { FOLD_AFTER, FOLD_ALONE_AFTER, foldCounts, foldPiledCounts } from './counts.js';
export {
  capturedFacts,
  completeFacts,
  listFailures,
  recordFailure,
  saveReport,
  saveReports,
  storedCaptures,
} from './reports.js';
export type { StoredFacts } from './reports.js';
export type { ExtractedReport, Failure, SaveOutcome } from './reports.js';
export {
  candidateQuery,
  decideLink,
  linkDecision,
  lockAreas,
  lockLinkedAreas,
  regroup,
  searchSpans,
  setLinkDecision,
  setReviewStatus,
} from './linking.js';
export type { LinkDecision, SearchSpan } from './linking.js';
export {
  activeSession,
  countUsers,
  deleteSession,
  deleteUserSessions,
  findToken,
  findUser,
  getSetting,
  insertSession,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  putSetting,
  setTokenRevoked,
  tokenUser,
  updateUser,
} from './accounts.js';
export type { SessionRecord, UserRecord } from './accounts.js';
export { appendAudit, findAudit, listAudit } from './audit.js';
export type { AuditFilter, AuditRecord } from './audit.js';
export {
  countEvents,
  listEvents,
  listMarkedEvents,
  reportsOf,
  searchReports,
  storeCounts,
  streamEventPages,
  streamEvents,
} from './queries.js';
export type { Cursor, EventFilter, MarkedEvent, Page, ReportHit } from './queries.js';
export { listReports, reportWarnings, reviewQueueEvents } from './report-list.js';
export type { ReportFilter, ReportSummary } from './report-list.js';
export {
  eventClusters,
  eventFacets,
  eventIncidents,
  eventMonths,
  eventReports,
  eventSpan,
  eventTimeline,
  eventTimelineSpanned,
  FACETS,
  findEvent,
  PERIOD_DAYS,
  periodOfSpan,
} from './views.js';
export type {
  Cluster,
  EventReport,
  Facet,
  FacetCount,
  Period,
  PeriodTimeline,
  TimelineBucket,
} from './views.js';
export {
  correctEvent,
  correctIncident,
  correctionsOf,
  EVENT_CORRECTABLE,
  eventCorrectionsOf,
  claimantField,
  figureField,
  findCorrection,
  findEventCorrection,
  isEventField,
  putCorrection,
  putEventCorrection,
} from './corrections.js';
export type { Correction, EventCorrection, EventField } from './corrections.js';
export { openStore } from './store.js';
export { StoreBusyError } from './lock.js';
export { ROOM_NEEDED, StoreFullError } from './room.js';
export type { LockHolder } from './lock.js';
export { ATTEMPTS, IngestQueue, INGEST_QUEUE } from './queue.js';
export type { BatchFacts, Bundle, FailedBundle } from './queue.js';
export { citesReports, describeFigure, eventWriter, HASHED_FORMATS } from './export.js';
export {
  ACLED_COLUMNS,
  acledInteraction,
  acledTimePrecision,
  disorderType,
  UCDP_COLUMNS,
  ucdpDatePrecision,
} from './field-formats.js';
export type { FieldContext } from './field-formats.js';
export type { EventWriter, ReportIndex, ReportInfo } from './writer.js';
export { captureBytes, capturesOf, streamCaptureBytes } from './evidence.js';
export type { Capture } from './evidence.js';
export { lockReports, reportsInScope, storedReports, storeRereadings } from './reprocess.js';
export type {
  EventState,
  ReportScope,
  Rereading,
  RereadOutcome,
  StoredReading,
  StoredReport,
} from './reprocess.js';
export { reportView, reportWithdrawn, setReportWithdrawn } from './withdrawal.js';
export type { StoredReportView } from './withdrawal.js';
