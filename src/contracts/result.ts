import { z } from 'zod';
import { zFactSources } from './document.js';

/** `[start, end)` in UTF-16 code units of `document.text`, so a UI can highlight it directly. */
export const zSpan = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof zSpan>;

export const zMeasure = z.enum(['killed', 'injured', 'detained', 'missing', 'killed_or_injured']);
export type Measure = z.infer<typeof zMeasure>;

export const zQualifier = z.enum([
  'exact',
  'approx',
  'at_least',
  'more_than',
  'up_to',
  'unspecified',
]);
export type Qualifier = z.infer<typeof zQualifier>;

export const zFigure = z.object({
  measure: zMeasure,
  /** Whose people: an actor id, or null when the text does not say. */
  victim: z.string().nullable(),
  /** null when no number was given ("عدد من القتلى"). */
  count: z.number().int().nonnegative().nullable(),
  qualifier: zQualifier,
  text: z.string(),
  span: zSpan,
});
export type Figure = z.infer<typeof zFigure>;

export const zClaim = z.object({
  /** A vocabulary id; null means the outlet states it itself, unattributed. */
  claimant: z.string().nullable(),
  claimant_text: z.string().nullable(),
  claimant_span: zSpan.nullable(),
  figures: z.array(zFigure),
});
export type Claim = z.infer<typeof zClaim>;

export const zDatePrecision = z.enum(['day', 'week', 'month', 'year', 'unknown']);
export type DatePrecision = z.infer<typeof zDatePrecision>;

const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const zIncidentDate = z.object({
  start: zIsoDate.nullable(),
  end: zIsoDate.nullable(),
  precision: zDatePrecision,
  /** The expression it came from, or null when taken from the report date. */
  text: z.string().nullable(),
  span: zSpan.nullable(),
});
export type IncidentDate = z.infer<typeof zIncidentDate>;

/** ACLED geo_precision: 1 the place itself, 2 near or part of it, 3 only a larger region. */
export const zGeoPrecision = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type GeoPrecision = z.infer<typeof zGeoPrecision>;

export const zLocation = z.object({
  text: z.string(),
  span: zSpan,
  place_id: z.string().nullable(),
  name_ar: z.string(),
  name_en: z.string(),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  admin3: z.string().nullable(),
  admin1_pcode: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  precision: zGeoPrecision,
  /** Other places the name could have meant, best first, so a reviewer can see the choice. */
  alternatives: z.array(
    z.object({ place_id: z.string(), name_en: z.string(), admin1: z.string() }),
  ),
  /**
   * What settled the choice among places of that name: `only` one fits; an area
   * named in the `sentence` or elsewhere in the `report`; the `cue` word («حي»
   * before a neighbourhood); `nearby` places of the report; the `user`'s own
   * place; or `rank` (city before town before village).
   */
  chosen_by: z.enum(['only', 'user', 'sentence', 'cue', 'report', 'nearby', 'rank']),
});
export type Location = z.infer<typeof zLocation>;

export const zActorRole = z.enum(['actor1', 'actor2', 'assoc1', 'assoc2']);
export type ActorRole = z.infer<typeof zActorRole>;

export const zIncidentActor = z.object({
  id: z.string(),
  role: zActorRole,
  text: z.string(),
  span: zSpan,
});
export type IncidentActor = z.infer<typeof zIncidentActor>;

export const zFatalities = z.object({
  low: z.number().int().nonnegative(),
  best: z.number().int().nonnegative(),
  high: z.number().int().nonnegative(),
});
export type Fatalities = z.infer<typeof zFatalities>;

/** A rule that took part in a decision, and how much it weighed. */
export const zRuleUse = z.object({ rule: z.string(), score: z.number() });
export type RuleUse = z.infer<typeof zRuleUse>;

/**
 * Why a field holds what it holds: the rules that decided it, as `wathiq
 * extract --explain` prints them. `field` is `incident` (why it was opened and
 * what joined it), `background`, `type`, `date`, `place`, `actor1`, `actor2` or
 * `figure`.
 */
export const zDecision = z.object({
  field: z.string(),
  /** The value decided, as written out («killed 4 SDF by SOHR»), or null when nothing was. */
  value: z.string().nullable(),
  rules: z.array(zRuleUse),
});
export type Decision = z.infer<typeof zDecision>;

export const zIncident = z.object({
  id: z.string(),
  background: z.boolean(),
  event_type: z.string(),
  sub_event_type: z.string(),
  date: zIncidentDate,
  location: zLocation.nullable(),
  actors: z.array(zIncidentActor),
  claims: z.array(zClaim),
  fatalities: zFatalities.nullable(),
  civilian_targeting: z.boolean(),
  tags: z.array(z.string()),
  evidence: z.array(zSpan),
  confidence: z.number().min(0).max(1),
  /** Which rules decided each field (absent in records made before wathiq kept them). */
  why: z.array(zDecision).optional(),
});
export type Incident = z.infer<typeof zIncident>;

export const zTally = z.object({
  claimant: z.string().nullable(),
  period: z.object({ start: zIsoDate.nullable(), end: zIsoDate.nullable() }).nullable(),
  figures: z.array(zFigure),
  text: z.string(),
  span: zSpan,
});
export type Tally = z.infer<typeof zTally>;

export const zDocumentMeta = z.object({
  /** `sha256:` of the extracted, NFC-normalized main text. */
  id: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  /** ISO date or date-time, as the source gave it. */
  published: z.string().nullable(),
  language: z.literal('ar'),
  /** The clean main text that every span points into. */
  text: z.string(),
  /** Which source gave each of title, outlet, url and published (front matter, sidecar…). */
  sources: zFactSources.optional(),
});
export type DocumentMeta = z.infer<typeof zDocumentMeta>;

/**
 * A warning wathiq acts on, by a code and the day it is about: the review
 * queue matches these, so the words of `warnings` (for people, in any
 * language) can change without it. `weekday_contradicts`: the text names a
 * weekday the day is not; `dates_disagree`: it names two days for one. The
 * day is the one kept.
 */
export const WARNING_CODES = ['weekday_contradicts', 'dates_disagree'] as const;
export const zCodedWarning = z.object({ code: z.enum(WARNING_CODES), date: zIsoDate });
export type CodedWarning = z.infer<typeof zCodedWarning>;

export const zDocumentResult = z.object({
  document: zDocumentMeta,
  incidents: z.array(zIncident),
  tallies: z.array(zTally),
  warnings: z.array(z.string()),
  /** The warnings above that wathiq acts on, by code. */
  coded_warnings: z.array(zCodedWarning),
});
export type DocumentResult = z.infer<typeof zDocumentResult>;
