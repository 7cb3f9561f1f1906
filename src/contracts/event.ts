import { z } from 'zod';
import { REVIEW_STATUSES } from './values.js';
import { zClaim, zDatePrecision, zFatalities, zLocation } from './result.js';

/** Where review stands on an event (REVIEW_STATUSES). */
export const zReviewStatus = z.enum(REVIEW_STATUSES).meta({ id: 'ReviewStatus' });
export type ReviewStatus = z.infer<typeof zReviewStatus>;

/** An incident that is part of an event, and why it was linked. */
export const zEventMember = z.object({
  /** `DOCUMENT_ID#INCIDENT_ID`: the incident's id in the store. */
  incident: z.string(),
  document: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  /** Why it joined: the other member it matched and on what («same place C5710», «same day»…); empty for the first. */
  linked_by: z.array(z.string()),
});
export type EventMember = z.infer<typeof zEventMember>;

/** A claim as an event carries it: which report stated it. */
export const zEventClaim = zClaim.extend({
  document: z.string(),
  outlet: z.string().nullable(),
  /** The claimant is a party to the fight (its own media), so its count is not the best estimate. */
  party: z.boolean(),
});
export type EventClaim = z.infer<typeof zEventClaim>;

/**
 * One act as several reports tell it: the incidents that describe it, all their
 * claims, and fatalities low/best/high recomputed over them.
 */
export const zEvent = z.object({
  /** Stable whatever the order reports came in: derived from its earliest member. */
  id: z.string(),
  event_type: z.string(),
  sub_event_type: z.string(),
  date: z.object({
    start: z.string().nullable(),
    end: z.string().nullable(),
    precision: zDatePrecision,
  }),
  location: zLocation.nullable(),
  actor1: z.string().nullable(),
  actor2: z.string().nullable(),
  /** Actors associated with either side, as any report names them. */
  assoc1: z.array(z.string()),
  assoc2: z.array(z.string()),
  members: z.array(zEventMember),
  claims: z.array(zEventClaim),
  fatalities: zFatalities.nullable(),
  civilian_targeting: z.boolean(),
  review_status: zReviewStatus,
});
export type Event = z.infer<typeof zEvent>;
