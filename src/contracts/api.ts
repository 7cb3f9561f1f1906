import { z } from 'zod';
import { zRole } from './accounts.js';
import { zAuditEntry } from './audit.js';
import { zEvent, zReviewStatus } from './event.js';
import { zIncident } from './result.js';
import { zNote } from './notes.js';
import { PLACE_KINDS } from './values.js';

/**
 * What wathiq's HTTP API takes and gives. The server declares its routes from
 * these schemas (and publishes them as OpenAPI); the web app reads its types
 * from them.
 */

/** Every refusal: what went wrong, in words, and the request's field at fault. */
export const zApiError = z
  .object({
    error: z.object({
      /** `invalid`, `unauthenticated`, `forbidden`, `csrf`, `not_found`, `conflict`, `rate_limited`… */
      code: z.string(),
      message: z.string(),
      field: z.string().nullable(),
    }),
  })
  .meta({ id: 'Error' });
export type ApiError = z.infer<typeof zApiError>;

export const zSessionUser = z.object({ name: z.string(), role: zRole }).meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof zSessionUser>;

/** Who is signed in (null: nobody), and the token every change must send in `x-csrf-token`. */
export const zSessionReply = z
  .object({ user: zSessionUser.nullable(), csrf: z.string().nullable() })
  .meta({ id: 'Session' });
export type SessionReply = z.infer<typeof zSessionReply>;

export const zSignIn = z
  .object({
    name: z.string().min(1).max(64),
    password: z.string().min(1).max(1024),
    /** The current code of the user's authenticator app, when they have a second factor. */
    totp: z.string().max(16).optional(),
    /**
     * When an admin requires a second factor the account lacks: the secret of
     * POST /api/session/totp, set up with `totp`, a current code of it.
     */
    totp_secret: z.string().max(200).optional(),
  })
  .meta({ id: 'SignIn' });
export type SignIn = z.infer<typeof zSignIn>;

const zIsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');
const NUMBER = String.raw`-?\d+(?:\.\d+)?`;

/** The filter every event route takes: the same as `wathiq export`'s, and a map area. */
export const zEventQuery = z.object({
  from: zIsoDay.optional(),
  to: zIsoDay.optional(),
  /** A governorate: p-code (`SY07`), English or Arabic name. */
  governorate: z.string().max(100).optional(),
  /** An event type or sub-event type. */
  type: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  claimant: z.string().max(100).optional(),
  status: zReviewStatus.optional(),
  search: z.string().max(500).optional(),
  /** `only` private events, or `none`: absent, both (as far as the role may see). */
  private: z.enum(['only', 'none']).optional(),
  /** `west,south,east,north` in decimal degrees. */
  bbox: z
    .string()
    .regex(
      new RegExp(`^${NUMBER},${NUMBER},${NUMBER},${NUMBER}$`),
      'expected west,south,east,north in decimal degrees',
    )
    .optional(),
});
export type EventQuery = z.infer<typeof zEventQuery>;

/** The orders of the events list: newest, most killed, last changed, or what needs review first. */
export const zEventSort = z
  .enum(['date', 'fatalities', 'updated', 'status'])
  .meta({ id: 'EventSort' });
export type EventSort = z.infer<typeof zEventSort>;

