import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import {
  addUser,
  checkSignIn,
  createToken,
  openSession,
  revertChange,
  revokeToken,
  ServiceError,
  sessionOf,
  setDisabled,
  setPassword,
  setRole,
  userOfToken,
  users,
} from '../../src/service/index.js';
import type { Actor, ServiceContext } from '../../src/service/index.js';
import { findUser, listAudit } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { emptyStore, engines } from '../store/engines.js';

const owner: Actor = { name: 'owner', role: 'admin' };
const PASSWORD = 'correct horse battery';

/** Resolves with the service's refusal, or fails if there was none. */
async function refusal(work: Promise<unknown>): Promise<ServiceError> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe.each(engines())('accounts on $name', (engine) => {
  let db: Database;
  let ctx: ServiceContext;
  beforeAll(async () => {
    db = await engine.open();
    ctx = { db, knowledge: shippedKnowledge };
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await emptyStore(db);
    await addUser(ctx, owner, { name: 'amal', role: 'admin', password: PASSWORD });
  });

  it('keeps passwords only as argon2id hashes, and signs in with the right one', async () => {
    const stored = await findUser(db, 'amal');
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored?.password_hash).not.toContain(PASSWORD);
    expect(await checkSignIn(db, { name: 'amal', password: 'wrong password' })).toBe('credentials');
    expect(await checkSignIn(db, { name: 'nobody', password: PASSWORD })).toBe('credentials');
    const user = await checkSignIn(db, { name: 'amal', password: PASSWORD });
    expect(typeof user === 'object' && user.name).toBe('amal');
  });

  it('refuses short passwords, odd names and a name taken', async () => {
    expect(
      (await refusal(addUser(ctx, owner, { name: 'x', role: 'viewer', password: 'short' }))).field,
    ).toBe('password');
    expect(
      (await refusal(addUser(ctx, owner, { name: 'a b', role: 'viewer', password: PASSWORD })))
        .field,
    ).toBe('name');
    expect(
      (await refusal(addUser(ctx, owner, { name: 'amal', role: 'viewer', password: PASSWORD })))
        .problem,
    ).toBe('conflict');
  });

  it('stores tokens hashed, and a revoked token stops working', async () => {
    const { secret, token } = await createToken(ctx, owner, {
      user: 'amal',
      name: 'nightly export',
    });
    expect(secret).toMatch(/^wathiq_[0-9a-f]{12}_/);
    const [row] = await db.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(row?.hash).not.toContain(secret.slice(20));
    expect((await userOfToken(db, secret))?.name).toBe('amal');
    expect(await userOfToken(db, `${secret}x`)).toBeNull();
    await revokeToken(ctx, owner, token.id);
    expect(await userOfToken(db, secret)).toBeNull();
  });

  it("stops a disabled user's sessions and tokens at once", async () => {
    await addUser(ctx, owner, { name: 'badr', role: 'editor', password: PASSWORD });
    const badr = await findUser(db, 'badr');
    if (badr === null) throw new Error('no badr');
    const session = await openSession(db, badr);
    const { secret } = await createToken(ctx, owner, { user: 'badr', name: 'script' });
    expect((await sessionOf(db, session.secret))?.user.name).toBe('badr');
    await setDisabled(ctx, owner, 'badr', true);
    expect(await sessionOf(db, session.secret)).toBeNull();
    expect(await userOfToken(db, secret)).toBeNull();
    expect(await checkSignIn(db, { name: 'badr', password: PASSWORD })).toBe('credentials');
  });

  it('ends sessions when the password changes', async () => {
    const amal = await findUser(db, 'amal');
    if (amal === null) throw new Error('no amal');
    const session = await openSession(db, amal);
    await setPassword(ctx, owner, 'amal', 'another long password');
    expect(await sessionOf(db, session.secret)).toBeNull();
    expect(await checkSignIn(db, { name: 'amal', password: PASSWORD })).toBe('credentials');
  });

  it('logs every account change with before and after, and reverts a role change', async () => {
    await addUser(ctx, owner, { name: 'badr', role: 'viewer', password: PASSWORD });
    const change = await setRole(ctx, owner, 'badr', 'editor', 'joins the team');
    expect(change).toMatchObject({
      by: 'owner',
      action: 'user.role',
      before: { role: 'viewer', disabled: false },
      after: { role: 'editor', disabled: false },
      reason: 'joins the team',
    });
    await revertChange(ctx, owner, change?.id ?? 0, 'by mistake');
    expect((await users(db)).find((u) => u.name === 'badr')?.role).toBe('viewer');
    const log = await listAudit(db, {}, { limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['revert', 'user.role', 'user.add', 'user.add']);
    expect(log[0]?.reverts).toBe(change?.id);
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
  });

  it('keeps an admin: the last one cannot be disabled or demoted', async () => {
    expect((await refusal(setDisabled(ctx, owner, 'amal', true))).problem).toBe('conflict');
    expect((await refusal(setRole(ctx, owner, 'amal', 'viewer'))).problem).toBe('conflict');
    expect((await findUser(db, 'amal'))?.role).toBe('admin');
  });

  it('lets only admins manage users', async () => {
    const editor: Actor = { name: 'badr', role: 'editor' };
    expect(
      (await refusal(addUser(ctx, editor, { name: 'c', role: 'admin', password: PASSWORD })))
        .problem,
    ).toBe('forbidden');
    expect((await refusal(setRole(ctx, editor, 'amal', 'viewer'))).problem).toBe('forbidden');
    expect((await refusal(createToken(ctx, editor, { user: 'amal', name: 'x' }))).problem).toBe(
      'forbidden',
    );
  });
});
