import type { OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { zAuditEntry, zSessionReply, zToken, zUserName } from '../../contracts/index.js';
import {
  createToken,
  disableTotp,
  newTotpSecret,
  revokeToken,
  SETTINGS,
  ServiceError,
  setUpTotp,
  applyChange,
  tokens,
} from '../../service/index.js';
import { getSetting, findToken, findUser } from '../../store/index.js';
import { SESSION_COOKIE, actorOf } from '../auth.js';
import { body, declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

const zReason = z.string().max(2000).optional();
const zCode = z.string().regex(/^\s*\d{6}\s*$/, 'expected the 6 digits of the authenticator app');

/** A second factor to set up: the secret, and the same as an otpauth:// URI for a QR code. */
export const zTotpSetUp = z
  .object({ secret: z.string(), uri: z.string() })
  .meta({ id: 'TotpSetUp' });

const zChangeOnly = z.object({ change: zAuditEntry.nullable() });

const listTokens = declare('token', {
  method: 'get',
  path: '/api/tokens',
  summary: "One's own tokens for scripts, or (an admin) a user's or everyone's",
  request: { query: z.object({ user: zUserName.optional(), all: z.enum(['true']).optional() }) },
  responses: { 200: { description: 'The tokens', ...json(z.object({ tokens: z.array(zToken) })) } },
});

const createTokenRoute = declare('token', {
  method: 'post',
  path: '/api/tokens',
  summary:
    'A token for scripts (sent as `Authorization: Bearer …`), for oneself or (an admin) for a user; its secret is shown this once',
  request: {
    body: body(z.object({ name: z.string().trim().min(1).max(100), user: zUserName.optional() })),
  },
  responses: {
    200: {
      description: 'The secret, shown once (only its hash is stored), and the token',
      ...json(z.object({ secret: z.string(), token: zToken, change: zAuditEntry })),
    },
  },
});

const revokeTokenRoute = declare('token', {
  method: 'post',
  path: '/api/tokens/{token}/revoke',
  summary: 'Revoke a token: it stops working at once (its owner or an admin)',
  request: {
    params: z.object({ token: z.string().min(1).max(64) }),
    body: body(z.object({ reason: zReason })),
  },
  responses: { 200: { description: 'The change', ...json(zChangeOnly) } },
});

const startTotp = declare('read', {
  method: 'post',
  path: '/api/account/totp',
  summary:
    'A new secret for a second factor, for the authenticator app; nothing changes until it is confirmed',
  request: { body: body(z.object({})) },
  responses: { 200: { description: 'The secret', ...json(zTotpSetUp) } },
});

const confirmTotp = declare('read', {
  method: 'post',
  path: '/api/account/totp/confirm',
  summary:
    "Turn one's second factor on with the secret and a current code of it; one's other sessions end",
  request: { body: body(z.object({ secret: z.string().max(200), code: zCode })) },
  responses: {
    200: {
      description: 'The change, and the session (a browser keeps its own)',
      ...json(zSessionReply.extend({ change: zAuditEntry.nullable() })),
    },
  },
});

const disableOwnTotp = declare('read', {
  method: 'post',
  path: '/api/account/totp/disable',
  summary:
    "Turn one's second factor off with a current code of it (not while an admin requires it)",
  request: { body: body(z.object({ code: zCode })) },
  responses: { 200: { description: 'The change', ...json(zChangeOnly) } },
});

const zSettings = z
  .object({
    /** Everyone signs in with a second factor. */
    require_totp: z.boolean(),
  })
  .meta({ id: 'Settings' });

const readSettings = declare('users', {
  method: 'get',
  path: '/api/settings',
  summary: "The server's settings, such as requiring a second factor of everyone",
  responses: { 200: { description: 'The settings', ...json(zSettings) } },
});

const changeSettings = declare('users', {
  method: 'patch',
  path: '/api/settings',
  summary: 'Change settings, each change logged',
  request: { body: body(zSettings.partial().extend({ reason: zReason })) },
  responses: {
    200: {
      description: 'The settings, and the changes',
      ...json(zSettings.extend({ changes: z.array(zAuditEntry) })),
    },
  },
});

export function accountRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  const ctx = { db: deps.db, knowledge: deps.knowledge };
  const settings = async () => ({
    require_totp: (await getSetting(deps.db, 'require_totp')) === true,
  });

  app.openapi(listTokens, async (c) => {
    const actor = actorOf(c);
    const query = c.req.valid('query');
    const user = query.user ?? (query.all === 'true' ? null : actor.name);
    return c.json({ tokens: await tokens(deps.db, actor, user) }, 200);
  });

  app.openapi(createTokenRoute, async (c) => {
    const actor = actorOf(c);
    const request = c.req.valid('json');
    const made = await createToken(ctx, actor, {
      user: request.user ?? actor.name,
      name: request.name,
    });
    return c.json({ secret: made.secret, token: made.token, change: made.entry }, 200);
  });

  app.openapi(revokeTokenRoute, async (c) => {
    const actor = actorOf(c);
    const { token } = c.req.valid('param');
    const found = await findToken(deps.db, token);
    // Another's token is, to someone who may not manage it, no token at all.
    if (found === null || (found.user !== actor.name && actor.role !== 'admin'))
      throw new ServiceError('not_found', `no token ${token}`, 'token');
    const change = await revokeToken(ctx, actor, token, c.req.valid('json').reason ?? null);
    return c.json({ change }, 200);
  });

  app.openapi(startTotp, async (c) => {
    const actor = actorOf(c);
    const user = await findUser(deps.db, actor.name);
    if (user === null) throw new ServiceError('not_found', `no user ${actor.name}`);
    if (user.totp_secret !== null)
      throw new ServiceError('conflict', 'this account has a second factor already');
    return c.json(newTotpSecret(actor.name), 200);
  });

  app.openapi(confirmTotp, async (c) => {
    const actor = actorOf(c);
    const request = c.req.valid('json');
    const own = c.get('credential') === 'session' ? (getCookie(c, SESSION_COOKIE) ?? null) : null;
    const change = await setUpTotp(ctx, actor.name, request.secret, request.code, own);
    return c.json({ user: actor, csrf: c.get('csrf'), change }, 200);
  });

  app.openapi(disableOwnTotp, async (c) => {
    const actor = actorOf(c);
    const change = await disableTotp(ctx, actor, actor.name, c.req.valid('json').code);
    return c.json({ change }, 200);
  });

  app.openapi(readSettings, async (c) => c.json(await settings(), 200));

  app.openapi(changeSettings, async (c) => {
    const actor = actorOf(c);
    const { reason, ...wanted } = c.req.valid('json');
    const changes = [];
    for (const name of Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]) {
      const value = wanted[name];
      if (value === undefined) continue;
      const change = await applyChange(ctx, actor, {
        kind: 'setting',
        key: { setting: name },
        action: 'setting',
        after: value,
        reason: reason ?? null,
      });
      if (change !== null) changes.push(change);
    }
    return c.json({ ...(await settings()), changes }, 200);
  });
}
