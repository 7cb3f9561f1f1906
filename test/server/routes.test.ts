import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/contracts/index.js';
import { ACCESS_KEY } from '../../src/server/index.js';
import type { Access } from '../../src/server/index.js';
import { addUser, createToken, may, setRequireTotp, setStatus } from '../../src/service/index.js';
import { eventIncidents } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import {
  anonymous,
  appOn,
  contextOf,
  makePrivate,
  seedReports,
  seedUsers,
  signedIn,
} from './harness.js';
import type { App, Client } from './harness.js';

interface Operation {
  readonly [ACCESS_KEY]: Access;
  readonly responses: Record<string, unknown>;
}

/** The ids a walk fills paths with: a public event and a private one. */
interface Ids {
  readonly event: string;
  readonly privateEvent: string;
  /** The first incident of each event. */
  readonly incidents: Readonly<Record<string, string>>;
  /** A change any editor may revert (and revert again: no change). */
  readonly change: number;
  /** The report of each event, and the hash of its capture. */
  readonly reports: Readonly<Record<string, { id: string; sha256: string }>>;
  /** A token of each role's user, which that user (or an admin) may revoke. */
  readonly tokens: Readonly<Record<Role, string>>;
}

/** The second factor each walker sets up and turns off again (a fixed secret: codes computable). */
const WALK_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const code = (): string =>
  new TOTP({ secret: Secret.fromBase32(WALK_SECRET), digits: 6, period: 30 }).generate();

/**
 * A request each declared route can be walked with. A route missing here fails
 * the walk: a new route is walked from the day it is declared.
 */
const SAMPLES: Readonly<
  Record<string, (ids: Ids, eventId: string, role: Role | null) => { path: string; body?: unknown }>
