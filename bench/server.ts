/**
 * npm run bench:server [-- --reports N --events N --seconds S]
 *
 * The server's figures on both engines: generated news ingested, its events
 * copied (new ids, days and points spread over Syria) up to `--events`, then
 * requests as the app makes them, in-process, timed: a filtered list (p50/p95),
 * an event's detail, the map of all of Syria (time and bytes), the timeline;
 * and 20 clients on loopback for `--seconds` (requests per second, errors).
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { shippedKnowledge } from '../src/extract/index.js';
import { createApp, listen } from '../src/server/index.js';
import { addUser, createToken } from '../src/service/index.js';
import { openStore } from '../src/store/index.js';
import type { Database } from '../src/store/index.js';
import { fill } from './fill.js';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i < 0 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const ROOT = { name: 'bench', role: 'admin' } as const;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function timed(
  runs: number,
  request: (k: number) => Promise<Response>,
): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    const response = await request(k);
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`status ${String(response.status)}`);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function figures(
  label: string,
  db: Database,
  reports: number,
  target: number,
  seconds: number,
) {
  const events = await fill(db, reports, target);
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
  const list = await timed(40, (k) => get(filters[k % filters.length] ?? ''));
  lines.push(`  filtered list (50, with total)   p50 ${ms(list.p50)}  p95 ${ms(list.p95)}`);
  const page = (await (await get('/api/events?limit=50')).json()) as { events: { id: string }[] };
  const ids = page.events.map((e) => e.id);
  const detail = await timed(40, (k) =>
    get(`/api/events/${encodeURIComponent(ids[k % ids.length] ?? '')}`),
  );
  lines.push(`  event detail                     p50 ${ms(detail.p50)}  p95 ${ms(detail.p95)}`);
  const map = await timed(20, () => get('/api/events/map?zoom=7&bbox=35.5,32.3,42.4,37.4'));
  lines.push(
    `  map, all of Syria (zoom 7)       p50 ${ms(map.p50)}  p95 ${ms(map.p95)}  ${(map.bytes / 1024).toFixed(1)} KB`,
  );
  const timeline = await timed(20, () => get('/api/events/timeline'));
  lines.push(`  timeline (all, by period)        p50 ${ms(timeline.p50)}  p95 ${ms(timeline.p95)}`);
  const facets = await timed(20, () => get('/api/events/facets'));
  lines.push(`  facets (all)                     p50 ${ms(facets.p50)}  p95 ${ms(facets.p95)}`);

  // 20 clients on loopback, each asking what the events page asks, for `seconds`.
  const server = await listen(app.fetch, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${String(port)}`;
  const mix = [...filters, '/api/events/facets', '/api/events/map?zoom=7&bbox=35.5,32.3,42.4,37.4'];
  let done = 0;
  let errors = 0;
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
          const response = await fetch(`${base}${path ?? ''}`, { headers });
          await response.arrayBuffer();
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
  lines.push(
    `  20 clients, ${String(seconds)} s, loopback        ${(done / seconds).toFixed(0)} requests/s, ${String(errors)} errors${kinds.size > 0 ? ` (${[...kinds].slice(0, 3).join('; ')})` : ''}`,
  );
  return lines;
}

async function main(): Promise<void> {
  const reports = argument('--reports', 3000);
  const target = argument('--events', 100_000);
  const seconds = argument('--seconds', 30);
  process.stdout.write(
    `wathiq server bench: ${String(reports)} generated reports, events copied to ${String(target)}\n`,
  );
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  let url: string | null = null;
  try {
    await client.connect();
    await client.query('DROP DATABASE IF EXISTS wathiq_bench_server');
    await client.query('CREATE DATABASE wathiq_bench_server');
    const u = new URL(admin);
    u.pathname = '/wathiq_bench_server';
    url = u.toString();
  } catch {
    process.stdout.write(`PostgreSQL: no server at ${admin}; set DATABASE_URL to measure it\n`);
  }
  if (url !== null) {
    const db = await openStore({ url });
    try {
      for (const line of await figures('PostgreSQL', db, reports, target, seconds))
        process.stdout.write(`${line}\n`);
    } finally {
      await db.close();
      await client.query('DROP DATABASE IF EXISTS wathiq_bench_server');
    }
  }
  await client.end().catch(() => undefined);
  const embedded = await openStore({});
  try {
    for (const line of await figures('PGlite', embedded, reports, target, seconds))
      process.stdout.write(`${line}\n`);
  } finally {
    await embedded.close();
  }
}

await main();
