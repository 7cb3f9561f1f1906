import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, EventDetail, EventPage, ReportPage } from '../../src/contracts/index.js';
import { REPORTS, resultOf } from '../link/reports.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import {
  anonymous,
  freshStoreEachTest,
  makePrivate,
  seedReports,
  send,
  signedIn,
  signIn,
} from './harness.js';
import type { App, Client } from './harness.js';

interface StoredReport {
  document: string;
  text: string;
  withdrawn: boolean;
  private: boolean;
  incidents: unknown[];
  events: string[];
  captures: { sha256: string; size: number; source: string }[];
}

const path = (id: string, rest = '') => `/api/reports/${encodeURIComponent(id)}${rest}`;

describe.each(engines())('reports over the API on $name', (engine) => {
  let db: Database;
  let app: App;
  let viewer: Client;
  let editor: Client;
  let admin: Client;
  let events: Map<string, string>;
  freshStoreEachTest(engine, async (fresh, api) => {
    db = fresh;
    app = api;
    events = await seedReports(db, ['monitor', 'sdf', 'amaq', 'shelling']);
    viewer = await signedIn(app, 'viewer');
    editor = await signedIn(app, 'editor');
    admin = await signedIn(app, 'admin');
  });

  const report = async (client: Client, id: string): Promise<StoredReport> => {
    const reply = await client.request('GET', path(id));
    expect(reply.status, await reply.clone().text()).toBe(200);
    return ((await reply.json()) as { report: StoredReport }).report;
  };
  const detail = async (id: string): Promise<EventDetail> =>
    (await (
      await editor.request('GET', `/api/events/${encodeURIComponent(id)}`)
    ).json()) as EventDetail;
  const total = async (client: Client): Promise<number> =>
    ((await (await client.request('GET', '/api/events')).json()) as EventPage).total;

  it("shows a report's text, incidents, events and captures, and gives the bytes as captured", async () => {
    const id = resultOf('shelling').document.id;
    const shown = await report(viewer, id);
    expect(shown.text).toContain('سراقب');
    expect(shown.incidents.length).toBeGreaterThan(0);
    expect(shown.events).toEqual([events.get('shelling')]);
    expect(shown).toMatchObject({ withdrawn: false, private: false });
    const [capture] = shown.captures;
    if (capture === undefined) throw new Error('no capture');
    const reply = await viewer.request('GET', path(id, `/captures/${capture.sha256}`));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-content-sha256')).toBe(capture.sha256);
    const bytes = new Uint8Array(await reply.arrayBuffer());
    expect(bytes.length).toBe(capture.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(capture.sha256);

    expect((await viewer.request('GET', path(id, `/captures/${'0'.repeat(64)}`))).status).toBe(404);
    expect((await viewer.request('GET', path(id, '/captures/not-a-hash'))).status).toBe(400);
    expect((await viewer.request('GET', path('sha256:nothing'))).status).toBe(404);
    expect((await (await anonymous(app)).request('GET', path(id))).status).toBe(401);
  });

  it("hides a private event's reports and their bytes from viewers, not from editors", async () => {
    await makePrivate(db, events.get('shelling') ?? '');
    const id = resultOf('shelling').document.id;
    const shown = await report(editor, id);
    expect(shown.private).toBe(true);
    const sha = shown.captures[0]?.sha256 ?? '';
    expect((await viewer.request('GET', path(id))).status).toBe(404);
    expect((await viewer.request('GET', path(id, `/captures/${sha}`))).status).toBe(404);
    expect((await editor.request('GET', path(id, `/captures/${sha}`))).status).toBe(200);
  });

  it('withdraws a report: it leaves its event, its bytes stay, the change is logged and reverted', async () => {
    const bombing = events.get('monitor') ?? '';
    expect(events.get('sdf')).toBe(bombing);
    const id = resultOf('sdf').document.id;
    const before = await detail(bombing);
    expect(before.reports.map((r) => r.document)).toContain(id);
    const bytesBefore = await db.query<{ sha256: string; raw: Uint8Array }>(
      'SELECT sha256, raw FROM captures WHERE document_id = $1',
      [id],
    );

    expect((await viewer.request('POST', path(id, '/withdraw'), {})).status).toBe(403);
    const cookie = (await signIn(app, 'editor')).headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await send(app, 'POST', path(id, '/withdraw'), {}, cookie, null)).status).toBe(403);

    const reply = await editor.request('POST', path(id, '/withdraw'), {
      reason: 'a copy of another outlet',
    });
    expect(reply.status, await reply.clone().text()).toBe(200);
    const { change, events: now } = (await reply.json()) as {
      change: AuditEntry;
      events: string[];
    };
    expect(change).toMatchObject({
      kind: 'report',
      action: 'report.withdraw',
      by: 'editor',
      before: { withdrawn: false },
      after: { withdrawn: true },
      reason: 'a copy of another outlet',
      event: bombing,
    });
    expect(now).toEqual([]);
    // The event goes on without it: its reports and claims are the others'.
    const after = await detail(bombing);
    expect(after.reports.map((r) => r.document)).not.toContain(id);
    expect(after.event.claims.every((c) => c.document !== id)).toBe(true);
    expect(after.reports.length).toBe(before.reports.length - 1);
    // Hidden from viewers; editors still see it, withdrawn, and its bytes are as they were.
    expect((await viewer.request('GET', path(id))).status).toBe(404);
    expect((await report(editor, id)).withdrawn).toBe(true);
    expect(await db.query('SELECT sha256, raw FROM captures WHERE document_id = $1', [id])).toEqual(
      bytesBefore,
    );
    const history = (await (await admin.request('GET', `/api/audit?kind=report`)).json()) as {
      entries: AuditEntry[];
    };
    expect(history.entries.map((e) => e.id)).toEqual([change.id]);

    const undone = await admin.request('POST', `/api/audit/${String(change.id)}/revert`, {});
    expect(undone.status).toBe(200);
    expect((await report(viewer, id)).withdrawn).toBe(false);
    const back = await detail(bombing);
    expect(back.reports.map((r) => r.document).sort()).toEqual(
      before.reports.map((r) => r.document).sort(),
    );
    expect(back.event.fatalities).toEqual(before.event.fatalities);
  });

  it("takes a report's only event away while it is withdrawn, and gives it back on restore", async () => {
    const id = resultOf('shelling').document.id;
    const event = events.get('shelling') ?? '';
    const count = await total(viewer);
    await editor.request('POST', path(id, '/withdraw'), {});
    expect(await total(viewer)).toBe(count - 1);
    expect((await viewer.request('GET', `/api/events/${encodeURIComponent(event)}`)).status).toBe(
      404,
    );
    const exported = await (await viewer.request('GET', '/api/export?format=ndjson')).text();
    expect(exported).not.toContain(event);
    // Withdrawing twice changes nothing, and is not logged.
    const again = await editor.request('POST', path(id, '/withdraw'), {});
    expect(((await again.json()) as { change: unknown }).change).toBeNull();
    const restored = await editor.request('POST', path(id, '/restore'), { reason: 'checked' });
    expect(((await restored.json()) as { events: string[] }).events).toEqual([event]);
    expect(await total(viewer)).toBe(count);
  });

  const listed = async (client: Client, query = ''): Promise<string[]> => {
    const reply = await client.request('GET', `/api/reports${query}`);
    expect(reply.status, await reply.clone().text()).toBe(200);
    return ((await reply.json()) as ReportPage).reports.map((r) => r.document);
  };
  const idOf = (name: 'monitor' | 'sdf' | 'amaq' | 'shelling') => resultOf(name).document.id;

  it('lists reports newest first, a page at a time, by outlet, publication days and words', async () => {
    const order = await listed(editor);
    expect([...order].sort()).toEqual(
      [idOf('monitor'), idOf('sdf'), idOf('amaq'), idOf('shelling')].sort(),
    );
    // The 13th's report comes after the 14th's three.
    expect(order.at(-1)).toBe(idOf('amaq'));
    // Page by page, with the cursor, the same reports in the same order, each once.
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `?limit=1${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
      const page = (await (
        await editor.request('GET', `/api/reports${query}`)
      ).json()) as ReportPage;
      expect(page.reports.length).toBeLessThanOrEqual(1);
      paged.push(...page.reports.map((r) => r.document));
      after = page.next;
    } while (after !== null);
    expect(paged).toEqual(order);

    const outlet = encodeURIComponent(REPORTS.shelling.outlet);
    expect((await listed(editor, `?outlet=${outlet}`)).sort()).toEqual(
      [idOf('monitor'), idOf('shelling')].sort(),
    );
    expect(await listed(editor, '?to=2024-03-13')).toEqual([idOf('amaq')]);
    expect(await listed(editor, '?from=2024-03-14')).not.toContain(idOf('amaq'));
    expect(await listed(viewer, `?search=${encodeURIComponent('سراقب')}`)).toEqual([
      idOf('shelling'),
    ]);
    const [summary] = (
      (await (
        await viewer.request('GET', `/api/reports?search=${encodeURIComponent('سراقب')}`)
      ).json()) as ReportPage
    ).reports;
    expect(summary).toMatchObject({
      outlet: REPORTS.shelling.outlet,
      withdrawn: false,
      private: false,
      events: [events.get('shelling')],
    });
    expect(summary?.incidents).toBeGreaterThan(0);
    expect((await editor.request('GET', '/api/reports?after=nonsense')).status).toBe(400);
    expect((await editor.request('GET', '/api/reports?from=14-03-2024')).status).toBe(400);
    expect((await (await anonymous(app)).request('GET', '/api/reports')).status).toBe(401);
  });

  it('lists withdrawn reports to editors who ask, and private or withdrawn ones to no viewer', async () => {
    await editor.request('POST', path(idOf('amaq'), '/withdraw'), {});
    await makePrivate(db, events.get('shelling') ?? '');
    expect(await listed(editor)).not.toContain(idOf('amaq'));
    expect(await listed(editor, '?withdrawn=only')).toEqual([idOf('amaq')]);
    expect(await listed(editor, '?withdrawn=include')).toContain(idOf('amaq'));
    const marked = (await (await editor.request('GET', '/api/reports')).json()) as ReportPage;
    expect(marked.reports.find((r) => r.document === idOf('shelling'))?.private).toBe(true);

    const seen = await listed(viewer, '?withdrawn=include');
    expect(seen).not.toContain(idOf('amaq'));
    expect(seen).not.toContain(idOf('shelling'));
    expect(seen.length).toBeGreaterThan(0);
    // Asking for withdrawn reports alone is refused, not answered with an empty list.
    const refused = await viewer.request('GET', '/api/reports?withdrawn=only');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('withdrawn');
    expect(await listed(viewer, `?search=${encodeURIComponent('سراقب')}`)).toEqual([]);
  });
});
