import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { zAuditEntry, zChangeKind, zEventParams, zReviewStatus } from '../../contracts/index.js';
import type { AuditEntry } from '../../contracts/index.js';
import {
  CORRECTIONS,
  correct,
  splitOff,
  eventIncidentKeys,
  joinEvents,
  revertChange,
  revertChanges,
  ServiceError,
  setStatus,
  visibleEvent,
} from '../../service/index.js';
import { listAudit } from '../../store/index.js';
import { actorOf } from '../auth.js';
import { body, declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

const notFound = (what: string) => new ServiceError('not_found', `no ${what}`);

/** What a change answers: its entry in the audit log, or null when it changed nothing. */
const zChangeReply = z
  .object({ change: zAuditEntry.nullable(), event: z.string().nullable() })
  .meta({ id: 'ChangeReply' });

const zReason = z.string().max(2000).optional();

const zCorrectionRequest = z
  .object({
    field: z.enum(
      Object.keys(CORRECTIONS) as [keyof typeof CORRECTIONS, ...(keyof typeof CORRECTIONS)[]],
    ),
    /** What the field takes (see the field); null gives the machine's reading back. */
    value: z.unknown(),
    reason: zReason,
  })
  .meta({ id: 'Correction' });

const corrections = declare('correct', {
  method: 'post',
  path: '/api/events/{id}/corrections',
  summary:
    "Correct a field of an event, a claim's figure, add or strike a claim, or mark one incident none",
  request: { params: zEventParams, body: body(zCorrectionRequest) },
  responses: { 200: { description: 'The change', ...json(zChangeReply) } },
});

const status = declare('correct', {
  method: 'post',
  path: '/api/events/{id}/status',
  summary: "Set an event's review status (which ones, the role table says)",
  request: {
    params: zEventParams,
    body: body(z.object({ status: zReviewStatus, reason: zReason })),
  },
  responses: { 200: { description: 'The change', ...json(zChangeReply) } },
});

const split = declare('decide', {
  method: 'post',
  path: '/api/events/{id}/split',
  summary: 'Take an incident out of an event: a different act from each other member',
  request: {
    params: zEventParams,
    body: body(z.object({ incident: z.string().min(1), reason: zReason })),
  },
  responses: {
    200: {
      description:
        'The changes, the event the incident is in now, and the event the others stayed in (its id follows its first member, so it may be new)',
      ...json(
        z.object({
          changes: z.array(zAuditEntry),
          event: z.string().nullable(),
          rest: z.string().nullable(),
        }),
      ),
    },
  },
});

const join = declare('decide', {
  method: 'post',
  path: '/api/events/{id}/join',
  summary:
    'Join another event to this one: the same act, over any split a person made between them',
  request: {
    params: zEventParams,
    body: body(z.object({ with: z.string().min(1), reason: zReason })),
  },
  responses: {
    200: {
      description:
        'The join, the event both are in now, and each earlier split between them it overrode (logged as joins)',
      ...json(zChangeReply.extend({ overridden: z.array(zAuditEntry) })),
    },
  },
});

const audit = declare('audit', {
  method: 'get',
  path: '/api/audit',
  summary: 'The audit log, newest first: filter by user, event, kind, time',
  request: {
    query: z.object({
      by: z.string().max(64).optional(),
      event: z.string().max(200).optional(),
      kind: zChangeKind.optional(),
      from: z.string().max(40).optional(),
      to: z.string().max(40).optional(),
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: {
    200: { description: 'The entries', ...json(z.object({ entries: z.array(zAuditEntry) })) },
  },
});

const revert = declare('correct', {
  method: 'post',
  path: '/api/audit/{id}/revert',
  summary: 'Put back the state a change found, as a change of its own',
  request: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: body(z.object({ reason: zReason })),
  },
  responses: { 200: { description: 'The change', ...json(zChangeReply) } },
});

const revertGroup = declare('correct', {
  method: 'post',
  path: '/api/audit/revert',
  summary:
    'Put back changes made as one (a split against each other report), newest first: all of them or none, each logged',
  request: {
    body: body(
      z.object({
        ids: z.array(z.number().int().positive()).min(1).max(100),
        reason: zReason,
      }),
    ),
  },
  responses: {
    200: {
      description: 'The reverts, and the event as it is now',
      ...json(z.object({ changes: z.array(zAuditEntry), event: z.string().nullable() })),
    },
  },
});

export function reviewRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  const ctx = { db: deps.db, knowledge: deps.knowledge };
  /** The event an incident is in now (after a change regrouped it). */
  const eventOf = async (incident: string | null): Promise<string | null> => {
    if (incident === null) return null;
    const [row] = await deps.db.query<{ event_id: string | null }>(
      'SELECT event_id FROM incidents WHERE id = $1',
      [incident],
    );
    return row?.event_id ?? null;
  };

  app.openapi(corrections, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    await visibleEvent(deps.db, actor, id);
    const request = c.req.valid('json');
    const [anchor] = await eventIncidentKeys(deps.db, id);
    const change = await correct(ctx, actor, id, {
      field: request.field,
      value: request.value,
      reason: request.reason ?? null,
    });
    return c.json({ change, event: await eventOf(anchor ?? null) }, 200);
  });

  app.openapi(status, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    await visibleEvent(deps.db, actor, id);
    const request = c.req.valid('json');
    const change = await setStatus(ctx, actor, id, request.status, request.reason ?? null);
    return c.json({ change, event: id }, 200);
  });

  app.openapi(split, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    await visibleEvent(deps.db, actor, id);
    const request = c.req.valid('json');
    const members = await eventIncidentKeys(deps.db, id);
    if (!members.includes(request.incident))
      throw new ServiceError(
        'invalid',
        `incident: no ${request.incident} in this event`,
        'incident',
      );
    const changes = await splitOff(
      ctx,
      actor,
      request.incident,
      members.filter((m) => m !== request.incident),
      request.reason ?? null,
    );
    const stayed = members.find((m) => m !== request.incident) ?? null;
    return c.json(
      { changes, event: await eventOf(request.incident), rest: await eventOf(stayed) },
      200,
    );
  });

  app.openapi(join, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    await visibleEvent(deps.db, actor, id);
    const request = c.req.valid('json');
    await visibleEvent(deps.db, actor, request.with);
    const ours = await eventIncidentKeys(deps.db, id);
    const theirs = await eventIncidentKeys(deps.db, request.with);
    const [a] = ours;
    const [b] = theirs;
    if (a === undefined || b === undefined) throw notFound(`event ${request.with}`);
    // An event joined to itself is one event already: nothing to change.
    if (a === b) return c.json({ change: null, event: id, overridden: [] }, 200);
    const { entry: change, overridden } = await joinEvents(
      ctx,
      actor,
      { a: ours, b: theirs },
      request.reason ?? null,
    );
    return c.json({ change, event: await eventOf(a), overridden: [...overridden] }, 200);
  });

  app.openapi(audit, async (c) => {
    const query = c.req.valid('query');
    const event =
      query.event === undefined
        ? undefined
        : { id: query.event, incidents: await eventIncidentKeys(deps.db, query.event) };
    const entries = await listAudit(
      deps.db,
      {
        ...(query.by === undefined ? {} : { by: query.by }),
        ...(query.kind === undefined ? {} : { kind: query.kind }),
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
        ...(event === undefined ? {} : { event }),
      },
      { limit: query.limit ?? 100, before: query.before ?? null },
    );
    return c.json({ entries }, 200);
  });

  /**
   * The event a change's state is in now. Putting back a split or join regroups, and an event's id
   * follows its first incident: it is named by an incident the change touched (an event
   * correction's by those it held), not by the id it had when the change was logged.
   */
  const eventNow = async (change: AuditEntry | null): Promise<string | null> => {
    if (change === null) return null;
    const key = change.key;
    const held = Array.isArray(key['incidents']) ? (key['incidents'] as unknown[]) : [];
    for (const touched of [key['incident'], key['a'], ...held]) {
      if (typeof touched !== 'string') continue;
      const now = await eventOf(touched);
      if (now !== null) return now;
    }
    return change.event;
  };

  app.openapi(revert, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const change = await revertChange(ctx, actor, id, c.req.valid('json').reason ?? null);
    return c.json({ change, event: await eventNow(change) }, 200);
  });

  app.openapi(revertGroup, async (c) => {
    const { ids, reason } = c.req.valid('json');
    const changes = await revertChanges(ctx, actorOf(c), ids, reason ?? null);
    // The oldest change put back last: its event is where the state is now.
    return c.json({ changes, event: await eventNow(changes.at(-1) ?? null) }, 200);
  });
}
