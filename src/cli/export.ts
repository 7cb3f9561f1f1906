import { createWriteStream, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { ACLED_TYPES } from '../contracts/index.js';
import type { ExportFormat, ReviewStatus } from '../contracts/index.js';
import {
  citesReports,
  eventWriter,
  HASHED_FORMATS,
  reportsOf,
  searchReports,
  streamEventPages,
} from '../store/index.js';
import type { EventFilter } from '../store/index.js';
import {
  dataDir,
  governorateCode,
  loadCatalog,
  openExistingStore,
  storeName,
} from '../service/index.js';
import type { Catalog } from '../service/index.js';
import { checkKnown, UsageError } from './usage.js';
import { iso, say } from './i18n.js';
import { endQuietlyOnClosedPipe, write } from './output.js';
import { printableAll } from './terminal.js';
import type { StoreFlags } from './ingest.js';

export interface ExportFlags extends StoreFlags {
  format: ExportFormat;
  out?: string;
  from?: string;
  to?: string;
  governorate?: string;
  actor?: string;
  type?: string;
  search?: string;
  claimant?: string;
  status?: ReviewStatus;
  /** A `capture_sha256` column (csv, acled, ucdp): the SHA-256 of each source report's captured bytes. */
  hashes?: boolean;
}

/** The filter flags export and reprocess share. */
export type FilterFlags = Pick<
  ExportFlags,
  'from' | 'to' | 'governorate' | 'actor' | 'type' | 'search' | 'claimant' | 'status'
>;

/**
 * The event filter the flags ask for. Throws a UsageError for one no event
 * could match: an unknown governorate, or an actor, type or claimant wathiq does not know.
 */
export function eventFilterOf(
  flags: FilterFlags,
  catalog: Pick<Catalog, 'names' | 'places'>,
): EventFilter {
  const { actors, claimants } = catalog.names;
  if (flags.actor !== undefined) checkKnown('actor', flags.actor, actors.keys());
  if (flags.claimant !== undefined)
    checkKnown('claimant', flags.claimant, [...claimants.keys(), ...actors.keys()]);
  if (flags.type !== undefined) {
    const types = Object.entries(ACLED_TYPES).flatMap(([type, subs]) => [type, ...subs]);
    checkKnown('type', flags.type, types);
  }
  const admin1Pcode =
    flags.governorate === undefined
      ? undefined
      : (governorateCode(catalog, flags.governorate) ?? undefined);
  if (flags.governorate !== undefined && admin1Pcode === undefined)
    throw new UsageError('filter.governorate', { name: flags.governorate });
  return {
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(admin1Pcode === undefined ? {} : { admin1Pcode }),
    ...(flags.actor === undefined ? {} : { actor: flags.actor }),
    ...(flags.type === undefined ? {} : { type: flags.type }),
    ...(flags.search === undefined ? {} : { search: flags.search }),
    ...(flags.claimant === undefined ? {} : { claimant: flags.claimant }),
    ...(flags.status === undefined ? {} : { status: flags.status }),
  };
}

/** Throws a UsageError when the file cannot be written: its folder is not there. */
function checkOut(out: string): void {
  const folder = dirname(out);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new UsageError('export.noFolder', { file: out, folder });
}

/** `wathiq export`: the events that match, in a format, streamed (no row cap, flat memory). */
export async function runExport(flags: ExportFlags): Promise<number> {
  if (flags.out !== undefined) checkOut(flags.out);
  const hashes = flags.hashes === true;
  if (hashes && !HASHED_FORMATS.includes(flags.format))
    throw new UsageError('export.hashesFormat', {
      format: flags.format,
      formats: HASHED_FORMATS.join(', '),
    });
  // Names and places only: reading reports' words is not what an export does.
  const catalog = loadCatalog(dataDir(flags.data));
  const filter = eventFilterOf(flags, catalog);
  const db = await openExistingStore(flags);
  const out = flags.out === undefined ? process.stdout : createWriteStream(flags.out);
  const writer = eventWriter(flags.format, {
    lexicon: catalog.names,
    placeKind: (id) => catalog.place(id)?.kind,
    captureHashes: hashes,
  });
  const cites = citesReports(flags.format, hashes);
  // A reader that stops early (`| head`) ends the export, not with a crash.
  endQuietlyOnClosedPipe(out, flags.out ?? 'standard output');
  let count = 0;
  try {
    if (!(await write(out, writer.head))) return 0;
    for await (const page of streamEventPages(db, filter)) {
      const reports = cites
        ? await reportsOf(
            db,
            page.flatMap((e) => e.members.map((m) => m.document)),
          )
        : undefined;
      for (const event of page) {
        const row = writer.row(event, reports);
        if (row === null) continue;
        if (!(await write(out, `${count > 0 ? writer.separator : ''}${row}`))) return 0;
        count++;
      }
    }
    await write(out, writer.tail);
  } finally {
    await db.close();
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
  }
  process.stderr.write(
    `${say('export.done', {
      count,
      store: iso(storeName(flags)),
      to: flags.out === undefined ? '' : say('export.to', { file: iso(flags.out) }),
    })}\n`,
  );
  return 0;
}

/** `wathiq search`: stored reports whose text holds the words, spelling variants too. */
export async function runSearch(
  words: string,
  flags: StoreFlags & { limit?: number },
): Promise<number> {
  const db = await openExistingStore(flags);
  try {
    const hits = await searchReports(db, words, flags.limit ?? 20);
    for (const h of hits.map(printableAll)) {
      process.stdout.write(
        `${h.similarity.toFixed(2)}\t${h.published ?? '-'}\t${h.outlet ?? '-'}\t${h.title ?? h.id}\t${h.url ?? ''}\n`,
      );
    }
    if (hits.length === 0)
      process.stderr.write(`${say('search.none', { store: iso(storeName(flags)) })}\n`);
  } finally {
    await db.close();
  }
  return 0;
}
