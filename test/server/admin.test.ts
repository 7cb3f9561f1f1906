import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage, Place } from '../../src/contracts/index.js';
import pino from 'pino';
import type { Knowledge } from '../../src/extract/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { createApp } from '../../src/server/index.js';
import type { Database } from '../../src/store/index.js';
import { engines } from '../store/engines.js';
import { appOn, seedReports, seedUsers, signedIn, signIn } from './harness.js';
import type { App, Client } from './harness.js';

const SHELLING = {
  text: 'قتل ثلاثة مدنيين في قصف مدفعي على مدينة معرة النعمان جنوبي إدلب اليوم، بحسب الدفاع المدني.',
  outlet: 'شبكة اختبار',
  published: '2024-04-02',
};

interface Saved {
  outcome: string;
  reason: string | null;
  document: string | null;
  events: string[];
  completed: string[];
  not_completed: { facts: string[]; reason: string } | null;
  differing: { fact: string; stored: string; given: string }[];
}

describe.each(engines())('reports, users and look-ups on $name', (engine) => {
  let db: Database;
  let app: App;
  let editor: Client;
  let admin: Client;
  beforeAll(async () => {
    db = await engine.open();
    await seedUsers(db);
    await seedReports(db, ['shelling']);
    app = appOn(db);
    editor = await signedIn(app, 'editor');
    admin = await signedIn(app, 'admin');
  });
  afterAll(async () => {
    await db.close();
  });

  const total = async (): Promise<number> =>
    ((await (await editor.request('GET', '/api/events')).json()) as EventPage).total;

  it('previews a pasted report without storing it, then stores it through ingest', async () => {
    const before = await total();
    const preview = await editor.request('POST', '/api/reports/preview', SHELLING);
    expect(preview.status).toBe(200);
    const read = (await preview.json()) as {
      text: string;
      incidents: { location: { span: [number, number] } | null }[];
    };
    expect(read.incidents.length).toBeGreaterThan(0);
    // The text as read, so that the app can mark the words behind each field.
    const [start, end] = read.incidents[0]?.location?.span ?? [0, 0];
    expect(read.text.slice(start, end)).toContain('معرة النعمان');
    expect(await total()).toBe(before);
    const saved = (await (await editor.request('POST', '/api/reports', SHELLING)).json()) as Saved;
    expect(saved.outcome).toBe('added');
    expect(saved.events.length).toBe(1);
    expect(await total()).toBe(before + 1);
    const again = (await (await editor.request('POST', '/api/reports', SHELLING)).json()) as Saved;
    expect(again.outcome).toBe('known');
    expect(await total()).toBe(before + 1);
  });

  it('says which facts a pasted report gave one stored without them, and which it could not give', async () => {
    // A gazetteer that fails when read, as a broken data folder would make it, for the second paste.
    let broken = false;
    const failing: Knowledge = {
      ...shippedKnowledge(),
      gazetteer: new Proxy(shippedKnowledge().gazetteer, {
        get: () => {
          throw new Error('the gazetteer could not be read');
        },
      }),
    };
    const own = createApp({
      db,
      knowledge: () => (broken ? failing : shippedKnowledge()),
      log: pino({ level: 'silent' }),
    });
    const writer = await signedIn(own, 'editor');
    const UNDATED = {
      text: 'أصيب طفلان بجروح في انفجار لغم أرضي قرب قرية كفرنبودة بريف حماة الشمالي.',
    };
    const paste = async (body: object): Promise<Saved> =>
      (await (await writer.request('POST', '/api/reports', body)).json()) as Saved;
    const notADay = await writer.request('POST', '/api/reports', {
      ...UNDATED,
      published: '2024-02-30',
    });
    expect(notADay.status).toBe(400);
    expect(JSON.stringify(await notADay.json())).toContain('published');
    expect(await paste(UNDATED)).toMatchObject({
      outcome: 'added',
      completed: [],
      not_completed: null,
    });
    broken = true;
    expect(await paste({ ...UNDATED, published: '2024-07-09' })).toMatchObject({
      outcome: 'known',
      completed: [],
      not_completed: { facts: ['published'], reason: 'the gazetteer could not be read' },
    });
    broken = false;
    expect(await paste({ ...UNDATED, published: '2024-07-09' })).toMatchObject({
      outcome: 'known',
      completed: ['published'],
      not_completed: null,
    });
    // Where the date came from: the form a person filled in.
    const [stored] = await db.query<{ published: string; sources: Record<string, string> }>(
      'SELECT published, sources FROM documents WHERE text = $1',
      [UNDATED.text],
    );
    expect(stored).toMatchObject({ published: '2024-07-09', sources: { published: 'form' } });
    // Pasted again with another date: the stored one stands, and the answer says which it is.
    expect(await paste({ ...UNDATED, published: '2024-07-11' })).toMatchObject({
      outcome: 'known',
      completed: [],
      differing: [{ fact: 'published', stored: '2024-07-09', given: '2024-07-11' }],
    });
  });

  it('takes uploaded files: each NDJSON line a report, a bad one a failure with its reason', async () => {
    const form = new FormData();
    const lines = [
      { ...SHELLING, text: SHELLING.text.replace('ثلاثة', 'خمسة'), published: '2024-05-01' },
      { ...SHELLING, text: SHELLING.text.replace('ثلاثة', 'سبعة'), published: '2024-06-01' },
    ];
    form.append('file', new File([lines.map((l) => JSON.stringify(l)).join('\n')], 'news.ndjson'));
    form.append('file', new File(['{ not json'], 'broken.ndjson'));
    const reply = await editor.request('POST', '/api/reports/upload', form);
    expect(reply.status, await reply.clone().text()).toBe(200);
    const { reports } = (await reply.json()) as { reports: Saved[] };
    expect(reports.filter((r) => r.outcome === 'added').length).toBe(2);
    const failed = reports.find((r) => r.outcome === 'failed');
    expect(failed?.reason).toBeTruthy();
  });

  it('finds places for a picker by Arabic or English name', async () => {
    const reply = await editor.request('GET', `/api/gazetteer?q=${encodeURIComponent('سراقب')}`);
    const { places } = (await reply.json()) as { places: Place[] };
    expect(places[0]?.name_en).toMatch(/Saraqab|Saraqib/);
    // Its governorate in Arabic too, for the picker of an Arabic reader.
    expect(places[0]?.admin1_ar).toBe('إدلب');
    // And its district, which tells apart towns of one name in one governorate.
    expect(places[0]).toMatchObject({ admin2: 'Idleb', admin2_ar: 'إدلب' });
    const english = (await (await editor.request('GET', '/api/gazetteer?q=Saraq')).json()) as {
      places: Place[];
    };
    expect(english.places.length).toBeGreaterThan(0);
  });

  it('says what each place found is, so a town and its sub-district of one name differ', async () => {
    const reply = await editor.request('GET', `/api/gazetteer?q=${encodeURIComponent('سرمين')}`);
    const { places } = (await reply.json()) as { places: Place[] };
    const sarmin = places.filter((p) => p.name_en === 'Sarmin');
    expect(sarmin.map((p) => p.kind).sort()).toEqual(['community', 'subdistrict']);
    expect(new Set(sarmin.map((p) => p.id)).size).toBe(sarmin.length);
  });

  it('queues unreviewed events with the reasons they need a person', async () => {
    const reply = await editor.request('GET', '/api/review/queue');
    const { items } = (await reply.json()) as {
      items: { event: { review_status: string }; reasons: string[] }[];
    };
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.event.review_status === 'unreviewed')).toBe(true);
  });

  it('lets an admin add users, change their role and disable them', async () => {
    const added = await admin.request('POST', '/api/users', {
      name: 'salma',
      role: 'viewer',
      password: 'another long password',
    });
    expect(added.status, await added.clone().text()).toBe(200);
    const salma = await signIn(app, 'salma', 'another long password');
    expect(salma.status).toBe(200);
    const promoted = await admin.request('PATCH', '/api/users/salma', { role: 'editor' });
    expect(((await promoted.json()) as { user: { role: string } }).user.role).toBe('editor');
    await admin.request('PATCH', '/api/users/salma', { disabled: true });
    expect((await signIn(app, 'salma', 'another long password')).status).toBe(401);
    const short = await admin.request('POST', '/api/users', {
      name: 'x',
      role: 'viewer',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { field: string } }).error.field).toBe('password');
    expect((await editor.request('GET', '/api/users')).status).toBe(403);
  });
});
