import { once } from 'node:events';
import pino from 'pino';
import type { Knowledge } from '../extract/index.js';
import { builtWebRoot, createApp, listen } from '../server/index.js';
import { backgroundStatistics, dataDir, loadKnowledge, storeOptions } from '../service/index.js';
import { countUsers, openStore } from '../store/index.js';
import type { StoreFlags } from './ingest.js';

export interface ServeFlags extends StoreFlags {
  port: number;
  host: string;
}

/**
 * `wathiq serve`: the API and the review app until interrupted. With no users
 * yet, it says how to make the first one: nobody could sign in otherwise.
 */
export async function runServe(flags: ServeFlags): Promise<number> {
  const db = await openStore(storeOptions(flags));
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
  if ((await countUsers(db)) === 0)
    process.stderr.write(
      'wathiq: no users yet, so nobody can sign in. Make the first one with\n' +
        '  wathiq user add NAME --role admin\n',
    );
  const server = await listen(app.fetch, flags.host, flags.port);
  process.stderr.write(
    `wathiq: serving ${db.location} at http://${flags.host}:${String(flags.port)}/\n`,
  );
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  server.close();
  await statistics.settled();
  await db.close();
  return 0;
}
