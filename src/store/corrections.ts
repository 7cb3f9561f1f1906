import type { Claim, Event, Incident } from '../contracts/index.js';
import type { StoredIncident } from '../link/index.js';
import type { Sql } from './db.js';

/**
 * A person's correction of what the machine read on an incident (a figure, a
 * claim added, «not an incident»), kept apart from it. The machine's reading
 * stays as it was; every regrouping applies these on top, so a re-link or a
 * new report keeps them.
 */
export interface Correction {
  readonly incident: string;
  /** `figure:CLAIMANT|MEASURE|VICTIM`, `claimant:CLAIMANT`, `added_claims`, `not_incident`. */
  readonly field: string;
  readonly value: unknown;
  readonly by: string;
  readonly at: string;
}

export async function correctionsOf(db: Sql, incidents: readonly string[]): Promise<Correction[]> {
  if (incidents.length === 0) return [];
  return db.query<Correction>(
    `SELECT incident_id AS incident, field, value, by, at FROM corrections
     WHERE incident_id = ANY($1::text[]) ORDER BY at, incident_id, field`,
    [incidents],
  );
}

export async function findCorrection(db: Sql, incident: string, field: string): Promise<unknown> {
  const [row] = await db.query<{ value: unknown }>(
    'SELECT value FROM corrections WHERE incident_id = $1 AND field = $2',
    [incident, field],
  );
  return row?.value ?? null;
}

