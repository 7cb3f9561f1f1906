import { out as pc } from './colors.js';
import type { Event, EventDetail, Incident, ReviewStatus } from '../contracts/index.js';
import { describeFigure, streamEvents } from '../store/index.js';
import type { EventFilter } from '../store/index.js';
import {
  dataDir,
  decide as decidePair,
  eventDetail,
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

/** At most this many characters of a report's words on a line, so a long quote stays one line. */
const WORDS_WIDTH = 60;

function quoted(words: string): string {
  const one = words.replace(/\s+/g, ' ').trim();
  return `«${one.length > WORDS_WIDTH ? `${one.slice(0, WORDS_WIDTH)}…` : one}»`;
}

/** The words of the report each field of an incident was read from: what a reviewer checks. */
export function evidenceWords(incident: Incident): string {
  const words: string[] = [];
  if (incident.date.text !== null) words.push(`date ${quoted(incident.date.text)}`);
  if (incident.location !== null && incident.location.text !== '')
    words.push(`place ${quoted(incident.location.text)}`);
  // A side the report leaves unnamed (a bombing's doer) has no words to show.
  for (const actor of incident.actors)
    if (actor.text.trim() !== '') words.push(`${actor.role} ${quoted(actor.text)}`);
  for (const claim of incident.claims) {
    if (claim.claimant_text !== null)
      words.push(`${claim.claimant ?? 'claimant'} ${quoted(claim.claimant_text)}`);
    for (const f of claim.figures) words.push(`${f.measure} ${quoted(f.text)}`);
  }
  return words.length === 0 ? 'no words tied to a field' : words.join(' · ');
}

/** An audit time («2026-12-02 10:43:40.493+00» as PostgreSQL writes it) to the minute, in UTC. */
function minute(at: string): string {
  const parsed = new Date(at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(parsed.getTime())
    ? at
    : `${parsed.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Who set the event's status last, and when, from the audit log (null: nobody yet). */
function lastStatus(detail: EventDetail): string | null {
  const entry = detail.history.find((h) => h.kind === 'status');
  return entry === undefined ? null : `${entry.by} ${minute(entry.at)}`;
}

/**
 * An event as a reviewer reads it: what, when, where, who, each report with
 * why it was linked and the words each field came from, each claim, and who
 * set its status.
 */
export function describeEvent(stored: EventDetail): string {
  const detail = printableAll(stored);
  const event = detail.event;
  const when =
    event.date.start === event.date.end
      ? (event.date.start ?? 'no date')
      : `${event.date.start ?? '?'} – ${event.date.end ?? '?'}`;
  const toll =
    event.fatalities === null
      ? ''
      : `  killed ${String(event.fatalities.low)}/${String(event.fatalities.best)}/${String(event.fatalities.high)} (low/best/high)`;
  const setBy = lastStatus(detail);
  const status = setBy === null ? event.review_status : `${event.review_status} by ${setBy}`;
  const lines = [
    `${pc.bold(event.id)}  [${status}]  ${event.sub_event_type}  ${when}`,
    `  ${placeOf(event)}`,
    `  ${event.actor1 ?? '?'} → ${event.actor2 ?? '?'}${toll}`,
  ];
  for (const report of detail.reports) {
    const why =
      report.linked_by.length === 0 ? 'first report' : `linked: ${report.linked_by.join('; ')}`;
    for (const incident of report.incidents) {
      lines.push(
        `  report ${report.document}#${incident.id}  ${report.outlet ?? '-'}  ${report.url ?? ''}`.trimEnd(),
      );
      lines.push(pc.dim(`    ${why}`));
      lines.push(`    words: ${evidenceWords(incident)}`);
    }
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
      const detail = await eventDetail(db, operator(), event.id);
      process.stdout.write(`${describeEvent(detail)}\n\n`);
      if (++shown >= limit) break;
    }
  } finally {
    await db.close();
  }
  process.stderr.write(`${String(shown)} event(s) shown, from ${storeName(flags)}\n`);
  return 0;
}

/** `wathiq review set EVENT STATUS`: logged with who (`--by`, else the login name) and when. */
export function setStatus(
  eventId: string,
  status: ReviewStatus,
  flags: DecisionFlags,
): Promise<number> {
  const by = operator(flags.by);
  return withService(
    flags,
    async (ctx) => {
      const entry = await setEventStatus(ctx, by, eventId, status);
      process.stdout.write(
        entry === null
          ? `${eventId}: ${status} already; nothing changed\n`
          : `${eventId}: ${String(entry.before)} → ${status}, set by ${entry.by} at ${minute(entry.at)} (audit #${String(entry.id)})\n`,
      );
      return 0;
    },
    { existing: true },
  );
}

export interface JoinFlags extends DecisionFlags {
  /** Join even when a third incident must leave the event: it is named. */
  detach?: boolean;
}

/** `wathiq review split|join A B`: a person's word on whether two incidents are one act. */
export function decide(a: string, b: string, same: boolean, flags: JoinFlags): Promise<number> {
  const by = operator(flags.by);
  return withService(
    flags,
    async (ctx) => {
      const { detached } = await decidePair(
        ctx,
        by,
        { a, b, same },
        null,
        flags.detach === true ? { detach: true } : {},
      );
      process.stdout.write(
        `${a} and ${b}: ${same ? 'the same act' : 'different acts'}, decided by ${by.name}; their events are regrouped\n`,
      );
      for (const d of detached)
        process.stdout.write(`${d.incident} left the event: now in ${d.event ?? 'no event'}\n`);
      return 0;
    },
    { existing: true },
  );
}
