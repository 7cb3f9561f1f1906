import type { AuditEntry, ReviewStatus } from '../contracts/index.js';
import type { Sql } from '../store/index.js';
import { applyChange, hold, loggedIn } from './changes.js';
import type { ServiceContext } from './changes.js';
import { ServiceError, invalid, notFound } from './errors.js';
import { REVIEW_STATES } from './review-states.js';
import type { Actor } from './roles.js';

/** The first incident of an event: a status change keeps it, to find the event after regrouping. */
async function anchorOf(db: Sql, eventId: string): Promise<string> {
  const [row] = await db.query<{ id: string | null }>(
    'SELECT min(id) AS id FROM incidents WHERE event_id = $1',
    [eventId],
  );
  if (row?.id === null || row?.id === undefined) throw notFound(`event ${eventId}`);
  return row.id;
}

/** A reviewer's status on an event, logged; null when it had that status already. */
export async function setStatus(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  status: ReviewStatus,
  reason: string | null = null,
): Promise<AuditEntry | null> {
  const incident = await anchorOf(ctx.db, eventId);
  return applyChange(ctx, actor, {
    kind: 'status',
    key: { event: eventId, incident },
    action: 'status',
    after: status,
    reason,
  });
}

/** Marks an event private (seen by editors and admins only) or public again, logged. */
export async function setPrivate(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  mark: boolean,
  reason: string | null = null,
): Promise<AuditEntry | null> {
  const incident = await anchorOf(ctx.db, eventId);
  return applyChange(ctx, actor, {
    kind: 'privacy',
    key: { event: eventId, incident },
    action: mark ? 'private' : 'public',
    after: mark,
    reason,
  });
}

/** An incident a join took out of the event it was in, and where it is now. */
export interface Detached {
  readonly incident: string;
  readonly event: string | null;
}

/** A decision as made: its audit entry (null if it changed nothing), and any incident a join moved out. */
export interface Decided {
  readonly entry: AuditEntry | null;
  readonly detached: readonly Detached[];
}

/** The event of each incident in the events of these incidents (and of these themselves). */
async function eventsAround(tx: Sql, keys: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await tx.query<{ id: string; event_id: string | null }>(
    `SELECT id, event_id FROM incidents
     WHERE id = ANY($1::text[])
        OR event_id IN (SELECT event_id FROM incidents WHERE id = ANY($1::text[]) AND event_id IS NOT NULL)`,
    [keys],
  );
  return new Map(rows.map((r) => [r.id, r.event_id]));
}

function documentOf(incident: string): string {
  return incident.split('#')[0] ?? incident;
}

/**
 * A person's word on whether two incidents are one act; their events are
 * regrouped at once. A join that cannot put both in one event is refused, and
 * so is one that would take a third incident out of either event (its report
 * also tells one of the two, or its day is too far), unless `detach` says the
 * person wants that: then the moved incidents are returned, never left unsaid.
 */
export function decide(
  ctx: ServiceContext,
  actor: Actor,
  pair: { readonly a: string; readonly b: string; readonly same: boolean },
  reason: string | null = null,
  options: { readonly detach?: boolean } = {},
): Promise<Decided> {
  return ctx.db.transaction((tx) => decideIn(tx, ctx, actor, pair, reason, options));
}

/**
 * As `decide`, inside the caller's transaction. With `settle: false` the pair
 * is not yet held to make one event: a later decision of the same transaction
 * (a join overriding several splits) is.
 */
