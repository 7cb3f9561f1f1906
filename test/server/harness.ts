import pino from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Role } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import { createApp } from '../../src/server/index.js';
import { addUser, setPrivate } from '../../src/service/index.js';
import type { Actor, ServiceContext } from '../../src/service/index.js';
import { listEvents, saveReport } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { emptyStore } from '../store/engines.js';
import type { Engine } from '../store/engines.js';
import { REPORTS, resultOf } from '../link/reports.js';
import type { ReportName } from '../link/reports.js';

export const PASSWORD = 'a long enough password';
const ROOT: Actor = { name: 'setup', role: 'admin' };

export type App = ReturnType<typeof createApp>;

/** The API over a store, in-process (app.request, no port), its log silent. */
export function appOn(db: Database): App {
  return createApp({ db, knowledge: shippedKnowledge, log: pino({ level: 'silent' }) });
}

export function contextOf(db: Database): ServiceContext {
  return { db, knowledge: shippedKnowledge };
}

/** One user of each role, and one disabled. */
export async function seedUsers(db: Database): Promise<void> {
  const ctx = contextOf(db);
  for (const role of ['admin', 'editor', 'viewer'] as const)
    await addUser(ctx, ROOT, { name: role, role, password: PASSWORD });
}

/**
 * A store of the engine for a describe block, emptied before each test and
 * given one user of each role, then set up by the caller with the API over it.
 */
export function freshStoreEachTest(
  engine: Engine,
  setUp: (db: Database, app: App) => Promise<void>,
): void {
  let db: Database | null = null;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    if (db === null) throw new Error(`the ${engine.name} store did not open`);
    await emptyStore(db);
    await seedUsers(db);
    await setUp(db, appOn(db));
  });
}

/** Stores reports written for the tests; returns the id of the event each one is in. */
export async function seedReports(
  db: Database,
  names: readonly ReportName[],
): Promise<Map<ReportName, string>> {
  const lexicon = shippedKnowledge().lexicon;
  const ids = new Map<ReportName, string>();
  for (const name of names) {
    const bytes = new TextEncoder().encode(JSON.stringify(REPORTS[name]));
    const result = resultOf(name);
    await saveReport(
      db,
      {
        source: `${name}.ndjson:1`,
        format: 'ndjson',
        raw: bytes,
        sha256: sha256Hex(bytes),
        capturedAt: '2024-03-14T10:00:00.000Z',
      },
      result,
      lexicon,
    );
    const { events } = await listEvents(db, {}, { limit: 1000 });
    const event = events.find((e) => e.members.some((m) => m.document === result.document.id));
    if (event === undefined) throw new Error(`report ${name} made no event`);
    ids.set(name, event.id);
  }
  return ids;
}

export async function makePrivate(db: Database, eventId: string): Promise<void> {
  await setPrivate(contextOf(db), ROOT, eventId, true);
}

/** A signed-in browser: its cookie and CSRF token, sent with every request. */
export interface Client {
  readonly role: Role | null;
  request(method: string, path: string, body?: unknown): Promise<Response>;
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
}

/** Nobody signed in, but with the pre-session CSRF cookie and token, as the app has them. */
export async function anonymous(app: App): Promise<Client & { cookie: string; csrf: string }> {
  const reply = await app.request('/api/session');
  const { csrf } = (await reply.json()) as { csrf: string };
  const cookie = cookiesOf(reply).join('; ');
  return {
    role: null,
    cookie,
    csrf,
    request: (method, path, body) => send(app, method, path, body, cookie, csrf),
  };
}

export async function signIn(app: App, name: string, password = PASSWORD): Promise<Response> {
  const guest = await anonymous(app);
  return guest.request('POST', '/api/session', { name, password });
}

export async function signedIn(app: App, role: Role): Promise<Client & { csrf: string }> {
  const reply = await signIn(app, role);
  if (reply.status !== 200) throw new Error(`${role} could not sign in: ${await reply.text()}`);
  const { csrf } = (await reply.json()) as { csrf: string };
  const cookie = cookiesOf(reply).join('; ');
  return {
    role,
    csrf,
    request: (method, path, body) => send(app, method, path, body, cookie, csrf),
  };
}

export function send(
  app: App,
  method: string,
  path: string,
  body: unknown,
  cookie: string | null,
  csrf: string | null,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...extra };
  if (cookie !== null && cookie !== '') headers.cookie = cookie;
  if (csrf !== null) headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return Promise.resolve(
    app.request(path, { method, headers, ...(payload === undefined ? {} : { body: payload }) }),
  );
}
