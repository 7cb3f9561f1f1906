import { out as pc } from './colors.js';
import { zReviewStatus } from '../contracts/index.js';
import type { Event, EventDetail, Incident, ReviewStatus } from '../contracts/index.js';
import { streamEvents } from '../store/index.js';
import type { EventFilter } from '../store/index.js';
import {
  dataDir,
  decide as decidePair,
  eventDetail,
  governorateCode,
  loadCatalog,
  openExistingStore,
  setStatus as setEventStatus,
  storeName,
} from '../service/index.js';
import { currentLang, wordsFor } from './i18n.js';
import type { Lang, Words } from './i18n.js';
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
  lang?: Lang;
}

export interface DecisionFlags extends StoreFlags {
  by?: string;
  lang?: Lang;
}

/** The words of the language asked for, with the dictionaries' names of actors and claimants. */
function wordsOf(flags: { lang?: Lang; data?: string }): Words {
  return wordsFor(flags.lang ?? currentLang(), loadCatalog(dataDir(flags.data)).names);
}

function placeOf(w: Words, event: Event): string {
  const loc = event.location;
  if (loc === null) return w.t('review.placeUnknown');
  const [first, second] = w.lang === 'ar' ? [loc.name_ar, loc.name_en] : [loc.name_en, loc.name_ar];
  return w.t('review.place', {
    name: `${w.v(first)} (${w.v(second)})`,
    admin1: w.v(loc.admin1 ?? w.t('?')),
    precision: loc.precision,
  });
}

/** At most this many characters of a report's words on a line, so a long quote stays one line. */
const WORDS_WIDTH = 60;

function quoted(w: Words, words: string): string {
  const one = words.replace(/\s+/g, ' ').trim();
  return w.quote(one.length > WORDS_WIDTH ? `${one.slice(0, WORDS_WIDTH)}…` : one);
}

/** The words of the report each field of an incident was read from: what a reviewer checks. */
export function evidenceWords(w: Words, incident: Incident): string {
  const words: string[] = [];
  if (incident.date.text !== null)
    words.push(`${w.t('field.date')} ${quoted(w, incident.date.text)}`);
  if (incident.location !== null && incident.location.text !== '')
    words.push(`${w.t('field.place')} ${quoted(w, incident.location.text)}`);
  // A side the report leaves unnamed (a bombing's doer) has no words to show.
  for (const actor of incident.actors)
    if (actor.text.trim() !== '')
      words.push(`${w.t(`field.${actor.role}`)} ${quoted(w, actor.text)}`);
  for (const claim of incident.claims) {
    if (claim.claimant !== null && claim.claimant_text !== null)
      words.push(`${w.claimant(claim.claimant)} ${quoted(w, claim.claimant_text)}`);
    for (const f of claim.figures)
      words.push(`${w.t(`measure.${f.measure}`)} ${quoted(w, f.text)}`);
  }
  return words.length === 0 ? w.t('review.noWords') : words.join(' · ');
}

/** An audit time («2026-12-02 10:43:40.493+00» as PostgreSQL writes it) to the minute, in UTC. */
function minute(at: string): string {
  const parsed = new Date(at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(parsed.getTime())
    ? at
    : `${parsed.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * An event as a reviewer reads it: what, when, where, who, each report with
 * why it was linked and the words each field came from, each claim, and who
 * set its status.
 */
export function describeEvent(w: Words, stored: EventDetail): string {
  const detail = printableAll(stored);
  const event = detail.event;
  const when =
    event.date.start === event.date.end
      ? (event.date.start ?? w.t('review.noDate'))
      : `${event.date.start ?? w.t('?')} – ${event.date.end ?? w.t('?')}`;
  const toll = event.fatalities === null ? '' : w.t('review.toll', event.fatalities);
  const setBy = detail.history.find((h) => h.kind === 'status');
  const status = w.t(`status.${event.review_status}`);
  const lines = [
    w.t('review.head', {
      id: pc.bold(w.v(event.id)),
      status:
        setBy === undefined
          ? status
          : w.t('review.statusBy', { status, by: w.v(setBy.by), at: minute(setBy.at) }),
      sub: w.type(event.sub_event_type),
      when,
    }),
    `  ${placeOf(w, event)}`,
    `  ${w.t('review.sides', {
      actor1: event.actor1 === null ? w.t('?') : w.actor(event.actor1),
      actor2: event.actor2 === null ? w.t('?') : w.actor(event.actor2),
      arrow: w.t('arrow'),
      toll,
    })}`,
  ];
  for (const report of detail.reports) {
    const why =
      report.linked_by.length === 0
        ? w.t('review.first')
        : w.t('review.linked', { why: report.linked_by.map((l) => w.v(l)).join('; ') });
    for (const incident of report.incidents) {
      const line = w.t('review.report', {
        incident: w.v(`${report.document}#${incident.id}`),
        outlet: w.v(report.outlet ?? '-'),
        url: w.v(report.url ?? ''),
      });
      lines.push(`  ${line}`.trimEnd());
      lines.push(pc.dim(`    ${why}`));
      lines.push(`    ${w.t('review.words', { words: evidenceWords(w, incident) })}`);
    }
  }
  for (const c of event.claims) {
    const who = `${c.claimant === null ? w.t('unattributed') : w.claimant(c.claimant)}${c.party ? w.t('claim.party') : ''}`;
    lines.push(
      `  ${w.t('review.claim', { who, figures: c.figures.map((f) => w.figure(f)).join('; ') })}`,
    );
  }
  return lines.join('\n');
}

