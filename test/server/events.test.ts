import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, EventPage } from '../../src/contracts/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { appOn, seedReports, seedUsers, signedIn } from './harness.js';
import type { App, Client } from './harness.js';

const STATUS_ORDER = ['unreviewed', 'reviewed', 'verified', 'disputed', 'rejected'];

describe.each(engines())('the events list sorted on $name', (engine) => {
  let db: Database;
  let app: App;
  let viewer: Client;
  let editor: Client;
  let events: Map<string, string>;
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    events = await seedReports(db, ['monitor', 'sdf', 'shelling', 'laterBombing', 'amaq']);
    app = appOn(db);
    viewer = await signedIn(app, 'viewer');
    editor = await signedIn(app, 'editor');
  });
  afterAll(async () => {
    await db.close();
  });

  const page = async (query: string): Promise<EventPage> => {
    const reply = await viewer.request('GET', `/api/events?${query}`);
    expect(reply.status, await reply.clone().text()).toBe(200);
    return (await reply.json()) as EventPage;
  };

  /** Every event of an order, read a page of one at a time through the cursors. */
  const walk = async (sort: string): Promise<ApiEvent[]> => {
    const seen: ApiEvent[] = [];
    let after: string | null = null;
    do {
      const one: EventPage = await page(
        `sort=${sort}&limit=1${after === null ? '' : `&after=${encodeURIComponent(after)}`}`,
      );
      seen.push(...one.events);
      after = one.next;
    } while (after !== null && seen.length < 100);
    return seen;
  };

  it.each(['date', 'fatalities', 'updated', 'status'])(
    'pages through the list sorted by %s with no event missed or repeated',
    async (sort) => {
      const whole = await page(`sort=${sort}&limit=500`);
      expect(whole.total).toBeGreaterThan(2);
      const walked = await walk(sort);
      expect(walked.map((e) => e.id)).toEqual(whole.events.map((e) => e.id));
      expect(new Set(walked.map((e) => e.id)).size).toBe(whole.total);
    },
  );

  it('sorts by fatalities, most first, events without a figure last', async () => {
    const best = (await page('sort=fatalities&limit=500')).events.map(
      (e) => e.fatalities?.best ?? null,
    );
    const known = best.filter((b): b is number => b !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(best.slice(0, known.length)).toEqual(known);
    expect(known[0]).toBeGreaterThan(known.at(-1) ?? 0);
  });

  it('sorts by review status, what needs a person first, and by last change', async () => {
    const shelling = events.get('shelling') ?? '';
    const reply = await editor.request(
      'POST',
      `/api/events/${encodeURIComponent(shelling)}/status`,
      { status: 'reviewed' },
    );
    expect(reply.status).toBe(200);
    const byStatus = (await page('sort=status&limit=500')).events;
    const ranks = byStatus.map((e) => STATUS_ORDER.indexOf(e.review_status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(byStatus.at(-1)?.id).toBe(shelling);
    // The one just reviewed changed last.
    expect((await page('sort=updated&limit=1')).events[0]?.id).toBe(shelling);
    const bombing = events.get('laterBombing') ?? '';
    await editor.request('POST', `/api/events/${encodeURIComponent(bombing)}/corrections`, {
      field: 'civilian_targeting',
      value: true,
    });
    expect((await page('sort=updated&limit=1')).events[0]?.id).toBe(bombing);
  });

  it('names the field of an unknown order, and of a cursor of another order', async () => {
    const bad = await viewer.request('GET', '/api/events?sort=size');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('sort');
    const { next } = await page('sort=date&limit=1');
    const mixed = await viewer.request(
      'GET',
      `/api/events?sort=fatalities&after=${encodeURIComponent(next ?? '')}`,
    );
    expect(mixed.status).toBe(400);
    const error = ((await mixed.json()) as { error: { field: string; message: string } }).error;
    expect(error.field).toBe('after');
    expect(error.message).toMatch(/sorted by date, not by fatalities/);
  });
});
