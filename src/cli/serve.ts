import { once } from 'node:events';
import pino from 'pino';
import type { Knowledge } from '../extract/index.js';
import { builtWebRoot, createApp, listen } from '../server/index.js';
import { backgroundStatistics, dataDir, loadKnowledge, storeOptions } from '../service/index.js';
import { countUsers, openStore } from '../store/index.js';
import type { StoreFlags } from './ingest.js';
import { iso, say } from './i18n.js';

export interface ServeFlags extends StoreFlags {
  port: number;
  host: string;
}

/**
 * `wathiq serve`: the API and the review app until interrupted. With no users
 * yet, it says how to make the first one: nobody could sign in otherwise.
 */
export async function runServe(flags: ServeFlags): Promise<number> {
  const db = await openStore({ ...storeOptions(flags), serving: true });
  const log = pino({ name: 'wathiq' });
  let knowledge: Knowledge | null = null;
  const statistics = backgroundStatistics(db, (error) => {
    log.error({ err: error }, 'refreshing the statistics failed');
  });
  const app = createApp({
    db,
    knowledge: () => (knowledge ??= loadKnowledge(dataDir(flags.data))),
    log,
    statistics,
    webRoot: builtWebRoot(),
  });
  if ((await countUsers(db)) === 0) process.stderr.write(`wathiq: ${say('serve.noUsers')}\n`);
  const server = await listen(app.fetch, flags.host, flags.port);
  const url = `http://${flags.host}:${String(flags.port)}/`;
  process.stderr.write(
    `wathiq: ${say('serve.serving', { store: iso(db.location), url: iso(url) })}\n`,
  );
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  server.close();
  await statistics.settled();
  await db.close();
  return 0;
}
