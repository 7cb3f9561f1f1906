import type { Incident, Location } from '../contracts/index.js';
import { distanceKm } from '../gazetteer/index.js';
import { addDays, daysBetween, normalizePhrase } from '../text/index.js';

/**
 * What judging two incidents reads of each: not their claims, evidence nor
 * notes of why, which are most of an incident's bytes. A batch judges every
 * stored incident near its own (in a month crowded with acts, nearly the whole
 * store): it holds only this of them.
 */
export type ActFacts = Pick<
  Incident,
  'background' | 'sub_event_type' | 'date' | 'location' | 'actors' | 'fatalities'
>;

/** An incident as linking judges it: with the report it came from. */
export interface LinkIncident {
  /** `DOCUMENT_ID#INCIDENT_ID`. */
  readonly key: string;
  readonly document: string;
  /** The report's publication day, `YYYY-MM-DD`, when known. */
  readonly published: string | null;
  readonly incident: ActFacts;
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
  const [a, b] = ordered(x, y);
  const score = scoreOf(a, b);
  return score === null ? null : { score, reasons: reasonsOf(a, b) };
}

/**
 * sameAct's score alone, without the words of its reasons: a batch joining an
 * act told by hundreds judges tens of thousands of pairs, and keeps a few.
 */
export function sameActScore(x: LinkIncident, y: LinkIncident): number | null {
  const [a, b] = ordered(x, y);
  return scoreOf(a, b);
}

/**
 * Everything scoreOf reads of an incident but its key and its report's id:
 * two incidents alike in it score alike against any third, on either side of
 * it in key order (scoreOf judges a pair alike in either order), but for a
 * pair of one report (refused). An act
 * retold by hundreds of outlets is hundreds of incidents alike in all this: a
 * batch joining it scores each new incident against each likeness once, not
 * against every member (an act told by 1,500 reports: 75,000 pairs a batch).
 * Whatever scoreOf comes to read must be here too.
 */
export function judgedAs(x: LinkIncident): string {
  let likeness = likenesses.get(x);
  if (likeness === undefined) {
    const { background, sub_event_type, date, location, fatalities } = x.incident;
    likeness = JSON.stringify([
      background,
      sub_event_type,
      date.start,
      date.end,
      date.precision,
      date.text,
      x.published,
      location === null
        ? null
        : [
            location.admin1_pcode,
            location.admin2,
            location.place_id,
            location.precision,
            location.lat,
            location.lon,
          ],
      doerOf(x.incident),
      fatalities?.best ?? null,
    ]);
    likenesses.set(x, likeness);
  }
  return likeness;
}

/** Each incident is judged against many: its likeness is worked out once. */
const likenesses = new WeakMap<LinkIncident, string>();

/** The same judgement, in the same words, whichever of the two came first. */
function ordered(x: LinkIncident, y: LinkIncident): readonly [LinkIncident, LinkIncident] {
  return x.key <= y.key ? [x, y] : [y, x];
}

/**
 * The judgement's score (null: not the same act), as numbers only: judged as
 * objects of evidence, a batch joining an act told by a thousand reports made
 * four objects a pair for 50,000 pairs, and collecting them cost as much as
 * judging. The reasons are worded for the few pairs kept (reasonsOf).
 */
function scoreOf(a: LinkIncident, b: LinkIncident): number | null {
  if (a.document === b.document || a.incident.background || b.incident.background) return null;
  // Most candidates fail on time: it is judged first, and the dearer judgements only after.
  const time = timeScore(a, b);
  if (time === null) return null;
  const place = placeScore(a.incident.location, b.incident.location);
  if (place === null) return null;
  const type = typeScore(a.incident, b.incident);
  if (type === null) return null;
  const actors = actorScore(a.incident, b.incident);
  if (actors === null || countsContradict(a.incident, b.incident)) return null;
  // An area holding a place says little: it takes a known day and a known doer too.
  if (place === AREA_SCORE && (time < 2 || actors < 1)) return null;
  const score = place + time + type + actors;
  return score >= MIN_SCORE ? score : null;
}

/** What matched, for the reviewer, of a pair scoreOf judged the same act: place, time, type, doer. */
function reasonsOf(a: LinkIncident, b: LinkIncident): string[] {
  return [
    placeReason(a.incident.location, b.incident.location),
    timeReason(a, b),
    typeReason(a.incident, b.incident),
    actorReason(a.incident, b.incident),
  ].filter((r) => r !== '');
}

function typeScore(a: ActFacts, b: ActFacts): number | null {
  if (a.sub_event_type === b.sub_event_type) return 2;
  for (const group of KINDRED_TYPES)
    if (group.includes(a.sub_event_type) && group.includes(b.sub_event_type)) return 1;
  return null;
}

