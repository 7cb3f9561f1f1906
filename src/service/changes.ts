import { isDeepStrictEqual } from 'node:util';
import type { AuditEntry, ChangeKind } from '../contracts/index.js';
import type { Knowledge } from '../extract/index.js';
import { appendAudit, findAudit, lockLinkedAreas, lockReports } from '../store/index.js';
import type { Database, Sql } from '../store/index.js';
import { ACCOUNT_STATES } from './account-states.js';
import { correctionState } from './corrections.js';
import { notFound } from './errors.js';
import { reportState } from './reports.js';
import { REVIEW_STATES } from './review-states.js';
import type { Actor } from './roles.js';

/**
 * What a change needs: the store, and what wathiq knows (events are regrouped
 * with it), loaded only when a change needs it.
 */
export interface ServiceContext {
  readonly db: Database;
  readonly knowledge: () => Knowledge;
}

export type ChangeKey = Readonly<Record<string, unknown>>;

/** A change to one piece of state: which, what to put there, and why. */
export interface Change {
  readonly kind: ChangeKind;
  readonly key: ChangeKey;
  /** The word the audit log shows: `correct`, `status`, `split`, `user.role`… */
  readonly action: string;
  /** The state to put; null takes it away (no correction, no decision, a withdrawn report). */
  readonly after: unknown;
  readonly reason?: string | null;
  readonly reverts?: number | null;
}

/** The event a change touched, and its incidents then. */
export interface Scope {
  readonly event: string | null;
  readonly incidents: readonly string[];
}

/** How one kind of state is read, written, guarded and placed. */
export interface StateHandler {
  /** The state now, as the audit log records it (null: none). Throws when the key names nothing. */
  read(tx: Sql, key: ChangeKey): Promise<unknown>;
  /** Throws unless the actor may change this state from `before` to `after`. */
  authorize(actor: Actor, key: ChangeKey, before: unknown, after: unknown): void;
  write(tx: Sql, key: ChangeKey, after: unknown, env: WriteEnv): Promise<void>;
  scope(tx: Sql, key: ChangeKey): Promise<Scope>;
  /**
   * What its write must hold, taken before anything is read: the stored
   * reports it writes again, and the incidents whose events linking rebuilds
   * (an event's status, privacy, corrections, links). Ingest's workers take
   * the same locks, so a worker regrouping the same event neither overwrites
   * the change nor is overwritten by it.
   */
  held?(tx: Sql, key: ChangeKey): Promise<Held>;
}

/** What a change holds until its transaction ends (hold). */
export interface Held {
  readonly reports: readonly string[];
  readonly incidents: readonly string[];
}

/**
 * A change's scope, where linking rebuilds the events of its incidents: the
 * change holds their governorates.
 */
export function linkedScope(scope: StateHandler['scope']): Pick<StateHandler, 'scope' | 'held'> {
  return {
    scope,
    held: async (tx, key) => ({ reports: [], incidents: (await scope(tx, key)).incidents }),
  };
}

/**
 * Takes what these changes hold, all at once, in the order every writer
 * takes them (reports, then governorates, each in order): a transaction of
 * several changes that took each change's locks in turn could wait on a
 * worker that waits on it.
 */
export async function hold(tx: Sql, held: readonly Held[]): Promise<void> {
  await lockReports(tx, [...new Set(held.flatMap((h) => h.reports))].sort());
  await lockLinkedAreas(
    tx,
    held.flatMap((h) => h.incidents),
  );
}

export interface WriteEnv {
  readonly knowledge: () => Knowledge;
  readonly actor: Actor;
}

const HANDLERS: Readonly<Record<ChangeKind, StateHandler>> = {
  ...ACCOUNT_STATES,
  ...REVIEW_STATES,
  correction: correctionState,
  report: reportState,
};

function handlerOf(kind: ChangeKind): StateHandler {
  return HANDLERS[kind];
}

/**
 * Makes a change and appends it to the audit log with the state before and
 * after, in one transaction: the change and its record are stored together or
 * not at all. A change that leaves the state as it was is no change and is not
 * logged (null).
 */
