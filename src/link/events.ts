import type { Event, Incident } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';
import { compareCodeUnits, daysBetween } from '../text/index.js';
import { clusterIncidents, EVENT_DAY_SPAN } from './cluster.js';
import type { ClusterMember, Decision, Edge } from './cluster.js';
import { reconcileEvent } from './reconcile.js';
import type { EventMemberInput } from './reconcile.js';
import { sameAct } from './same-act.js';
import type { LinkIncident, SameAct } from './same-act.js';

/** A pair judged the same act, with the evidence. */
export interface Link extends SameAct {
  readonly a: string;
  readonly b: string;
}

/** An incident whole, with what an event reports of its source. */
export interface StoredIncident extends LinkIncident {
  readonly incident: Incident;
  readonly outlet: string | null;
  readonly url: string | null;
}

/**
 * The pairs among `incidents` that are the same act, comparing only those in
 * one governorate (no link crosses one). Each pair is judged once, `a < b`.
 */
export function findLinks(incidents: readonly LinkIncident[]): Link[] {
  const byArea = new Map<string, LinkIncident[]>();
  for (const x of incidents) {
    const area = x.incident.location?.admin1_pcode;
    if (area === null || area === undefined || x.incident.background) continue;
    byArea.set(area, [...(byArea.get(area) ?? []), x]);
  }
  const links: Link[] = [];
  for (const group of byArea.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const x = group[i];
        const y = group[j];
        if (x === undefined || y === undefined) continue;
        const match = sameAct(x, y);
        if (match === null) continue;
        const [a, b] = x.key < y.key ? [x.key, y.key] : [y.key, x.key];
        links.push({ a, b, ...match });
      }
    }
  }
  return links;
}

/**
 * The events of a set of incidents closed under links (every incident linked to
 * one of them is in the set): grouped by `clusterIncidents`, each with the
 * reasons its members were linked. Background incidents make no event.
 */
export function buildEvents(
  incidents: readonly StoredIncident[],
  links: readonly Link[],
  lexicon: Lexicon,
  options: { readonly decisions?: readonly Decision[] } = {},
): Event[] {
  const current = incidents.filter((x) => !x.incident.background);
  const byKey = new Map(current.map((x) => [x.key, x]));
  const groups = clusterIncidents(clusterMembers(current), links, options.decisions);
  const linksOf = new Map<string, Link[]>();
  for (const l of links) {
    for (const key of [l.a, l.b]) {
      const list = linksOf.get(key);
      if (list === undefined) linksOf.set(key, [l]);
      else list.push(l);
    }
  }
  const events: Event[] = [];
  for (const keys of groups) events.push(reconcileEvent(membersOf(keys, byKey, linksOf), lexicon));
  return events;
}

/** The members of an event, in its keys' order, each with why it is there. */
function membersOf(
  keys: readonly string[],
  byKey: ReadonlyMap<string, StoredIncident>,
  linksOf: ReadonlyMap<string, Link[]>,
): EventMemberInput[] {
  const inGroup = new Set(keys);
  const members: EventMemberInput[] = [];
  for (const key of keys) {
    const x = byKey.get(key);
    if (x === undefined) continue;
    // Why it is here: its strongest link to another member (the first by keys among equals).
    let best: Link | undefined;
    for (const l of linksOf.get(key) ?? []) {
      if (
        inGroup.has(l.a === key ? l.b : l.a) &&
        (best === undefined || strongerFirst(l, best) < 0)
      )
        best = l;
    }
    // Named field by field: a spread of the incident took V8's slow path (~5 µs a member).
    const member: EventMemberInput = {
      key: x.key,
      document: x.document,
      outlet: x.outlet,
      url: x.url,
      incident: x.incident,
      linkedBy: keys[0] === key || best === undefined ? [] : best.reasons,
    };
    members.push(member);
  }
  return members;
}

function clusterMembers(incidents: readonly StoredIncident[]): ClusterMember[] {
  return incidents.map((x) => ({
    key: x.key,
    document: x.document,
    day: dayOf(x),
  }));
}

/** An incident's day when it is known to the day: what grouping compares across members. */
function dayOf(x: StoredIncident): string | null {
  return x.incident.date.precision === 'day' ? x.incident.date.start : null;
}

/** Links strongest first; among equals, by their keys. */
function strongerFirst(l: Link, m: Link): number {
  return m.score - l.score || compareCodeUnits(l.a, m.a) || compareCodeUnits(l.b, m.b);
}

/**
 * The links that hold a graph of same-act judgements together: its maximum
 * spanning forest, strongest links first (ties by keys). Every pair the graph
 * connects it connects, and each incident keeps its strongest link, so an act
 * told by n reports is held by n − 1 links, not n(n − 1)/2. The forest depends
 * only on the links, and the forest of a forest with more links added is the
 * forest of them all: it can be kept as reports arrive, in any order.
 */
