import { z } from 'zod';
import { eventTypeOf, zDatePrecision, zMeasure, zQualifier } from '../contracts/index.js';
import type { AuditEntry, Claim, Location } from '../contracts/index.js';
import type { Gazetteer } from '../gazetteer/index.js';
import {
  claimantField,
  EVENT_CORRECTABLE,
  figureField,
  findCorrection,
  findEventCorrection,
  isEventField,
  putCorrection,
  putEventCorrection,
  regroup,
} from '../store/index.js';
import type { EventField, Sql } from '../store/index.js';
import { applyChange, linkedScope } from './changes.js';
import type { ChangeKey, ServiceContext, StateHandler } from './changes.js';
import { forbidden, invalid, notFound } from './errors.js';
import { eventScope } from './review-states.js';
import { setPrivate } from './review.js';
import { may } from './roles.js';
import type { Actor } from './roles.js';

const zIncidentKey = z.object({ incident: z.string(), field: z.string() });
/** An event's field, with the incidents it held then: its id changes when its first incident leaves it. */
const zEventKey = z.object({
  event: z.string(),
  field: z.string(),
  incidents: z.array(z.string()),
});

const EVENT_PREFIX = 'event.';

/**
 * What a correction's key names: an incident's field, or an event's. An
 * `event.` field on an incident is how event corrections were kept before they
 * moved to the event (its audit entries still name it so): the event that
 * incident is in now.
 */
type Target =
  | { readonly on: 'incident'; readonly incident: string; readonly field: string }
  | {
      readonly on: 'event';
      readonly event: string;
      readonly incidents: readonly string[];
      readonly field: EventField;
    };

function targetOf(key: ChangeKey): Target {
  const asEvent = zEventKey.safeParse(key);
  const asIncident = zIncidentKey.safeParse(key);
  const field = asEvent.success
    ? asEvent.data.field
    : asIncident.success
      ? asIncident.data.field
      : null;
  if (field === null) throw invalid('key', 'this change names no incident or event and field');
  if (field.startsWith(EVENT_PREFIX)) {
    const name = field.slice(EVENT_PREFIX.length);
    if (!isEventField(name)) throw invalid('key', `no event field ${name}`);
    if (asEvent.success) return { on: 'event', ...asEvent.data, field: name };
    if (asIncident.success)
      return { on: 'event', event: '', incidents: [asIncident.data.incident], field: name };
  }
  if (!asIncident.success) throw invalid('key', `${field} is no field of an event`);
  return { on: 'incident', ...asIncident.data };
}

/**
 * The event a correction's key names now: by its id, else the event holding
 * most of the incidents it held then (its id follows its first incident,
 * which may have left it since, its corrections handed on to this one).
 */
async function eventNow(tx: Sql, target: { event: string; incidents: readonly string[] }) {
  // The event by its id first: UNION ALL alone promises no order to LIMIT 1.
  const [row] = await tx.query<{ id: string }>(
    `SELECT id FROM (SELECT id, 0 AS rank FROM events WHERE id = $1
                     UNION ALL
                     (SELECT event_id, 1 FROM incidents WHERE id = ANY($2::text[]) AND event_id IS NOT NULL
                      GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1)) AS found
     ORDER BY rank LIMIT 1`,
    [target.event, target.incidents],
  );
  if (row === undefined)
    throw notFound(
      `event ${target.event === '' ? `of ${target.incidents.join(', ')}` : target.event}`,
    );
  return row.id;
}

