import type { Incident, Location } from '../contracts/index.js';
import { distanceKm } from '../gazetteer/index.js';
import { addDays, daysBetween, normalizePhrase } from '../text/index.js';

/** An incident as linking sees it: with the report it came from. */
export interface LinkIncident {
  /** `DOCUMENT_ID#INCIDENT_ID`. */
  readonly key: string;
  readonly document: string;
  /** The report's publication day, `YYYY-MM-DD`, when known. */
  readonly published: string | null;
  readonly incident: Incident;
}

/** Two incidents judged the same act, and the evidence for it. */
export interface SameAct {
  /** Higher is surer; links are made strongest first. */
  readonly score: number;
  /** What matched, for the reviewer: «same place C5710», «same day 2017-04-12»… */
  readonly reasons: readonly string[];
}

/** How far apart two points may be and still be one act, by the coarser of their precisions. */
const REACH_KM: Readonly<Record<1 | 2, number>> = { 1: 5, 2: 15 };
/** A report names an act at most this many days after it, when the act's own date is lost. */
const REPORTING_LAG_DAYS = 7;
/** The longest period an incident may be dated by and still be linked: a month. */
export const MAX_WINDOW_DAYS = 31;
/** Words of a date told across midnight: «ليل أمس» in one report is «فجر اليوم» in another. */
const NIGHT = /ليل|فجر|منتصف/;
/** Counts further apart than this (as a ratio, and in people) describe different acts. */
const CONTRADICTING_RATIO = 10;
const CONTRADICTING_GAP = 20;
/** Evidence needed, past the conditions every link must meet. */
const MIN_SCORE = 5;

/** Sub-event types one act is often coded as by different reports. */
const KINDRED_TYPES: readonly (readonly string[])[] = [
  ['Suicide bomb', 'Remote explosive/landmine/IED', 'Armed clash', 'Attack'],
  ['Air/drone strike', 'Shelling/artillery/missile attack', 'Chemical weapon'],
  ['Excessive force against protesters', 'Protest with intervention', 'Attack'],
  ['Abduction/forced disappearance', 'Arrests'],
  ['Government regains territory', 'Non-state actor overtakes territory', 'Armed clash'],
];

/**
 * Whether two incidents from different reports are the same act: compatible
 * in time (by date precision, or by publication when a report gives no date),
 * place (the same place, nearby points, or a place inside an area, always in
 * one governorate), type and doer, with counts that do not contradict. Null
 * when they are not, or when too little is known to say.
 */
export function sameAct(x: LinkIncident, y: LinkIncident): SameAct | null {
  const found = judge(x, y, true);
  return found === null
    ? null
    : {
        score: found.score,
        reasons: found.evidence.flatMap((m) => (m.reason === '' ? [] : [m.reason])),
      };
}

/**
 * sameAct's score alone, without the words of its reasons: a batch joining an
 * act told by hundreds judges tens of thousands of pairs, and keeps a few.
 */
export function sameActScore(x: LinkIncident, y: LinkIncident): number | null {
  return judge(x, y, false)?.score ?? null;
}

/** The judgement, its reasons worded only when `say` (the score is the same either way). */
function judge(
  x: LinkIncident,
  y: LinkIncident,
  say: boolean,
): { score: number; evidence: Evidence[] } | null {
  // The same judgement, in the same words, whichever of the two came first.
  const [a, b] = x.key <= y.key ? [x, y] : [y, x];
  if (a.document === b.document || a.incident.background || b.incident.background) return null;
  // Most candidates fail on time: it is judged first, and the dearer judgements only after.
  const time = timeMatch(a, b, say);
  if (time === null) return null;
  const place = placeMatch(a.incident.location, b.incident.location, say);
  if (place === null) return null;
  const type = typeMatch(a.incident, b.incident, say);
  if (type === null) return null;
  const actors = actorMatch(a.incident, b.incident, say);
  if (actors === null || countsContradict(a.incident, b.incident)) return null;
  const score = place.score + time.score + type.score + actors.score;
  // An area holding a place says little: it takes a known day and a known doer too.
  if (place.area === true && (time.score < 2 || actors.score < 1)) return null;
  return score >= MIN_SCORE ? { score, evidence: [place, time, type, actors] } : null;
}

interface Evidence {
  readonly score: number;
  /** Empty when it says nothing, or when the words were not asked for. */
  readonly reason: string;
  readonly area?: boolean;
}