export function spanningForest<L extends Edge>(links: readonly L[]): L[] {
  return forestPositions(
    endsByRank(links),
    links.map((l) => l.score),
  ).flatMap((k) => links[k] ?? []);
}

/** Links as their ends' ranks in key order and how many keys there are. */
export interface RankedEnds {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly keys: number;
}

/**
 * spanningForest of links given as their ends' ranks (any ranks in key order)
 * and their scores: the positions of the forest's links, strongest first. A
 * batch joining an act told by hundreds judges tens of thousands of pairs, and
 * keeps a few: they need not be made links to be weighed.
 */
export function forestPositions(ends: RankedEnds, scores: readonly number[]): number[] {
  const distinct = [...new Set(scores)].sort((x, y) => y - x);
  const place = new Map(distinct.map((score, k) => [score, k]));
  // Filled by a loop: typed arrays made from a list through a function took most of the time.
  const strength = new Uint32Array(scores.length);
  for (let k = 0; k < scores.length; k++) strength[k] = place.get(scores[k] ?? 0) ?? 0;
  return forestByStrength(ends, strength, distinct.length);
}

/**
 * forestPositions of links given by their strengths instead of their scores:
 * 0 for the strongest score, 1 for the next, and so on, below `levels`. A
 * caller that scores few kinds of pair knows them without looking each up.
 */
export function forestByStrength(
  ends: RankedEnds,
  strength: Uint32Array,
  levels: number,
): number[] {
  const parent = new Uint32Array(ends.keys);
  for (let k = 0; k < ends.keys; k++) parent[k] = k;
  const root = (k: number): number => {
    let r = k;
    for (let up = parent[r] ?? r; up !== r; up = parent[r] ?? r) r = up;
    parent[k] = r;
    return r;
  };
  const forest: number[] = [];
  for (const k of strongestFirst(strength, levels, ends)) {
    const x = root(ends.a[k] ?? 0);
    const y = root(ends.b[k] ?? 0);
    if (x === y) continue;
    parent[x] = y;
    forest.push(k);
  }
  return forest;
}

/** Each link's ends as the ranks of their keys in key order, and how many keys there are. */
function endsByRank(links: readonly Edge[]): RankedEnds {
  const distinct = new Set<string>();
  for (const l of links) distinct.add(l.a).add(l.b);
  const rank = new Map([...distinct].sort(compareCodeUnits).map((key, k) => [key, k]));
  const a = new Uint32Array(links.length);
  const b = new Uint32Array(links.length);
  for (const [k, l] of links.entries()) {
    a[k] = rank.get(l.a) ?? 0;
    b[k] = rank.get(l.b) ?? 0;
  }
  return { a, b, keys: distinct.size };
}

/**
 * The links' positions in strongerFirst's order, by stable counting sorts on
 * the second key, the first, then the strength: a batch joining an act told by
 * hundreds offers a hundred thousand links, and sorting them as objects by
 * their keys took longer than all else linking does with them.
 */
function strongestFirst(strength: Uint32Array, levels: number, ends: RankedEnds): Uint32Array {
  let order: Uint32Array = new Uint32Array(strength.length);
  for (let k = 0; k < order.length; k++) order[k] = k;
  for (const [by, range] of [
    [ends.b, ends.keys],
    [ends.a, ends.keys],
    [strength, levels],
  ] as const)
    order = countingSort(order, by, range);
  return order;
}

/** The positions in `order` sorted by `by` (values below `range`), equals kept in order. */
function countingSort(order: Uint32Array, by: Uint32Array, range: number): Uint32Array {
  const start = new Uint32Array(range + 1);
  for (const k of order) {
    const v = (by[k] ?? 0) + 1;
    start[v] = (start[v] ?? 0) + 1;
  }
  for (let v = 1; v <= range; v++) start[v] = (start[v] ?? 0) + (start[v - 1] ?? 0);
  const sorted = new Uint32Array(order.length);
  for (const k of order) {
    const v = by[k] ?? 0;
    sorted[start[v] ?? 0] = k;
    start[v] = (start[v] ?? 0) + 1;
  }
  return sorted;
}

/**
 * Whether grouping these incidents could turn down a link: two of one report,
 * days more than a night apart, or a pair a reviewer split. When none of these
 * holds, every link joins, the events are the connected parts of the graph,
 * and its spanning forest makes the same events as all its links.
 */
export function groupingMayRefuse(
  incidents: readonly StoredIncident[],
  decisions: readonly Decision[],
): boolean {
  if (decisions.some((d) => !d.same)) return true;
  // One pass, the first and last day kept as met: sorting every member's day was most of the time.
  const documents = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  for (const x of incidents) {
    if (x.incident.background) continue;
    if (documents.has(x.document)) return true;
    documents.add(x.document);
    const day = dayOf(x);
    if (day === null) continue;
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
  }
  return first !== null && last !== null && daysBetween(first, last) > EVENT_DAY_SPAN;
}