/** Puts a correction (null takes it away). */
export async function putCorrection(
  db: Sql,
  correction: { incident: string; field: string; value: unknown; by: string },
): Promise<void> {
  if (correction.value === null) {
    await db.query('DELETE FROM corrections WHERE incident_id = $1 AND field = $2', [
      correction.incident,
      correction.field,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO corrections (incident_id, field, value, by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (incident_id, field) DO UPDATE SET value = EXCLUDED.value, by = EXCLUDED.by, at = now()`,
    [correction.incident, correction.field, JSON.stringify(correction.value), correction.by],
  );
}

/** The key of one figure of a claim: who claims, what, of whose people. */
export function figureField(
  claimant: string | null,
  measure: string,
  victim: string | null,
): string {
  return `figure:${claimant ?? ''}|${measure}|${victim ?? ''}`;
}

/**
 * The key of a claimant corrected in one report: the claimant the machine
 * read (empty for a claim it attributed to no one). Its figures' own
 * corrections keep naming the claimant the machine read, so that renaming a
 * claimant never loses a count corrected before.
 */
export function claimantField(claimant: string | null): string {
  return `claimant:${claimant ?? ''}`;
}

/** A claimant corrected: who really makes the claim (null: no one named). */
export interface ClaimantFix {
  readonly claimant: string | null;
}

interface FigureFix {
  readonly count?: number | null;
  readonly qualifier?: Claim['figures'][number]['qualifier'];
  /** The machine invented it: it counts for nothing. */
  readonly struck?: boolean;
}

/**
 * An incident as corrected: its figures, its claimants, the claims added,
 * whether it is an incident at all. The machine's figures are matched by the
 * claimant it read, then its claimants are renamed; a claim a person added
 * is as they wrote it.
 */
export function correctIncident(incident: Incident, fixes: readonly Correction[]): Incident {
  if (fixes.length === 0) return incident;
  const byField = new Map(fixes.map((f) => [f.field, f.value]));
  const claims = incident.claims
    .map((claim) => ({
      ...claim,
      figures: claim.figures.flatMap((figure) => {
        const fix = byField.get(figureField(claim.claimant, figure.measure, figure.victim)) as
          FigureFix | undefined;
        if (fix === undefined) return [figure];
        if (fix.struck === true) return [];
        return [
          {
            ...figure,
            ...(fix.count === undefined ? {} : { count: fix.count }),
            ...(fix.qualifier === undefined ? {} : { qualifier: fix.qualifier }),
          },
        ];
      }),
    }))
    .filter((claim) => claim.figures.length > 0)
    .map((claim) => {
      const renamed = byField.get(claimantField(claim.claimant)) as ClaimantFix | undefined;
      return renamed === undefined ? claim : { ...claim, claimant: renamed.claimant };
    });
  const added = (byField.get('added_claims') as Claim[] | undefined) ?? [];
  return {
    ...incident,
    background: byField.get('not_incident') === true ? true : incident.background,
    claims: [...claims, ...added],
  };
}

/** The incidents of a regrouping as corrected. */
export function correctIncidents(
  members: readonly StoredIncident[],
  corrections: readonly Correction[],
): StoredIncident[] {
  const of = new Map<string, Correction[]>();
  for (const c of corrections) of.set(c.incident, [...(of.get(c.incident) ?? []), c]);
  const corrected: StoredIncident[] = [];
  for (const m of members) {
    const fixes = of.get(m.key);
    corrected.push(
      fixes === undefined ? m : { ...m, incident: correctIncident(m.incident, fixes) },
    );
  }
  return corrected;
}

/** The event fields a person can correct, as the event holds them. */
const EVENT_FIELDS = {
  event_type: (e: Event, v: unknown): Event => ({ ...e, event_type: v as string }),
  sub_event_type: (e: Event, v: unknown): Event => ({ ...e, sub_event_type: v as string }),
  date: (e: Event, v: unknown): Event => ({ ...e, date: v as Event['date'] }),
  place: (e: Event, v: unknown): Event => ({ ...e, location: v as Event['location'] }),
  actor1: (e: Event, v: unknown): Event => ({ ...e, actor1: v as string | null }),
  actor2: (e: Event, v: unknown): Event => ({ ...e, actor2: v as string | null }),
  assoc1: (e: Event, v: unknown): Event => ({ ...e, assoc1: v as string[] }),
  assoc2: (e: Event, v: unknown): Event => ({ ...e, assoc2: v as string[] }),
  civilian_targeting: (e: Event, v: unknown): Event => ({ ...e, civilian_targeting: v === true }),
} as const;

export type EventField = keyof typeof EVENT_FIELDS;
export const EVENT_CORRECTABLE = Object.keys(EVENT_FIELDS) as EventField[];

export function isEventField(field: string): field is EventField {
  return Object.hasOwn(EVENT_FIELDS, field);
}

/**
 * A person's correction of an event's own field (type, date, place, actors),
 * kept on the event, not on any of its incidents: withdrawing a report or
 * marking an incident «not an incident» leaves it in place. An event's id
 * follows its first incident, so a regrouping hands the corrections on to the
 * event that inherits the old one's review status (see `regroup`).
 */
export interface EventCorrection {
  readonly event: string;
  readonly field: EventField;
  readonly value: unknown;
  readonly by: string;
  readonly at: string;
}

const EVENT_CORRECTION_COLUMNS = 'event_id AS event, field, value, by, at';

export async function eventCorrectionsOf(db: Sql, event: string): Promise<EventCorrection[]> {
  return db.query<EventCorrection>(
    `SELECT ${EVENT_CORRECTION_COLUMNS} FROM event_corrections WHERE event_id = $1 ORDER BY at, field`,
    [event],
  );
}

export async function findEventCorrection(
  db: Sql,
  event: string,
  field: EventField,
): Promise<unknown> {
  const [row] = await db.query<{ value: unknown }>(
    'SELECT value FROM event_corrections WHERE event_id = $1 AND field = $2',
    [event, field],
  );
  return row?.value ?? null;
}

/** Puts an event's correction (null takes it away: the machine's reading shows again). */
export async function putEventCorrection(
  db: Sql,
  correction: { event: string; field: EventField; value: unknown; by: string },
): Promise<void> {
  if (correction.value === null) {
    await db.query('DELETE FROM event_corrections WHERE event_id = $1 AND field = $2', [
      correction.event,
      correction.field,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO event_corrections (event_id, field, value, by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (event_id, field) DO UPDATE SET value = EXCLUDED.value, by = EXCLUDED.by,
       at = clock_timestamp()`,
    [correction.event, correction.field, JSON.stringify(correction.value), correction.by],
  );
}

/**
 * Hands corrections on from events a regrouping replaced to their heirs: each
 * heir holds the latest of every field among its own and those it inherits.
 */
export async function moveEventCorrections(
  db: Sql,
  from: readonly string[],
  merged: readonly EventCorrection[],
): Promise<void> {
  if (from.length === 0) return;
  await db.query('DELETE FROM event_corrections WHERE event_id = ANY($1::text[])', [from]);
  await db.query(
    `INSERT INTO event_corrections (event_id, field, value, by, at)
     SELECT event, field, value, by, at
     FROM jsonb_to_recordset($1::jsonb) AS c(event text, field text, value jsonb, by text, at timestamptz)
     ON CONFLICT (event_id, field) DO UPDATE SET value = EXCLUDED.value, by = EXCLUDED.by, at = EXCLUDED.at`,
    [JSON.stringify(merged)],
  );
}

/**
 * An event as corrected, the corrections applied in the order they were made
 * (where two events with corrections were joined, the latest wins). A null
 * value in a field clears it (an actor no report names rightly).
 */
export function correctEvent(event: Event, corrections: readonly EventCorrection[]): Event {
  let corrected = event;
  for (const c of [...corrections].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)))
    if (isEventField(c.field)) corrected = EVENT_FIELDS[c.field](corrected, c.value);
  return corrected;
}
