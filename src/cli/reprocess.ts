import type { ReviewStatus } from '../contracts/index.js';
import type { ReportScope } from '../store/index.js';
import {
  dataDir,
  loadKnowledge,
  openExistingStore,
  reprocess,
  storeName,
} from '../service/index.js';
import type { ReprocessSummary } from '../service/index.js';
import { eventFilterOf } from './export.js';
import type { StoreFlags } from './ingest.js';
import { printable } from './terminal.js';
import { currentLang, iso, say } from './i18n.js';

export interface ReprocessFlags extends StoreFlags {
  from?: string;
  to?: string;
  governorate?: string;
  actor?: string;
  type?: string;
  search?: string;
  claimant?: string;
  status?: ReviewStatus;
  outlet?: string;
  batch?: number;
  verbose?: boolean;
}

/** The one line a reprocess ends with, in the run's language. */
export function summaryLine(s: ReprocessSummary): string {
  const { events: e, incidents: i } = s;
  const read = { total: s.total, done: s.done, changed: s.reportsChanged };
  return [
    say(s.stopped ? 'reprocess.stopped' : 'reprocess.read', read),
    say('reprocess.events', e),
    say('reprocess.incidents', i),
    ...(s.failed.length > 0 ? [say('reprocess.failed', { count: s.failed.length })] : []),
  ].join(currentLang() === 'ar' ? '؛ ' : '; ');
}

/**
 * `wathiq reprocess`: stored reports read and linked again with today's
 * dictionaries, gazetteer and wathiq; people's corrections and decisions kept.
 */
export async function runReprocess(flags: ReprocessFlags): Promise<number> {
  const knowledge = loadKnowledge(dataDir(flags.data));
  const events = eventFilterOf(flags, {
    names: knowledge.lexicon,
    places: knowledge.gazetteer.places,
  });
  const scope: ReportScope = {
    ...(Object.keys(events).length > 0 ? { events } : {}),
    ...(flags.outlet === undefined ? {} : { outlet: flags.outlet }),
  };
  const db = await openExistingStore(flags);
  let stopping = false;
  const stop = (): void => {
    stopping = true;
  };
  // Ctrl-C finishes the batch at hand: what is read again stays so, and a re-run does the rest.
  process.once('SIGINT', stop);
  let summary: ReprocessSummary;
  try {
    summary = await reprocess(db, knowledge, scope, {
      ...(flags.batch === undefined ? {} : { batch: flags.batch }),
      stopping: () => stopping,
    });
  } finally {
    process.off('SIGINT', stop);
    await db.close();
  }
  if (flags.verbose === true)
    for (const line of summary.details) process.stdout.write(`${printable(line)}\n`);
  process.stdout.write(
    `${summaryLine(summary)}${say('reprocess.store', { store: iso(storeName(flags)) })}\n`,
  );
  return summary.stopped || summary.failed.length > 0 ? 1 : 0;
}
