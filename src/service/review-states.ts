import { z } from 'zod';
import { zReviewStatus } from '../contracts/index.js';
import type { ChangeKind, ReviewStatus } from '../contracts/index.js';
import { linkDecision, setLinkDecision } from '../store/index.js';
import type { Sql } from '../store/index.js';
import { linkedScope } from './changes.js';
import type { ChangeKey, Scope, StateHandler } from './changes.js';
import { forbidden, invalid, notFound } from './errors.js';
import { aRole, may, maySetStatus, ROLES } from './roles.js';

const zStatusKey = z.object({ event: z.string(), incident: z.string().nullable() });
const zPairKey = z.object({ a: z.string(), b: z.string() });
const zDecision = z.object({ same: z.boolean(), by: z.string(), at: z.string().nullable() });

function parseKey<T>(schema: z.ZodType<T>, key: ChangeKey): T {
  const parsed = schema.safeParse(key);
  if (!parsed.success) throw invalid('key', 'this change names no event or incidents');
  return parsed.data;
}

/** The event a status key names: by its id, else the event its first incident is in now. */
async function eventOf(
  tx: Sql,
  key: ChangeKey,
): Promise<{ id: string; review_status: ReviewStatus }> {
  const { event, incident } = parseKey(zStatusKey, key);
  const [row] = await tx.query<{ id: string; review_status: ReviewStatus }>(
    `SELECT id, review_status FROM events WHERE id = $1
     UNION ALL
     SELECT e.id, e.review_status FROM incidents i JOIN events e ON e.id = i.event_id WHERE i.id = $2
     LIMIT 1`,
    [event, incident],
  );
  if (row === undefined) throw notFound(`event ${event}`);
  return row;
}

/** An event and the incidents it holds now. */
export async function eventScope(tx: Sql, eventId: string): Promise<Scope> {
  const rows = await tx.query<{ id: string }>(
    'SELECT id FROM incidents WHERE event_id = $1 ORDER BY id',
    [eventId],
  );
  return { event: eventId, incidents: rows.map((r) => r.id) };
}

/** An event's review status; the key keeps one of its incidents, to find it after regrouping. */
const statusState: StateHandler = {
  read: async (tx, key) => (await eventOf(tx, key)).review_status,
  authorize(actor, _key, before, after) {
    const from = zReviewStatus.parse(before);
    const to = zReviewStatus.safeParse(after);
    if (!to.success) throw invalid('status', `expected one of ${zReviewStatus.options.join(', ')}`);
    if (!maySetStatus(actor.role, from, to.data)) {
      const allowed = ROLES[actor.role].statuses;
      const who = aRole(actor.role);
      throw forbidden(
        allowed.length === 0
          ? `${who} sets no review status`
          : `${who} moves events only among ${allowed.join(', ')}`,
      );
    }
  },
  async write(tx, key, after) {
    const { id } = await eventOf(tx, key);
    const status = zReviewStatus.parse(after);
    await tx.query(
      `UPDATE events SET review_status = $2, data = jsonb_set(data, '{review_status}', to_jsonb($2::text)),
         updated_at = now()
       WHERE id = $1`,
      [id, status],
    );
  },
  ...linkedScope(async (tx, key) => eventScope(tx, (await eventOf(tx, key)).id)),
};

/**
 * Whether an event is private (a victim's safety): kept on its incidents, so
 * the mark outlives regrouping; the event is private while any of them is.
 */
const privacyState: StateHandler = {
  async read(tx, key) {
    const { id } = await eventOf(tx, key);
    const [row] = await tx.query<{ private: boolean }>('SELECT private FROM events WHERE id = $1', [
      id,
    ]);
    return row?.private ?? false;
  },
  authorize(actor, _key, _before, after) {
    if (!may(actor.role, 'privacy'))
      throw forbidden('only an editor or an admin marks events private');
    if (typeof after !== 'boolean') throw invalid('private', 'expected true or false');
  },
  async write(tx, key, after) {
    const { id } = await eventOf(tx, key);
    const mark = after === true;
    await tx.query(
      `WITH i AS (UPDATE incidents SET private = $2 WHERE event_id = $1 RETURNING 1)
       UPDATE events SET private = $2, updated_at = now() WHERE id = $1`,
      [id, mark],
    );
  },
  ...linkedScope(async (tx, key) => eventScope(tx, (await eventOf(tx, key)).id)),
};

/** A person's word on whether two incidents are one act (null: none, the machine decides). */
const decisionState: StateHandler = {
  read: (tx, key) => linkDecision(tx, parseKey(zPairKey, key)),
  authorize(actor) {
    if (!may(actor.role, 'decide')) throw forbidden('only an editor or an admin splits and joins');
  },
  async write(tx, key, after, env) {
    const pair = parseKey(zPairKey, key);
    const decision = after === null ? null : zDecision.parse(after);
    await setLinkDecision(tx, pair, decision, env.knowledge().lexicon);
  },
  ...linkedScope(async (tx, key) => {
    const { a, b } = parseKey(zPairKey, key);
    const rows = await tx.query<{ id: string; event_id: string | null }>(
      'SELECT id, event_id FROM incidents WHERE id = ANY($1::text[]) ORDER BY id',
      [[a, b]],
    );
    if (rows.length < 2 || a === b)
      throw notFound(rows.length === 0 ? `incident ${a} nor ${b}` : 'incident of that pair');
    const events = [...new Set(rows.flatMap((r) => (r.event_id === null ? [] : [r.event_id])))];
    const scopes = await Promise.all(events.map((e) => eventScope(tx, e)));
    return {
      event: rows.find((r) => r.id === a)?.event_id ?? events[0] ?? null,
      incidents: [...new Set([a, b, ...scopes.flatMap((s) => s.incidents)])].sort(),
    };
  }),
};

export const REVIEW_STATES: Readonly<
  Record<Extract<ChangeKind, 'status' | 'decision' | 'privacy'>, StateHandler>
> = {
  status: statusState,
  privacy: privacyState,
  decision: decisionState,
};
