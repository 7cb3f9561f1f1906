import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../bench/generate.js';
import { openStore } from '../../src/store/index.js';
import { serverDatabase, wathiq } from './processes.js';

const REPORTS = 300;
const serverUrl = process.env.DATABASE_URL;

/** Generated reports as NDJSON, one a line, each line its own bytes. */
function reports(dir: string): string {
  const path = join(dir, 'reports.ndjson');
  const lines = generateReports(REPORTS, 9).map((text, k) =>
    JSON.stringify({ text, published: `2024-08-${String(1 + (k % 28)).padStart(2, '0')}`, n: k }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

interface Counts {
  captures: number;
  bytes: number;
  documents: number;
  texts: number;
  failures: number;
}

async function counts(where: { dataDir: string } | { url: string }): Promise<Counts> {
  const db = await openStore(where);
  try {
    const [row] = await db.query<Counts>(
      `SELECT (SELECT count(*)::int FROM captures) AS captures,
              (SELECT count(DISTINCT sha256)::int FROM captures) AS bytes,
              (SELECT count(*)::int FROM documents) AS documents,
              (SELECT count(DISTINCT id)::int FROM documents) AS texts,
              (SELECT count(*)::int FROM failures) AS failures`,
    );
    if (row === undefined) throw new Error('no counts');
    return row;
  } finally {
    await db.close();
  }
}

const engines: {
  name: string;
  store: () => Promise<{
    args: string[];
    where: { dataDir: string } | { url: string };
    drop: () => Promise<void>;
  }>;
}[] = [
  {
    name: 'PGlite',
    store: () => {
      const data = join(mkdtempSync(join(tmpdir(), 'wathiq-sigint-')), 'data');
      return Promise.resolve({
        args: ['--data', data],
        where: { dataDir: join(data, 'db') },
        drop: () => Promise.resolve(),
      });
    },
  },
  ...(serverUrl === undefined || serverUrl === ''
    ? []
    : [
        {
          name: 'PostgreSQL',
          store: async () => {
            const db = await serverDatabase(serverUrl, `wathiq_test_sigint_${String(process.pid)}`);
            return { args: ['--db', db.url], where: { url: db.url }, drop: db.drop };
          },
        },
      ]),
];

describe.each(engines)('Ctrl-C during an NDJSON ingest on $name', (engine) => {
  it(
    'stops after the batch in hand, says what it stored, and a re-run stores every report once',
    { timeout: 300_000 },
    async () => {
      const input = reports(mkdtempSync(join(tmpdir(), 'wathiq-sigint-')));
      const store = await engine.store();
      try {
        let interrupted = false;
        const first = wathiq(['ingest', '--log', '--batch', '10', ...store.args, input], {
          killWhen: (stderr) => {
            // Ctrl-C once the first batch is stored, as a person would press it mid-way.
            if (!interrupted && stderr.includes('stored a batch') && first.pid !== undefined) {
              interrupted = true;
              process.kill(first.pid, 'SIGINT');
            }
            return false;
          },
        });
        const stopped = await first;
        expect(interrupted).toBe(true);
        // Stopped, not killed: it ends by itself, with the status of a batch not all done.
        expect(stopped.signal).toBeNull();
        expect(stopped.status).toBe(1);
        const said =
          /^stopped: (\d+) reports in .*: (\d+) added, 0 already have, 0 failed; store: /m.exec(
            stopped.stdout,
          );
        expect(said).not.toBeNull();
        const added = Number(said?.[2]);
        expect(Number(said?.[1])).toBe(added);
        // Whole batches only, and fewer than all of them.
        expect(added % 10).toBe(0);
        expect(added).toBeGreaterThan(0);
        expect(added).toBeLessThan(REPORTS);
        // What it says it stored is what is stored.
        expect(await counts(store.where)).toEqual({
          captures: added,
          bytes: added,
          documents: added,
          texts: added,
          failures: 0,
        });

        const again = await wathiq(['ingest', '--batch', '10', ...store.args, input]);
        expect(again.status).toBe(0);
        expect(again.stdout).toMatch(
          new RegExp(
            `^${String(REPORTS)} reports in .*: ${String(REPORTS - added)} added, ${String(added)} already have, 0 failed`,
            'm',
          ),
        );
        expect(await counts(store.where)).toEqual({
          captures: REPORTS,
          bytes: REPORTS,
          documents: REPORTS,
          texts: REPORTS,
          failures: 0,
        });
      } finally {
        await store.drop();
      }
    },
  );
});
