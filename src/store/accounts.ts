import type { Role, Token, User } from '../contracts/index.js';
import type { Sql } from './db.js';

/** A user as stored, with what signing in checks. */
export interface UserRecord extends User {
  readonly id: number;
  readonly password_hash: string;
  readonly totp_secret: string | null;
}

const USER_COLUMNS = `u.id, u.name, u.role, u.password_hash, u.disabled, u.totp_secret,
  u.totp_secret IS NOT NULL AS totp, u.require_totp, u.created_at`;

/** Adds a user; null when the name is taken. */
export async function insertUser(
  db: Sql,
  user: { readonly name: string; readonly role: Role; readonly passwordHash: string },
): Promise<UserRecord | null> {
  const [row] = await db.query<UserRecord>(
    `INSERT INTO users AS u (name, role, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [user.name, user.role, user.passwordHash],
  );
  return row ?? null;
}

export async function findUser(db: Sql, name: string): Promise<UserRecord | null> {
  const [row] = await db.query<UserRecord>(`SELECT ${USER_COLUMNS} FROM users u WHERE name = $1`, [
    name,
  ]);
  return row ?? null;
}

export async function listUsers(db: Sql): Promise<User[]> {
  return db.query<User>(
    `SELECT name, role, disabled, totp_secret IS NOT NULL AS totp, require_totp, created_at
     FROM users ORDER BY name`,
  );
}

export async function countUsers(db: Sql): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row?.n ?? 0;
}

/** Changes what is given of a user; false when there is no such user. */
export async function updateUser(
  db: Sql,
  name: string,
  change: {
    readonly role?: Role;
    readonly disabled?: boolean;
    readonly passwordHash?: string;
    readonly totpSecret?: string | null;
    readonly requireTotp?: boolean;
  },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE users SET role = coalesce($2::text, role), disabled = coalesce($3::boolean, disabled),
       password_hash = coalesce($4::text, password_hash),
       totp_secret = CASE WHEN $5::boolean THEN $6::text ELSE totp_secret END,
       require_totp = coalesce($7::boolean, require_totp)
     WHERE name = $1 RETURNING 1`,
    [
      name,
      change.role ?? null,
      change.disabled ?? null,
      change.passwordHash ?? null,
      change.totpSecret !== undefined,
      change.totpSecret ?? null,
      change.requireTotp ?? null,
    ],
  );
  return rows.length > 0;
}

/** A signed-in browser: who, and the token its state-changing requests must echo. */
export interface SessionRecord {
  readonly user: UserRecord;
  readonly csrf: string;
  readonly expires_at: string;
}

export async function insertSession(
  db: Sql,
  session: {
    readonly id: string;
    readonly userId: number;
    readonly csrf: string;
    readonly seconds: number;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, user_id, csrf, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [session.id, session.userId, session.csrf, session.seconds],
  );
}

/**
 * The session of this id if it is current and its user may still sign in: a
 * disabled user's sessions stop at their next request. An idle session lasts
 * `seconds`; a used one is extended, at most once a minute.
 */
export async function activeSession(
  db: Sql,
  id: string,
  seconds: number,
): Promise<SessionRecord | null> {
  const [row] = await db.query<UserRecord & { csrf: string; expires_at: string; stale: boolean }>(
    `SELECT ${USER_COLUMNS}, s.csrf, s.expires_at,
       s.expires_at < now() + make_interval(secs => $2) - interval '1 minute' AS stale
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [id, seconds],
  );
  if (row === undefined) return null;
  const { csrf, expires_at, stale, ...user } = row;
  if (stale)
    await db.query(
      'UPDATE sessions SET expires_at = now() + make_interval(secs => $2) WHERE id = $1',
      [id, seconds],
    );
  return { user, csrf, expires_at };
}

export async function deleteSession(db: Sql, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1 OR expires_at < now()', [id]);
}

/** Ends every session of a user (a new password, a second factor turned on) but `except`. */
export async function deleteUserSessions(
  db: Sql,
  userId: number,
  except: string | null = null,
): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2', [
    userId,
    except,
  ]);
}

export async function insertToken(
  db: Sql,
  token: {
    readonly id: string;
    readonly userId: number;
    readonly name: string;
    readonly hash: string;
  },
): Promise<void> {
  await db.query('INSERT INTO tokens (id, user_id, name, hash) VALUES ($1, $2, $3, $4)', [
    token.id,
    token.userId,
    token.name,
    token.hash,
  ]);
}

/** The user a token belongs to, if the token is not revoked and the user not disabled. */
export async function tokenUser(db: Sql, hash: string): Promise<UserRecord | null> {
  const [row] = await db.query<UserRecord & { token: string; used: boolean }>(
    `SELECT ${USER_COLUMNS}, t.id AS token,
       t.last_used_at IS NOT NULL AND t.last_used_at > now() - interval '1 minute' AS used
     FROM tokens t JOIN users u ON u.id = t.user_id
     WHERE t.hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled`,
    [hash],
  );
  if (row === undefined) return null;
  const { token, used, ...user } = row;
  if (!used) await db.query('UPDATE tokens SET last_used_at = now() WHERE id = $1', [token]);
  return user;
}

const TOKEN_COLUMNS = `t.id, t.name, u.name AS user, t.created_at, t.last_used_at, t.revoked_at`;

/** Tokens, of one user or of all. */
export async function listTokens(db: Sql, user: string | null): Promise<Token[]> {
  return db.query<Token>(
    `SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN users u ON u.id = t.user_id
     WHERE $1::text IS NULL OR u.name = $1 ORDER BY t.created_at, t.id`,
    [user],
  );
}

export async function findToken(db: Sql, id: string): Promise<Token | null> {
  const [row] = await db.query<Token>(
    `SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Revokes a token (revoked null: back in use); false when there is no such token. */
export async function setTokenRevoked(
  db: Sql,
  id: string,
  revokedAt: string | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE tokens SET revoked_at = $2::timestamptz WHERE id = $1 RETURNING 1`,
    [id, revokedAt],
  );
  return rows.length > 0;
}

export async function getSetting(db: Sql, name: string): Promise<unknown> {
  const [row] = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE name = $1', [
    name,
  ]);
  return row?.value ?? null;
}

export async function putSetting(db: Sql, name: string, value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO settings (name, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
    [name, JSON.stringify(value)],
  );
}
