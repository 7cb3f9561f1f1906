export {
  ACLED_TYPES,
  EXPORT_FORMATS,
  OUTPUT_SCHEMA_VERSION,
  PLACE_KINDS,
  REVIEW_STATUSES,
  ROLES,
  eventTypeOf,
  fatalitiesOf,
} from './values.js';
export type { EventType, ExportFormat, SubEventType } from './values.js';
export { FACT_SOURCES, REPORT_FACTS, zFactSource, zFactSources } from './document.js';
export type { Document, FactSource, FactSources, ReportFact } from './document.js';
export { zRole, zToken, zUser, zUserName } from './accounts.js';
export type { Role, Token, User } from './accounts.js';
export { zAuditEntry, zChangeKind } from './audit.js';
export type { AuditEntry, ChangeKind } from './audit.js';
export { zEvent, zEventClaim, zEventMember, zReviewStatus } from './event.js';
export type { Event, EventClaim, EventMember, ReviewStatus } from './event.js';
export {
  zActorRole,
  zClaim,
  zDatePrecision,
  zDecision,
  zDocumentMeta,
  zDocumentResult,
  zCodedWarning,
  WARNING_CODES,
  zFatalities,
  zFigure,
  zGeoPrecision,
  zIncident,
  zIncidentActor,
  zIncidentDate,
  zLocation,
  zMeasure,
  zQualifier,
  zRuleUse,
  zSpan,
  zTally,
} from './result.js';
export type {
  ActorRole,
  Claim,
  DatePrecision,
  Decision,
  DocumentMeta,
  DocumentResult,
  CodedWarning,
  Fatalities,
  Figure,
  GeoPrecision,
  Incident,
  IncidentActor,
  IncidentDate,
  Location,
  Measure,
  Qualifier,
  RuleUse,
  Span,
  Tally,
} from './result.js';
export {
  zApiError,
  zApiEvent,
  zCluster,
  zClusters,
  zCorrectionView,
  zCount,
  zEventDetail,
  zEventListQuery,
  zEventSort,
  zEventPage,
  zEventParams,
  zEventQuery,
  zFacets,
  zMapQuery,
  zPeriod,
  zPlace,
  zPlaceKind,
  zCaptureView,
  zReportListQuery,
  zReportPage,
  zReportParams,
  zReportSummary,
  zStoredReport,
  zReportView,
  zSessionReply,
  zSessionUser,
  zSignIn,
  zTimeline,
  zTimelineQuery,
} from './api.js';
export type {
  ApiError,
  ApiEvent,
  Cluster,
  CorrectionView,
  Count,
  EventDetail,
  EventPage,
  EventSort,
  EventQuery,
  Facets,
  Place,
  PlaceKind,
  ReportListQuery,
  ReportPage,
  ReportView,
  SessionReply,
  SessionUser,
  SignIn,
  Timeline,
} from './api.js';
export { zNote, zNoteValue } from './notes.js';
export type { Note, NoteValue } from './notes.js';
export { OUTPUT_SCHEMA_ID, documentOutputJsonSchema, zDocumentOutput } from './output.js';
export type { DocumentOutput } from './output.js';
