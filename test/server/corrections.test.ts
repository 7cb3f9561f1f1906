import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, EventDetail, EventPage } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { regroup } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { appOn, seedReports, seedUsers, signedIn } from './harness.js';
import type { App, Client } from './harness.js';

/** A village of Deir ez-Zor other than al-Shuhayl, where the bombing is first read. */
const KISHKIYEH = 'C5172';

describe.each(engines())('corrections, history and revert on $name', (engine) => {
  let db: Database;
  let app: App;
  let editor: Client;
  let admin: Client;
  let event: string;
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    event = (await seedReports(db, ['monitor', 'sdf'])).get('monitor') ?? '';
    app = appOn(db);
    editor = await signedIn(app, 'editor');
    admin = await signedIn(app, 'admin');
  });
  afterAll(async () => {
    await db.close();
  });

  const detail = async (id = event): Promise<EventDetail> => {
    const reply = await editor.request('GET', `/api/events/${encodeURIComponent(id)}`);
    expect(reply.status, await reply.clone().text()).toBe(200);
    return (await reply.json()) as EventDetail;
  };
  const correct = async (field: string, value: unknown): Promise<AuditEntry> => {
    const reply = await editor.request(
      'POST',
      `/api/events/${encodeURIComponent(event)}/corrections`,
      { field, value },
    );
    expect(reply.status, `${field}: ${await reply.clone().text()}`).toBe(200);
    const { change } = (await reply.json()) as { change: AuditEntry | null };
    if (change === null) throw new Error(`correcting ${field} changed nothing`);
    return change;
  };
  const auditCount = async (): Promise<number> => {
    const reply = await admin.request('GET', '/api/audit?limit=1000');
    return ((await reply.json()) as { entries: AuditEntry[] }).entries.length;
  };

  it('corrects every field of an event, each change one audit entry with before and after', async () => {
    const before = await detail();
    expect(before.reports.length).toBe(2);
    const start = await auditCount();
    const sohr = before.event.claims.find((c) => c.claimant === 'SOHR');
    const sdf = before.event.claims.find((c) => c.claimant !== 'SOHR');
    const figure = sohr?.figures[0];
    if (sohr === undefined || figure === undefined || sdf === undefined)
      throw new Error('the reports read no SOHR figure');

    const changes = [
      await correct('place', { place_id: KISHKIYEH }),
      await correct('date', { start: '2024-03-12', end: '2024-03-12', precision: 'day' }),
      await correct('sub_event_type', 'Remote explosive/landmine/IED'),
      await correct('actor1', 'ISIS'),
      await correct('claim', {
        document: sohr.document,
        claimant: sohr.claimant,
        measure: figure.measure,
        victim: figure.victim,
        count: 5,
      }),
      await correct('add_claim', {
        document: sohr.document,
        claimant: 'SOHR',
        measure: 'injured',
        victim: figure.victim,
        count: 7,
      }),
    ];
    expect(await auditCount()).toBe(start + changes.length);
    for (const change of changes) {
      expect(change.by).toBe('editor');
      expect(change.after).not.toBeNull();
    }

    const after = (await detail()).event;
    expect(after.location?.place_id).toBe(KISHKIYEH);
    expect(after.location?.chosen_by).toBe('user');
    expect(after.date).toEqual({ start: '2024-03-12', end: '2024-03-12', precision: 'day' });
    expect(after.sub_event_type).toBe('Remote explosive/landmine/IED');
    expect(after.actor1).toBe('ISIS');
    const corrected = after.claims.find((c) => c.claimant === 'SOHR');
    expect(corrected?.figures.find((f) => f.measure === figure.measure)?.count).toBe(5);
    expect(
      after.claims.some((c) => c.figures.some((f) => f.measure === 'injured' && f.count === 7)),
    ).toBe(true);
    // The figures are recomputed from the corrected claims: the monitor's 5, not its 4.
    expect(after.fatalities?.best).toBe(5);
    // The machine's reading stays beside it, in each report's incidents; who corrected, with it.
    const shown = await detail();
    expect(JSON.stringify(shown.reports.flatMap((r) => r.incidents))).not.toContain(KISHKIYEH);
    expect(shown.corrections.find((c) => c.field === 'event.place')?.by).toBe('editor');
  });

  it('refuses a date that ends before it starts, naming the field', async () => {
    const reply = await editor.request(
      'POST',
      `/api/events/${encodeURIComponent(event)}/corrections`,
      { field: 'date', value: { start: '2024-03-14', end: '2024-03-12', precision: 'week' } },
    );
    expect(reply.status).toBe(400);
    expect(JSON.stringify(await reply.json())).toContain('the end is before the start');
  });

  it('keeps corrections through a re-link and a new report joining the event', async () => {
    const [first] = await db.query<{ id: string }>(
      'SELECT id FROM incidents WHERE event_id = $1 ORDER BY id',
      [event],
    );
    await db.transaction((tx) => regroup(tx, [first?.id ?? ''], shippedKnowledge().lexicon));
    await seedReports(db, ['amaq']);
    const page = (await (
      await editor.request('GET', '/api/events?search=الشحيل')
    ).json()) as EventPage;
    const now = page.events.find((e) => e.members.some((m) => m.incident === first?.id));
    expect(now?.location?.place_id).toBe(KISHKIYEH);
    expect(now?.actor1).toBe('ISIS');
    expect(now?.members.length).toBeGreaterThanOrEqual(2);
  });

  it('reverts a change to the exact state before it, logging the revert too', async () => {
    const snapshot = (await detail()).event;
    const change = await correct('actor2', 'SDF');
    expect((await detail()).event.actor2).toBe('SDF');
    const count = await auditCount();
    const reply = await editor.request('POST', `/api/audit/${String(change.id)}/revert`, {});
    expect(reply.status, await reply.clone().text()).toBe(200);
    const { change: revert } = (await reply.json()) as { change: AuditEntry };
    expect(revert.reverts).toBe(change.id);
    expect(await auditCount()).toBe(count + 1);
    expect((await detail()).event).toEqual(snapshot);
  });

  it('strikes an invented figure and marks an incident no incident', async () => {
    const { event: e, reports } = await detail();
    const claim = e.claims.find((c) => c.figures.length > 0 && c.claimant !== 'SOHR');
    const figure = claim?.figures[0];
    if (claim === undefined || figure === undefined) throw new Error('no claim to strike');
    await correct('claim', {
      document: claim.document,
      claimant: claim.claimant,
      measure: figure.measure,
      victim: figure.victim,
      struck: true,
    });
    const struck = (await detail()).event.claims.filter((c) => c.document === claim.document);
    expect(
      struck
        .flatMap((c) => c.figures)
        .some((f) => f.count === figure.count && f.measure === figure.measure),
    ).toBe(false);
    const last = reports.at(-1);
    const incident = last?.incidents[0];
    if (last === undefined || incident === undefined) throw new Error('no report');
    const key = `${last.document}#${incident.id}`;
    await correct('not_incident', { incident: key });
    const left = await detail();
    expect(left.event.members.map((m) => m.incident)).not.toContain(key);
  });

  it('corrects who makes a claim, keeps its figures and their corrections, and a viewer may not', async () => {
    const before = (await detail()).event;
    const sohr = before.claims.find((c) => c.claimant === 'SOHR');
    const figure = sohr?.figures[0];
    if (sohr === undefined || figure === undefined) throw new Error('no SOHR claim');
    const viewer = await signedIn(app, 'viewer');
    const refused = await viewer.request(
      'POST',
      `/api/events/${encodeURIComponent(event)}/corrections`,
      { field: 'claimant', value: { document: sohr.document, claimant: 'SOHR', to: 'SNHR' } },
    );
    expect(refused.status).toBe(403);
    expect((await detail()).event).toEqual(before);

    const renamed = await correct('claimant', {
      document: sohr.document,
      claimant: 'SOHR',
      to: 'SNHR',
    });
    expect(renamed.after).toEqual({ claimant: 'SNHR' });
    const now = (await detail()).event;
    const moved = now.claims.find((c) => c.document === sohr.document && c.claimant === 'SNHR');
    expect(moved?.figures.map((f) => f.count)).toEqual(sohr.figures.map((f) => f.count));
    // Only a claim a person added is left to SOHR in that report: it is as they wrote it.
    expect(
      now.claims.some(
        (c) =>
          c.document === sohr.document &&
          c.claimant === 'SOHR' &&
          c.figures.some((f) => f.measure === figure.measure && f.count === figure.count),
      ),
    ).toBe(false);
    // A count is corrected on the claimant the page shows, and renamed again it stays.
    await correct('claim', {
      document: sohr.document,
      claimant: 'SNHR',
      measure: figure.measure,
      victim: figure.victim,
      count: 9,
    });
    await correct('claimant', { document: sohr.document, claimant: 'SNHR', to: 'VDC' });
    const again = (await detail()).event.claims.find(
      (c) => c.document === sohr.document && c.claimant === 'VDC',
    );
    expect(again?.figures.find((f) => f.measure === figure.measure)?.count).toBe(9);
    // Named back to what the machine read, no claimant correction is left.
    const back = await correct('claimant', {
      document: sohr.document,
      claimant: 'VDC',
      to: 'SOHR',
    });
    expect(back.after).toBeNull();
    const history = (await detail()).history.filter((c) =>
      String(c.key['field']).startsWith('claimant:'),
    );
    expect(history.map((c) => c.key['field'])).toEqual([
      'claimant:SOHR',
      'claimant:SOHR',
      'claimant:SOHR',
    ]);
  });

  it('lets the role table decide who sets which status', async () => {
    const path = `/api/events/${encodeURIComponent(event)}/status`;
    expect((await editor.request('POST', path, { status: 'reviewed' })).status).toBe(200);
    expect((await editor.request('POST', path, { status: 'verified' })).status).toBe(403);
    expect((await admin.request('POST', path, { status: 'verified' })).status).toBe(200);
    expect((await detail()).event.review_status).toBe('verified');
  });

  it('filters the audit log by user, event and date', async () => {
    const byEditor = (await (await admin.request('GET', '/api/audit?by=editor')).json()) as {
      entries: AuditEntry[];
    };
    expect(byEditor.entries.length).toBeGreaterThan(0);
    expect(byEditor.entries.every((e) => e.by === 'editor')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const onEvent = (await (
      await admin.request('GET', `/api/audit?event=${encodeURIComponent(event)}&from=${today}`)
    ).json()) as { entries: AuditEntry[] };
    expect(onEvent.entries.length).toBeGreaterThan(0);
    const none = (await (await admin.request('GET', '/api/audit?to=2000-01-01')).json()) as {
      entries: AuditEntry[];
    };
    expect(none.entries).toEqual([]);
    expect((await editor.request('GET', '/api/audit')).status).toBe(403);
  });

  it('splits a report out of an event and joins it back', async () => {
    const { event: e } = await detail();
    const member = e.members.at(-1)?.incident ?? '';
    const reply = await editor.request('POST', `/api/events/${encodeURIComponent(event)}/split`, {
      incident: member,
    });
    expect(reply.status, await reply.clone().text()).toBe(200);
    const { event: apart, rest } = (await reply.json()) as { event: string; rest: string };
    expect(apart).not.toBe(event);
    // The others stay together; the first member is kept, so the event keeps its id.
    expect(rest).toBe(event);
    expect((await detail()).event.members.map((m) => m.incident)).not.toContain(member);
    const back = await editor.request('POST', `/api/events/${encodeURIComponent(event)}/join`, {
      with: apart,
    });
    expect(back.status, await back.clone().text()).toBe(200);
    expect((await detail()).event.members.map((m) => m.incident)).toContain(member);
  });

  it('gives changes made in one action one group, set by the server, and another to the next action', async () => {
    const first = await correct('actor2', 'SDF');
    const second = await correct('civilian_targeting', true);
    expect(second.group).not.toBe(first.group);
    // Put back in one request: the reverts are one action, a group of their own.
    const reply = await editor.request('POST', '/api/audit/revert', {
      ids: [first.id, second.id],
    });
    expect(reply.status, await reply.clone().text()).toBe(200);
    const history = (await detail()).history;
    const reverts = history.filter((c) => c.reverts === first.id || c.reverts === second.id);
    expect(reverts).toHaveLength(2);
    expect(new Set(reverts.map((c) => c.group)).size).toBe(1);
    expect([first.group, second.group]).not.toContain(reverts[0]?.group);
    // A split is one decision against each other report of the event: one group.
    const { event: e } = await detail();
    const member = e.members.at(-1)?.incident ?? '';
    const split = await editor.request('POST', `/api/events/${encodeURIComponent(event)}/split`, {
      incident: member,
    });
    expect(split.status, await split.clone().text()).toBe(200);
    const decisions = (await detail()).history.filter(
      (c) => c.kind === 'decision' && c.action === 'split',
    );
    const newest = decisions[0]?.group;
    const ofSplit = decisions.filter((c) => c.group === newest);
    expect(ofSplit.length).toBe(e.members.length - 1);
  });
});