/** One correction of an incident's or an event's field; writing it regroups the event at once. */
export const correctionState: StateHandler = {
  async read(tx, key) {
    const target = targetOf(key);
    if (target.on === 'incident') return findCorrection(tx, target.incident, target.field);
    return findEventCorrection(tx, await eventNow(tx, target), target.field);
  },
  authorize(actor) {
    if (!may(actor.role, 'correct')) throw forbidden('only an editor or an admin corrects');
  },
  async write(tx, key, after, env) {
    const target = targetOf(key);
    const by = env.actor.name;
    if (target.on === 'event') {
      const event = await eventNow(tx, target);
      await putEventCorrection(tx, { event, field: target.field, value: after ?? null, by });
      const { incidents } = await eventScope(tx, event);
      await regroup(tx, incidents, env.knowledge().lexicon);
      return;
    }
    const { incident, field } = target;
    const [row] = await tx.query<{ id: string }>('SELECT id FROM incidents WHERE id = $1', [
      incident,
    ]);
    if (row === undefined) throw notFound(`incident ${incident}`);
    await putCorrection(tx, { incident, field, value: after ?? null, by });
    await regroup(tx, [incident], env.knowledge().lexicon);
  },
  ...linkedScope(async (tx, key) => {
    const target = targetOf(key);
    if (target.on === 'event') return eventScope(tx, await eventNow(tx, target));
    const [row] = await tx.query<{ event_id: string | null }>(
      'SELECT event_id FROM incidents WHERE id = $1',
      [target.incident],
    );
    if (row?.event_id === null || row?.event_id === undefined)
      return { event: null, incidents: [target.incident] };
    return eventScope(tx, row.event_id);
  }),
};

const zIsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');
const zActorId = z.string().min(1).max(100).nullable();

const zPlaceFix = z.union([
  z.object({ place_id: z.string().min(1) }),
  z.object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    name: z.string().min(1).max(200),
  }),
]);

const zFigureRef = z.object({
  document: z.string(),
  claimant: z.string().nullable(),
  measure: zMeasure,
  victim: z.string().nullable(),
});

/** What each field of a correction takes. */
export const CORRECTIONS = {
  event_type: z.string().min(1).max(100),
  sub_event_type: z.string().min(1).max(100),
  date: z
    .object({ start: zIsoDay.nullable(), end: zIsoDay.nullable(), precision: zDatePrecision })
    // A span that ends before it starts is no span: every count and filter by date would disagree on it.
    .refine((d) => d.start === null || d.end === null || d.start <= d.end, {
      message: 'the end is before the start',
      path: ['end'],
    }),
  place: zPlaceFix,
  actor1: zActorId,
  actor2: zActorId,
  assoc1: z.array(z.string().min(1).max(100)),
  assoc2: z.array(z.string().min(1).max(100)),
  civilian_targeting: z.boolean(),
  private: z.boolean(),
  /** A figure as some report gave it: its count or qualifier corrected, or struck. */
  claim: zFigureRef.extend({
    count: z.number().int().nonnegative().nullable().optional(),
    qualifier: zQualifier.optional(),
    struck: z.boolean().optional(),
  }),
  /** Who makes a claim in one report, corrected: `claimant` as the event shows it, `to` who it is. */
  claimant: z.object({ document: z.string(), claimant: z.string().nullable(), to: zActorId }),
  /** A claim the machine missed, in a report of the event. */
  add_claim: zFigureRef.extend({
    count: z.number().int().nonnegative().nullable(),
    qualifier: zQualifier.default('exact'),
  }),
  /** An incident of the event that is no incident (background, a tally): it leaves the event. */
  not_incident: z.object({ incident: z.string(), not: z.boolean().default(true) }),
} as const;
export type CorrectionField = keyof typeof CORRECTIONS;

function placeOf(gazetteer: Gazetteer, fix: z.infer<typeof zPlaceFix>): Location {
  if ('place_id' in fix) {
    const place = gazetteer.byId(fix.place_id);
    if (place === undefined)
      throw invalid('value.place_id', `no place ${fix.place_id} in the gazetteer`);
    return {
      text: '',
      span: [0, 0],
      place_id: place.id,
      name_ar: place.nameAr,
      name_en: place.nameEn,
      admin1: place.admin1 === '' ? null : place.admin1,
      admin2: place.admin2 === '' ? null : place.admin2,
      admin3: place.admin3 === '' ? null : place.admin3,
      admin1_pcode: place.admin1Pcode === '' ? null : place.admin1Pcode,
      lat: place.lat,
      lon: place.lon,
      precision: 1,
      alternatives: [],
      chosen_by: 'user',
    };
  }
  return {
    text: '',
    span: [0, 0],
    place_id: null,
    name_ar: fix.name,
    name_en: fix.name,
    admin1: null,
    admin2: null,
    admin3: null,
    admin1_pcode: null,
    lat: fix.lat,
    lon: fix.lon,
    precision: 1,
    alternatives: [],
    chosen_by: 'user',
  };
}