export function applyChange(
  ctx: ServiceContext,
  actor: Actor,
  change: Change,
): Promise<AuditEntry | null> {
  return ctx.db.transaction((tx) => applyIn(tx, ctx, actor, change));
}

/** As `applyChange`, inside the caller's transaction. */
function applyIn(
  tx: Sql,
  ctx: ServiceContext,
  actor: Actor,
  change: Change,
): Promise<AuditEntry | null> {
  const handler = handlerOf(change.kind);
  return loggedIn(tx, actor, change, async (t, before) => {
    handler.authorize(actor, change.key, before, change.after);
    await handler.write(t, change.key, change.after, { knowledge: ctx.knowledge, actor });
  });
}

/**
 * A change whose writing needs more than its state (a password hash, a TOTP
 * secret, a new row), logged like any other. The caller has checked the right
 * to make it. With `always`, it is logged even if the state reads the same
 * (a new password changes nothing the log may show).
 */
export function logged(
  ctx: ServiceContext,
  actor: Actor,
  change: Omit<Change, 'after'>,
  write: (tx: Sql, before: unknown) => Promise<void>,
  always = false,
): Promise<AuditEntry | null> {
  return ctx.db.transaction((tx) => loggedIn(tx, actor, change, write, always));
}

/** As `logged`, inside the caller's transaction: several changes stored together or not at all. */
export async function loggedIn(
  tx: Sql,
  actor: Actor,
  change: Omit<Change, 'after'>,
  write: (tx: Sql, before: unknown) => Promise<void>,
  always = false,
): Promise<AuditEntry | null> {
  const handler = handlerOf(change.kind);
  if (handler.held !== undefined) await hold(tx, [await handler.held(tx, change.key)]);
  const before = await handler.read(tx, change.key);
  const scope = await handler.scope(tx, change.key);
  await write(tx, before);
  const after = await handler.read(tx, change.key);
  if (!always && isDeepStrictEqual(before, after)) return null;
  return appendAudit(tx, {
    by: actor.name,
    action: change.action,
    kind: change.kind,
    key: change.key,
    before,
    after,
    reason: change.reason ?? null,
    reverts: change.reverts ?? null,
    event: scope.event,
    incidents: scope.incidents,
  });
}

/**
 * Puts back the state a change found, as a change of its own (logged, and
 * itself revertible). The actor needs the right to make the change it undoes.
 */
export function revertChange(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  reason: string | null,
): Promise<AuditEntry | null> {
  return ctx.db.transaction((tx) => revertIn(tx, ctx, actor, id, reason));
}

/**
 * Puts back changes a person made as one (a split's decision against each
 * other report, a join and the splits it overrode), newest first, in one
 * transaction: all of them, or — if any cannot be put back — none. Each revert
 * is logged as a change of its own; those that found nothing to undo are not.
 */
export function revertChanges(
  ctx: ServiceContext,
  actor: Actor,
  ids: readonly number[],
  reason: string | null,
): Promise<AuditEntry[]> {
  const newestFirst = [...new Set(ids)].sort((a, b) => b - a);
  return ctx.db.transaction(async (tx) => {
    const held: Held[] = [];
    for (const id of newestFirst) {
      const entry = await findAudit(tx, id);
      const handler = entry === null ? undefined : handlerOf(entry.kind);
      if (entry !== null && handler?.held !== undefined)
        held.push(await handler.held(tx, entry.key));
    }
    await hold(tx, held);
    const reverts: AuditEntry[] = [];
    for (const id of newestFirst) {
      const revert = await revertIn(tx, ctx, actor, id, reason);
      if (revert !== null) reverts.push(revert);
    }
    return reverts;
  });
}

async function revertIn(
  tx: Sql,
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  reason: string | null,
): Promise<AuditEntry | null> {
  const entry = await findAudit(tx, id);
  if (entry === null) throw notFound(`change ${String(id)} in the audit log`);
  return applyIn(tx, ctx, actor, {
    kind: entry.kind,
    key: entry.key,
    action: 'revert',
    after: entry.before,
    reason,
    reverts: entry.id,
  });
}
