import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import { zUserName } from '../contracts/index.js';
import type { AuditEntry, Role, Token, User } from '../contracts/index.js';
import {
  activeSession,
  deleteSession,
  deleteUserSessions,
  findToken,
  findUser,
  getSetting,
  insertSession,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  tokenUser,
  updateUser,
} from '../store/index.js';
import type { Sql, UserRecord } from '../store/index.js';
import { applyChange, logged } from './changes.js';
import type { ServiceContext } from './changes.js';
import { forbidden, invalid, notFound, ServiceError } from './errors.js';
import { may } from './roles.js';
import type { Actor } from './roles.js';

/** Long enough that guessing is hopeless at argon2id's cost; no other rule (NIST SP 800-63B). */
export const MIN_PASSWORD = 10;

/** argon2id, the library's default algorithm, at its default cost (the test checks the algorithm). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Characters as a person counts them. */
export function characters(text: string): string[] {
  return Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);
}

function checkPassword(password: string): void {
  if (characters(password).length < MIN_PASSWORD)
    throw invalid('password', `a password has at least ${String(MIN_PASSWORD)} characters`);
}

function checkName(name: string): void {
  const parsed = zUserName.safeParse(name);
  if (!parsed.success) throw invalid('name', parsed.error.issues[0]?.message ?? 'not a name');
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A new user, logged; the password is hashed with argon2id and never stored or logged as such. */
export async function addUser(
  ctx: ServiceContext,
  actor: Actor,
  user: { readonly name: string; readonly role: Role; readonly password: string },
): Promise<AuditEntry> {
  if (!may(actor.role, 'users')) throw forbidden('only an admin adds users');
  checkName(user.name);
  checkPassword(user.password);
  const passwordHash = await hashPassword(user.password);
  const entry = await logged(
    ctx,
    actor,
    { kind: 'user', key: { user: user.name }, action: 'user.add' },
    async (tx) => {
      const added = await insertUser(tx, { name: user.name, role: user.role, passwordHash });
      if (added === null)
        throw new ServiceError('conflict', `there is a user ${user.name} already`, 'name');
    },
  );
  if (entry === null) throw new Error('adding a user changed nothing');
  return entry;
}

export function users(db: Sql): Promise<User[]> {
  return listUsers(db);
}

/** A user's role, logged. */
export function setRole(
  ctx: ServiceContext,
  actor: Actor,
  name: string,
  role: Role,
  reason: string | null = null,
): Promise<AuditEntry | null> {
  return changeUser(ctx, actor, name, 'user.role', (state) => ({ ...state, role }), reason);
}

/**
 * Turns one of a user's switches on or off, logged under the action the
 * audit log names for each.
 */
function userSwitch(
  field: 'disabled' | 'require_totp',
  actions: { readonly on: string; readonly off: string },
) {
  return (
    ctx: ServiceContext,
    actor: Actor,
    name: string,
    value: boolean,
    reason: string | null = null,
  ): Promise<AuditEntry | null> =>
    changeUser(
      ctx,
      actor,
      name,
      value ? actions.on : actions.off,
      (state) => ({ ...state, [field]: value }),
      reason,
    );
}

/** Disables a user (their sessions and tokens stop at once) or enables them again, logged. */
export const setDisabled = userSwitch('disabled', { on: 'user.disable', off: 'user.enable' });

async function changeUser(
  ctx: ServiceContext,
  actor: Actor,
  name: string,
  action: string,
  change: (state: UserState) => UserState,
  reason: string | null,
): Promise<AuditEntry | null> {
  const user = await findUser(ctx.db, name);
  if (user === null) throw notFound(`user ${name}`);
  return applyChange(ctx, actor, {
    kind: 'user',
    key: { user: name },
    action,
    after: change({
      role: user.role,
      disabled: user.disabled,
      totp: user.totp_secret !== null,
      require_totp: user.require_totp,
    }),
    reason,
  });
}

interface UserState {
  readonly role: Role;
  readonly disabled: boolean;
  readonly totp: boolean;
  readonly require_totp: boolean;
}

/**
 * Requires a second factor of one user, or no longer, logged. Until they have
 * one, signing in asks them to set it up (see `enrolAtSignIn`).
 */
export const setRequireTotp = userSwitch('require_totp', {
  on: 'user.require_totp',
  off: 'user.allow_no_totp',
});

/** A new password for a user (their own, or any as an admin), logged without it; their sessions end. */
export async function setPassword(
  ctx: ServiceContext,
  actor: Actor,
  name: string,
  password: string,
): Promise<AuditEntry | null> {
  if (actor.name !== name && !may(actor.role, 'users'))
    throw forbidden("only an admin sets another user's password");
  checkPassword(password);
  const user = await findUser(ctx.db, name);
  if (user === null) throw notFound(`user ${name}`);
  const passwordHash = await hashPassword(password);
  return logged(
    ctx,
    actor,
    { kind: 'user', key: { user: name }, action: 'user.password' },
    async (tx) => {
      await updateUser(tx, name, { passwordHash });
      await deleteUserSessions(tx, user.id);
    },
    true,
  );
}

/** A token for scripts, for oneself or (an admin) for anyone: its secret, shown once, and its record. */
export async function createToken(
  ctx: ServiceContext,
  actor: Actor,
  request: { readonly user: string; readonly name: string },
): Promise<{ secret: string; token: Token; entry: AuditEntry }> {
  if (request.user === actor.name ? !may(actor.role, 'token') : !may(actor.role, 'users'))
    throw forbidden('a token is made by its owner or an admin');
  const owner = await findUser(ctx.db, request.user);
  if (owner === null) throw notFound(`user ${request.user}`);
  const id = randomBytes(6).toString('hex');
  const secret = `wathiq_${id}_${randomBytes(32).toString('base64url')}`;
  const entry = await logged(
    ctx,
    actor,
    { kind: 'token', key: { token: id }, action: 'token.create' },
    (tx) => insertToken(tx, { id, userId: owner.id, name: request.name, hash: sha256(secret) }),
  );
  const token = await findToken(ctx.db, id);
  if (entry === null || token === null) throw new Error('the token just made is missing');
  return { secret, token, entry };
}

export function revokeToken(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  reason: string | null = null,
): Promise<AuditEntry | null> {
  return applyChange(ctx, actor, {
    kind: 'token',
    key: { token: id },
    action: 'token.revoke',
    after: null,
    reason,
  });
}

/** Tokens a person may see: their own, or everyone's for an admin. */
export function tokens(db: Sql, actor: Actor, user: string | null): Promise<Token[]> {
  if (may(actor.role, 'users')) return listTokens(db, user);
  if (user !== null && user !== actor.name) throw forbidden("only an admin lists others' tokens");
  return listTokens(db, actor.name);
}

/** The user of a bearer token, if it is current and its user enabled. */
export function userOfToken(db: Sql, secret: string): Promise<UserRecord | null> {
  return tokenUser(db, sha256(secret));
}

/** Why signing in failed: wrong name or password, or a second factor is needed. */
export type SignInFailure = 'credentials' | 'second-factor';

/** A hash of a password no one has: names that do not exist cost as much to check as those that do. */
let decoy: Promise<string> | null = null;

/**
 * Checks a name, a password and, when the user has one, a TOTP code. Says
 * nothing about which was wrong beyond whether a code is needed.
 */
export async function checkSignIn(
  db: Sql,
  credentials: { readonly name: string; readonly password: string; readonly code?: string },
): Promise<UserRecord | SignInFailure> {
  const user = await findUser(db, credentials.name);
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  const stored = user?.password_hash ?? (await decoy);
  const good = await verify(stored, credentials.password).catch(() => false);
  if (user === null || !good || user.disabled) return 'credentials';
  if (user.totp_secret !== null) {
    if (credentials.code === undefined) return 'second-factor';
    if (!totpMatches(user.totp_secret, credentials.code)) return 'credentials';
  }
  return user;
}

/** Session lifetime when idle: a working day. */
export const SESSION_SECONDS = 12 * 60 * 60;

/** Opens a session: the cookie's secret (only its hash is stored) and the CSRF token to echo. */
export async function openSession(
  db: Sql,
  user: UserRecord,
): Promise<{ secret: string; csrf: string }> {
  const secret = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await insertSession(db, { id: sha256(secret), userId: user.id, csrf, seconds: SESSION_SECONDS });
  return { secret, csrf };
}

export function sessionOf(db: Sql, secret: string): ReturnType<typeof activeSession> {
  return activeSession(db, sha256(secret), SESSION_SECONDS);
}

export function closeSession(db: Sql, secret: string): Promise<void> {
  return deleteSession(db, sha256(secret));
}

/** Whether an admin requires a second factor of this user, or of everyone. */
export async function secondFactorRequired(
  db: Sql,
  user: { readonly require_totp: boolean } | null = null,
): Promise<boolean> {
  return user?.require_totp === true || (await getSetting(db, 'require_totp')) === true;
}

function totp(secret: string, name = 'wathiq'): TOTP {
  return new TOTP({
    issuer: 'wathiq',
    label: name,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** A code is good in its 30-second step and the ones either side (clocks drift). */
function totpMatches(secret: string, code: string): boolean {
  return totp(secret).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

/** A new TOTP secret for a user to put in their authenticator app; not in force until confirmed. */
export function newTotpSecret(name: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totp(secret, name).toString() };
}

/**
 * Turns on a user's second factor once they prove their app has the secret
 * (a current code), and ends their other sessions (`keep`: the secret of the
 * session that asked, which stays open).
 */
export async function enableTotp(
  ctx: ServiceContext,
  user: UserRecord,
  secret: string,
  code: string,
  keep: string | null = null,
): Promise<AuditEntry | null> {
  if (!totpMatches(secret, code))
    throw invalid('code', 'that code does not match the secret: check the app and the clock');
  return logged(
    ctx,
    user,
    { kind: 'user', key: { user: user.name }, action: 'user.totp' },
    async (tx) => {
      await updateUser(tx, user.name, { totpSecret: secret });
      await deleteUserSessions(tx, user.id, keep === null ? null : sha256(keep));
    },
  );
}

/** A secret as an authenticator app takes it: base32, at least 80 bits. */
export function isTotpSecret(secret: string): boolean {
  return /^[A-Z2-7]{16,128}$/.test(secret);
}

/**
 * Sets up a user's second factor: the secret `newTotpSecret` gave and a
 * current code of it, from their account page or, when an admin requires one
 * they lack, while signing in (the caller has checked who they are). Logged as
 * their own change; their other sessions end (`keep`: as for `enableTotp`).
 */
export async function setUpTotp(
  ctx: ServiceContext,
  name: string,
  secret: string,
  code: string,
  keep: string | null = null,
): Promise<AuditEntry | null> {
  const user = await findUser(ctx.db, name);
  if (user === null) throw notFound(`user ${name}`);
  if (user.totp_secret !== null)
    throw new ServiceError(
      'conflict',
      'this account has a second factor already: turn it off first',
      'secret',
    );
  if (!isTotpSecret(secret))
    throw invalid('secret', 'expected the base32 secret the set-up step gave');
  return enableTotp(ctx, user, secret, code, keep);
}

/**
 * Turns off a user's second factor: their own with a current code (and not
 * while an admin requires one), or anyone's for an admin (a lost phone).
 */
export async function disableTotp(
  ctx: ServiceContext,
  actor: Actor,
  name: string,
  code: string | null = null,
): Promise<AuditEntry | null> {
  if (actor.name !== name && !may(actor.role, 'users'))
    throw forbidden("only an admin turns off another user's second factor");
  const user = await findUser(ctx.db, name);
  if (user === null) throw notFound(`user ${name}`);
  if (actor.name === name) {
    if (!may(actor.role, 'users') && (await secondFactorRequired(ctx.db, user)))
      throw new ServiceError('conflict', 'an admin requires a second factor of this account');
    if (user.totp_secret !== null && (code === null || !totpMatches(user.totp_secret, code)))
      throw invalid('code', 'turning your second factor off needs a current code of it');
  }
  return logged(
    ctx,
    actor,
    { kind: 'user', key: { user: name }, action: 'user.totp' },
    async (tx) => {
      await updateUser(tx, name, { totpSecret: null });
    },
  );
}
