import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { aRole, may, sessionOf, userOfToken } from '../service/index.js';
import type { Permission } from '../service/index.js';
import type { Sql } from '../store/index.js';
import type { ServerContext, ServerEnv } from './env.js';
import { HttpProblem, unauthenticated } from './problems.js';

export const SESSION_COOKIE = 'wathiq_session';
/** Before sign-in there is no session to hold a CSRF token: this cookie holds it (double submit). */
export const CSRF_COOKIE = 'wathiq_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Who may call a route: anyone, or a signed-in person with a permission of the role table. */
export type Access = 'public' | Permission;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Compares secrets in constant time. */
function same(a: string | undefined | null, b: string | undefined | null): boolean {
  if (a === undefined || a === null || b === undefined || b === null || a === '') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Finds who sent a request: a bearer token (scripts) or the session cookie
 * (browsers). Both are looked up at every request, so a disabled user or a
 * revoked token stops at once. A cookie that names no session is nobody.
 */
export function authenticate(db: Sql): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('credential', null);
    c.set('csrf', null);
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const user = match?.[1] === undefined ? null : await userOfToken(db, match[1]);
      if (user === null)
        throw new HttpProblem(
          401,
          'unauthenticated',
          'that bearer token is not valid (revoked, or its user disabled)',
        );
      c.set('actor', { name: user.name, role: user.role });
      c.set('credential', 'token');
    } else {
      const secret = getCookie(c, SESSION_COOKIE);
      const session = secret === undefined ? null : await sessionOf(db, secret);
      if (session !== null) {
        c.set('actor', { name: session.user.name, role: session.user.role });
        c.set('credential', 'session');
        c.set('csrf', session.csrf);
      }
    }
    await next();
  };
}

/** The CSRF token for a browser before it signs in: the one in its cookie, or a new one. */
export function preSessionCsrf(c: Parameters<MiddlewareHandler<ServerEnv>>[0]): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing !== undefined && /^[\w-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  setCookie(c, CSRF_COOKIE, token, {
    path: '/',
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
  });
  return token;
}

/**
 * Lets a request through only with the right: nobody signed in is 401, a role
 * without the permission 403. A change sent with a session cookie must echo
 * the session's CSRF token in `x-csrf-token` (a bearer token is never sent by
 * a browser on its own, so it needs none); before sign-in, the token of the
 * CSRF cookie.
 */
export function guard(access: Access): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    const changes = !SAFE_METHODS.has(c.req.method);
    if (access !== 'public') {
      if (actor === null) throw unauthenticated();
      if (!may(actor.role, access))
        throw new HttpProblem(403, 'forbidden', `${aRole(actor.role)} may not do this`);
    }
    if (changes && c.get('credential') !== 'token') {
      const expected =
        c.get('credential') === 'session' ? c.get('csrf') : getCookie(c, CSRF_COOKIE);
      if (!same(c.req.header(CSRF_HEADER), expected))
        throw new HttpProblem(
          403,
          'csrf',
          `a change needs the CSRF token of GET /api/session in the ${CSRF_HEADER} header`,
          CSRF_HEADER,
        );
    }
    await next();
  };
}

/**
 * Failed sign-ins counted per account and per address over a window: past
 * the limit, sign-in is refused (429) until the window moves on, whatever the
 * password. A success clears the account's count.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 20,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds to wait before trying again, or 0. */
  wait(account: string, address: string, now = Date.now()): number {
    const keys: [string, number][] = [
      [`account:${account.toLowerCase()}`, this.perAccount],
      [`address:${address}`, this.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of keys) {
      const times = this.recent(key, now);
      const first = times[times.length - limit];
      if (times.length >= limit && first !== undefined)
        wait = Math.max(wait, Math.ceil((first + this.windowMs - now) / 1000));
    }
    return wait;
  }

  failed(account: string, address: string, now = Date.now()): void {
    for (const key of [`account:${account.toLowerCase()}`, `address:${address}`])
      this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeeded(account: string): void {
    this.failures.delete(`account:${account.toLowerCase()}`);
  }
}

/** The signed-in person of a request the guard let through (a route not open to everyone). */
export function actorOf(c: ServerContext) {
  const actor = c.get('actor');
  if (actor === null) throw unauthenticated();
  return actor;
}
