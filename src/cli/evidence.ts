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
import { printable } from './terminal.js';

function describeCapture(c: Capture): string {
  const facts = Object.entries(c.sources ?? {})
    .map(([fact, source]) => `${fact} from ${source}`)
    .join(', ');
  return [
    `${c.sha256}  ${c.size.toLocaleString('en')} bytes  captured ${c.captured_at}`,
    `  source: ${c.source}`,
    ...(c.url === null ? [] : [`  url: ${c.url}`]),
    `  report: ${c.document_id}${c.outlet === null ? '' : `, ${c.outlet}`}${c.published === null ? ', no publication date' : `, published ${c.published}`}`,
    ...(facts === '' ? [] : [`  facts: ${facts}`]),
  ]
    .map(printable)
    .join('\n');
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
        `saved ${String(saved.files.length)} capture(s) to ${flags.save}, with manifest.json and SHA256SUMS (sha256sum -c SHA256SUMS checks them)\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    process.stderr.write(`${pc.red('wathiq:')} ${printable(error.message)}\n`);
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
          `capture ${m.sha256} (${m.source}): its stored bytes now hash to ${m.found}${m.foundSize === m.size ? '' : ` and are ${String(m.foundSize)} bytes, not ${String(m.size)}`}`,
        )}\n`,
      );
    process.stdout.write(
      `checked ${String(checked)} capture(s) in ${storeName(flags)}: ${mismatches.length === 0 ? 'every one matches its SHA-256' : `${String(mismatches.length)} no longer match`}\n`,
    );
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}