export const zEventListQuery = zEventQuery.extend({
  /** `date` (newest first, when absent), `fatalities` (most first), `updated` (last changed first), `status` (unreviewed first). */
  sort: zEventSort.optional(),
  /** Where the page starts: the `next` of the page before. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The filter of the reports list. */
export const zReportListQuery = z.object({
  outlet: z.string().max(200).optional(),
  /** Published on or after this day. */
  from: zIsoDay.optional(),
  /** Published on or before this day. */
  to: zIsoDay.optional(),
  /** Words in a report's title or text. */
  search: z.string().max(500).optional(),
  /** Withdrawn reports: left out when absent, `only` them, or `include`d (editors and admins). */
  withdrawn: z.enum(['only', 'include']).optional(),
  /** Where the page starts: the `next` of the page before. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ReportListQuery = z.infer<typeof zReportListQuery>;

/** What names a stored report: its id (its text's hash), title, outlet, URL, publication date. */
export const zReportFacts = z.object({
  document: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
});

/** A report's id in a path: its text's id (`sha256:…`). */
export const zReportParams = z.object({ id: z.string().min(1).max(200) });

/** One copy of a report's bytes as captured. */
export const zCaptureView = z
  .object({
    sha256: z.string(),
    size: z.number().int(),
    /** The file, feed item or NDJSON line the bytes came from. */
    source: z.string(),
    captured_at: z.string(),
  })
  .meta({ id: 'Capture' });

/** A stored report as any view shows it: what names it, whether it is hidden, where it went. */
const zReportState = zReportFacts.extend({
  /** Hidden from every event, list and export; its text and bytes kept. */
  withdrawn: z.boolean(),
  private: z.boolean(),
  /** The events its incidents are in now. */
  events: z.array(z.string()),
});

/** A stored report in a list: what it is and where it went; its text is one request away. */
export const zReportSummary = zReportState
  .extend({
    /** How many incidents were read from it. */
    incidents: z.number().int(),
  })
  .meta({ id: 'ReportSummary' });

/** A stored report: its text, what was read in it, where it went, and its evidence. */
export const zStoredReport = zReportState
  .extend({
    text: z.string(),
    incidents: z.array(zIncident),
    /** Every copy of the report's bytes as captured, with its SHA-256. */
    captures: z.array(zCaptureView),
  })
  .meta({ id: 'StoredReport' });

export const zReportPage = z
  .object({
    reports: z.array(zReportSummary),
    /** Where the next page starts; null on the last page. */
    next: z.string().nullable(),
  })
  .meta({ id: 'ReportPage' });
export type ReportPage = z.infer<typeof zReportPage>;

/** An event as the API gives it: the contract's, and whether it is private. */
export const zApiEvent = zEvent.extend({ private: z.boolean() }).meta({ id: 'Event' });
export type ApiEvent = z.infer<typeof zApiEvent>;

export const zEventPage = z
  .object({
    events: z.array(zApiEvent),
    /** Where the next page starts; null on the last page. */
    next: z.string().nullable(),
    total: z.number().int(),
  })
  .meta({ id: 'EventPage' });
export type EventPage = z.infer<typeof zEventPage>;

export const zCount = z.object({ key: z.string(), count: z.number().int() });
export type Count = z.infer<typeof zCount>;

export const zFacets = z
  .object({
    type: z.array(zCount),
    governorate: z.array(zCount),
    actor: z.array(zCount),
    claimant: z.array(zCount),
    status: z.array(zCount),
    month: z.array(zCount),
  })
  .meta({ id: 'Facets' });
export type Facets = z.infer<typeof zFacets>;

export const zPeriod = z.enum(['day', 'week', 'month']);

export const zTimelineQuery = zEventQuery.extend({
  /** Absent: chosen from the span of the events (days for a season, months for years). */
  period: zPeriod.optional(),
});

export const zTimeline = z
  .object({
    period: zPeriod,
    buckets: z.array(
      z.object({
        /** The first day of the period. */
        period: z.string(),
        type: z.string(),
        events: z.number().int(),
        fatalities: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof zTimeline>;

export const zMapQuery = zEventQuery.extend({
  zoom: z.coerce.number().int().min(0).max(22),
});

export const zCluster = z
  .object({
    lat: z.number(),
    lon: z.number(),
    count: z.number().int(),
    /** The area the cluster's events cover: `[west, south, east, north]`. */
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    /** The event, when the cluster is one. */
    event: z.string().nullable(),
  })
  .meta({ id: 'Cluster' });
export type Cluster = z.infer<typeof zCluster>;

export const zClusters = z.object({ clusters: z.array(zCluster) }).meta({ id: 'Clusters' });

/** A report of an event: its text and the incidents read from it, every field with its span. */
export const zReportView = zReportFacts
  .extend({
    text: z.string(),
    incidents: z.array(zIncident),
    /** Why it joined the event; empty for the first. */
    linked_by: z.array(z.string()),
    /** The same reasons, each with a code and the values it names, for a reader's language. */
    linked_because: z.array(zNote),
  })
  .meta({ id: 'ReportView' });
export type ReportView = z.infer<typeof zReportView>;

/** A person's correction: the machine's reading stays in the reports' incidents beside it. */
export const zCorrectionView = z
  .object({
    /** The incident corrected; null for a field of the event itself. */
    incident: z.string().nullable(),
    /** The event, for a field of its own (`event.place`…); null for an incident's. */
    event: z.string().nullable(),
    /** `event.place`, `event.date`…, `figure:CLAIMANT|MEASURE|VICTIM`, `added_claims`, `not_incident`. */
    field: z.string(),
    value: z.unknown(),
    by: z.string(),
    at: z.string(),
  })
  .meta({ id: 'CorrectionView' });
export type CorrectionView = z.infer<typeof zCorrectionView>;

export const zEventDetail = z
  .object({
    event: zApiEvent,
    reports: z.array(zReportView),
    /** Who corrected what on the event and its incidents; the event shows the corrected values. */
    corrections: z.array(zCorrectionView),
    history: z.array(zAuditEntry),
  })
  .meta({ id: 'EventDetail' });
export type EventDetail = z.infer<typeof zEventDetail>;

/** What a place is (PLACE_KINDS). */
export const zPlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof zPlaceKind>;

export const zPlace = z
  .object({
    id: z.string(),
    kind: zPlaceKind,
    name_ar: z.string(),
    name_en: z.string(),
    admin1: z.string().nullable(),
    /** The governorate's Arabic name, from the gazetteer: an Arabic reader is shown no English place word. */
    admin1_ar: z.string().nullable(),
    /**
     * Its district and sub-district, English and Arabic (null for an area
     * above them): places of one name and kind in one governorate (28 such
     * names in the shipped gazetteer) are told apart by them.
     */
    admin2: z.string().nullable(),
    admin2_ar: z.string().nullable(),
    admin3: z.string().nullable(),
    admin3_ar: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
  })
  .meta({ id: 'Place' });
export type Place = z.infer<typeof zPlace>;

/** An event's id in a path. */
export const zEventParams = z.object({ id: z.string().min(1).max(200) });