> = {
  'GET /api/session': () => ({ path: '/api/session' }),
  'POST /api/session': () => ({
    path: '/api/session',
    body: { name: 'viewer', password: 'a long enough password' },
  }),
  'DELETE /api/session': () => ({ path: '/api/session' }),
  'GET /api/events': () => ({ path: '/api/events?limit=10&governorate=SY07' }),
  'GET /api/events/facets': () => ({ path: '/api/events/facets?from=2024-01-01' }),
  'GET /api/events/timeline': () => ({ path: '/api/events/timeline?period=week' }),
  'GET /api/events/map': () => ({ path: '/api/events/map?zoom=7&bbox=35,32,42.5,37.5' }),
  'GET /api/events/{id}': (_ids, id) => ({ path: `/api/events/${encodeURIComponent(id)}` }),
  'GET /api/export': () => ({ path: '/api/export?format=geojson' }),
  'POST /api/events/{id}/corrections': (_ids, id) => ({
    path: `/api/events/${encodeURIComponent(id)}/corrections`,
    body: { field: 'civilian_targeting', value: true },
  }),
  'POST /api/events/{id}/status': (_ids, id) => ({
    path: `/api/events/${encodeURIComponent(id)}/status`,
    body: { status: 'reviewed' },
  }),
  'POST /api/events/{id}/split': (ids, id) => ({
    path: `/api/events/${encodeURIComponent(id)}/split`,
    body: { incident: ids.incidents[id] },
  }),
  'POST /api/events/{id}/join': (_ids, id) => ({
    path: `/api/events/${encodeURIComponent(id)}/join`,
    body: { with: id },
  }),
  'GET /api/audit': () => ({ path: '/api/audit?by=admin&limit=5' }),
  'GET /api/users': () => ({ path: '/api/users' }),
  'POST /api/users': () => ({
    path: '/api/users',
    body: { name: 'newcomer', role: 'viewer', password: 'a long enough password' },
  }),
  'PATCH /api/users/{name}': () => ({ path: '/api/users/viewer', body: { role: 'viewer' } }),
  'GET /api/gazetteer': () => ({ path: '/api/gazetteer?q=%D8%B3%D8%B1%D8%A7%D9%82%D8%A8&limit=5' }),
  'GET /api/review/queue': () => ({ path: '/api/review/queue?limit=10' }),
  'POST /api/reports/preview': () => ({ path: '/api/reports/preview', body: PASTED }),
  'POST /api/reports': () => ({ path: '/api/reports', body: PASTED }),
  'POST /api/reports/upload': () => {
    const form = new FormData();
    form.append('file', new File([PASTED.text], 'report.txt', { type: 'text/plain' }));
    return { path: '/api/reports/upload', body: form };
  },
  'POST /api/reports/upload/preview': () => {
    const form = new FormData();
    form.append('file', new File([PASTED.text], 'report.txt', { type: 'text/plain' }));
    return { path: '/api/reports/upload/preview', body: form };
  },
  'POST /api/session/totp': () => ({
    path: '/api/session/totp',
    body: { name: 'enrolling', password: 'a long enough password' },
  }),
  'GET /api/tokens': () => ({ path: '/api/tokens' }),
  'POST /api/tokens': () => ({ path: '/api/tokens', body: { name: 'walk' } }),
  'POST /api/tokens/{token}/revoke': (ids, _id, role) => ({
    path: `/api/tokens/${ids.tokens[role ?? 'viewer']}/revoke`,
    body: {},
  }),
  'POST /api/account/totp': () => ({ path: '/api/account/totp', body: {} }),
  'POST /api/account/totp/confirm': () => ({
    path: '/api/account/totp/confirm',
    body: { secret: WALK_SECRET, code: code() },
  }),
  'POST /api/account/totp/disable': () => ({
    path: '/api/account/totp/disable',
    body: { code: code() },
  }),
  'GET /api/settings': () => ({ path: '/api/settings' }),
  'PATCH /api/settings': () => ({ path: '/api/settings', body: { require_totp: false } }),
  'GET /api/vocabulary': () => ({ path: '/api/vocabulary?kind=actor&q=SDF' }),
  'GET /api/reprocess': () => ({ path: '/api/reprocess' }),
  'POST /api/reprocess': () => ({
    path: '/api/reprocess',
    body: { outlet: 'no outlet is called this' },
  }),
  'GET /api/reports': () => ({ path: '/api/reports?limit=5&from=2024-01-01&withdrawn=include' }),
  'GET /api/reports/{id}': (ids, id) => ({
    path: `/api/reports/${encodeURIComponent(ids.reports[id]?.id ?? '')}`,
  }),
  'GET /api/reports/{id}/captures/{sha256}': (ids, id) => ({
    path: `/api/reports/${encodeURIComponent(ids.reports[id]?.id ?? '')}/captures/${ids.reports[id]?.sha256 ?? ''}`,
  }),
  // Withdrawn, then put back by the next route: the walk goes on with every event there.
  'POST /api/reports/{id}/withdraw': (ids, id) => ({
    path: `/api/reports/${encodeURIComponent(ids.reports[id]?.id ?? '')}/withdraw`,
    body: { reason: 'walk' },
  }),
  'POST /api/reports/{id}/restore': (ids, id) => ({
    path: `/api/reports/${encodeURIComponent(ids.reports[id]?.id ?? '')}/restore`,
    body: {},
  }),
  'POST /api/audit/{id}/revert': (ids) => ({
    path: `/api/audit/${String(ids.change)}/revert`,
    body: {},
  }),
  'POST /api/audit/revert': (ids) => ({ path: '/api/audit/revert', body: { ids: [ids.change] } }),
};

/** A report written for the walk: shelling in Maarrat al-Numan. */
const PASTED = {
  text: 'قتل ثلاثة مدنيين في قصف مدفعي على مدينة معرة النعمان جنوبي إدلب اليوم، بحسب الدفاع المدني.',
  outlet: 'شبكة اختبار',
  published: '2024-04-02',
};

/** Signing out ends the walker's session: it goes last. */
const LAST = 'DELETE /api/session';

function allowed(access: Access, role: Role): boolean {
  return access === 'public' || may(role, access);
}

function expected(access: Access, role: Role | null, success: number): number {
  if (access === 'public') return success;
  if (role === null) return 401;
  return allowed(access, role) ? success : 403;
}

