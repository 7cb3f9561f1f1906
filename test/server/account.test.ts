import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Token } from '../../src/contracts/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { anonymous, freshStoreEachTest, PASSWORD, send, signedIn, signIn } from './harness.js';
import type { App, Client } from './harness.js';

/** The code an authenticator app shows now for a secret. */
function codeOf(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

/** A six-digit code that is not the current one (nor its neighbours), for the refusals. */
function wrongCodeOf(secret: string): string {
  const good = new Set(
    [-30_000, 0, 30_000].map((shift) =>
      new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
        timestamp: Date.now() + shift,
      }),
    ),
  );
  let code = 0;
  while (good.has(String(code).padStart(6, '0'))) code++;
  return String(code).padStart(6, '0');
}

async function body<T>(reply: Response): Promise<T> {
  return (await reply.json()) as T;
}

describe.each(engines())('accounts over the API on $name', (engine) => {
  let db: Database;
  let app: App;
  let admin: Client;
  freshStoreEachTest(engine, async (fresh, api) => {
    db = fresh;
    app = api;
    admin = await signedIn(app, 'admin');
  });

  const bearer = (secret: string) => (path: string) =>
    send(app, 'GET', path, undefined, null, null, { authorization: `Bearer ${secret}` });

  describe('tokens', () => {
    it('lets a user make a token, shown once and stored hashed, list it and revoke it', async () => {
      const viewer = await signedIn(app, 'viewer');
      const made = await viewer.request('POST', '/api/tokens', { name: 'nightly export' });
      expect(made.status, await made.clone().text()).toBe(200);
      const { secret, token, change } = await body<{
        secret: string;
        token: Token;
        change: AuditEntry;
      }>(made);
      expect(token).toMatchObject({ name: 'nightly export', user: 'viewer', revoked_at: null });
      expect(change).toMatchObject({ action: 'token.create', by: 'viewer', before: null });
      // Only the hash is kept: the secret is nowhere in the store.
      const [row] = await db.query<{ hash: string }>('SELECT hash FROM tokens WHERE id = $1', [
        token.id,
      ]);
      expect(row?.hash).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(JSON.stringify(await db.query('SELECT * FROM tokens'))).not.toContain(secret);
      const listed = await body<{ tokens: Token[] }>(await viewer.request('GET', '/api/tokens'));
      expect(listed.tokens.map((t) => t.id)).toEqual([token.id]);
      expect(JSON.stringify(listed)).not.toContain(secret);

      expect((await bearer(secret)('/api/events')).status).toBe(200);
      const revoked = await viewer.request('POST', `/api/tokens/${token.id}/revoke`, {
        reason: 'script retired',
      });
      expect(revoked.status).toBe(200);
      const entry = (await body<{ change: AuditEntry }>(revoked)).change;
      expect(entry).toMatchObject({
        action: 'token.revoke',
        before: { revoked: false },
        after: { revoked: true },
        reason: 'script retired',
      });
      expect((await bearer(secret)('/api/events')).status).toBe(401);

      // A revoke is a change like any other: reverting it gives the token back.
      const undone = await admin.request('POST', `/api/audit/${String(entry.id)}/revert`, {});
      expect(undone.status).toBe(200);
      expect((await bearer(secret)('/api/events')).status).toBe(200);
    });

    it("keeps one user from another's tokens; an admin manages everyone's", async () => {
      const viewer = await signedIn(app, 'viewer');
      const editor = await signedIn(app, 'editor');
      const mine = await body<{ token: Token; secret: string }>(
        await editor.request('POST', '/api/tokens', { name: 'editor script' }),
      );
      expect((await viewer.request('GET', '/api/tokens?user=editor')).status).toBe(403);
      expect(
        (await viewer.request('POST', '/api/tokens', { name: 'x', user: 'editor' })).status,
      ).toBe(403);
      // Another's token is no token at all to someone who may not manage it.
      expect((await viewer.request('POST', `/api/tokens/${mine.token.id}/revoke`, {})).status).toBe(
        404,
      );
      expect((await bearer(mine.secret)('/api/events')).status).toBe(200);

      const forViewer = await admin.request('POST', '/api/tokens', {
        name: 'made for viewer',
        user: 'viewer',
      });
      expect((await body<{ token: Token }>(forViewer)).token.user).toBe('viewer');
      const all = await body<{ tokens: Token[] }>(
        await admin.request('GET', '/api/tokens?all=true'),
      );
      expect(all.tokens.map((t) => t.user).sort()).toEqual(['editor', 'viewer']);
      const editors = await body<{ tokens: Token[] }>(
        await admin.request('GET', '/api/tokens?user=editor'),
      );
      expect(editors.tokens.map((t) => t.id)).toEqual([mine.token.id]);
      expect((await admin.request('POST', `/api/tokens/${mine.token.id}/revoke`, {})).status).toBe(
        200,
      );
      expect((await bearer(mine.secret)('/api/events')).status).toBe(401);
      expect((await admin.request('POST', '/api/tokens/nothing/revoke', {})).status).toBe(404);
    });

    it('stops a token at once when an admin disables its user, and refuses a change without CSRF', async () => {
      const editor = await signedIn(app, 'editor');
      const { secret } = await body<{ secret: string }>(
        await editor.request('POST', '/api/tokens', { name: 'ingest' }),
      );
      expect((await bearer(secret)('/api/events')).status).toBe(200);
      await admin.request('PATCH', '/api/users/editor', { disabled: true });
      expect((await bearer(secret)('/api/events')).status).toBe(401);
      const cookieOnly = await signIn(app, 'viewer');
      const cookie = cookieOnly.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const forged = await send(app, 'POST', '/api/tokens', { name: 'x' }, cookie, null);
      expect(forged.status).toBe(403);
      expect((await body<{ error: { code: string } }>(forged)).error.code).toBe('csrf');
      const guest = await anonymous(app);
      expect((await guest.request('GET', '/api/tokens')).status).toBe(401);
    });
  });

  describe('two-factor sign-in', () => {
    it('sets up a second factor with a code, then asks for it at sign-in, and turns it off', async () => {
      const editor = await signedIn(app, 'editor');
      const elsewhere = await signedIn(app, 'editor');
      const started = await editor.request('POST', '/api/account/totp', {});
      expect(started.status).toBe(200);
      const { secret, uri } = await body<{ secret: string; uri: string }>(started);
      expect(uri).toMatch(/^otpauth:\/\/totp\/wathiq:editor\?/);
      expect(uri).toContain(`secret=${secret}`);
      // Nothing is in force until a code proves the app holds the secret.
      expect((await signIn(app, 'editor')).status).toBe(200);
      const wrong = await editor.request('POST', '/api/account/totp/confirm', {
        secret,
        code: wrongCodeOf(secret),
      });
      expect(wrong.status).toBe(400);
      expect((await body<{ error: { field: string } }>(wrong)).error.field).toBe('code');

      const confirmed = await editor.request('POST', '/api/account/totp/confirm', {
        secret,
        code: codeOf(secret),
      });
      expect(confirmed.status, await confirmed.clone().text()).toBe(200);
      const change = (await body<{ change: AuditEntry }>(confirmed)).change;
      expect(change).toMatchObject({ action: 'user.totp', before: { totp: false } });
      expect(change.after).toMatchObject({ totp: true });
      // The browser that set it up stays signed in; the editor's other sessions end.
      expect((await editor.request('GET', '/api/events')).status).toBe(200);
      expect((await elsewhere.request('GET', '/api/events')).status).toBe(401);
      expect(JSON.stringify(await db.query('SELECT * FROM audit_log'))).not.toContain(secret);

      const noCode = await signIn(app, 'editor');
      expect(noCode.status).toBe(401);
      expect((await body<{ error: { code: string } }>(noCode)).error.code).toBe('second_factor');
      const guest = await anonymous(app);
      const withCode = await guest.request('POST', '/api/session', {
        name: 'editor',
        password: PASSWORD,
        totp: codeOf(secret),
      });
      expect(withCode.status).toBe(200);
      const badCode = await (
        await anonymous(app)
      ).request('POST', '/api/session', {
        name: 'editor',
        password: PASSWORD,
        totp: wrongCodeOf(secret),
      });
      expect(badCode.status).toBe(401);

      expect(
        (await editor.request('POST', '/api/account/totp/disable', { code: wrongCodeOf(secret) }))
          .status,
      ).toBe(400);
      const off = await editor.request('POST', '/api/account/totp/disable', {
        code: codeOf(secret),
      });
      expect(off.status).toBe(200);
      expect((await signIn(app, 'editor')).status).toBe(200);
      const users = await body<{ users: { name: string; totp: boolean }[] }>(
        await admin.request('GET', '/api/users'),
      );
      expect(users.users.find((u) => u.name === 'editor')?.totp).toBe(false);
    });

    it('lets an admin require a second factor of one user, who sets it up while signing in', async () => {
      const required = await admin.request('PATCH', '/api/users/viewer', { require_totp: true });
      expect(required.status).toBe(200);
      expect((await body<{ user: { require_totp: boolean } }>(required)).user.require_totp).toBe(
        true,
      );
      const refused = await signIn(app, 'viewer');
      expect(refused.status).toBe(403);
      expect((await body<{ error: { code: string } }>(refused)).error.code).toBe(
        'second_factor_required',
      );
      // Others are not asked.
      expect((await signIn(app, 'editor')).status).toBe(200);

      const guest = await anonymous(app);
      expect(
        (
          await guest.request('POST', '/api/session/totp', {
            name: 'viewer',
            password: 'not the password',
          })
        ).status,
      ).toBe(401);
      const offered = await guest.request('POST', '/api/session/totp', {
        name: 'viewer',
        password: PASSWORD,
      });
      expect(offered.status).toBe(200);
      const { secret } = await body<{ secret: string }>(offered);
      const enrolled = await guest.request('POST', '/api/session', {
        name: 'viewer',
        password: PASSWORD,
        totp_secret: secret,
        totp: codeOf(secret),
      });
      expect(enrolled.status, await enrolled.clone().text()).toBe(200);
      const viewer = await (
        await anonymous(app)
      ).request('POST', '/api/session', {
        name: 'viewer',
        password: PASSWORD,
        totp: codeOf(secret),
      });
      expect(viewer.status).toBe(200);
      expect(
        (await guest.request('POST', '/api/session/totp', { name: 'viewer', password: PASSWORD }))
          .status,
      ).toBe(409);

      // While it is required, the viewer cannot turn it off; an admin can take it away (a lost phone).
      const own = await body<{ csrf: string }>(viewer);
      const cookie = viewer.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const selfOff = await send(
        app,
        'POST',
        '/api/account/totp/disable',
        { code: codeOf(secret) },
        cookie,
        own.csrf,
      );
      expect(selfOff.status).toBe(409);
      const lost = await admin.request('PATCH', '/api/users/viewer', { totp: false });
      expect((await body<{ user: { totp: boolean } }>(lost)).user.totp).toBe(false);
      expect((await signIn(app, 'viewer')).status).toBe(403);

      // The requirement is a logged change, and reverting it lifts it.
      const [entry] = await db.query<{ id: number }>(
        "SELECT id FROM audit_log WHERE action = 'user.require_totp'",
      );
      const undone = await admin.request('POST', `/api/audit/${String(entry?.id)}/revert`, {});
      expect(undone.status).toBe(200);
      expect((await signIn(app, 'viewer')).status).toBe(200);
    });

    it('lets an admin require a second factor of everyone, as a logged setting', async () => {
      const editor = await signedIn(app, 'editor');
      expect((await editor.request('PATCH', '/api/settings', { require_totp: true })).status).toBe(
        403,
      );
      expect((await editor.request('GET', '/api/settings')).status).toBe(403);
      const set = await admin.request('PATCH', '/api/settings', {
        require_totp: true,
        reason: 'a phone was seized',
      });
      expect(set.status).toBe(200);
      const { require_totp, changes } = await body<{
        require_totp: boolean;
        changes: AuditEntry[];
      }>(set);
      expect(require_totp).toBe(true);
      expect(changes[0]).toMatchObject({
        kind: 'setting',
        before: null,
        after: true,
        reason: 'a phone was seized',
      });
      expect((await signIn(app, 'editor')).status).toBe(403);
      expect((await signIn(app, 'viewer')).status).toBe(403);
      const read = await body<{ require_totp: boolean }>(
        await admin.request('GET', '/api/settings'),
      );
      expect(read.require_totp).toBe(true);
      await admin.request('POST', `/api/audit/${String(changes[0]?.id)}/revert`, {});
      expect((await signIn(app, 'editor')).status).toBe(200);
    });
  });
});