/** The event's members. */
async function membersOf(db: Sql, eventId: string): Promise<{ id: string; document: string }[]> {
  const rows = await db.query<{ id: string; document: string }>(
    'SELECT id, document_id AS document FROM incidents WHERE event_id = $1 ORDER BY id',
    [eventId],
  );
  if (rows.length === 0) throw notFound(`event ${eventId}`);
  return rows;
}

/**
 * The claimant the machine read for a claim the event shows as `shown` in one
 * report's incident: the one a person renamed to it, else the same. Figures
 * and renames are keyed by what the machine read.
 */
async function claimantRead(
  db: Sql,
  incident: string,
  shown: string | null,
): Promise<string | null> {
  const [row] = await db.query<{ field: string }>(
    `SELECT field FROM corrections
     WHERE incident_id = $1 AND field LIKE 'claimant:%' AND value->>'claimant' IS NOT DISTINCT FROM $2
     ORDER BY at DESC LIMIT 1`,
    [incident, shown],
  );
  if (row === undefined) return shown;
  const read = row.field.slice('claimant:'.length);
  return read === '' ? null : read;
}

/** Whether the machine read this figure in the incident (a person's added claims aside). */
async function machineRead(
  db: Sql,
  incident: string,
  figure: { claimant: string | null; measure: string; victim: string | null },
): Promise<boolean> {
  const [row] = await db.query<{ claims: Claim[] }>(
    "SELECT data->'claims' AS claims FROM incidents WHERE id = $1",
    [incident],
  );
  return (row?.claims ?? []).some(
    (c) =>
      c.claimant === figure.claimant &&
      c.figures.some((f) => f.measure === figure.measure && f.victim === figure.victim),
  );
}

/** The claims a person added with one figure's count or qualifier corrected, or struck; null if none is that figure. */
function fixAdded(
  added: readonly Claim[],
  fix: z.infer<(typeof CORRECTIONS)['claim']>,
): Claim[] | null {
  const at = added.findIndex(
    (c) =>
      c.claimant === fix.claimant &&
      c.figures.some((f) => f.measure === fix.measure && f.victim === fix.victim),
  );
  const claim = added[at];
  if (claim === undefined) return null;
  const k = claim.figures.findIndex((f) => f.measure === fix.measure && f.victim === fix.victim);
  const figures = claim.figures.flatMap((f, j) =>
    j !== k
      ? [f]
      : fix.struck === true
        ? []
        : [
            {
              ...f,
              ...(fix.count === undefined ? {} : { count: fix.count }),
              ...(fix.qualifier === undefined ? {} : { qualifier: fix.qualifier }),
            },
          ],
  );
  return added.flatMap((c, i) =>
    i !== at ? [c] : figures.length === 0 ? [] : [{ ...claim, figures }],
  );
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = ['value', ...(issue?.path.map(String) ?? [])].join('.');
  throw invalid(path, `${path}: ${issue?.message ?? 'not valid'}`);
}

/**
 * A person's correction of an event: a field of the event (null gives the
 * machine's reading back), a figure of a claim, a claim added, an incident that
 * is none, or the private mark. Logged, revertible; the event is rebuilt from
 * the corrected incidents at once, its low/best/high with it.
 */