/** Events read at a time with --linked, which shows only some of them. */
const LINKED_PAGE = 200;
/** The most events read in one page however many are asked for: the rest come in later pages. */
const MAX_PAGE = 1000;

/** `wathiq review`: the events waiting for a person, newest first. */
export async function listForReview(flags: ReviewListFlags): Promise<number> {
  let admin1Pcode: string | undefined;
  if (flags.governorate !== undefined) {
    const code = governorateCode(loadCatalog(dataDir(flags.data)), flags.governorate);
    if (code === null) throw new UsageError('filter.governorate', { name: flags.governorate });
    admin1Pcode = code;
  }
  const filter: EventFilter = {
    status: flags.status ?? 'unreviewed',
    ...(admin1Pcode === undefined ? {} : { admin1Pcode }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
  };
  const limit = flags.limit ?? 20;
  const w = wordsOf(flags);
  const db = await openExistingStore(flags);
  let shown = 0;
  try {
    // Pages the size of what is shown, not the store's thousand: a reviewer's twenty events
    // are read, not a thousand with their claims (a wider page when --linked passes some over).
    const page = Math.min(MAX_PAGE, flags.linked === true ? Math.max(limit, LINKED_PAGE) : limit);
    for await (const event of streamEvents(db, filter, page)) {
      if (flags.linked === true && event.members.length < 2) continue;
      const detail = await eventDetail(db, operator(), event.id);
      process.stdout.write(`${describeEvent(w, detail)}\n\n`);
      if (++shown >= limit) break;
    }
  } finally {
    await db.close();
  }
  process.stderr.write(`${w.t('review.shown', { count: shown, store: w.v(storeName(flags)) })}\n`);
  return 0;
}

/** `wathiq review set EVENT STATUS`: logged with who (`--by`, else the login name) and when. */
export function setStatus(
  eventId: string,
  status: ReviewStatus,
  flags: DecisionFlags,
): Promise<number> {
  const by = operator(flags.by);
  const w = wordsOf(flags);
  const statusName = (value: unknown): string => w.t(`status.${zReviewStatus.parse(value)}`);
  return withService(
    flags,
    async (ctx) => {
      const entry = await setEventStatus(ctx, by, eventId, status);
      const line =
        entry === null
          ? w.t('set.same', { event: w.v(eventId), status: statusName(status) })
          : w.t('set.done', {
              event: w.v(eventId),
              before: statusName(entry.before),
              after: statusName(status),
              by: w.v(entry.by),
              at: minute(entry.at),
              entry: entry.id,
            });
      process.stdout.write(`${line}\n`);
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
  const w = wordsOf(flags);
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
      const pair = { a: w.v(a), b: w.v(b), by: w.v(by.name) };
      process.stdout.write(`${w.t(same ? 'decide.same' : 'decide.different', pair)}\n`);
      for (const d of detached) {
        const event = d.event === null ? w.t('decide.noEvent') : w.v(d.event);
        process.stdout.write(`${w.t('decide.detached', { incident: w.v(d.incident), event })}\n`);
      }
      return 0;
    },
    { existing: true },
  );
}
