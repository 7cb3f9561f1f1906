import type { EventDetail, EventQuery, EventSort, ReportView } from '../contracts/index.js';
import type { Gazetteer } from '../gazetteer/index.js';
import {
  correctionsOf,
  eventCorrectionsOf,
  eventIncidents,
  eventMonths,
  eventReports,
  eventSpan,
  eventTimeline,
  eventTimelineSpanned,
  findEvent,
  listAudit,
  PERIOD_DAYS,
  periodOfSpan,
} from '../store/index.js';
import type {
  Cursor,
  EventFilter,
  MarkedEvent,
  Period,
  PeriodTimeline,
  Sql,
} from '../store/index.js';
import { invalid, notFound } from './errors.js';
import { governorateCode } from './filter.js';
import { linkNotes } from './notes.js';
import { may } from './roles.js';
import type { Actor } from './roles.js';

/**
 * A person's filter as the store reads it. A viewer's is always narrowed to
 * public events: private ones are no part of any list, count, map, timeline
 * or export they can ask for.
 */
export function eventFilter(
  actor: Actor,
  query: EventQuery,
  gazetteer: () => Gazetteer,
): EventFilter {
  let admin1Pcode: string | undefined;
  if (query.governorate !== undefined) {
    const code = /^SY\d{2}$/.test(query.governorate)
      ? query.governorate
      : governorateCode(gazetteer(), query.governorate);
    if (code === null) throw invalid('governorate', `no governorate called «${query.governorate}»`);
    admin1Pcode = code;
  }
  const bbox = query.bbox?.split(',').map(Number);
  return {
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(admin1Pcode === undefined ? {} : { admin1Pcode }),
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.type === undefined ? {} : { type: query.type }),
    ...(query.search === undefined ? {} : { search: query.search }),
    ...(query.claimant === undefined ? {} : { claimant: query.claimant }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.private === undefined ? {} : { private: query.private === 'only' }),
    ...(bbox?.length === 4
      ? { bbox: [bbox[0] ?? 0, bbox[1] ?? 0, bbox[2] ?? 0, bbox[3] ?? 0] as const }
      : {}),
    publicOnly: !may(actor.role, 'read:private'),
  };
}

/** An event if this person may see it; a private one is, to a viewer, no event at all. */
export async function visibleEvent(db: Sql, actor: Actor, id: string): Promise<MarkedEvent> {
  const event = await findEvent(db, id);
  if (event === null || (event.private && !may(actor.role, 'read:private')))
    throw notFound(`event ${id}`);
  return event;
}

/** An event with each report's text and incidents, why each was linked, and its history. */
export async function eventDetail(
  db: Sql,
  actor: Actor,
  id: string,
  gazetteer?: Gazetteer,
): Promise<EventDetail> {
  const event = await visibleEvent(db, actor, id);
  const [reports, incidents] = await Promise.all([eventReports(db, id), eventIncidents(db, id)]);
  const [history, ofIncidents, ofEvent] = await Promise.all([
    listAudit(db, { event: { id, incidents } }, { limit: 500 }),
    correctionsOf(db, incidents),
    eventCorrectionsOf(db, id),
  ]);
  const corrections = [
    ...ofEvent.map((c) => ({ ...c, incident: null, field: `event.${c.field}` })),
    ...ofIncidents.map((c) => ({ ...c, event: null })),
  ];
  const linkedBy = new Map<string, string[]>();
  for (const member of event.members)
    linkedBy.set(member.document, [...(linkedBy.get(member.document) ?? []), ...member.linked_by]);
  const views: ReportView[] = reports.map((r) => {
    const reasons = [...new Set(linkedBy.get(r.document) ?? [])];
    return { ...r, linked_by: reasons, linked_because: linkNotes(reasons, gazetteer) };
  });
  return { event, reports: views, corrections, history };
}

/** The incidents an event holds now, by their store keys. */
export function eventIncidentKeys(db: Sql, id: string): Promise<string[]> {
  return eventIncidents(db, id);
}

/**
 * Whether the first and last month events start in (eventMonths) call for a
 * timeline by month whatever their days: none at all, or more than two years
 * apart.
 */
function monthly(months: { first: string | null; last: string | null } | undefined): boolean {
  if (months === undefined) return false;
  if (months.first === null || months.last === null) return true;
  const firstMonthEnd = new Date(`${months.first}T00:00:00Z`);
  firstMonthEnd.setUTCMonth(firstMonthEnd.getUTCMonth() + 1, 0);
  return (Date.parse(months.last) - firstMonthEnd.getTime()) / 86_400_000 > PERIOD_DAYS.week;
}

/** The timeline's period: days for a season, weeks for two years, months beyond. */
export async function timelinePeriod(db: Sql, filter: EventFilter): Promise<Period> {
  // Months that far apart need no closer look: their events span more than two years.
  const months = await eventMonths(db, filter);
  if (monthly(months)) return 'month';
  const { from, to } = await eventSpan(db, filter, months);
  return periodOfSpan(
    from === null || to === null ? null : (Date.parse(to) - Date.parse(from)) / 86_400_000,
  );
}

/**
 * The timeline at the period timelinePeriod chooses: where only the events
 * can tell their span, the span and the timeline are read in one pass
 * (eventTimelineSpanned); else the span from the counts, then the timeline.
 */
export async function periodTimeline(db: Sql, filter: EventFilter): Promise<PeriodTimeline> {
  // A counted search's months are in its counts (schema.ts, migration 40): over two years
  // apart, its timeline is their sums, with no pass over its events.
  if (filter.search !== undefined && monthly(await eventMonths(db, filter)))
    return { period: 'month', buckets: await eventTimeline(db, filter, 'month') };
  const spanned = await eventTimelineSpanned(db, filter);
  if (spanned !== null) return spanned;
  const period = await timelinePeriod(db, filter);
  return { period, buckets: await eventTimeline(db, filter, period) };
}

/** The shape of each order's value in a cursor, as the store gives it in text. */
const CURSOR_KEYS: Readonly<Record<EventSort, RegExp>> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  fatalities: /^\d{1,9}$/,
  updated: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::\d{2})?$/,
  status: /^\d$/,
};

/** A page cursor as an opaque string, naming its order, and back. */
export function encodeCursor(cursor: Cursor, sort: EventSort = 'date'): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id, sort])).toString('base64url');
}

export function decodeCursor(text: string, sort: EventSort = 'date'): Cursor {
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // Not base64 JSON: refused below.
  }
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    value[2] !== sort &&
    typeof value[2] === 'string'
  )
    throw invalid('after', `this cursor is of the list sorted by ${value[2]}, not by ${sort}`);
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    (value[0] === null || (typeof value[0] === 'string' && CURSOR_KEYS[sort].test(value[0]))) &&
    typeof value[1] === 'string'
  )
    return { key: value[0] as string | null, id: value[1] };
  throw invalid('after', 'not a page cursor: use the `next` of the page before');
}
