import { z } from 'zod';
import { zRole } from '../contracts/index.js';
import type { ChangeKind } from '../contracts/index.js';
import {
  findToken,
  findUser,
  getSetting,
  putSetting,
  setTokenRevoked,
  updateUser,
} from '../store/index.js';
import type { Sql } from '../store/index.js';
import type { ChangeKey, StateHandler } from './changes.js';
import { forbidden, invalid, notFound, ServiceError } from './errors.js';
import { may } from './roles.js';
import type { Actor } from './roles.js';

/** The settings an admin can change, and their values. */
export const SETTINGS = {
  /** Everyone signs in with a second factor (a TOTP code). */
  require_totp: z.boolean(),
} as const;
export type SettingName = keyof typeof SETTINGS;

const zUserState = z.object({
  role: zRole,
  disabled: z.boolean(),
  totp: z.boolean(),
  // Entries logged before an admin could require a second factor of one user lack it.
  require_totp: z.boolean().optional(),
});
const zTokenState = z.object({ user: z.string(), name: z.string(), revoked: z.boolean() });

function keyField(key: ChangeKey, field: string): string {
  const value = key[field];
  if (typeof value !== 'string') throw invalid(field, `expected the ${field} as text`);
  return value;
}

function requireUsersRight(actor: Actor): void {
  if (!may(actor.role, 'users')) throw forbidden('only an admin manages users and settings');
}

/** An admin must remain, or no one could manage the server. */
async function keepAnAdmin(tx: Sql): Promise<void> {
  const [row] = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled",
  );
  if ((row?.n ?? 0) === 0)
    throw new ServiceError('conflict', 'the last admin cannot be disabled or made another role');
}

/**
 * A user's role, whether they may sign in, whether they have a second factor
 * and whether an admin requires one of them.
 * Users are never removed: taking one away disables it. A second factor can be
 * taken away, but only its user can set one up (the secret is in their phone).
 */
const userState: StateHandler = {
  async read(tx, key) {
    const user = await findUser(tx, keyField(key, 'user'));
    return user === null
      ? null
      : {
          role: user.role,
          disabled: user.disabled,
          totp: user.totp_secret !== null,
          require_totp: user.require_totp,
        };
  },
  authorize: requireUsersRight,
  async write(tx, key, after) {
    const name = keyField(key, 'user');
    const user = await findUser(tx, name);
    if (user === null) throw notFound(`user ${name}`);
    if (after === null) {
      await updateUser(tx, name, { disabled: true });
    } else {
      const state = zUserState.parse(after);
      if (state.totp && user.totp_secret === null)
        throw new ServiceError('conflict', `only ${name} can set up their second factor again`);
      await updateUser(tx, name, {
        role: state.role,
        disabled: state.disabled,
        ...(state.totp ? {} : { totpSecret: null }),
        ...(state.require_totp === undefined ? {} : { requireTotp: state.require_totp }),
      });
    }
    await keepAnAdmin(tx);
  },
  scope: () => Promise.resolve({ event: null, incidents: [] }),
};

/** A token for scripts: whose, what for, revoked or not. */
const tokenState: StateHandler = {
  async read(tx, key) {
    const token = await findToken(tx, keyField(key, 'token'));
    return token === null
      ? null
      : { user: token.user, name: token.name, revoked: token.revoked_at !== null };
  },
  authorize(actor, _key, before) {
    const owner = zTokenState.nullable().parse(before)?.user;
    if (may(actor.role, 'users') || (owner === actor.name && may(actor.role, 'token'))) return;
    throw forbidden('a token is changed by its owner or an admin');
  },
  async write(tx, key, after) {
    const id = keyField(key, 'token');
    const revoked = after === null || zTokenState.parse(after).revoked;
    const at = revoked ? new Date().toISOString() : null;
    if (!(await setTokenRevoked(tx, id, at))) throw notFound(`token ${id}`);
  },
  scope: () => Promise.resolve({ event: null, incidents: [] }),
};

function settingName(key: ChangeKey): SettingName {
  const name = keyField(key, 'setting');
  if (!(name in SETTINGS))
    throw invalid('setting', `no setting ${name}: ${Object.keys(SETTINGS).join(', ')}`);
  return name as SettingName;
}

const settingState: StateHandler = {
  read: (tx, key) => getSetting(tx, settingName(key)),
  authorize: requireUsersRight,
  async write(tx, key, after) {
    const name = settingName(key);
    const parsed = SETTINGS[name].safeParse(after ?? false);
    if (!parsed.success) throw invalid('value', `${name} takes true or false`);
    await putSetting(tx, name, parsed.data);
  },
  scope: () => Promise.resolve({ event: null, incidents: [] }),
};

export const ACCOUNT_STATES: Readonly<
  Record<Extract<ChangeKind, 'user' | 'token' | 'setting'>, StateHandler>
> = {
  user: userState,
  token: tokenState,
  setting: settingState,
};
