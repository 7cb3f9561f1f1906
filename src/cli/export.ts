import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { err as pc } from './colors.js';
import type { ReviewStatus } from '../contracts/index.js';
import {
  citesReports,
  eventWriter,
  openStore,
  reportsOf,
  searchReports,
  streamEventPages,
} from '../store/index.js';
import type { EventFilter, ExportFormat } from '../store/index.js';
import { dataDir, governorateCode, loadKnowledge, storeOptions } from '../service/index.js';
import { endQuietlyOnClosedPipe, write } from './output.js';
import { printable, printableAll } from './terminal.js';
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
}

/** `wathiq export`: the events that match, in a format, streamed (no row cap, flat memory). */
export async function runExport(flags: ExportFlags): Promise<number> {
  const knowledge = loadKnowledge(dataDir(flags.data));
  let admin1Pcode: string | undefined;
  if (flags.governorate !== undefined) {
    const code = governorateCode(knowledge.gazetteer, flags.governorate);
    if (code === null) {
      process.stderr.write(
        `${pc.red('wathiq:')} no governorate called «${printable(flags.governorate)}»\n`,
      );
      return 2;
    }
    admin1Pcode = code;
  }
  const filter: EventFilter = {
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(admin1Pcode === undefined ? {} : { admin1Pcode }),
    ...(flags.actor === undefined ? {} : { actor: flags.actor }),
    ...(flags.type === undefined ? {} : { type: flags.type }),
    ...(flags.search === undefined ? {} : { search: flags.search }),
    ...(flags.claimant === undefined ? {} : { claimant: flags.claimant }),
    ...(flags.status === undefined ? {} : { status: flags.status }),
  };
  const db = await openStore(storeOptions(flags));
  const out = flags.out === undefined ? process.stdout : createWriteStream(flags.out);
  const writer = eventWriter(flags.format, {
    lexicon: knowledge.lexicon,
    placeKind: (id) => knowledge.gazetteer.byId(id)?.kind,
  });
  const cites = citesReports(flags.format);
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
    `exported ${String(count)} events${flags.out === undefined ? '' : ` to ${flags.out}`}\n`,
  );
  return 0;
}

/** `wathiq search`: stored reports whose text holds the words, spelling variants too. */
export async function runSearch(
  words: string,
  flags: StoreFlags & { limit?: number },
): Promise<number> {
  const db = await openStore(storeOptions(flags));
  try {
    const hits = await searchReports(db, words, flags.limit ?? 20);
    for (const h of hits.map(printableAll)) {
      process.stdout.write(
        `${h.similarity.toFixed(2)}\t${h.published ?? '-'}\t${h.outlet ?? '-'}\t${h.title ?? h.id}\t${h.url ?? ''}\n`,
      );
    }
    if (hits.length === 0) process.stderr.write('no report matches\n');
  } finally {
    await db.close();
  }
  return 0;
}