function typeReason(a: ActFacts, b: ActFacts): string {
  return a.sub_event_type === b.sub_event_type
    ? `both ${a.sub_event_type}`
    : `${a.sub_event_type} and ${b.sub_event_type}`;
}

/** A place's score when it lies in an area the other names (the only place score of 1). */
const AREA_SCORE = 1;

function placeScore(a: Location | null, b: Location | null): number | null {
  if (a === null || b === null || a.admin1_pcode === null || a.admin1_pcode !== b.admin1_pcode)
    return null;
  if (a.place_id !== null && a.place_id === b.place_id) return 3;
  const [wide, narrow] = widerFirst(a, b);
  if (wide.precision === 3) return within(narrow, wide) ? AREA_SCORE : null;
  const reach = REACH_KM[Math.max(a.precision, b.precision) as 1 | 2];
  return distanceKm(a, b) <= reach ? 2 : null;
}

/** The words of placeScore's match, for two places it matched. */
function placeReason(a: Location | null, b: Location | null): string {
  if (a === null || b === null) return '';
  if (a.place_id !== null && a.place_id === b.place_id)
    return `same place ${a.place_id} (${a.name_en})`;
  const [wide, narrow] = widerFirst(a, b);
  if (wide.precision === 3) return `${narrow.name_en} lies in ${wide.name_en}`;
  return `${distanceKm(a, b).toFixed(1)} km apart`;
}

/**
 * The wider of two places first: the less precise, and of two areas the
 * governorate, which holds a district (both are named at precision 3). Were
 * the first by key taken, a district's report would be linked to its
 * governorate's only when the governorate's report came first.
 */
function widerFirst(a: Location, b: Location): readonly [Location, Location] {
  if (a.precision !== b.precision) return a.precision > b.precision ? [a, b] : [b, a];
  return isGovernorate(b) && !isGovernorate(a) ? [b, a] : [a, b];
}

function isGovernorate(area: Location): boolean {
  return area.place_id === area.admin1_pcode;
}

/** Whether a place lies in an area (a governorate or district named at precision 3). */
function within(place: Location, area: Location): boolean {
  if (isGovernorate(area)) return true;
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

function timeScore(a: LinkIncident, b: LinkIncident): number | null {
  const x = timeWindow(a);
  const y = timeWindow(b);
  if (x === null || y === null) return null;
  if (x.exact && y.exact) {
    if (x.from === y.from) return 2;
    // A night act is «أمس» in one report and «اليوم» in another; acts on two days are two acts.
    return Math.abs(daysBetween(x.from, y.from)) === 1 && acrossMidnight(a, b) ? 1 : null;
  }
  // ISO days compare as text.
  return x.from <= y.to && y.from <= x.to ? 0 : null;
}

/** The words of timeScore's match, for two incidents it matched: none for overlapping periods. */
function timeReason(a: LinkIncident, b: LinkIncident): string {
  const x = timeWindow(a);
  const y = timeWindow(b);
  if (x === null || y === null || !x.exact || !y.exact) return '';
  return x.from === y.from
    ? `same day ${x.from}`
    : `a day apart across a night (${x.from}, ${y.from})`;
}

/** Whether two dates a day apart may be one night: told as a night, or by reports of one day. */
function acrossMidnight(a: LinkIncident, b: LinkIncident): boolean {
  const night = (x: LinkIncident): boolean =>
    NIGHT.test(normalizePhrase(x.incident.date.text ?? ''));
  return night(a) || night(b) || (a.published !== null && a.published === b.published);
}

/** An incident's doer, where known: each incident is judged against many, and asked once. */
const doers = new WeakMap<ActFacts, string | null>();

function doerOf(i: ActFacts): string | null {
  let doer = doers.get(i);
  if (doer === undefined) {
    const id = i.actors.find((x) => x.role === 'actor1')?.id ?? null;
    doer = id === 'UNKNOWN' ? null : id;
    doers.set(i, doer);
  }
  return doer;
}

/** The doers must not differ where both are known. */
function actorScore(a: ActFacts, b: ActFacts): number | null {
  const x = doerOf(a);
  const y = doerOf(b);
  if (x !== null && y !== null && x !== y) return null;
  return x !== null && x === y ? 1 : 0;
}

/** The words of actorScore's match, for two incidents it matched: none unless both name the doer. */
function actorReason(a: ActFacts, b: ActFacts): string {
  const x = doerOf(a);
  return x !== null && x === doerOf(b) ? `both by ${x}` : '';
}

function killed(i: ActFacts): number | null {
  return i.fatalities?.best ?? null;
}

function countsContradict(a: ActFacts, b: ActFacts): boolean {
  const x = killed(a);
  const y = killed(b);
  if (x === null || y === null) return false;
  const [low, high] = x <= y ? [x, y] : [y, x];
  return high - low > CONTRADICTING_GAP && high > low * CONTRADICTING_RATIO;
}
