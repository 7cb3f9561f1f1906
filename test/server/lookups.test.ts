import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { anonymous, appOn, seedReports, seedUsers, signedIn } from './harness.js';
import type { App, Client } from './harness.js';

interface Term {
  kind: string;
  id: string;
  name_en: string;
  name_ar: string | null;
  parent: string | null;
}

interface Job {
  id: number;
  by: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  summary: { reports_changed: number } | null;
  error: string | null;
}

describe.each(engines())('look-ups and reprocess on $name', (engine) => {
  let db: Database;
  let app: App;
  let viewer: Client;
  let admin: Client;
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    await seedReports(db, ['shelling', 'monitor']);
    app = appOn(db);
    viewer = await signedIn(app, 'viewer');
    admin = await signedIn(app, 'admin');
  });
  afterAll(async () => {
    await db.close();
  });

  const terms = async (query: string): Promise<Term[]> => {
    const reply = await viewer.request('GET', `/api/vocabulary?${query}`);
    expect(reply.status, await reply.clone().text()).toBe(200);
    return ((await reply.json()) as { terms: Term[] }).terms;
  };

  it('looks up actors and claimants by id, English or Arabic name', async () => {
    expect((await terms('kind=actor&q=hez'))[0]).toMatchObject({ id: 'HEZ', name_ar: 'حزب الله' });
    expect((await terms(`kind=actor&q=${encodeURIComponent('حزب الله')}`))[0]?.id).toBe('HEZ');
    const observatory = await terms(`kind=claimant&q=${encodeURIComponent('المرصد')}`);
    expect(observatory.map((t) => t.id)).toContain('SOHR');
    expect(observatory.every((t) => t.kind === 'claimant')).toBe(true);
    // Without words, the whole list a picker shows.
    expect((await terms('kind=actor&limit=500')).length).toBeGreaterThan(20);
    expect(await terms('kind=actor&q=nothing-is-called-this')).toEqual([]);
  });

  it('looks up event and sub-event types, each sub-type under its type', async () => {
    const shelling = await terms('kind=type&q=shelling');
    expect(shelling[0]).toMatchObject({
      id: 'Shelling/artillery/missile attack',
      parent: 'Explosions/Remote violence',
    });
    const all = await terms('kind=type&limit=500');
    expect(all.filter((t) => t.parent === null).map((t) => t.id)).toContain('Battles');
  });

  it('looks up places in the gazetteer, and says which field is wrong', async () => {
    const places = await terms(`kind=place&q=${encodeURIComponent('سراقب')}`);
    expect(places[0]?.name_en).toMatch(/Saraq/);
    expect(places[0]?.parent).toBeTruthy();
    const bad = await viewer.request('GET', '/api/vocabulary?kind=weapon');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('kind');
    expect((await (await anonymous(app)).request('GET', '/api/vocabulary?kind=actor')).status).toBe(
      401,
    );
  });

  const finished = async (): Promise<Job> => {
    for (;;) {
      const { job } = (await (await admin.request('GET', '/api/reprocess')).json()) as {
        job: Job | null;
      };
      if (job === null) throw new Error('no reprocess job');
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('lets an admin reprocess the stored reports in the background, one run at a time', async () => {
    const editor = await signedIn(app, 'editor');
    expect((await editor.request('POST', '/api/reprocess', {})).status).toBe(403);
    expect((await viewer.request('GET', '/api/reprocess')).status).toBe(403);
    expect((await (await anonymous(app)).request('POST', '/api/reprocess', {})).status).toBe(401);

    const started = await admin.request('POST', '/api/reprocess', {});
    expect(started.status, await started.clone().text()).toBe(202);
    const running = ((await started.json()) as { job: Job }).job;
    expect(running).toMatchObject({ by: 'admin', state: 'running' });
    // While a run goes on another is refused; a run over two reports can end before the next
    // request is read (on a server with one connection it queues behind the run), and then
    // the next starts a run of its own.
    const again = await admin.request('POST', '/api/reprocess', {});
    const first = await finished();
    if (again.status === 409) expect(first.id).toBe(running.id);
    else expect([again.status, first.id]).toEqual([202, running.id + 1]);
    const [reports] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
    expect(first).toMatchObject({
      state: 'done',
      error: null,
      total: reports?.n,
      done: reports?.n,
    });
    expect(first.summary).not.toBeNull();

    // Read again with the same wathiq, nothing changes.
    expect((await admin.request('POST', '/api/reprocess', {})).status).toBe(202);
    const second = await finished();
    expect(second.summary?.reports_changed).toBe(0);
    expect(second.id).toBe(first.id + 1);

    // A scope: one outlet's reports, or a filter's events.
    await admin.request('POST', '/api/reprocess', { outlet: 'no outlet is called this' });
    expect((await finished()).total).toBe(0);
    await admin.request('POST', '/api/reprocess', { governorate: 'SY07' });
    const scoped = await finished();
    expect(scoped.total).toBeGreaterThan(0);
    expect(scoped.total).toBeLessThanOrEqual(reports?.n ?? 0);
    const bad = await admin.request('POST', '/api/reprocess', { governorate: 'Atlantis' });
    expect(bad.status).toBe(400);
  });
});
