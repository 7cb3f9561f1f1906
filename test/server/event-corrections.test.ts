import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, EventDetail } from '../../src/contracts/index.js';
import { appendAudit } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { appOn, seedReports, seedUsers, signedIn } from './harness.js';
import type { Client } from './harness.js';

/** A village of Deir ez-Zor other than al-Shuhayl, where the bombing is first read. */
const KISHKIYEH = 'C5172';

describe.each(engines())('an event’s corrections kept on the event on $name', (engine) => {
  let db: Database;
  let editor: Client;
  let event: string;
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    event = (await seedReports(db, ['monitor', 'sdf'])).get('monitor') ?? '';
    editor = await signedIn(appOn(db), 'editor');
  });
  afterAll(async () => {
    await db.close();
  });

  const detail = async (id: string): Promise<EventDetail> => {
    const reply = await editor.request('GET', `/api/events/${encodeURIComponent(id)}`);
    expect(reply.status, await reply.clone().text()).toBe(200);
    return (await reply.json()) as EventDetail;
  };
  /** The event an incident is in now: an event's id follows its first incident. */
  const eventOf = async (incident: string): Promise<string> => {
    const [row] = await db.query<{ event_id: string | null }>(
      'SELECT event_id FROM incidents WHERE id = $1',
      [incident],
    );
    if (row?.event_id === null || row?.event_id === undefined)
      throw new Error(`incident ${incident} is in no event`);
    return row.event_id;
  };
  const changed = async (reply: Response): Promise<AuditEntry> => {
    expect(reply.status, await reply.clone().text()).toBe(200);
    const { change } = (await reply.json()) as { change: AuditEntry | null };
    if (change === null) throw new Error('nothing changed');
    return change;
  };
  const correctPlace = (id: string): Promise<AuditEntry> =>
    editor
      .request('POST', `/api/events/${encodeURIComponent(id)}/corrections`, {
        field: 'place',
        value: { place_id: KISHKIYEH },
      })
      .then(changed);
  const revert = (change: AuditEntry): Promise<AuditEntry> =>
    editor.request('POST', `/api/audit/${String(change.id)}/revert`, {}).then(changed);

  it('keeps a corrected place when the first report is withdrawn, and a revert restores the machine’s exactly', async () => {
    const machine = await detail(event);
    const [first, second] = machine.event.members;
    if (first === undefined || second === undefined) throw new Error('the event has one report');
    const place = await correctPlace(event);

    const withdrawal = await editor
      .request('POST', `/api/reports/${encodeURIComponent(first.document)}/withdraw`, {})
      .then(changed);
    const heir = await eventOf(second.incident);
    expect(heir).not.toBe(event);
    const shown = await detail(heir);
    expect(shown.event.members.map((m) => m.incident)).toEqual([second.incident]);
    expect(shown.event.location?.place_id).toBe(KISHKIYEH);
    // Who corrected it, on the event; the machine's reading beside it, in the report's incidents.
    const correction = shown.corrections.find((c) => c.field === 'event.place');
    expect(correction).toMatchObject({ event: heir, incident: null, by: 'editor' });
    expect(JSON.stringify(shown.reports.flatMap((r) => r.incidents))).not.toContain(KISHKIYEH);

    // Reverting the correction on the event that inherited it shows the machine's place again.
    await revert(place);
    expect((await detail(heir)).event.location?.place_id).not.toBe(KISHKIYEH);
    expect((await detail(heir)).corrections.some((c) => c.field === 'event.place')).toBe(false);

    await revert(withdrawal);
    expect(await eventOf(first.incident)).toBe(event);
    expect((await detail(event)).event).toEqual(machine.event);
  });

  it('keeps a corrected place when the first incident is marked «not an incident», and through its revert', async () => {
    const machine = await detail(event);
    const [first, second] = machine.event.members;
    if (first === undefined || second === undefined) throw new Error('the event has one report');
    const place = await correctPlace(event);
    const marked = await editor
      .request('POST', `/api/events/${encodeURIComponent(event)}/corrections`, {
        field: 'not_incident',
        value: { incident: first.incident },
      })
      .then(changed);
    const heir = await eventOf(second.incident);
    expect(heir).not.toBe(event);
    expect((await detail(heir)).event.location?.place_id).toBe(KISHKIYEH);

    await revert(marked);
    expect(await eventOf(first.incident)).toBe(event);
    const back = await detail(event);
    expect(back.event.members.map((m) => m.incident)).toEqual([first.incident, second.incident]);
    expect(back.event.location?.place_id).toBe(KISHKIYEH);
    expect(back.corrections.find((c) => c.field === 'event.place')?.event).toBe(event);

    // Each change one entry in the event's history, with the value before and after.
    const history = back.history.filter((h) => h.id >= place.id);
    expect(history.map((h) => h.action)).toEqual(['revert', 'correct', 'correct']);
    expect(history.at(-1)?.after).toMatchObject({ place_id: KISHKIYEH });
    expect(history.at(-1)?.before).toBeNull();

    await revert(place);
    expect((await detail(event)).event).toEqual(machine.event);
  });

  it('reverts a change logged when event corrections were kept on the first incident, on the event it is in now', async () => {
    const machine = await detail(event);
    const [first] = machine.event.members;
    if (first === undefined) throw new Error('the event has no members');
    const place = await correctPlace(event);
    // As such a change was logged: keyed by the incident that anchored the correction.
    const record = {
      by: 'editor',
      action: 'correct',
      kind: 'correction',
      key: { incident: first.incident, field: 'event.place' },
      before: null,
      after: place.after,
      reason: null,
      reverts: null,
      event,
      incidents: [first.incident],
    } as const;
    await revert(await appendAudit(db, record));
    expect((await detail(event)).event).toEqual(machine.event);
    // A field no event has is refused with a line naming it, not a stack trace.
    const odd = await appendAudit(db, {
      ...record,
      key: { incident: first.incident, field: 'event.colour' },
    });
    const refused = await editor.request('POST', `/api/audit/${String(odd.id)}/revert`, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('no event field colour');
  });

  it('puts back changes made as one in one request: all of them, or none when one cannot be', async () => {
    const [first] = (await detail(event)).event.members;
    if (first === undefined) throw new Error('the event has no members');
    const now = await eventOf(first.incident);
    const machine = await detail(now);
    const auditCount = async (): Promise<number> =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;
    // A change that cannot be put back, logged before the two that can.
    const odd = await appendAudit(db, {
      by: 'editor',
      action: 'correct',
      kind: 'correction',
      key: { incident: first.incident, field: 'event.colour' },
      before: null,
      after: 'red',
      reason: null,
      reverts: null,
      event: now,
      incidents: [first.incident],
    });
    const place = await correctPlace(now);
    const actor = await editor
      .request('POST', `/api/events/${encodeURIComponent(now)}/corrections`, {
        field: 'actor2',
        value: 'SDF',
      })
      .then(changed);
    const corrected = await detail(now);
    const logged = await auditCount();

    const refused = await editor.request('POST', '/api/audit/revert', {
      ids: [odd.id, place.id, actor.id],
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('no event field colour');
    expect((await detail(now)).event).toEqual(corrected.event);
    expect(await auditCount()).toBe(logged);

    const reply = await editor.request('POST', '/api/audit/revert', {
      ids: [place.id, actor.id],
      reason: 'both were right',
    });
    expect(reply.status, await reply.clone().text()).toBe(200);
    const { changes, event: after } = (await reply.json()) as {
      changes: AuditEntry[];
      event: string | null;
    };
    expect(changes.map((c) => [c.action, c.reverts, c.reason])).toEqual([
      ['revert', actor.id, 'both were right'],
      ['revert', place.id, 'both were right'],
    ]);
    expect(await auditCount()).toBe(logged + 2);
    expect(after).toBe(now);
    expect((await detail(now)).event).toEqual(machine.event);
  });
});
