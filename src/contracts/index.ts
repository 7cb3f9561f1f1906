export type { Document } from './document.js';
export { zEvent, zEventClaim, zEventMember, zReviewStatus } from './event.js';
export type { Event, EventClaim, EventMember, ReviewStatus } from './event.js';
export {
  zActorRole,
  zClaim,
  zDatePrecision,
  zDocumentMeta,
  zDocumentResult,
  zFatalities,
  zFigure,
  zGeoPrecision,
  zIncident,
  zIncidentActor,
  zIncidentDate,
  zLocation,
  zMeasure,
  zQualifier,
  zSpan,
  zTally,
} from './result.js';
export type {
  ActorRole,
  Claim,
  DatePrecision,
  DocumentMeta,
  DocumentResult,
  Fatalities,
  Figure,
  GeoPrecision,
  Incident,
  IncidentActor,
  IncidentDate,
  Location,
  Measure,
  Qualifier,
  Span,
  Tally,
} from './result.js';
