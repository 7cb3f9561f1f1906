import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { createApp, SESSION_COOKIE } from '../../src/server/index.js';
import { createToken, revokeToken, setDisabled } from '../../src/service/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import {
  anonymous,
  contextOf,
  freshStoreEachTest,
  PASSWORD,
  seedReports,
  send,
  signedIn,
  signIn,
} from './harness.js';
import type { App } from './harness.js';

const admin = { name: 'admin', role: 'admin' } as const;

describe.each(engines())('the API on $name', (engine) => {
  let db: Database;
  let app: App;
  let event: string;
  freshStoreEachTest(engine, async (fresh, api) => {
    db = fresh;
    app = api;
    event = (await seedReports(db, ['shelling'])).get('shelling') ?? '';
  });

  it('keeps the session in an httpOnly, SameSite=Strict cookie', async () => {
    const reply = await signIn(app, 'viewer');
    expect(reply.status).toBe(200);
    const cookie = reply.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it("refuses a change without the CSRF token, or with another session's", async () => {
    const editor = await signedIn(app, 'editor');
    const cookie = (await signIn(app, 'editor')).headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const path = '/api/session';
    expect((await send(app, 'DELETE', path, undefined, cookie, null)).status).toBe(403);
    expect((await send(app, 'DELETE', path, undefined, cookie, editor.csrf)).status).toBe(403);
    const refused = (await (await send(app, 'DELETE', path, undefined, cookie, 'x')).json()) as {
      error: { code: string; field: string };
    };
    expect(refused.error).toMatchObject({ code: 'csrf', field: 'x-csrf-token' });
  });

  it('refuses a sign-in without the CSRF token of its cookie', async () => {
    const guest = await anonymous(app);
    const body = { name: 'viewer', password: PASSWORD };
    expect((await send(app, 'POST', '/api/session', body, guest.cookie, null)).status).toBe(403);
    expect((await send(app, 'POST', '/api/session', body, null, guest.csrf)).status).toBe(403);
    expect((await guest.request('POST', '/api/session', body)).status).toBe(200);
  });

  it('treats a forged session cookie as nobody', async () => {
    const forged = `${SESSION_COOKIE}=${'A'.repeat(43)}`;
    expect((await send(app, 'GET', '/api/events', undefined, forged, null)).status).toBe(401);
    const who = (await (
      await send(app, 'GET', '/api/session', undefined, forged, null)
    ).json()) as {
      user: unknown;
    };
    expect(who.user).toBeNull();
  });

  it("stops a disabled user's session and tokens at once", async () => {
    const viewer = await signedIn(app, 'viewer');
    const { secret } = await createToken(contextOf(db), admin, { user: 'viewer', name: 'script' });
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await send(app, 'GET', '/api/events', undefined, null, null, bearer)).status).toBe(200);
    expect((await viewer.request('GET', '/api/events')).status).toBe(200);
    await setDisabled(contextOf(db), admin, 'viewer', true);
    expect((await viewer.request('GET', '/api/events')).status).toBe(401);
    expect((await send(app, 'GET', '/api/events', undefined, null, null, bearer)).status).toBe(401);
  });

  it('takes bearer tokens from scripts, without CSRF, until revoked', async () => {
    const { secret, token } = await createToken(contextOf(db), admin, {
      user: 'editor',
      name: 'nightly',
    });
    const bearer = { authorization: `Bearer ${secret}` };
    const reply = await send(
      app,
      'GET',
      `/api/events/${encodeURIComponent(event)}`,
      undefined,
      null,
      null,
      bearer,
    );
    expect(reply.status).toBe(200);
    await revokeToken(contextOf(db), admin, token.id);
    expect((await send(app, 'GET', '/api/events', undefined, null, null, bearer)).status).toBe(401);
  });

  it('limits failed sign-ins per account, whatever the password', async () => {
    for (let k = 0; k < 5; k++)
      expect((await signIn(app, 'viewer', 'not the password')).status).toBe(401);
    const limited = await signIn(app, 'viewer');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn(app, 'editor')).status).toBe(200);
  });

  it('names the field and the problem of a request that is not valid', async () => {
    const viewer = await signedIn(app, 'viewer');
    const reply = await viewer.request('GET', '/api/events?from=yesterday');
    expect(reply.status).toBe(400);
    const body = (await reply.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('from');
    expect(body.error.message).toMatch(/^from: .*YYYY-MM-DD/);
    const cursor = await viewer.request('GET', '/api/events?after=nonsense');
    expect(((await cursor.json()) as { error: { field: string } }).error.field).toBe('after');
  });

  it('answers a body that is not JSON with 400 and says so', async () => {
    const guest = await anonymous(app);
    const reply = await app.request('/api/session', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: guest.cookie,
        'x-csrf-token': guest.csrf,
      },
      body: '{"name": "admin", "password": "broken',
    });
    expect(reply.status).toBe(400);
    const body = (await reply.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid');
    expect(body.error.message).toMatch(/^request body: .*JSON/);
  });

  it('sends security headers: a CSP with no inline script, nosniff, no framing', async () => {
    const reply = await app.request('/api/session');
    const csp = reply.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('logs requests and sign-ins without passwords, cookies or tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = createApp({ db, knowledge: shippedKnowledge, log: pino({}, sink) });
    const reply = await signIn(logged, 'viewer');
    await signIn(logged, 'viewer', 'a wrong password here');
    const cookie = reply.headers.getSetCookie()[0]?.split(';')[0]?.split('=')[1] ?? '';
    const { csrf } = (await reply.json()) as { csrf: string };
    const text = lines.join('');
    expect(text).toContain('signed in');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('a wrong password here');
    expect(text).not.toContain(cookie);
    expect(text).not.toContain(csrf);
  });
});
