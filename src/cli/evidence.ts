import { err as pc } from './colors.js';
import {
  evidenceOf,
  openExistingStore,
  saveEvidence,
  ServiceError,
  storeName,
  verifyCaptures,
} from '../service/index.js';
import type { Capture } from '../store/index.js';
import type { StoreFlags } from './ingest.js';
import { printable, printableAll } from './terminal.js';
import { iso, say } from './i18n.js';

function describeCapture(stored: Capture): string {
  const c = printableAll(stored);
  const facts = Object.entries(c.sources ?? {})
    .map(([fact, source]) => say('evidence.fact', { fact: iso(fact), source: iso(source) }))
    .join(say('list'));
  return [
    say('evidence.capture', {
      sha: iso(c.sha256),
      size: c.size.toLocaleString('en'),
      at: iso(c.captured_at),
    }),
    say('evidence.source', { source: iso(c.source) }),
    ...(c.url === null ? [] : [say('evidence.url', { url: iso(c.url) })]),
    say('evidence.report', {
      id: iso(c.document_id),
      outlet: c.outlet === null ? '' : `${say('list')}${iso(c.outlet)}`,
      published:
        c.published === null
          ? say('evidence.undated')
          : say('evidence.published', { date: c.published }),
    }),
    ...(facts === '' ? [] : [say('evidence.facts', { facts })]),
  ].join('\n');
}

/** `wathiq evidence ID [--save DIR]`: the captures behind an event or a report, their bytes on request. */
export async function showEvidence(
  id: string,
  flags: StoreFlags & { save?: string },
): Promise<number> {
  const db = await openExistingStore(flags);
  try {
    const captures = await evidenceOf(db, id);
    process.stdout.write(`${captures.map(describeCapture).join('\n\n')}\n`);
    if (flags.save !== undefined) {
      const saved = await saveEvidence(db, captures, flags.save);
      process.stderr.write(
        `${say('evidence.saved', { count: saved.files.length, dir: iso(printable(flags.save)) })}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const line =
      error.problem === 'not_found' ? say('evidence.notFound', { id: iso(id) }) : error.message;
    process.stderr.write(`${pc.red('wathiq:')} ${printable(line)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

/** `wathiq evidence verify`: every stored capture hashed again; status 1 when any no longer matches. */
export async function verifyEvidence(flags: StoreFlags): Promise<number> {
  const db = await openExistingStore(flags);
  try {
    const { checked, mismatches } = await verifyCaptures(db);
    for (const m of mismatches)
      process.stderr.write(
        `${pc.red('wathiq:')} ${printable(
          say('evidence.mismatch', {
            sha: iso(m.sha256),
            source: iso(m.source),
            found: iso(m.found),
            size:
              m.foundSize === m.size
                ? ''
                : say('evidence.mismatchSize', { found: m.foundSize, size: m.size }),
          }),
        )}\n`,
      );
    const result =
      mismatches.length === 0
        ? say('evidence.allMatch')
        : say('evidence.noMatch', { count: mismatches.length });
    process.stdout.write(
      `${say('evidence.checked', { count: checked, store: iso(storeName(flags)), result })}\n`,
    );
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}