describe.each(engines())('every route on $name', (engine) => {
  let db: Database;
  let app: App;
  let ids: Ids;
  let operations: [string, Operation][];
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    const events = await seedReports(db, ['shelling', 'monitor']);
    const event = events.get('shelling') ?? '';
    const privateEvent = events.get('monitor') ?? '';
    await makePrivate(db, privateEvent);
    const first = async (id: string) => (await eventIncidents(db, id))[0] ?? '';
    const change = await setStatus(
      contextOf(db),
      { name: 'setup', role: 'admin' },
      event,
      'reviewed',
    );
    const setup = { name: 'setup', role: 'admin' } as const;
    const reportOf = async (id: string) => {
      const [row] = await db.query<{ id: string; sha256: string }>(
        `SELECT c.document_id AS id, c.sha256 FROM captures c
         WHERE c.document_id IN (SELECT document_id FROM incidents WHERE event_id = $1) LIMIT 1`,
        [id],
      );
      if (row === undefined) throw new Error(`no report of event ${id}`);
      return row;
    };
    const tokenOf = async (user: Role) =>
      (await createToken(contextOf(db), setup, { user, name: 'walk' })).token.id;
    // One who must set up a second factor before signing in: the public set-up route's user.
    await addUser(contextOf(db), setup, {
      name: 'enrolling',
      role: 'viewer',
      password: 'a long enough password',
    });
    await setRequireTotp(contextOf(db), setup, 'enrolling', true);
    ids = {
      event,
      privateEvent,
      incidents: { [event]: await first(event), [privateEvent]: await first(privateEvent) },
      change: change?.id ?? 0,
      reports: { [event]: await reportOf(event), [privateEvent]: await reportOf(privateEvent) },
      tokens: {
        viewer: await tokenOf('viewer'),
        editor: await tokenOf('editor'),
        admin: await tokenOf('admin'),
      },
    };
    app = appOn(db);
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]): [string, Operation] => [
          `${method.toUpperCase()} ${path}`,
          op,
        ]),
      )
      .sort(([a], [b]) => Number(a === LAST) - Number(b === LAST));
  });
  afterAll(async () => {
    await db.close();
  });

  it('declares who may call each route, and a request to walk it with', () => {
    expect(operations.length).toBeGreaterThan(5);
    for (const [name, op] of operations) {
      expect(op[ACCESS_KEY], name).toBeDefined();
      expect(SAMPLES[name], `no sample request for ${name}`).toBeDefined();
    }
  });

  it.each([null, 'viewer', 'editor', 'admin'] as const)(
    'answers %s with the status each route declares',
    async (role) => {
      const client: Client = role === null ? await anonymous(app) : await signedIn(app, role);
      for (const [name, op] of operations) {
        const sample = SAMPLES[name];
        if (sample === undefined) continue;
        const success = Math.min(
          ...Object.keys(op.responses)
            .map(Number)
            .filter((s) => s >= 200 && s < 300),
        );
        const want = expected(op[ACCESS_KEY], role, success);
        expect(Object.keys(op.responses), name).toContain(String(want));
        const [method] = name.split(' ');
        const { path, body } = sample(ids, ids.event, role);
        const response = await client.request(method ?? 'GET', path, body);
        expect(
          response.status,
          `${name} as ${String(role)}: ${await response.clone().text()}`,
        ).toBe(want);
        await response.body?.cancel();
        // Routes about one event: a private one is no event to a viewer, and is one to the others.
        if (name.includes('{id}') && role !== null) {
          const onPrivate = sample(ids, ids.privateEvent, role);
          const hidden = await client.request(method ?? 'GET', onPrivate.path, onPrivate.body);
          const wantHidden = !allowed(op[ACCESS_KEY], role)
            ? 403
            : may(role, 'read:private')
              ? success
              : 404;
          expect(hidden.status, `${name} as ${role} on a private event`).toBe(wantHidden);
          await hidden.body?.cancel();
        }
      }
    },
  );
});