function typeMatch(a: Incident, b: Incident, say: boolean): Evidence | null {
  if (a.sub_event_type === b.sub_event_type)
    return { score: 2, reason: say ? `both ${a.sub_event_type}` : '' };
  const kindred = KINDRED_TYPES.some(
    (group) => group.includes(a.sub_event_type) && group.includes(b.sub_event_type),
  );
  if (kindred)
    return { score: 1, reason: say ? `${a.sub_event_type} and ${b.sub_event_type}` : '' };
  return null;
}

function placeMatch(a: Location | null, b: Location | null, say: boolean): Evidence | null {
  if (a === null || b === null || a.admin1_pcode === null || a.admin1_pcode !== b.admin1_pcode)
    return null;
  if (a.place_id !== null && a.place_id === b.place_id)
    return { score: 3, reason: say ? `same place ${a.place_id} (${a.name_en})` : '' };
  const [wide, narrow] = a.precision >= b.precision ? [a, b] : [b, a];
  if (wide.precision === 3) {
    return within(narrow, wide)
      ? { score: 1, reason: say ? `${narrow.name_en} lies in ${wide.name_en}` : '', area: true }
      : null;
  }
  const km = distanceKm(a, b);
  const reach = REACH_KM[Math.max(a.precision, b.precision) as 1 | 2];
  return km <= reach ? { score: 2, reason: say ? `${km.toFixed(1)} km apart` : '' } : null;
}

/** Whether a place lies in an area (a governorate or district named at precision 3). */
function within(place: Location, area: Location): boolean {
  if (area.place_id === area.admin1_pcode) return true;
  return area.admin2 !== null && area.admin2 === place.admin2;
}

interface TimeWindow {
  readonly from: string;
  readonly to: string;
  readonly exact: boolean;
}

/** Each incident is judged against many: its window is worked out once. */
const windows = new WeakMap<LinkIncident, TimeWindow | null>();

/** The days an incident can have happened on: its date, or the week before its report. */
export function timeWindow(x: LinkIncident): TimeWindow | null {
  let window = windows.get(x);
  if (window === undefined) {
    window = windowOf(x);
    windows.set(x, window);
  }
  return window;
}

function windowOf(x: LinkIncident): TimeWindow | null {
  const d = x.incident.date;
  if (d.start !== null && d.end !== null) {
    // «العام الماضي»: a year says too little of when to tell one act from another.
    if (daysBetween(d.start, d.end) > MAX_WINDOW_DAYS) return null;
    return { from: d.start, to: d.end, exact: d.precision === 'day' };
  }
  if (x.published === null) return null;
  // «أمس» lost, a retelling days later: the act was in the days before publication.
  return { from: addDays(x.published, -REPORTING_LAG_DAYS), to: x.published, exact: false };
}

function timeMatch(a: LinkIncident, b: LinkIncident, say: boolean): Evidence | null {
  const x = timeWindow(a);
  const y = timeWindow(b);
  if (x === null || y === null) return null;
  if (x.exact && y.exact) {
    if (x.from === y.from) return { score: 2, reason: say ? `same day ${x.from}` : '' };
    // A night act is «أمس» in one report and «اليوم» in another; acts on two days are two acts.
    return Math.abs(daysBetween(x.from, y.from)) === 1 && acrossMidnight(a, b)
      ? { score: 1, reason: say ? `a day apart across a night (${x.from}, ${y.from})` : '' }
      : null;
  }
  // ISO days compare as text.
  const overlap = x.from <= y.to && y.from <= x.to;
  return overlap ? { score: 0, reason: '' } : null;
}

/** Whether two dates a day apart may be one night: told as a night, or by reports of one day. */
function acrossMidnight(a: LinkIncident, b: LinkIncident): boolean {
  const night = (x: LinkIncident): boolean =>
    NIGHT.test(normalizePhrase(x.incident.date.text ?? ''));
  return night(a) || night(b) || (a.published !== null && a.published === b.published);
}

/** The doers must not differ where both are known. */
function actorMatch(a: Incident, b: Incident, say: boolean): Evidence | null {
  const doer = (i: Incident): string | null => {
    const id = i.actors.find((x) => x.role === 'actor1')?.id ?? null;
    return id === 'UNKNOWN' ? null : id;
  };
  const x = doer(a);
  const y = doer(b);
  if (x !== null && y !== null && x !== y) return null;
  return x !== null && x === y
    ? { score: 1, reason: say ? `both by ${x}` : '' }
    : { score: 0, reason: '' };
}

function killed(i: Incident): number | null {
  return i.fatalities?.best ?? null;
}

function countsContradict(a: Incident, b: Incident): boolean {
  const x = killed(a);
  const y = killed(b);
  if (x === null || y === null) return false;
  const [low, high] = x <= y ? [x, y] : [y, x];
  return high - low > CONTRADICTING_GAP && high > low * CONTRADICTING_RATIO;
}
