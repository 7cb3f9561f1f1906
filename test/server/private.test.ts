import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../src/contracts/index.js';
import type { EventPage, Facets, ReportPage, Timeline } from '../../src/contracts/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { appOn, makePrivate, seedReports, seedUsers, signedIn } from './harness.js';
import type { App, Client } from './harness.js';

/**
 * A private event (a victim's safety) told by one report: the Deir ez-Zor
 * bombing at al-Shuhayl. The public one is the shelling of Saraqib.
 */
describe.each(engines())('a private event on $name', (engine) => {
  let db: Database;
  let app: App;
  let hidden: string;
  let shown: string;
  let viewer: Client;
  let editor: Client;
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    const ids = await seedReports(db, ['shelling', 'monitor']);
    hidden = ids.get('monitor') ?? '';
    shown = ids.get('shelling') ?? '';
    await makePrivate(db, hidden);
    app = appOn(db);
    viewer = await signedIn(app, 'viewer');
    editor = await signedIn(app, 'editor');
  });
  afterAll(async () => {
    await db.close();
  });

  const get = async <T>(client: Client, path: string): Promise<T> => {
    const response = await client.request('GET', path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  it('leaves no trace for a viewer in the list, a search, the counts, the map or the timeline', async () => {
    const all = await get<EventPage>(viewer, '/api/events');
    expect(all.events.map((e) => e.id)).toEqual([shown]);
    expect(all.total).toBe(1);
    for (const words of ['الشحيل', 'سوريا الديمقراطية', 'مفخخة']) {
      const found = await get<EventPage>(viewer, `/api/events?search=${encodeURIComponent(words)}`);
      expect(found.total, words).toBe(0);
    }
    const onlyPrivate = await get<EventPage>(viewer, '/api/events?private=only');
    expect(onlyPrivate.total).toBe(0);
    const facets = await get<Facets>(viewer, '/api/events/facets');
    expect(facets.governorate.map((c) => c.key)).toEqual(['SY07']);
    expect(JSON.stringify(facets)).not.toMatch(/SDF|SOHR/);
    const map = await get<{ clusters: { event: string | null; count: number }[] }>(
      viewer,
      '/api/events/map?zoom=5&bbox=34,31,43,38',
    );
    expect(map.clusters.reduce((n, c) => n + c.count, 0)).toBe(1);
    expect(JSON.stringify(map)).not.toContain(hidden);
    const timeline = await get<Timeline>(viewer, '/api/events/timeline');
    expect(timeline.buckets.reduce((n, b) => n + b.events, 0)).toBe(1);
    const reports = await get<ReportPage>(viewer, '/api/reports?withdrawn=include');
    expect(reports.reports.map((r) => r.events)).toEqual([[shown]]);
    expect(JSON.stringify(reports)).not.toContain(hidden);
  });

  it('is no event to a viewer at its id: the same 404 as an id that never was', async () => {
    const response = await viewer.request('GET', `/api/events/${encodeURIComponent(hidden)}`);
    const never = await viewer.request('GET', '/api/events/ev:00000000000000000000');
    expect(response.status).toBe(404);
    expect(never.status).toBe(404);
    const keys = async (r: Response) => Object.keys((await r.json()) as object);
    expect(await keys(response)).toEqual(await keys(never));
  });

  it.each(EXPORT_FORMATS)('is in no %s export a viewer makes', async (format) => {
    const response = await viewer.request('GET', `/api/export?format=${format}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    // The editor's export of the same filter has the private event wherever the format shows one.
    const all = await (await editor.request('GET', `/api/export?format=${format}`)).text();
    expect(all.length).toBeGreaterThan(text.length);
    expect(text).not.toContain(hidden);
    expect(text).not.toContain('الشحيل');
  });

  it('is seen, marked private, by an editor', async () => {
    const all = await get<EventPage>(editor, '/api/events');
    expect(all.total).toBe(2);
    expect(all.events.find((e) => e.id === hidden)?.private).toBe(true);
    expect(all.events.find((e) => e.id === shown)?.private).toBe(false);
    const only = await get<EventPage>(editor, '/api/events?private=only');
    expect(only.events.map((e) => e.id)).toEqual([hidden]);
    const detail = await get<{ event: { private: boolean } }>(
      editor,
      `/api/events/${encodeURIComponent(hidden)}`,
    );
    expect(detail.event.private).toBe(true);
  });
});
