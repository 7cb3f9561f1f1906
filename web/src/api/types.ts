/**
 * What the API answers, as the app reads it: the server's own contracts
 * (src/contracts/api.ts), so the two cannot drift apart.
 */
import type { AuditEntry } from '../../../src/contracts/index.js';

export type {
  ApiEvent,
  Cluster,
  Count,
  Event,
  EventDetail,
  EventPage,
  Facets,
  Incident,
  Note,
  Place,
  ReportView,
  Timeline,
} from '../../../src/contracts/index.js';

/** One change in the audit log. */
export type Change = AuditEntry;
