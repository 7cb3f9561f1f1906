/**
 * The real `wathiq serve` app on a free port, over an embedded store of its
 * own holding a few of the example reports (and any the test writes), with a
 * user of each role. Browser scenarios sign in against it as a person would.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { shippedKnowledge } from '../../../src/extract/index.js';
import { collectReports } from '../../../src/ingest/index.js';
import type { RawReport } from '../../../src/ingest/index.js';
import { createApp } from '../../../src/server/index.js';
import { addUser, ingestBatch } from '../../../src/service/index.js';
import { openStore } from '../../../src/store/index.js';
import { appDir } from './static.js';

export const PASSWORD = 'a long enough password';
export const EXAMPLES = join(process.cwd(), 'examples');

export interface RealServer {
  origin: string;
  close: () => Promise<void>;
}

/** Serves the built app and the API over the given report files (examples or written ones). */
export async function serveReal(files: readonly string[]): Promise<RealServer> {
  const folder = mkdtempSync(join(tmpdir(), 'wathiq-browser-'));
  const db = await openStore({ url: null, dataDir: join(folder, 'db') });
  const ctx = { db, knowledge: shippedKnowledge };
  const reports: RawReport[] = [];
  for await (const entry of collectReports(files))
    if ('report' in entry) reports.push(entry.report);
  await ingestBatch(db, shippedKnowledge(), reports);
  for (const role of ['admin', 'editor', 'viewer'] as const)
    await addUser(ctx, { name: 'setup', role: 'admin' }, { name: role, role, password: PASSWORD });
  const app = createApp({ ...ctx, log: pino({ level: 'silent' }), webRoot: appDir });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