export async function correct(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  request: {
    readonly field: CorrectionField;
    readonly value: unknown;
    readonly reason?: string | null;
  },
): Promise<AuditEntry | null> {
  if (!may(actor.role, 'correct')) throw forbidden('only an editor or an admin corrects');
  const reason = request.reason ?? null;
  const members = await membersOf(ctx.db, eventId);
  const { field, value } = request;
  if (field === 'private')
    return setPrivate(ctx, actor, eventId, parse(CORRECTIONS.private, value), reason);
  const change = (incident: string, key: string, after: unknown) =>
    applyChange(ctx, actor, {
      kind: 'correction',
      key: { incident, field: key },
      action: 'correct',
      after,
      reason,
    });
  const inDocument = (document: string): string => {
    const member = members.find((m) => m.document === document);
    if (member === undefined)
      throw invalid('value.document', `no report ${document} in this event`);
    return member.id;
  };
  switch (field) {
    case 'claim': {
      const fix = parse(CORRECTIONS.claim, value);
      const incident = inDocument(fix.document);
      const read = await claimantRead(ctx.db, incident, fix.claimant);
      if (!(await machineRead(ctx.db, incident, { ...fix, claimant: read }))) {
        // Not the machine's: a claim a person added, corrected or struck in the list they added.
        const added =
          ((await findCorrection(ctx.db, incident, 'added_claims')) as Claim[] | null) ?? [];
        const fixed = fixAdded(added, fix);
        if (fixed === null)
          throw invalid('value', `no such figure in report ${fix.document} of this event`);
        return change(incident, 'added_claims', fixed.length === 0 ? null : fixed);
      }
      const after =
        fix.struck === true
          ? { struck: true }
          : {
              ...(fix.count === undefined ? {} : { count: fix.count }),
              ...(fix.qualifier === undefined ? {} : { qualifier: fix.qualifier }),
            };
      return change(incident, figureField(read, fix.measure, fix.victim), after);
    }
    case 'claimant': {
      const fix = parse(CORRECTIONS.claimant, value);
      const incident = inDocument(fix.document);
      const read = await claimantRead(ctx.db, incident, fix.claimant);
      // Named back to what the machine read: the correction goes.
      return change(incident, claimantField(read), fix.to === read ? null : { claimant: fix.to });
    }
    case 'add_claim': {
      const fix = parse(CORRECTIONS.add_claim, value);
      const incident = inDocument(fix.document);
      const before =
        ((await findCorrection(ctx.db, incident, 'added_claims')) as Claim[] | null) ?? [];
      const claim: Claim = {
        claimant: fix.claimant,
        claimant_text: null,
        claimant_span: null,
        figures: [
          {
            measure: fix.measure,
            victim: fix.victim,
            count: fix.count,
            qualifier: fix.qualifier,
            text: '',
            span: [0, 0],
          },
        ],
      };
      return change(incident, 'added_claims', [...before, claim]);
    }
    case 'not_incident': {
      const fix = parse(CORRECTIONS.not_incident, value);
      if (!members.some((m) => m.id === fix.incident))
        throw invalid('value.incident', `no incident ${fix.incident} in this event`);
      return change(fix.incident, 'not_incident', fix.not ? true : null);
    }
    default: {
      const eventField: EventField = field;
      const onEvent = (after: unknown) =>
        applyChange(ctx, actor, {
          kind: 'correction',
          key: {
            event: eventId,
            field: `${EVENT_PREFIX}${eventField}`,
            incidents: members.map((m) => m.id),
          },
          action: 'correct',
          after,
          reason,
        });
      if (value === null) return onEvent(null);
      let after: unknown = parse(CORRECTIONS[eventField] as z.ZodType, value);
      if (eventField === 'place')
        after = placeOf(ctx.knowledge().gazetteer, after as z.infer<typeof zPlaceFix>);
      if (eventField === 'sub_event_type' && eventTypeOf(after as string) === null)
        throw invalid('value', `no sub-event type ${String(after)}`);
      return onEvent(after);
    }
  }
}

export { EVENT_CORRECTABLE };
