import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { collectReports } from '../ingest/index.js';
import type { RawReport } from '../ingest/index.js';
import { builtWebRoot, createApp } from '../server/index.js';
import {
  addUser,
  backgroundStatistics,
  dataDir,
  ingestBatch,
  loadKnowledge,
  storeName,
  storeOptions,
} from '../service/index.js';
import type { Knowledge } from '../extract/index.js';
import { countUsers, openStore, refreshStaleStatistics } from '../store/index.js';
import type { Database } from '../store/index.js';
import type { StoreFlags } from './ingest.js';
import { operator } from './operator.js';
import { iso, say } from './i18n.js';

/** The reports the project ships for a first look: `examples/` beside the compiled `dist/`. */
export const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

export const ADMIN = 'admin';

export interface StartFlags extends StoreFlags {
  port: number;
  host: string;
  /** The folder of reports ingested on the first start. */
  examples?: string;
  /** The built app (tests name it; the compiled command finds its own). */
  webRoot?: string;
}

export interface Started {
  readonly url: string;
  /** Reports stored by this start: the examples on the first, none after. */
  readonly added: number;
  /** The admin's password when this start made the account; null when it was there already. */
  readonly password: string | null;
  close(): Promise<void>;
}

async function ingestExamples(db: Database, knowledge: Knowledge, folder: string): Promise<number> {
  const reports: RawReport[] = [];
  for await (const entry of collectReports([folder]))
    if ('report' in entry) reports.push(entry.report);
  const results = await ingestBatch(db, knowledge, reports);
  await refreshStaleStatistics(db);
  return results.filter((r) => r.outcome === 'added').length;
}

/**
 * `npm start`: a store with the examples and an admin, and the app served. A
 * store with users is one someone already set up: it is served as it is, so a
 * second start reuses everything and never prints a password again.
 */
export async function start(flags: StartFlags): Promise<Started> {
  const db = await openStore({ ...storeOptions(flags), serving: true });
  let loaded: Knowledge | null = null;
  const knowledge = (): Knowledge => (loaded ??= loadKnowledge(dataDir(flags.data)));
  let added = 0;
  let password: string | null = null;
  if ((await countUsers(db)) === 0) {
    added = await ingestExamples(db, knowledge(), flags.examples ?? EXAMPLES);
    password = randomBytes(12).toString('base64url');
    await addUser({ db, knowledge }, operator('npm start'), {
      name: ADMIN,
      role: 'admin',
      password,
    });
  }
  const log = pino({ name: 'wathiq', level: 'warn' });
  const statistics = backgroundStatistics(db, (error) => {
    log.error({ err: error }, 'refreshing the statistics failed');
  });
  const app = createApp({
    db,
    knowledge,
    log,
    statistics,
    webRoot: flags.webRoot ?? builtWebRoot(),
  });
  const server = serve({ fetch: app.fetch, port: flags.port, hostname: flags.host });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = flags.host === '127.0.0.1' || flags.host === '0.0.0.0' ? 'localhost' : flags.host;
  return {
    url: `http://${host}:${String(port)}/`,
    added,
    password,
    close: async () => {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      await statistics.settled();
      await db.close();
    },
  };
}

/** What `npm start` prints and does until interrupted. */
export async function runStart(flags: StartFlags): Promise<number> {
  const started = await start(flags);
  const out = process.stdout;
  const store = iso(storeName(flags));
  const admin = iso(ADMIN);
  if (started.password !== null)
    out.write(
      `wathiq: ${say('start.stored', { count: started.added, store })}\n` +
        // The password is never isolated: the isolates' invisible marks would be copied with it.
        `wathiq: ${say('start.signIn', { admin, password: started.password })}\n` +
        `        ${say('start.once')}\n`,
    );
  else out.write(`wathiq: ${say('start.reusing', { store, admin })}\n`);
  out.write(`wathiq: ${say('start.open', { url: iso(started.url) })}\n`);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await started.close();
  return 0;
}