async function decideIn(
  tx: Sql,
  ctx: ServiceContext,
  actor: Actor,
  pair: { readonly a: string; readonly b: string; readonly same: boolean },
  reason: string | null,
  options: { readonly detach?: boolean; readonly settle?: boolean },
): Promise<Decided> {
  if (pair.a === pair.b)
    throw invalid('b', 'an incident is always the same act as itself: name two');
  const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
  const key = { a, b };
  const after = { same: pair.same, by: actor.name, at: null };
  const state = REVIEW_STATES.decision;
  let detached: Detached[] = [];
  const entry = await loggedIn(
    tx,
    actor,
    { kind: 'decision', key, action: pair.same ? 'join' : 'split', reason },
    async (tx, before) => {
      state.authorize(actor, key, before, after);
      const around = pair.same ? await eventsAround(tx, [a, b]) : new Map<string, string | null>();
      await state.write(tx, key, after, { knowledge: ctx.knowledge, actor });
      if (!pair.same || options.settle === false) return;
      const now = await eventsAround(tx, [...around.keys()]);
      const joined = now.get(a) ?? null;
      if (joined === null || joined !== now.get(b))
        throw new ServiceError(
          'conflict',
          `${a} and ${b} cannot be one event: ${documentOf(a) === documentOf(b) ? 'one report tells both' : 'they are dated more than a day apart, or a split keeps one of them from the other’s event'}; nothing changed`,
        );
      detached = [...around.keys()]
        .filter((k) => k !== a && k !== b && now.get(k) !== joined)
        .sort()
        .map((incident) => ({ incident, event: now.get(incident) ?? null }));
      if (detached.length > 0 && options.detach !== true)
        throw new ServiceError(
          'conflict',
          `joining ${a} and ${b} would take ${detached.map((d) => d.incident).join(', ')} out of ${detached.length === 1 ? 'its event' : 'their events'} (an event holds one incident per report, over at most two days); nothing changed`,
        );
    },
  );
  return { entry, detached };
}

/** A join as made: the decision joining the two events, and the splits it overrode. */
export interface Joined extends Decided {
  readonly overridden: readonly AuditEntry[];
}

/**
 * A report's incident split off its event: a person's word that it is
 * another act than each other member, all of it stored in one transaction —
 * one change, one group in the audit log, put back with one revert.
 */
export function splitOff(
  ctx: ServiceContext,
  actor: Actor,
  incident: string,
  others: readonly string[],
  reason: string | null = null,
): Promise<AuditEntry[]> {
  return ctx.db.transaction(async (tx) => {
    await hold(tx, [{ reports: [], incidents: [incident, ...others] }]);
    const entries: AuditEntry[] = [];
    for (const other of others) {
      const { entry } = await decideIn(
        tx,
        ctx,
        actor,
        { a: incident, b: other, same: false },
        reason,
        {},
      );
      if (entry !== null) entries.push(entry);
    }
    return entries;
  });
}

/**
 * A person joins two events: the same act. A person's earlier word that an
 * incident of one is another act than an incident of the other (a split) is
 * overridden by this one, each such pair logged as a join of its own, and then
 * the two are joined — all of it stored, or, if the join cannot be, none.
 */
export async function joinEvents(
  ctx: ServiceContext,
  actor: Actor,
  events: { readonly a: readonly string[]; readonly b: readonly string[] },
  reason: string | null = null,
): Promise<Joined> {
  const [a] = events.a;
  const [b] = events.b;
  if (a === undefined || b === undefined) throw invalid('with', 'an event with no incident');
  return ctx.db.transaction(async (tx) => {
    await hold(tx, [{ reports: [], incidents: [...events.a, ...events.b] }]);
    const splits = await tx.query<{ a: string; b: string }>(
      `SELECT a, b FROM link_decisions
       WHERE NOT same AND ((a = ANY($1::text[]) AND b = ANY($2::text[]))
                        OR (a = ANY($2::text[]) AND b = ANY($1::text[])))
       ORDER BY a, b`,
      [events.a, events.b],
    );
    const anchor = (p: { a: string; b: string }) =>
      (p.a === a && p.b === b) || (p.a === b && p.b === a);
    const overridden: AuditEntry[] = [];
    for (const split of splits.filter((p) => !anchor(p))) {
      const { entry } = await decideIn(tx, ctx, actor, { ...split, same: true }, reason, {
        settle: false,
      });
      if (entry !== null) overridden.push(entry);
    }
    const joined = await decideIn(tx, ctx, actor, { a, b, same: true }, reason, {});
    return { ...joined, overridden };
  });
}
