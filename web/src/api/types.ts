/**
 * What the API answers, as the app reads it. Events and their parts are the
 * project's contract types (src/contracts); the rest are the shapes of the
 * list, facet, map and timeline routes.
 */
import type { Event, Incident } from '../../../src/contracts/index.js';

export type { Event, Incident };

/** An event as the API gives it: the contract's, and whether it is private. */
export type ApiEvent = Event & { private?: boolean };

export interface EventPage {
  events: ApiEvent[];
  /** Where the next page starts; null on the last page. */
  next: string | null;
  total?: number;
}

export interface Count {
  key: string;
  count: number;
}

export interface Facets {
  type: Count[];
  governorate: Count[];
  actor: Count[];
  claimant: Count[];
  status: Count[];
  month: Count[];
}

export interface Cluster {
  lat: number;
  lon: number;
  count: number;
  /** The area the cluster's events cover: `[west, south, east, north]`. */
  bbox: [number, number, number, number];
  /** The event, when the cluster is one. */
  event?: string | null;
}

export interface Timeline {
  period: 'day' | 'week' | 'month';
  buckets: { period: string; type: string; events: number; fatalities: number }[];
}

/** A report of an event as the detail route gives it: its text and the incidents read from it. */
export interface ReportView {
  document: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  text: string;
  incidents: Incident[];
  /** Why it joined the event; empty for the first. */
  linked_by: string[];
}

/** One change in the audit log. */
export interface Change {
  id: number;
  at: string;
  by: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  reverts: number | null;
}

export interface EventDetail {
  event: ApiEvent;
  reports: ReportView[];
  history: Change[];
}

export interface Place {
  id: string;
  name_ar: string;
  name_en: string;
  admin1: string | null;
  lat: number;
  lon: number;
}
