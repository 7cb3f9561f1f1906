import type { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { zSessionReply, zSignIn } from '../../contracts/index.js';
import {
  checkSignIn,
  closeSession,
  newTotpSecret,
  openSession,
  secondFactorRequired,
  SESSION_SECONDS,
  setUpTotp,
} from '../../service/index.js';
import type { UserRecord } from '../../store/index.js';
import { preSessionCsrf, SESSION_COOKIE, SignInLimiter } from '../auth.js';
import { declare, json } from '../declare.js';
import type { ServerContext, ServerDeps, ServerEnv } from '../env.js';
import { HttpProblem } from '../problems.js';
import { zTotpSetUp } from './account.js';

const whoAmI = declare('public', {
  method: 'get',
  path: '/api/session',
  summary: 'Who is signed in, and the CSRF token every change must send',
  responses: {
    200: { description: 'The session (user null when nobody)', ...json(zSessionReply) },
  },
});

const signIn = declare('public', {
  method: 'post',
  path: '/api/session',
  summary: 'Sign in with a name and password (and a TOTP code when the user has a second factor)',
  request: { body: { required: true, ...json(zSignIn) } },
  responses: {
    200: { description: 'Signed in: the session cookie is set', ...json(zSessionReply) },
    401: { description: 'Wrong name, password or code' },
    429: { description: 'Too many failed sign-ins for this account or address' },
  },
});

const enrol = declare('public', {
  method: 'post',
  path: '/api/session/totp',
  summary:
    'A secret to set up the second factor an admin requires of an account that has none yet (name and password first)',
  request: { body: { required: true, ...json(zSignIn.pick({ name: true, password: true })) } },
  responses: {
    200: { description: 'The secret, for the authenticator app', ...json(zTotpSetUp) },
    401: { description: 'Wrong name or password' },
    409: { description: 'The account has a second factor already, or needs none' },
    429: { description: 'Too many failed sign-ins for this account or address' },
  },
});

const signOut = declare('read', {
  method: 'delete',
  path: '/api/session',
  summary: 'Sign out: the session ends',
  responses: { 200: { description: 'Signed out', ...json(zSessionReply) } },
});

/** The address a request came from (in-process requests have none). */
function addressOf(c: ServerContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

export function sessionRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  const limiter = new SignInLimiter();
  const ctx = { db: deps.db, knowledge: deps.knowledge };

  app.openapi(whoAmI, (c) => {
    const actor = c.get('actor');
    if (actor === null) return c.json({ user: null, csrf: preSessionCsrf(c) }, 200);
    return c.json({ user: actor, csrf: c.get('csrf') }, 200);
  });

  /** The user of a name and password (and code), or a refusal; failures are counted. */
  const checked = async (
    c: ServerContext,
    body: { name: string; password: string; totp?: string | undefined },
  ): Promise<UserRecord | 'second-factor'> => {
    const address = addressOf(c);
    const wait = limiter.wait(body.name, address);
    if (wait > 0)
      throw new HttpProblem(
        429,
        'rate_limited',
        `too many failed sign-ins: try again in ${String(wait)} seconds`,
        null,
        { 'retry-after': String(wait) },
      );
    const user = await checkSignIn(deps.db, {
      name: body.name,
      password: body.password,
      ...(body.totp === undefined ? {} : { code: body.totp }),
    });
    if (user === 'credentials') {
      limiter.failed(body.name, address);
      deps.log.info({ name: body.name, address }, 'sign-in refused');
      throw new HttpProblem(401, 'credentials', 'wrong name, password or code', 'password');
    }
    return user;
  };

  app.openapi(signIn, async (c) => {
    const body = c.req.valid('json');
    let user = await checked(c, body);
    if (user === 'second-factor')
      throw new HttpProblem(401, 'second_factor', 'this account needs its TOTP code', 'totp');
    if (user.totp_secret === null && (await secondFactorRequired(deps.db, user))) {
      if (body.totp_secret === undefined || body.totp === undefined)
        throw new HttpProblem(
          403,
          'second_factor_required',
          'an admin requires a second factor, and this account has none yet: POST /api/session/totp gives a secret; sign in with it as totp_secret and a code of it as totp',
          'totp',
        );
      await setUpTotp(ctx, user.name, body.totp_secret, body.totp);
      user = { ...user, totp_secret: body.totp_secret };
    }
    limiter.succeeded(body.name);
    const session = await openSession(deps.db, user);
    setCookie(c, SESSION_COOKIE, session.secret, {
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_SECONDS,
    });
    deps.log.info({ user: user.name }, 'signed in');
    return c.json({ user: { name: user.name, role: user.role }, csrf: session.csrf }, 200);
  });

  app.openapi(enrol, async (c) => {
    const body = c.req.valid('json');
    const user = await checked(c, body);
    if (user === 'second-factor' || user.totp_secret !== null)
      throw new HttpProblem(409, 'conflict', 'this account has a second factor already');
    if (!(await secondFactorRequired(deps.db, user)))
      throw new HttpProblem(
        409,
        'conflict',
        'no second factor is required of this account: set one up once signed in',
      );
    return c.json(newTotpSecret(user.name), 200);
  });

  app.openapi(signOut, async (c) => {
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret !== undefined) await closeSession(deps.db, secret);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ user: null, csrf: null }, 200);
  });
}
