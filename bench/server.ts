/**
 * The server's figures on both engines, over the kept stores of `--events`
 * events (bench/stores.ts: generated news ingested, its events copied, built
 * the first time): requests as the app makes them, in-process, timed: a
 * filtered list (p50/p95), an event's detail, the map of all of Syria (time
 * and bytes), the timeline; and 20 clients on loopback for `--seconds`
 * (requests per second, each request's wait p50/p95, errors). `--name`
 * names the stores as bench:filters'.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { shippedKnowledge } from '../src/extract/index.js';
import { createApp, listen } from '../src/server/index.js';
import { addUser, createToken, users } from '../src/service/index.js';
import type { Database } from '../src/store/index.js';
import { percentile } from './alternate.js';
import { cpuClock } from './cpu.js';
import { benchArguments, engineChosen, storeName } from './options.js';
import { embeddedStore, serverStore } from './stores.js';

const COMMAND = {
  usage:
    'npm run bench:server [-- --reports N --events N --seconds S --name NAME --pglite|--postgres]',
  counts: { reports: 3000, events: 100_000, seconds: 30 },
  texts: ['name'],
  flags: ['pglite', 'postgres'],
} as const;

const ROOT = { name: 'bench', role: 'admin' } as const;

/** Wall p50 and p95 and mean CPU (cpu.ts: this process's and the server's backends') per request, in ms. */
async function timed(
  db: Database,
  runs: number,
  request: (k: number) => Promise<Response>,
): Promise<{ p50: number; p95: number; cpu: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  const spent = await cpuClock(db);
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    const response = await request(k);
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`status ${String(response.status)}`);
    bytes = body.byteLength;
  }
  const cpu = (await spent()) / runs;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpu, bytes };
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const costs = (t: { p50: number; p95: number; cpu: number }): string =>
  `p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  CPU ${ms(t.cpu)}`;

async function figures(label: string, db: Database, seconds: number) {
  const [held] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  const events = held?.n ?? 0;
  if (!(await users(db)).some((u) => u.name === 'reader'))
    await addUser({ db, knowledge: shippedKnowledge }, ROOT, {
      name: 'reader',
      role: 'viewer',
      password: 'a bench password',
    });
  const { secret } = await createToken({ db, knowledge: shippedKnowledge }, ROOT, {
    user: 'reader',
    name: 'bench',
  });
  const headers = { authorization: `Bearer ${secret}` };
  const app = createApp({ db, knowledge: shippedKnowledge, log: pino({ level: 'silent' }) });
  const get = (path: string) => Promise.resolve(app.request(path, { headers }));
  const lines = [
    `${label}: ${String(events)} events (viewer: public ones only, every 50th copy private)`,
  ];
  const filters = [
    '/api/events?limit=50',
    '/api/events?limit=50&governorate=SY07',
    '/api/events?limit=50&type=Battles&from=2023-06-01',
    '/api/events?limit=50&claimant=SOHR',
  ];
  const list = await timed(db, 40, (k) => get(filters[k % filters.length] ?? ''));
  lines.push(`  filtered list (50, with total)   ${costs(list)}`);
  const page = (await (await get('/api/events?limit=50')).json()) as { events: { id: string }[] };
  const ids = page.events.map((e) => e.id);
  const detail = await timed(db, 40, (k) =>
    get(`/api/events/${encodeURIComponent(ids[k % ids.length] ?? '')}`),
  );
  lines.push(`  event detail                     ${costs(detail)}`);
  const map = await timed(db, 20, () => get('/api/events/map?zoom=7&bbox=35.5,32.3,42.4,37.4'));
  lines.push(
    `  map, all of Syria (zoom 7)       ${costs(map)}  ${(map.bytes / 1024).toFixed(1)} KB`,
  );
  const timeline = await timed(db, 20, () => get('/api/events/timeline'));
  lines.push(`  timeline (all, by period)        ${costs(timeline)}`);
  const facets = await timed(db, 20, () => get('/api/events/facets'));
  lines.push(`  facets (all)                     ${costs(facets)}`);

  // 20 clients on loopback, each asking what the events page asks, for `seconds`.
  const server = await listen(app.fetch, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${String(port)}`;
  const mix = [...filters, '/api/events/facets', '/api/events/map?zoom=7&bbox=35.5,32.3,42.4,37.4'];
  let done = 0;
  let errors = 0;
  // Each request's wall time as its client saw it: what 20 people at once wait for.
  const waits: number[] = [];
  const spent = await cpuClock(db);
  const kinds = new Set<string>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 20 }, async (_, client) => {
      let k = client;
      while (performance.now() < end) {
        const path =
          k % 3 === 0
            ? `/api/events/${encodeURIComponent(ids[k % ids.length] ?? '')}`
            : mix[k % mix.length];
        k++;
        try {
          const started = performance.now();
          const response = await fetch(`${base}${path ?? ''}`, { headers });
          await response.arrayBuffer();
          waits.push(performance.now() - started);
          if (response.status === 200) done++;
          else {
            errors++;
            kinds.add(`${String(response.status)} ${path ?? ''}`);
          }
        } catch (error) {
          errors++;
          kinds.add(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  server.close();
  const cpu = await spent();
  waits.sort((a, b) => a - b);
  lines.push(
    `  20 clients, ${String(seconds)} s, loopback        ${(done / seconds).toFixed(0)} requests/s, wait p50 ${ms(percentile(waits, 50))} p95 ${ms(percentile(waits, 95))}, ${(cpu / Math.max(1, done)).toFixed(1)} ms CPU per request, ${String(errors)} errors${kinds.size > 0 ? ` (${[...kinds].slice(0, 3).join('; ')})` : ''}`,
  );
  return lines;
}

async function main(): Promise<void> {
  const { counts, texts, flags } = benchArguments(COMMAND);
  const { reports, events: target, seconds } = counts;
  process.stdout.write(
    `wathiq server bench: ${String(reports)} generated reports, events copied to ${String(target)}\n`,
  );
  const name = storeName(texts.name);
  const only = engineChosen(flags);
  if (only !== 'pglite') {
    const db = await serverStore(reports, target, name);
    if (db !== null)
      try {
        for (const line of await figures('PostgreSQL', db, seconds))
          process.stdout.write(`${line}\n`);
      } finally {
        await db.close();
      }
  }
  if (only !== 'postgres') {
    const embedded = await embeddedStore(reports, target, name, true);
    try {
      for (const line of await figures('PGlite', embedded, seconds))
        process.stdout.write(`${line}\n`);
    } finally {
      await embedded.close();
    }
  }
}

await main();
