import type { AuditEntry, ReviewStatus } from '../contracts/index.js';
import type { Sql } from '../store/index.js';
import { applyChange } from './changes.js';
import type { ServiceContext } from './changes.js';
import { invalid, notFound } from './errors.js';
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

/** A person's word on whether two incidents are one act; their events are regrouped at once. */
export async function decide(
  ctx: ServiceContext,
  actor: Actor,
  pair: { readonly a: string; readonly b: string; readonly same: boolean },
  reason: string | null = null,
): Promise<AuditEntry | null> {
  if (pair.a === pair.b)
    throw invalid('b', 'an incident is always the same act as itself: name two');
  const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
  return applyChange(ctx, actor, {
    kind: 'decision',
    key: { a, b },
    action: pair.same ? 'join' : 'split',
    after: { same: pair.same, by: actor.name, at: null },
    reason,
  });
}
