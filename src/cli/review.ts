import { out as pc } from './colors.js';
import type { Event, ReviewStatus } from '../contracts/index.js';
import { describeFigure, streamEvents } from '../store/index.js';
import type { EventFilter } from '../store/index.js';
import {
  dataDir,
  decide as decidePair,
  governorateCode,
  loadKnowledge,
  openExistingStore,
  setStatus as setEventStatus,
  storeName,
} from '../service/index.js';
import { UsageError } from './usage.js';
import { operator, withService } from './operator.js';
import type { StoreFlags } from './ingest.js';
import { printableAll } from './terminal.js';

export interface ReviewListFlags extends StoreFlags {
  status?: ReviewStatus;
  governorate?: string;
  from?: string;
  to?: string;
  limit?: number;
  /** Only events that join several reports: the links a person should check. */
  linked?: boolean;
}

export interface DecisionFlags extends StoreFlags {
  by?: string;
}

function placeOf(event: Event): string {
  const loc = event.location;
  if (loc === null) return 'place unknown';
  return `${loc.name_en} (${loc.name_ar}), ${loc.admin1 ?? '?'}, precision ${String(loc.precision)}`;
}

/** An event as a reviewer reads it: what, when, where, who, each report and why it was linked, each claim. */
export function describeEvent(stored: Event): string {
  const event = printableAll(stored);
  const when =
    event.date.start === event.date.end
      ? (event.date.start ?? 'no date')
      : `${event.date.start ?? '?'} – ${event.date.end ?? '?'}`;
  const toll =
    event.fatalities === null
      ? ''
      : `  killed ${String(event.fatalities.low)}/${String(event.fatalities.best)}/${String(event.fatalities.high)} (low/best/high)`;
  const lines = [
    `${pc.bold(event.id)}  [${event.review_status}]  ${event.sub_event_type}  ${when}`,
    `  ${placeOf(event)}`,
    `  ${event.actor1 ?? '?'} → ${event.actor2 ?? '?'}${toll}`,
  ];
  for (const m of event.members) {
    const why = m.linked_by.length === 0 ? 'first report' : `linked: ${m.linked_by.join('; ')}`;
    lines.push(`  report ${m.incident}  ${m.outlet ?? '-'}  ${m.url ?? ''}`.trimEnd());
    lines.push(pc.dim(`    ${why}`));
  }
  for (const c of event.claims) {
    const who = `${c.claimant ?? 'unattributed'}${c.party ? ' (a party)' : ''}`;
    lines.push(`  claim ${who}: ${c.figures.map(describeFigure).join('; ')}`);
  }
  return lines.join('\n');
}

/** `wathiq review`: the events waiting for a person, newest first. */
export async function listForReview(flags: ReviewListFlags): Promise<number> {
  let admin1Pcode: string | undefined;
  if (flags.governorate !== undefined) {
    const code = governorateCode(loadKnowledge(dataDir(flags.data)).gazetteer, flags.governorate);
    if (code === null) throw new UsageError(`no governorate called «${flags.governorate}»`);
    admin1Pcode = code;
  }
  const filter: EventFilter = {
    status: flags.status ?? 'unreviewed',
    ...(admin1Pcode === undefined ? {} : { admin1Pcode }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
  };
  const limit = flags.limit ?? 20;
  const db = await openExistingStore(flags);
  let shown = 0;
  try {
    for await (const event of streamEvents(db, filter)) {
      if (flags.linked === true && event.members.length < 2) continue;
      process.stdout.write(`${describeEvent(event)}\n\n`);
      if (++shown >= limit) break;
    }
  } finally {
    await db.close();
  }
  process.stderr.write(`${String(shown)} event(s) shown, from ${storeName(flags)}\n`);
  return 0;
}

/** `wathiq review set EVENT STATUS`. */
export function setStatus(
  eventId: string,
  status: ReviewStatus,
  flags: DecisionFlags,
): Promise<number> {
  return withService(
    flags,
    async (ctx) => {
      await setEventStatus(ctx, operator(flags.by), eventId, status);
      process.stdout.write(`${eventId}: ${status}\n`);
      return 0;
    },
    { existing: true },
  );
}

/** `wathiq review split|join A B`: a person's word on whether two incidents are one act. */
export function decide(a: string, b: string, same: boolean, flags: DecisionFlags): Promise<number> {
  const by = operator(flags.by);
  return withService(
    flags,
    async (ctx) => {
      await decidePair(ctx, by, { a, b, same });
      process.stdout.write(
        `${a} and ${b}: ${same ? 'the same act' : 'different acts'}, decided by ${by.name}; their events are regrouped\n`,
      );
      return 0;
    },
    { existing: true },
  );
}
