import type { Event, Incident, Location, ReviewStatus } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';
import {
  buildEvents,
  eventId,
  findLinks,
  forestByStrength,
  groupingMayRefuse,
  judgedAs,
  MAX_WINDOW_DAYS,
  sameAct,
  sameActScore,
  spanningForest,
  timeWindow,
} from '../link/index.js';
import type { ActFacts, Decision, Link, LinkIncident, StoredIncident } from '../link/index.js';
import { addDays, byKey, compareCodeUnits, normalizePhrase } from '../text/index.js';
import { correctEvent, correctIncidents, moveEventCorrections } from './corrections.js';
import type { Correction, EventCorrection } from './corrections.js';
import type { Database, Sql } from './db.js';
import { digestClaims, memberChanges, memberRows, storedMembers } from './event-members.js';
import type { StoredMembers } from './event-members.js';
import { weekdayContradictedAmongFew } from './schema.js';

interface IncidentRow {
  id: string;
  document_id: string;
  published_day: string | null;
  outlet: string | null;
  url: string | null;
  data: Incident;
}

/**
 * An incident as linking reads it: without the notes of why extraction read it
 * so (half its bytes), which neither judging nor events use. Nothing read here
 * is written back.
 */
const INCIDENT_DATA = `i.data - 'why'`;

/**
 * An incident as judging reads it (ActFacts): without its claims, evidence,
 * tags and notes of why, nor the other places its name could have meant (a
 * third of its bytes), in one detoasting of the row's data.
 */
const INCIDENT_FACTS = `i.data - ARRAY['why', 'claims', 'evidence', 'tags']::text[] #- '{location,alternatives}'`;

function stored(row: IncidentRow): StoredIncident {
  return {
    key: row.id,
    document: row.document_id,
    published: row.published_day,
    outlet: row.outlet,
    url: row.url,
    incident: row.data,
  };
}

/** A candidate's row as the search reads it: its report's day, and what judging reads. */
interface FactsRow {
  id: string;
  document_id: string;
  published_day: string | null;
  data: ActFacts;
}

function judgedOn(row: FactsRow): LinkIncident {
  return {
    key: row.id,
    document: row.document_id,
    published: row.published_day,
    incident: row.data,
  };
}

/** No other place: what judging reads of a place's alternatives (INCIDENT_FACTS drops them). */
const NO_ALTERNATIVES: Location['alternatives'] = [];

/** A whole incident as judging reads it (INCIDENT_FACTS), for holding it no longer whole. */
function factsOf(x: LinkIncident): LinkIncident {
  const { background, sub_event_type, date, location, actors, fatalities } = x.incident;
  return {
    key: x.key,
    document: x.document,
    published: x.published,
    incident: {
      background,
      sub_event_type,
      date,
      location: location === null ? null : { ...location, alternatives: NO_ALTERNATIVES },
      actors,
      fatalities,
    },
  };
}

/** The governorates each transaction holds linking's lock on (lockAreas), until it ends. */
const heldAreas = new WeakMap<Sql, Set<string>>();

/**
 * Links and events of one governorate are written by one transaction at a
 * time (links never cross a governorate). Taken in order, so that two reports
 * naming the same two governorates never wait on each other.
 */
export async function lockAreas(tx: Sql, areas: readonly string[]): Promise<void> {
  const sorted = [...new Set(areas)].sort();
  if (sorted.length === 0) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtext('wathiq:link:' || area))
     FROM (SELECT area FROM unnest($1::text[]) AS area ORDER BY area) AS ordered`,
    [sorted],
  );
  const held = heldAreas.get(tx) ?? new Set<string>();
  heldAreas.set(tx, held);
  for (const area of sorted) held.add(area);
}

/**
 * The incidents the links reach from $1, followed to the end in both
 * directions (`reach`): each step by key on either end of a link, so both
 * indexes are read (OFFSET 0 keeps the two lookups apart).
 */
const REACHED = `WITH RECURSIVE reach(id) AS (
       SELECT unnest($1::text[])
       UNION
       SELECT n.id FROM reach r
       CROSS JOIN LATERAL (
         SELECT b AS id FROM incident_links WHERE a = r.id
         UNION ALL
         SELECT a FROM incident_links WHERE b = r.id
         OFFSET 0) n
     )`;

/**
 * Linking's locks on every governorate of the parts of the graph these stored
 * incidents are in, taken at once and in order, for a person's changes to
 * their events: a worker regrouping them must wait, and be waited for. The
 * links are followed to the end, as regrouping walks them: a person's join
 * across governorates leaves such a link, and a later split keeps it. An
 * incident's governorate is its machine reading's, which the candidate search
 * finds it by (a correction of its place moves no lock).
 */
export async function lockLinkedAreas(tx: Sql, incidents: readonly string[]): Promise<void> {
  if (incidents.length === 0) return;
  const rows = await tx.query<{ area: string }>(
    `${REACHED}
     SELECT DISTINCT i.admin1_pcode AS area FROM reach r JOIN incidents i ON i.id = r.id
     WHERE i.admin1_pcode IS NOT NULL`,
    [[...new Set(incidents)]],
  );
  await lockAreas(
    tx,
    rows.map((r) => r.area),
  );
}

/** A governorate and days to look in: stored incidents whose window may meet one of these. */
export interface SearchSpan {
  readonly area: string;
  readonly from: string;
  readonly to: string;
}

/** Windows are a month at most, so a search reads the index over a month and a day, not the past. */
const REACH_BACK_DAYS = MAX_WINDOW_DAYS + 1;

/** Where the candidate search looks for an incident: its governorate and days (null: it lacks either). */
function searchedAt(x: LinkIncident): SearchSpan | null {
  const area = x.incident.location?.admin1_pcode ?? null;
  const days = timeWindow(x);
  return area === null || days === null ? null : { area, from: days.from, to: days.to };
}

function byFrom(a: { readonly from: string }, b: { readonly from: string }): number {
  return compareCodeUnits(a.from, b.from);
}

/**
 * Where to look for the incidents that could be the same act as these: per
 * governorate, their time windows merged wherever the index ranges they read
 * would meet, so that a batch reads each stretch of the index once and no
 * stored incident comes back twice.
 */
export function searchSpans(incidents: readonly LinkIncident[]): SearchSpan[] {
  const byArea = new Map<string, { from: string; to: string }[]>();
  for (const x of incidents) {
    const span = searchedAt(x);
    if (span === null) continue;
    const list = byArea.get(span.area) ?? [];
    list.push({ from: span.from, to: span.to });
    byArea.set(span.area, list);
  }
  const spans: SearchSpan[] = [];
  for (const [area, windows] of [...byArea].sort((a, b) => compareCodeUnits(a[0], b[0]))) {
    windows.sort(byFrom);
    let open: { from: string; to: string } | null = null;
    for (const w of windows) {
      if (open !== null && addDays(w.from, -REACH_BACK_DAYS) <= addDays(open.to, 1)) {
        if (w.to > open.to) open.to = w.to;
        continue;
      }
      if (open !== null) spans.push({ area, ...open });
      open = { ...w };
    }
    if (open !== null) spans.push({ area, ...open });
  }
  return spans;
}

/**
 * Which version of an incident's row, and of its report's, a row was read
 * from: a row version is its transaction (xmin) and its place (ctid), which
 * every update of either row changes (the incident's data read again, an
 * event given, a report given a date it lacked), and which no other version
 * of the same row has while it lives on one server's history (SERVER).
 */
const ROW_VERSION = `i.row_xmin::text || ':' || i.row_ctid::text || ':' || d.row_xmin::text || ':' || d.row_ctid::text`;

/**
 * Which server a search read its row versions from: its system identifier and
 * the time it started. A transaction id is another row's once the server is
 * put back from an older physical copy (a point-in-time restore, a standby
 * promoted) under a running process: either changes then, and nothing read
 * before is trusted. Read once per statement (an uncorrelated subquery).
 * PGlite runs inside the process that holds its files: nothing can put them
 * back under it, and it answers the same functions, so both engines ask alike.
 */
const SERVER = `(SELECT s.system_identifier::text || ':' || extract(epoch FROM pg_postmaster_start_time())::text
       FROM pg_control_system() AS s)`;

/**
 * The candidates of some spans, as SQL: with `read` 'versions' (for a
 * CandidateCache), their ids, row versions and the server's identity (for the
 * facts of those not in hand, CANDIDATE_FACTS); with 'facts', each incident
 * and its report's day as judging reads them. Each span is its own scan of the linking
 * index (a LATERAL subquery that OFFSET 0 keeps from being flattened into a
 * join): however large the store grows, and whatever plan a prepared statement
 * settles on, a batch reads only the incidents near its own, never every
 * incident of the store.
 */
export function candidateQuery(
  spans: readonly SearchSpan[],
  read: 'versions' | 'facts' = 'versions',
): {
  text: string;
  params: unknown[];
} {
  const columns =
    read === 'versions'
      ? `i.id, ${ROW_VERSION} AS version, ${SERVER} AS server`
      : `i.id, i.document_id, d.published_day, ${INCIDENT_FACTS} AS data`;
  const incident =
    read === 'versions'
      ? 'c.id, c.document_id, c.xmin AS row_xmin, c.ctid AS row_ctid'
      : 'c.id, c.document_id, c.data';
  const report = read === 'versions' ? 'd.xmin AS row_xmin, d.ctid AS row_ctid' : 'd.published_day';
  return {
    text: `SELECT ${columns}
     FROM unnest($1::text[], $2::date[], $3::date[]) AS w(area, "from", "to")
     CROSS JOIN LATERAL (
       SELECT ${incident} FROM incidents c
       WHERE c.admin1_pcode = w.area AND NOT c.background
         AND c.window_from BETWEEN w."from" - ${String(REACH_BACK_DAYS)} AND w."to" + 1
         AND c.window_to >= w."from" - 1
       OFFSET 0) i
     CROSS JOIN LATERAL (
       SELECT ${report} FROM documents d WHERE d.id = i.document_id
       OFFSET 0) d`,
    params: [spans.map((s) => s.area), spans.map((s) => s.from), spans.map((s) => s.to)],
  };
}

/**
 * Incidents and their reports by key, with their row versions: with `read`
 * 'facts', as judging reads them; 'whole', as events are built of them.
 */
function candidateRows(read: 'facts' | 'whole'): string {
  const columns =
    read === 'facts'
      ? `i.id, i.document_id, d.published_day, ${INCIDENT_FACTS} AS data`
      : `i.id, i.document_id, d.published_day, d.outlet, d.url, ${INCIDENT_DATA} AS data`;
  return `SELECT ${columns}, ${ROW_VERSION} AS version
     FROM unnest($1::text[]) AS k(id)
     CROSS JOIN LATERAL (
       SELECT c.*, c.xmin AS row_xmin, c.ctid AS row_ctid FROM incidents c
       WHERE c.id = k.id AND NOT c.background OFFSET 0) i
     CROSS JOIN LATERAL (
       SELECT d.published_day, d.outlet, d.url, d.xmin AS row_xmin, d.ctid AS row_ctid
       FROM documents d WHERE d.id = i.document_id OFFSET 0) d`;
}

export const CANDIDATE_FACTS = candidateRows('facts');
export const CANDIDATE_ROWS = candidateRows('whole');

/**
 * An incident as a candidate search read it, and the row versions it was read
 * from (ROW_VERSION): whole while the last batch linked to it (its event is
 * rebuilt of it, and will be again when the next report of its act comes),
 * else only what judging reads.
 */
interface ReadCandidate {
  readonly version: string;
  readonly member: LinkIncident;
  readonly whole: StoredIncident | null;
}

/**
 * The candidates one database's searches read, by key: what the next
 * batch need not read again. An act told by hundreds of reports is a
 * candidate of every report of it: each batch read every telling's incident
 * whole (an act told by 450: 450 rows, 25 ms of PGlite's 36 for the search),
 * where the incidents stored since the last batch are all that is new. Each
 * is taken only at the row versions it was read from, so a row changed since
 * (read again, its report completed, by any process) is read again, and only
 * from the same server (SERVER), else none is. The last search's are kept,
 * with the incidents the batch stored (holdSaved), and earlier ones' up to
 * CANDIDATES_KEPT (keep); only those the last batch
 * linked to, and those it stored, are held whole (wholeCandidates,
 * holdSaved): when every report falls in one month, a batch's candidates
 * are nearly the whole store, and all of them were held whole.
 */
export interface CandidateCache {
  /** The server the candidates held were read from (SERVER); null before any search. */
  server: string | null;
  /** By key, the least lately found first. */
  readonly held: Map<string, ReadCandidate>;
}

export function emptyCandidateCache(): CandidateCache {
  return { server: null, held: new Map() };
}

/**
 * The candidates a cache holds at most beyond the last search's. Reports that
 * come in no order of their days (a folder, a feed's backlog) give each batch
 * a governorate's few windows spread over the years, and each batch another
 * few: holding only the last search's, 85% of a batch's candidates were read
 * again (10,000 generated reports on PostgreSQL: 27,616 of 32,526), though
 * few had changed. Held as judging reads them, about a kilobyte each.
 */
const CANDIDATES_KEPT = 10_000;

/**
 * The cache's candidates with this search's put last, as the latest found,
 * and the least lately found let go beyond CANDIDATES_KEPT (never one of the
 * `latest` last put: a crowded month's are all held, as its next batch reads
 * them all).
 * One held at a version no search finds again is never taken: each is taken
 * only at the version a search finds (candidatesFor).
 */
function keep(
  held: Map<string, ReadCandidate>,
  read: ReadonlyMap<string, ReadCandidate>,
  latest = read.size,
): void {
  for (const [id, candidate] of read) {
    held.delete(id);
    held.set(id, candidate);
  }
  const most = Math.max(CANDIDATES_KEPT, latest);
  for (const id of held.keys()) {
    if (held.size <= most) break;
    held.delete(id);
  }
}

/**
 * Stored incidents that could be the same act as one of these (same governorate, close days),
 * as judging reads them. Those in `cache` at the versions found are not read again; the cache
 * is left holding these. Without a cache, one statement reads them all.
 */
export async function candidatesFor(
  tx: Sql,
  incidents: readonly LinkIncident[],
  cache?: CandidateCache,
): Promise<LinkIncident[]> {
  const spans = searchSpans(incidents);
  if (spans.length === 0) return [];
  if (cache === undefined) {
    const { text, params } = candidateQuery(spans, 'facts');
    return (await tx.query<FactsRow>(text, params)).map(judgedOn);
  }
  const { text, params } = candidateQuery(spans);
  const found = await tx.query<{ id: string; version: string; server: string }>(text, params);
  const server = found[0]?.server ?? cache.server;
  if (server !== cache.server) cache.held.clear();
  const read = new Map<string, ReadCandidate>();
  const missing: string[] = [];
  for (const { id, version } of found) {
    const held = cache.held.get(id);
    if (held !== undefined && held.version === version) read.set(id, held);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await tx.query<FactsRow & { version: string }>(CANDIDATE_FACTS, [missing]);
    for (const row of rows)
      read.set(row.id, { version: row.version, member: judgedOn(row), whole: null });
  }
  cache.server = server;
  keep(cache.held, read);
  // In the search's order, as one statement read them.
  const members: LinkIncident[] = [];
  for (const { id } of found) {
    const candidate = read.get(id);
    if (candidate !== undefined) members.push(candidate.member);
  }
  return members;
}

/**
 * The candidates a batch linked to (`linked`), whole: those the cache holds
 * whole at the version found are not read again. The cache is left holding
 * these whole and every other candidate as judging reads it, so that what it
 * holds whole is one batch's linked incidents, never a crowded month. Without
 * a cache, none: the walk of the graph reads them (regroup).
 */
export async function wholeCandidates(
  tx: Sql,
  linked: ReadonlySet<string>,
  cache?: CandidateCache,
): Promise<StoredIncident[]> {
  if (cache === undefined) return [];
  const wholes: StoredIncident[] = [];
  const missing: string[] = [];
  for (const [id, held] of cache.held) {
    if (!linked.has(id)) {
      if (held.whole !== null)
        cache.held.set(id, { ...held, member: factsOf(held.whole), whole: null });
    } else if (held.whole === null) missing.push(id);
    else wholes.push(held.whole);
  }
  if (missing.length > 0) {
    for (const row of await tx.query<IncidentRow & { version: string }>(CANDIDATE_ROWS, [
      missing,
    ])) {
      const whole = stored(row);
      cache.held.set(row.id, { version: row.version, member: whole, whole });
      wholes.push(whole);
    }
  }
  return wholes;
}

/**
 * The governorate an incident is judged in. byArea and judgedForest must read it alike: the
 * pairs' typed arrays are sized from it and silently drop writes past their length.
 */
const governorateOf = (x: LinkIncident): string => x.incident.location?.admin1_pcode ?? '';

/** Links never cross a governorate: each incident is judged against its own governorate's only. */
function byArea<T extends LinkIncident>(incidents: readonly T[]): Map<string, T[]> {
  const areas = new Map<string, T[]>();
  for (const x of incidents) {
    const area = governorateOf(x);
    const list = areas.get(area);
    if (list === undefined) areas.set(area, [x]);
    else list.push(x);
  }
  return areas;
}

/**
 * Links a report's new incidents to what is stored and regroups the events they
 * touch. The groups depend only on the incidents and links, not on the order
 * reports arrive in, so any number of workers give the same events. The
 * incidents that are not background are not stored yet: they are stored here,
 * once their events are known, so that each row and its index entries are
 * written once.
 */
export async function linkNewIncidents(
  tx: Sql,
  incidents: readonly StoredIncident[],
  lexicon: Lexicon,
  cache?: CandidateCache,
): Promise<void> {
  const current = incidents.filter((x) => !x.incident.background);
  if (current.length === 0) return;
  const areas: string[] = [];
  for (const x of current) {
    const area = x.incident.location?.admin1_pcode ?? null;
    if (area !== null) areas.push(area);
  }
  // What depends on these incidents only is worked out before the lock, which the other
  // workers linking in these governorates wait on: most of the time it was held, the server
  // waited on this process's JavaScript.
  const unsaved = unsavedOf(current);
  digestClaims(current);
  await lockAreas(tx, areas);
  const found = await candidatesFor(tx, current, cache);
  // The new incidents are candidates of each other too (a batch): those the search would find,
  // had they been stored, are those with a governorate and days (each lies in its own span).
  const candidates = byArea([...found, ...current.filter((x) => searchedAt(x) !== null)]);
  const { judged, linked } = judgedForest(current, candidates);
  // Called whatever was judged: the candidates held whole that are linked no more are let go.
  const wholes = await wholeCandidates(tx, linked, cache);
  let saved: Saved;
  if (judged.length === 0) {
    // Linked to nothing stored: each incident is an event of its own, nothing else changes.
    const events = buildEvents(current, [], lexicon);
    const members = events.flatMap((e) =>
      e.members.map((m) => ({ incident: m.incident, event: e.id })),
    );
    saved = await saveEvents(tx, events, current, members, unsaved);
  } else {
    // Only the forest of the fresh links can be in the forest of all (a link left out of it
    // is the weakest of a cycle among them): an act told by n reports offers a new one n links.
    saved = await regroup(
      tx,
      current.map((x) => x.key),
      lexicon,
      judged.map(worded),
      [...current, ...wholes],
      unsaved,
    );
  }
  if (cache !== undefined) holdSaved(cache, current, saved, found.length);
}

/**
 * The incidents a batch stored, held in its cache at the row versions they
 * were stored at: the next batches' searches find them, and, unchanged,
 * need not read them. They were most of what was read after earlier
 * searches' candidates were kept: 8,286 rows read at 10,000 reports on
 * PostgreSQL, 438 with them held. Held whole, as the walk of the graph
 * would read them (without the notes of why, INCIDENT_DATA): a batch of an
 * act's retellings links to the batch before's, and held as judging reads
 * them they were all read again whole (wholeCandidates), 50 rows a batch,
 * 8 ms of PGlite's CPU. The next batch lets go of the wholes of those it
 * does not link to, as of any candidate held whole, so that no more than
 * a batch's stay whole. Only those a search can find (with a governorate
 * and days); held after the `searched` candidates of this batch, none of
 * which is let go for them.
 */
function holdSaved(
  cache: CandidateCache,
  incidents: readonly StoredIncident[],
  { server, versions }: Saved,
  searched: number,
): void {
  if (server === null) return;
  // Written on another server than the candidates held were read from: none of those is trusted.
  if (server !== cache.server) cache.held.clear();
  cache.server = server;
  const held = new Map<string, ReadCandidate>();
  for (const x of incidents) {
    const version = versions.get(x.key);
    if (version === undefined || searchedAt(x) === null) continue;
    const whole = withoutNotes(x);
    held.set(x.key, { version, member: whole, whole });
  }
  keep(cache.held, held, searched + held.size);
}

/** An incident in hand as the store gives it whole (INCIDENT_DATA): without the notes of why it was read so. */
function withoutNotes(x: StoredIncident): StoredIncident {
  if (x.incident.why === undefined) return x;
  const incident: Incident = { ...x.incident };
  delete incident.why;
  return { ...x, incident };
}

/** Incidents reached, in their keys' order. */
function byMemberKey(x: Reached, y: Reached): number {
  return byKey(x.member, y.member);
}

/** The incidents by key. */
function keyed<T extends { readonly key: string }>(list: readonly T[]): Map<string, T> {
  const found = new Map<string, T>();
  for (const x of list) found.set(x.key, x);
  return found;
}

/**
 * The spanning forest of the pairs judged the same act between new incidents
 * and their candidates (each pair of new ones once), as spanningForest of them
 * all makes it. Each pair is scored without its reasons and held as its ends'
 * ranks in key order and its score: an act told by n reports offers each new
 * incident n pairs, and only the forest's few are made pairs to word (as
 * objects, the pairs of an act told by 1,000 reports were a third of the time
 * linking spent in JavaScript, with their garbage). Candidates alike in all
 * judging reads (judgedAs) are judged once for each new incident: the
 * reports of an act retold by wire mostly are.
 */
function judgedForest(
  current: readonly StoredIncident[],
  candidates: ReadonlyMap<string, readonly LinkIncident[]>,
): { judged: Judged[]; linked: Set<string> } {
  const inPlayByKey = new Map<string, LinkIncident>();
  for (const list of candidates.values()) for (const x of list) inPlayByKey.set(x.key, x);
  for (const x of current) inPlayByKey.set(x.key, x);
  const inPlay = [...inPlayByKey.values()].sort(byKey);
  const rank = new Map(inPlay.map((x, k) => [x.key, k]));
  const isNew = new Set(current.map((x) => x.key));
  // Reports as numbers: a pair's two are compared as such, not as strings, pair after pair.
  const reports = new Map<string, number>();
  const ranked = new Map<string, RankedArea>();
  for (const [area, list] of candidates) ranked.set(area, areaOf(list, rank, isNew, reports));
  // Room for every pair that could be judged: one per new incident and candidate of its area.
  let room = 0;
  for (const x of current) room += ranked.get(governorateOf(x))?.size ?? 0;
  const a = new Uint32Array(room);
  const b = new Uint32Array(room);
  // Each pair's score as the order it was first met in among the distinct scores (levels).
  const met = new Uint32Array(room);
  const levels = new Map<number, number>();
  let pairs = 0;
  for (const x of current) {
    const area = governorateOf(x);
    const list = candidates.get(area) ?? [];
    const { ranks, fresh, report, kind, kinds, linked } = ranked.get(area) ?? NO_CANDIDATES;
    const rx = rank.get(x.key) ?? 0;
    const rep = reportNumber(reports, x);
    // x's score against each kind of candidate, as its level: -2 until judged, -1 not the same act.
    const known = new Int32Array(kinds).fill(-2);
    for (let j = 0; j < list.length; j++) {
      const ry = ranks[j] ?? 0;
      // Each pair of new incidents is judged once (ranks are in key order).
      if (fresh[j] === 1 && ry <= rx) continue;
      // Two incidents of one report are never the same act: the kind's score does not say so.
      if (report[j] === rep) continue;
      const at = kind[j] ?? 0;
      let level = known[at] ?? -2;
      if (level === -2) {
        const y = list[j];
        const score = y === undefined ? null : sameActScore(x, y);
        level = score === null || score < 0 ? -1 : levelOf(levels, score);
        known[at] = level;
      }
      if (level < 0) continue;
      linked[j] = 1;
      a[pairs] = Math.min(rx, ry);
      b[pairs] = Math.max(rx, ry);
      met[pairs] = level;
      pairs++;
    }
  }
  const ends = { a: a.subarray(0, pairs), b: b.subarray(0, pairs), keys: inPlay.length };
  const strength = strengthsOf(met.subarray(0, pairs), levels);
  const scores = [...levels.keys()];
  const judged: Judged[] = [];
  for (const k of forestByStrength(ends, strength, levels.size)) {
    const x = inPlay[a[k] ?? 0];
    const y = inPlay[b[k] ?? 0];
    if (x !== undefined && y !== undefined)
      judged.push({ a: x.key, b: y.key, score: scores[met[k] ?? 0] ?? 0, x, y });
  }
  return { judged, linked: linkedCandidates(candidates, ranked) };
}

/** An area's candidates as judgedForest reads them, worked out once for all its new incidents. */
interface RankedArea {
  readonly size: number;
  /** Each candidate's rank in key order among all incidents in play. */
  readonly ranks: Uint32Array;
  /** 1 for a new incident. */
  readonly fresh: Uint8Array;
  /** Its report, as a number. */
  readonly report: Uint32Array;
  /** Which kind it is of the area's candidates alike in all judging reads (judgedAs). */
  readonly kind: Uint32Array;
  readonly kinds: number;
  /** 1 once it is judged the same act as a new incident. */
  readonly linked: Uint8Array;
}

function areaOf(
  list: readonly LinkIncident[],
  rank: ReadonlyMap<string, number>,
  isNew: ReadonlySet<string>,
  reports: Map<string, number>,
): RankedArea {
  const kinds = new Map<string, number>();
  const kind = new Uint32Array(list.length);
  const ranks = new Uint32Array(list.length);
  const fresh = new Uint8Array(list.length);
  const report = new Uint32Array(list.length);
  for (const [j, y] of list.entries()) {
    const likeness = judgedAs(y);
    let k = kinds.get(likeness);
    if (k === undefined) kinds.set(likeness, (k = kinds.size));
    kind[j] = k;
    ranks[j] = rank.get(y.key) ?? 0;
    fresh[j] = isNew.has(y.key) ? 1 : 0;
    report[j] = reportNumber(reports, y);
  }
  const linked = new Uint8Array(list.length);
  return { size: list.length, ranks, fresh, report, kind, kinds: kinds.size, linked };
}

/** The number of an incident's report among those met so far, a new one numbered next. */
function reportNumber(reports: Map<string, number>, x: LinkIncident): number {
  let n = reports.get(x.document);
  if (n === undefined) reports.set(x.document, (n = reports.size));
  return n;
}

/** The number of a score among those met so far, a new one numbered next. */
function levelOf(levels: Map<number, number>, score: number): number {
  let level = levels.get(score);
  if (level === undefined) levels.set(score, (level = levels.size));
  return level;
}

/** Each pair's strength (0: the strongest score) from its score's level, in the order first met. */
function strengthsOf(met: Uint32Array, levels: ReadonlyMap<number, number>): Uint32Array {
  const strengthOf = new Uint32Array(levels.size);
  [...levels].sort((x, y) => y[0] - x[0]).forEach(([, level], k) => (strengthOf[level] = k));
  const strength = new Uint32Array(met.length);
  for (let k = 0; k < met.length; k++) strength[k] = strengthOf[met[k] ?? 0] ?? 0;
  return strength;
}

/** The stored candidates judged the same act as a new incident: their events are rebuilt. */
function linkedCandidates(
  candidates: ReadonlyMap<string, readonly LinkIncident[]>,
  ranked: ReadonlyMap<string, RankedArea>,
): Set<string> {
  const linked = new Set<string>();
  for (const [area, list] of candidates) {
    const marks = ranked.get(area) ?? NO_CANDIDATES;
    for (const [j, y] of list.entries())
      if (marks.linked[j] === 1 && marks.fresh[j] === 0) linked.add(y.key);
  }
  return linked;
}

/** An area without candidates, as judgedForest reads an area's. */
const NO_CANDIDATES: RankedArea = areaOf([], new Map(), new Set(), new Map());

/** A pair scored the same act, with the two incidents to word its reasons from. */
interface Judged {
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly x: LinkIncident;
  readonly y: LinkIncident;
}

/** A scored pair as a link: sameAct again, for its reasons (the same judgement, so the same score). */
function worded({ a, b, x, y }: Judged): Link {
  const match = sameAct(x, y);
  if (match === null) throw new Error(`the pair ${a}, ${b} was scored but not judged the same act`);
  return { a, b, ...match };
}

/**
 * The work_mem a walk of the graph is given, in kB, for the incidents it is
 * expected to reach (those it starts from and those in hand): its tables of
 * ids (~250 bytes a row) stay in memory, and its table of incidents seen,
 * made as large as the planner's guess allows, stays small. PostgreSQL's
 * least is 64 kB.
 */
function walkKb(expected: number): number {
  return 64 + Math.ceil(expected / 4);
}

/** A member of the part of the graph being regrouped, and the event it is in now. */
interface Reached {
  readonly member: StoredIncident;
  readonly event: string | null;
}

/**
 * Every incident joined to these by links, however many steps away: the part
 * of the graph to regroup, each with the event it is in now. Incidents in hand
 * (`known`) are not read again. Each incident and its report are looked up by
 * key (LATERAL … OFFSET 0, as in candidateQuery): the planner cannot guess how
 * few incidents the graph reaches, and joined plainly it hashed every stored
 * report to find a handful (20 ms a batch at 10,000 reports, growing with the
 * store; 5 ms this way). Each step's links are looked up the same way, from
 * either end's index: joined on `a = id OR b = id`, the planner scanned every
 * link for every incident reached (an act told by 500 reports: 225,000 rows,
 * 0.7 s a batch on PGlite; 2 ms this way).
 */
async function component(
  tx: Sql,
  keys: readonly string[],
  known: ReadonlyMap<string, StoredIncident>,
): Promise<Walked> {
  // Statistics can make a scan look cheaper than the index: in a store of one act told many
  // times, the forest's links share one end, and that end's lookup was planned as a scan of
  // every link, done again for each incident reached. Only lookups by key are wanted here.
  // The recursion's row estimates are wild (millions where there are hundreds), and on them
  // PostgreSQL compiled the statement to machine code at every batch: 28 ms of a query that
  // runs in 1 (an act told by 500 reports: 440 ms). On them too the walk's table of incidents
  // seen was made for hundreds of thousands, as large as work_mem lets a hash grow (12 MB,
  // zeroed: 10 to 100 ms of a walk that takes 1): work_mem is cut to about what the walk holds
  // (walkKb), never raised. The settings last for this statement: the values before are read
  // as they are set, and put back by the next statement (surroundings), as each round trip is
  // held under the linking lock (reset from pg_settings, which lists every setting, they cost
  // 2 ms a batch on PostgreSQL and 9 on PGlite).
  const [before] = await tx.query<PlannerSettings>(
    `WITH before AS MATERIALIZED (
       SELECT current_setting('enable_seqscan') AS seqscan, current_setting('jit') AS jit,
         current_setting('work_mem') AS work_mem)
     SELECT seqscan, jit, work_mem, set_config('enable_seqscan', 'off', true),
       set_config('jit', 'off', true),
       set_config('work_mem', least($1::bigint, pg_size_bytes(work_mem) / 1024)::text || 'kB', true)
     FROM before`,
    [walkKb(keys.length + known.size)],
  );
  const rows = await tx.query<
    Omit<IncidentRow, 'data'> & {
      data: Incident | null;
      event_id: string | null;
      area: string | null;
    }
  >(
    `${REACHED}
     SELECT i.id, i.document_id, d.published_day, d.outlet, d.url, i.event_id,
       i.admin1_pcode AS area,
       CASE WHEN k.known THEN NULL ELSE ${INCIDENT_DATA} END AS data
     FROM reach r
     -- A set looked up by hash: = ANY of the array, in the plan a server keeps for a named
     -- statement, searched the whole array for each incident reached (an act told by 1,500
     -- reports: 2 million comparisons, ~100 ms a batch).
     CROSS JOIN LATERAL (SELECT r.id IN (SELECT unnest($2::text[])) AS known) k
     CROSS JOIN LATERAL (
       SELECT * FROM incidents c WHERE c.id = r.id AND NOT c.background OFFSET 0) i
     -- An incident in hand needs only its event: its report is not looked up.
     LEFT JOIN LATERAL (
       SELECT published_day, outlet, url FROM documents
       WHERE id = i.document_id AND NOT k.known OFFSET 0) d ON true
     ORDER BY i.id`,
    [keys, [...known.keys()]],
  );
  if (before === undefined) throw new Error('the planner settings could not be read');
  const reached = rows.flatMap((row) => {
    const member =
      known.get(row.id) ?? (row.data === null ? null : stored({ ...row, data: row.data }));
    return member === null ? [] : [{ member, event: row.event_id }];
  });
  const areas = new Set(rows.flatMap((row) => row.area ?? []));
  return { reached, areas, before };
}

/** The part of the graph a walk reached, the governorates of its incidents, and the settings it changed. */
interface Walked {
  readonly reached: Reached[];
  readonly areas: ReadonlySet<string>;
  readonly before: PlannerSettings;
}

/**
 * The walk (component), made under linking's locks on every governorate it
 * reaches. Links never cross governorates but for a person's join, which
 * stays after a split: a worker holding only its new incidents' governorates
 * would follow one into events that another worker, or a person's change, is
 * rebuilding meanwhile. The governorates found beyond those held are locked
 * and the walk made again under them, until it finds none new. Taken after
 * others, those locks can close a circle of transactions waiting on each
 * other: the server breaks it by failing one, which is then run again
 * (Database.transaction).
 */
async function lockedComponent(
  tx: Sql,
  keys: readonly string[],
  known: ReadonlyMap<string, StoredIncident>,
): Promise<Walked> {
  const first = await component(tx, keys, known);
  let walked = first;
  for (;;) {
    const held = heldAreas.get(tx);
    const beyond = [...walked.areas].filter((area) => held?.has(area) !== true);
    if (beyond.length === 0) return walked;
    await lockAreas(tx, beyond);
    // The settings as they were before the first walk are the ones to put back.
    walked = { ...(await component(tx, keys, known)), before: first.before };
  }
}

/** The planner settings component() sets for its walk, as they were before. */
interface PlannerSettings {
  readonly seqscan: string;
  readonly jit: string;
  readonly work_mem: string;
}

interface Surroundings {
  links: Link[] | null;
  decisions: Decision[] | null;
  /** The current events' statuses (their members are known from the incidents). */
  events: { id: string; review_status: ReviewStatus }[] | null;
  corrections: Correction[] | null;
  /** Of the current events, and of any event these incidents could head (its id is theirs). */
  eventCorrections: EventCorrection[] | null;
  /** Incidents of withdrawn reports: in no event. */
  withdrawn: string[] | null;
  /** The current events' member rows, as [event, incident, hash]. */
  members: [string, string, string][] | null;
}

/**
 * The links, reviewers' decisions and current events among a set of incidents,
 * in one round trip, which puts back the planner settings the walk before it
 * set (its lookups are all by key, of a few rows: their plans the same either way).
 * The current events are those the walk found the incidents in (`events`),
 * read in this transaction under the same linking lock (lockAreas): looking
 * them up again by incident would read the same and cost a lookup each.
 */
async function surroundings(
  tx: Sql,
  ids: readonly string[],
  events: readonly string[],
  settings: PlannerSettings,
): Promise<Surroundings> {
  const [row] = await tx.query<Surroundings>(
    `SELECT set_config('enable_seqscan', $3, true) AS seqscan, set_config('jit', $4, true) AS jit,
       set_config('work_mem', $5, true) AS work_mem,
       (SELECT json_agg(json_build_object('a', a, 'b', b, 'score', score, 'reasons', reasons))
          FROM incident_links WHERE a = ANY($1::text[]) AND b = ANY($1::text[])) AS links,
       (SELECT json_agg(json_build_object('a', a, 'b', b, 'same', same))
          FROM link_decisions WHERE a = ANY($1::text[]) AND b = ANY($1::text[])) AS decisions,
       (SELECT json_agg(json_build_object('id', id, 'review_status', review_status))
          FROM events WHERE id = ANY($6::text[])) AS events,
       (SELECT json_agg(json_build_object('incident', incident_id, 'field', field, 'value', value,
                 'by', by, 'at', at) ORDER BY at, incident_id, field)
          FROM corrections WHERE incident_id = ANY($1::text[])) AS corrections,
       (SELECT json_agg(json_build_object('event', event_id, 'field', field, 'value', value,
                 'by', by, 'at', at) ORDER BY at, event_id, field)
          FROM event_corrections
          WHERE event_id = ANY($6::text[]) OR event_id = ANY($2::text[])) AS "eventCorrections",
       -- Each incident's report looked up by key: few reports are withdrawn, and the planner,
       -- knowing it, scanned every report for the withdrawn ones (growing with the store).
       (SELECT json_agg(i.id)
          FROM (SELECT id, document_id FROM incidents WHERE id = ANY($1::text[]) OFFSET 0) i
          CROSS JOIN LATERAL (
            SELECT 1 FROM documents d WHERE d.id = i.document_id AND d.withdrawn OFFSET 0) w)
          AS withdrawn,
       (SELECT json_agg(json_build_array(event_id, incident_id, hash))
          FROM event_members WHERE event_id = ANY($6::text[])) AS members`,
    [ids, ownEventIds(ids), settings.seqscan, settings.jit, settings.work_mem, events],
  );
  return (
    row ?? {
      links: null,
      decisions: null,
      events: null,
      corrections: null,
      eventCorrections: null,
      withdrawn: null,
      members: null,
    }
  );
}

/** The keys of the incidents the walk found in a stored event. */
function membersOfEvent(reached: readonly Reached[], event: string): Set<string> {
  const keys = new Set<string>();
  for (const r of reached) if (r.event === event) keys.add(r.member.key);
  return keys;
}

/** The incidents, those of a withdrawn report made background (in no event). */
function asBackground(
  incidents: readonly StoredIncident[],
  withdrawn: ReadonlySet<string>,
): StoredIncident[] {
  const out: StoredIncident[] = [];
  for (const m of incidents)
    out.push(withdrawn.has(m.key) ? { ...m, incident: { ...m.incident, background: true } } : m);
  return out;
}

/** The id each incident's event has while it is alone in it. */
function ownEventIds(ids: readonly string[]): string[] {
  const own: string[] = [];
  for (const id of ids) own.push(eventId([id]));
  return own;
}

/**
 * Rebuilds the events of the incidents linked to `keys` (and by `fresh`, links
 * not stored yet), keeping reviewers' statuses. Only the spanning forest of
 * their links is stored: the fresh links that belong to it are added, the
 * stored ones they replace removed. The events are those all the links would
 * make: the forest's where grouping turns no link down, else all the pairs of
 * the part judged again. Incidents in hand (`known`) are not read again.
 */
export async function regroup(
  tx: Sql,
  keys: readonly string[],
  lexicon: Lexicon,
  fresh: readonly Link[] = [],
  known: readonly StoredIncident[] = [],
  unsaved: Unsaved = NOTHING_UNSAVED,
): Promise<Saved> {
  const ends = new Set(keys);
  for (const l of fresh) ends.add(l.a).add(l.b);
  const walked = await lockedComponent(tx, [...ends], keyed(known));
  const reached = withUnsaved(walked.reached, unsaved.incidents);
  const members = reached.map((r) => r.member);
  const around = await surroundings(
    tx,
    members.map((m) => m.key),
    eventsReached(walked.reached),
    walked.before,
  );
  const decisions = around.decisions ?? [];
  const kept = forestOf(around.links ?? [], fresh, decisions);
  const forest = kept.forest;
  const links = groupingMayRefuse(members, decisions) ? allLinks(members, forest) : forest;
  // Every member of a stored event is in this part of the graph: its members are read off the incidents.
  const old = (around.events ?? []).map((e) => ({
    ...e,
    members: membersOfEvent(reached, e.id),
  }));
  // People's corrections on top of the machine's reading: figures and claims before the
  // events are built (their low/best/high follow), the events' own fields after.
  const corrections = around.corrections ?? [];
  // A withdrawn report's incidents are kept, and linked, but are in no event.
  const withdrawn = new Set(around.withdrawn ?? []);
  const corrected = asBackground(correctIncidents(members, corrections), withdrawn);
  const built = buildEvents(corrected, links, lexicon, { decisions });
  const heirs = inheritance(built, old);
  const fixes = await inheritedCorrections(tx, heirs, around.eventCorrections ?? []);
  const events = built.map((e) => ({
    ...correctEvent(e, fixes.get(e.id) ?? []),
    review_status: heirs.get(e.id)?.status ?? 'unreviewed',
  }));
  // An event rebuilt under its own id is updated in place (and only if it changed: a new
  // report mostly touches its own event); the others are gone, their members freed.
  const ids = new Set(events.map((e) => e.id));
  const gone = old.filter((e) => !ids.has(e.id)).map((e) => e.id);
  const eventOf = new Map<string, string>();
  for (const e of events) for (const m of e.members) eventOf.set(m.incident, e.id);
  const freed = new Set(gone);
  const moved: { incident: string; event: string | null }[] = [];
  for (const r of reached) {
    const now = eventOf.get(r.member.key) ?? null;
    const was = r.event !== null && freed.has(r.event) ? null : r.event;
    if (now !== was) moved.push({ incident: r.member.key, event: now });
  }
  return saveEvents(tx, events, corrected, moved, unsaved, {
    gone,
    forest: kept,
    members: storedMembers(around.members),
  });
}

/** The stored events the walk found its incidents in, each once. */
function eventsReached(reached: readonly { readonly event: string | null }[]): string[] {
  return [...new Set(reached.flatMap((r) => r.event ?? []))];
}

/**
 * The part of the graph reached, with the incidents not stored yet (in no
 * event, linked by no stored link: each is reached as itself), in the order of
 * their keys, as the walk gives those stored.
 */
function withUnsaved(reached: readonly Reached[], unsaved: readonly StoredIncident[]): Reached[] {
  if (unsaved.length === 0) return [...reached];
  const all = [...reached];
  for (const member of unsaved) all.push({ member, event: null });
  return all.sort(byMemberKey);
}

function pairKey(l: { readonly a: string; readonly b: string }): string {
  return `${l.a}\u0000${l.b}`;
}

/** The forest of a part of the graph, and how the stored links change to hold it. */
interface Forest {
  readonly forest: Link[];
  readonly insert: Link[];
  readonly drop: Link[];
}

/**
 * The spanning forest of the stored links and the fresh ones, to be stored in
 * their place (storeForest): the fresh links it keeps are added, the stored
 * ones it drops removed. The link of a pair a reviewer joined is always kept:
 * it is the record of their word. A fresh link for a pair already stored is
 * no new judgement.
 */
function forestOf(
  stored: readonly Link[],
  fresh: readonly Link[],
  decisions: readonly Decision[],
): Forest {
  // A fresh link can repeat only a stored one between two of its own ends: the stored links are
  // not each made a pair's key to look that up (an act told by n reports has n − 1 of them).
  const freshEnds = new Set<string>();
  for (const l of fresh) freshEnds.add(l.a).add(l.b);
  const storedPairs = new Set<string>();
  for (const l of stored) if (freshEnds.has(l.a) && freshEnds.has(l.b)) storedPairs.add(pairKey(l));
  const added: Link[] = [];
  for (const l of fresh) if (!storedPairs.has(pairKey(l))) added.push(l);
  const joined = new Set(decisions.filter((d) => d.same).map(pairKey));
  const notJoined: Link[] = [];
  const joinedLinks: Link[] = [];
  for (const list of [stored, added])
    for (const l of list)
      (joined.size > 0 && joined.has(pairKey(l)) ? joinedLinks : notJoined).push(l);
  const forest = [...spanningForest(notJoined), ...joinedLinks];
  // The forest holds the links given, and no two of them are one pair: each is known by itself.
  const inForest = new Set<Link>(forest);
  return {
    forest,
    insert: added.filter((l) => inForest.has(l)),
    drop: stored.filter((l) => !inForest.has(l)),
  };
}

/**
 * Every pair of these incidents judged the same act, and the forest's links
 * (a reviewer's joins among them): what the events would be made of were every
 * link stored. Judged only where grouping may turn a link down.
 */
function allLinks(members: readonly StoredIncident[], forest: readonly Link[]): Link[] {
  const judged = findLinks(members);
  const pairs = new Set(judged.map(pairKey));
  const links = [...judged];
  for (const l of forest) if (!pairs.has(pairKey(l))) links.push(l);
  return links;
}

/** What a new event inherits: the review status of the stored event it is heir to, and which events it is heir to. */
interface Inheritance {
  readonly status: ReviewStatus;
  readonly from: readonly string[];
}

/** How many of an event's members a stored event held. */
function shared(event: Event, members: ReadonlySet<string>): number {
  let n = 0;
  for (const m of event.members) if (members.has(m.incident)) n++;
  return n;
}

/**
 * A reviewer's status outlives regrouping, passed to one heir per stored
 * event: the new event of its id, else the one sharing most of its incidents
 * (a report that joins a confirmed event does not undo the review). An event
 * split off it is no event anyone reviewed: it starts unreviewed. The event's
 * corrections go to the same heir.
 */
function inheritance(
  events: readonly Event[],
  old: readonly { id: string; review_status: ReviewStatus; members: ReadonlySet<string> }[],
): Map<string, Inheritance> {
  const claims = new Map<
    string,
    { status: ReviewStatus; same: boolean; shared: number; id: string }[]
  >();
  for (const stored of old) {
    const sharing: Event[] = [];
    for (const e of events) if (shared(e, stored.members) > 0) sharing.push(e);
    const heir = sharing.sort(
      (x, y) =>
        Number(y.id === stored.id) - Number(x.id === stored.id) ||
        shared(y, stored.members) - shared(x, stored.members) ||
        (x.id < y.id ? -1 : 1),
    )[0];
    if (heir === undefined) continue;
    const claim = {
      status: stored.review_status,
      same: heir.id === stored.id,
      shared: shared(heir, stored.members),
      id: stored.id,
    };
    claims.set(heir.id, [...(claims.get(heir.id) ?? []), claim]);
  }
  // An event heir to several (a join) keeps the status of its own id, else of the one it shares most with.
  return new Map(
    [...claims].map(([id, from]) => {
      const [best] = [...from].sort(
        (x, y) => Number(y.same) - Number(x.same) || y.shared - x.shared || (x.id < y.id ? -1 : 1),
      );
      return [id, { status: best?.status ?? 'unreviewed', from: from.map((f) => f.id) }];
    }),
  );
}

/**
 * Each new event's corrections: its own (kept under its id, even while no
 * event had it) and those of the stored events it is heir to, the latest of
 * each field winning. Those inherited move to the heir's id in the store, so
 * that a revert or the next regrouping finds them there.
 */
async function inheritedCorrections(
  tx: Sql,
  heirs: ReadonlyMap<string, Inheritance>,
  stored: readonly EventCorrection[],
): Promise<Map<string, EventCorrection[]>> {
  const byEvent = new Map<string, EventCorrection[]>();
  for (const c of stored) byEvent.set(c.event, [...(byEvent.get(c.event) ?? []), c]);
  const fixes = new Map<string, EventCorrection[]>();
  for (const [id, own] of byEvent) fixes.set(id, own);
  const moved: string[] = [];
  const merged: EventCorrection[] = [];
  for (const [id, { from }] of heirs) {
    const others = from.filter((f) => f !== id && byEvent.has(f));
    if (others.length === 0) continue;
    const latest = new Map<string, EventCorrection>();
    for (const c of [id, ...others].flatMap((e) => byEvent.get(e) ?? [])) {
      const kept = latest.get(c.field);
      if (kept === undefined || kept.at < c.at) latest.set(c.field, { ...c, event: id });
    }
    fixes.set(id, [...latest.values()]);
    moved.push(...others);
    merged.push(...latest.values());
  }
  await moveEventCorrections(tx, moved, merged);
  return fixes;
}

/** An incident as its row in the store: the fields linking searches by, and the whole incident. */
export function incidentRow(x: StoredIncident): Record<string, unknown> {
  const days = timeWindow(x);
  return {
    id: x.key,
    document_id: x.document,
    background: x.incident.background,
    event_type: x.incident.event_type,
    sub_event_type: x.incident.sub_event_type,
    admin1_pcode: x.incident.location?.admin1_pcode ?? null,
    window_from: days?.from ?? null,
    window_to: days?.to ?? null,
    data: x.incident,
  };
}

/**
 * What a regrouping replaces beside its events: the stored events it leaves
 * `gone`, the links of its forest, and the stored events' member rows.
 */
interface Replaced {
  readonly gone: readonly string[];
  readonly forest: Forest;
  readonly members: StoredMembers;
}

const NOTHING_REPLACED: Replaced = {
  gone: [],
  forest: { forest: [], insert: [], drop: [] },
  members: new Map(),
};

/** An event as its row is written, with the incidents it is told by (those in hand, by key). */
function eventRow(event: Event, incidents: ReadonlyMap<string, StoredIncident>) {
  const told: StoredIncident[] = [];
  for (const m of event.members) {
    const x = incidents.get(m.incident);
    if (x !== undefined) told.push(x);
  }
  const claimants = new Set<string>();
  for (const c of event.claims) if (c.claimant !== null) claimants.add(c.claimant);
  return {
    id: event.id,
    event_type: event.event_type,
    sub_event_type: event.sub_event_type,
    date_start: event.date.start,
    date_end: event.date.end,
    admin1_pcode: event.location?.admin1_pcode ?? null,
    admin1: event.location?.admin1 ?? null,
    actor1: event.actor1,
    actor2: event.actor2,
    fatalities_best: event.fatalities?.best ?? null,
    claimants: [...claimants].sort(),
    review_status: event.review_status,
    search_text: searchTextOf(event, told),
    search_names: searchNamesOf(event, told),
    members: event.members.map((m) => m.incident),
    documents: [...new Set(event.members.map((m) => m.document))],
    data: headOf(event),
    claims: claimsOf(event),
  };
}

type EventRow = ReturnType<typeof eventRow>;

/**
 * Incidents not stored yet, and their rows (incidentRow) as JSON but for the event each is in,
 * which linking decides: written before its lock, they are half of what a batch's events
 * statement sends (270 KB of 500).
 */
interface Unsaved {
  readonly incidents: readonly StoredIncident[];
  /** Each incident's key and row as JSON, the row's closing brace left off for its event to follow. */
  readonly rows: readonly { readonly key: string; readonly head: string }[];
}

const NOTHING_UNSAVED: Unsaved = { incidents: [], rows: [] };

function unsavedOf(incidents: readonly StoredIncident[]): Unsaved {
  const rows: { key: string; head: string }[] = [];
  for (const x of incidents)
    rows.push({ key: x.key, head: JSON.stringify(incidentRow(x)).slice(0, -1) });
  return { incidents, rows };
}

/** The rows of incidents not stored yet, each with the event it is in, as one JSON array. */
function unsavedRows(unsaved: Unsaved, eventOf: ReadonlyMap<string, string | null>): string {
  const rows: string[] = [];
  for (const { key, head } of unsaved.rows)
    rows.push(`${head},"event_id":${JSON.stringify(eventOf.get(key) ?? null)}}`);
  return `[${rows.join(',')}]`;
}

/**
 * Writes events (an event stored under the same id only if it changed),
 * removes those `gone` (their incidents in no event unless moved to one),
 * points the stored incidents that moved at their event (null: at none),
 * stores the incidents not stored yet (`unsaved`) with theirs, and the
 * forest's links in place of those it drops, in one statement however many
 * there are: each round trip of a batch is held under the linking lock
 * (lockAreas), which the other workers linking in its governorates wait on.
 */
async function saveEvents(
  tx: Sql,
  events: readonly Event[],
  members: readonly StoredIncident[],
  moved: readonly { incident: string; event: string | null }[],
  unsaved: Unsaved = NOTHING_UNSAVED,
  { gone, forest, members: stored }: Replaced = NOTHING_REPLACED,
): Promise<Saved> {
  if (
    events.length === 0 &&
    moved.length === 0 &&
    unsaved.incidents.length === 0 &&
    gone.length === 0 &&
    forest.insert.length === 0 &&
    forest.drop.length === 0
  )
    return NOTHING_SAVED;
  const isUnsaved = new Set(unsaved.incidents.map((x) => x.key));
  const eventOf = new Map<string, string | null>();
  const updated: { incident: string; event: string | null }[] = [];
  for (const m of moved) {
    eventOf.set(m.incident, m.event);
    if (!isUnsaved.has(m.incident)) updated.push(m);
  }
  const incidents = keyed(members);
  const memberLists: { id: string; rows: ReturnType<typeof memberRows> }[] = [];
  for (const event of events)
    memberLists.push({ id: event.id, rows: memberRows(event, incidents) });
  const kept = memberChanges(memberLists, stored);
  const rows: EventRow[] = [];
  for (const event of events) rows.push(eventRow(event, incidents));
  // One statement: the events, their new members, and the others pointed at them (a
  // data-modifying WITH always runs). A link may name a new member: its key is checked at the
  // statement's end, once the member is stored.
  const saved = await tx.query<{ id: string; version: string; server: string }>(
    `WITH g AS (DELETE FROM events WHERE id = ANY($6::text[]) RETURNING 1),
     e AS (INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data, private,
       review_reasons)
     SELECT id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
       actor1, actor2, fatalities_best, claimants, review_status, search_text, search_names, data,
       -- Private when any member is: the mark lives on the incidents and outlives regrouping.
       EXISTS (SELECT 1 FROM incidents i WHERE i.id = ANY(e.members) AND i.private),
       -- Why it needs a person: what the review queue ranks by (the schema's version 18).
       event_review_reasons(e.data || jsonb_build_object('claims', e.claims),
         ${weekdayContradictedAmongFew('e.documents', 'e.data')})
     FROM jsonb_to_recordset($1::jsonb) AS e(id text, event_type text, sub_event_type text,
       date_start date, date_end date, admin1_pcode text, admin1 text, actor1 text, actor2 text,
       fatalities_best integer, claimants text[], review_status text, search_text text,
       search_names text[], members text[], documents text[], data jsonb, claims jsonb)
     ON CONFLICT (id) DO UPDATE SET event_type = EXCLUDED.event_type,
       sub_event_type = EXCLUDED.sub_event_type, date_start = EXCLUDED.date_start,
       date_end = EXCLUDED.date_end, admin1_pcode = EXCLUDED.admin1_pcode, admin1 = EXCLUDED.admin1,
       actor1 = EXCLUDED.actor1, actor2 = EXCLUDED.actor2, fatalities_best = EXCLUDED.fatalities_best,
       claimants = EXCLUDED.claimants, search_text = EXCLUDED.search_text,
       search_names = EXCLUDED.search_names, data = EXCLUDED.data, private = EXCLUDED.private,
       review_reasons = EXCLUDED.review_reasons, updated_at = now()
     -- jsonb compares by value: an event rebuilt as it was is left alone. One whose member rows
     -- changed is written again (its words and reports follow its members).
     WHERE events.id = ANY($10::text[]) OR events.data IS DISTINCT FROM EXCLUDED.data
     RETURNING 1),
     -- Only the member rows new or changed, and those of members gone: an act told by 1,500
     -- reports wrote 1.5 MB of members and claims again at each batch that added to it. Those of
     -- a gone event go with it (the key's ON DELETE CASCADE).
     mg AS (
       DELETE FROM event_members m USING unnest($11::text[], $12::text[]) AS d(event, incident)
       WHERE m.event_id = d.event AND m.incident_id = d.incident RETURNING 1),
     mw AS (
       INSERT INTO event_members (event_id, incident_id, member, claims, hash)
       SELECT event_id, incident_id, member, claims, hash
       FROM jsonb_to_recordset($13::jsonb) AS r(event_id text, incident_id text, member jsonb,
         claims jsonb, hash text)
       ON CONFLICT (event_id, incident_id) DO UPDATE SET member = EXCLUDED.member,
         claims = EXCLUDED.claims, hash = EXCLUDED.hash
       RETURNING 1),
     -- In order, so that two transactions adding the same names never wait on each other in turn.
     t AS (INSERT INTO search_terms (term) SELECT term FROM unnest($4::text[]) AS term ORDER BY term
       ON CONFLICT (term) DO NOTHING RETURNING 1),
     n AS (
       INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, admin1_pcode,
         window_from, window_to, data, event_id)
       SELECT DISTINCT ON (id) id, document_id, background, event_type, sub_event_type, admin1_pcode,
         window_from, window_to, data, event_id
       FROM jsonb_to_recordset($5::jsonb) AS x(id text, document_id text, background boolean,
         event_type text, sub_event_type text, admin1_pcode text, window_from date, window_to date,
         data jsonb, event_id text)
       RETURNING id, document_id, xmin::text || ':' || ctid::text AS version),
     dropped AS (
       DELETE FROM incident_links l USING unnest($8::text[], $9::text[]) AS d(a, b)
       WHERE l.a = d.a AND l.b = d.b RETURNING 1),
     linked AS (
       INSERT INTO incident_links (a, b, score, reasons)
       SELECT a, b, score, reasons
       FROM jsonb_to_recordset($7::jsonb) AS l(a text, b text, score real, reasons jsonb)
       ON CONFLICT DO NOTHING RETURNING 1),
     -- One update a row: the members of a gone event that moved to no other are freed here.
     pointed AS (
       UPDATE incidents i SET event_id = a.event
       FROM (SELECT id, event FROM unnest($2::text[], $3::text[]) AS m(id, event)
             UNION ALL
             SELECT f.id, NULL FROM incidents f
             WHERE f.event_id = ANY($6::text[]) AND f.id <> ALL($2::text[])) AS a
       WHERE i.id = a.id RETURNING 1)
     -- The new incidents' row versions as a candidate search reads them (ROW_VERSION), each
     -- report looked up by key (a row changed after this gets another, and is read again).
     SELECT n.id, n.version || ':' || d.xmin::text || ':' || d.ctid::text AS version,
       ${SERVER} AS server
     FROM n CROSS JOIN LATERAL (
       SELECT xmin, ctid FROM documents WHERE id = n.document_id OFFSET 0) d`,
    [
      JSON.stringify(rows),
      updated.map((m) => m.incident),
      updated.map((m) => m.event),
      [...new Set(rows.flatMap((r) => r.search_names))].sort(),
      unsavedRows(unsaved, eventOf),
      gone,
      JSON.stringify(forest.insert),
      forest.drop.map((l) => l.a),
      forest.drop.map((l) => l.b),
      kept.touched,
      kept.drop.map((d) => d.event),
      kept.drop.map((d) => d.incident),
      JSON.stringify(kept.write),
    ],
  );
  const versions = new Map<string, string>();
  for (const r of saved) versions.set(r.id, r.version);
  return { server: saved[0]?.server ?? null, versions };
}

/**
 * The row versions (ROW_VERSION) of the incidents a batch stored, by key, and
 * the server they were written on (SERVER; null when it stored none).
 */
interface Saved {
  readonly server: string | null;
  readonly versions: ReadonlyMap<string, string>;
}

const NOTHING_SAVED: Saved = { server: null, versions: new Map() };

/** An event's own data as events.data keeps it: its members and claims are rows of event_members. */
function headOf(event: Event): Omit<Event, 'members' | 'claims'> {
  const head: Omit<Event, 'members' | 'claims'> & Partial<Pick<Event, 'members' | 'claims'>> = {
    ...event,
  };
  delete head.members;
  delete head.claims;
  return head;
}

/**
 * An event's claims as event_review_reasons reads them, beside its head
 * (headOf, sent once and joined to them in SQL): only whether it has any and
 * whether any is not a party's (the whole claims of an act told by 1,500
 * reports are a megabyte).
 */
function claimsOf(event: Event): { party: boolean }[] {
  return event.claims.length === 0 ? [] : [{ party: event.claims.every((c) => c.party) }];
}

/** What a search for an event reads: its place, actors, type and every claim's words, normalized. */
function searchTextOf(event: Event, members: readonly StoredIncident[]): string {
  const words = new PhraseSet([
    event.sub_event_type,
    event.event_type,
    event.location?.name_ar,
    event.location?.name_en,
    event.location?.admin1,
    event.location?.admin2,
    event.actor1,
    event.actor2,
  ]);
  for (const m of members) {
    words.add(m.outlet);
    words.add(m.incident.location?.text);
    for (const a of m.incident.actors) words.add(a.text);
    for (const c of m.incident.claims) {
      words.add(c.claimant_text);
      for (const f of c.figures) words.add(f.text);
    }
  }
  // Reports of one event repeat each other's words: each phrase once keeps the text short to scan.
  return [...new Set(words.normalized())].join(' | ');
}

/**
 * Phrases, each distinct one once, in the order first given: reports of one act
 * repeat each other's words, and an act told by hundreds would normalize the
 * same phrase hundreds of times. Added one at a time: gathered into lists of
 * every member's words first, an act told by 1,000 reports spent most of the
 * time of its search text making those lists. Phrases that normalize alike
 * stay apart here; the caller's set makes them one, at the first.
 */
class PhraseSet {
  private readonly held = new Set<string>();

  constructor(phrases: readonly (string | null | undefined)[] = []) {
    for (const p of phrases) this.add(p);
  }

  add(phrase: string | null | undefined): void {
    if (phrase !== null && phrase !== undefined && phrase !== '') this.held.add(phrase);
  }

  normalized(): string[] {
    return [...this.held].map(normalizedPhrase);
  }
}

/**
 * Phrases normalized before, kept across batches: an event's phrases are
 * normalized again at each batch that grows it (an act told by 1,000 reports:
 * a thousand outlets a batch). Forgotten all at once past a bound.
 */
const NORMALIZED_KEPT = 20_000;
const normalizedPhrases = new Map<string, string>();

function normalizedPhrase(phrase: string): string {
  let normal = normalizedPhrases.get(phrase);
  if (normal === undefined) {
    if (normalizedPhrases.size >= NORMALIZED_KEPT) normalizedPhrases.clear();
    normal = normalizePhrase(phrase);
    normalizedPhrases.set(phrase, normal);
  }
  return normal;
}

/**
 * A reviewer's word on two incidents: the same act, or not. It outranks every
 * judgement, and the events of both are regrouped at once.
 */
export async function decideLink(
  db: Database,
  pair: { readonly a: string; readonly b: string; readonly same: boolean; readonly by: string },
  lexicon: Lexicon,
): Promise<void> {
  await db.transaction((tx) =>
    setLinkDecision(tx, pair, { same: pair.same, by: pair.by, at: null }, lexicon),
  );
}

/** A reviewer's word on a pair as stored: `at` null for now. */
export interface LinkDecision {
  readonly same: boolean;
  readonly by: string;
  readonly at: string | null;
}

/** The word stored on a pair, if any. */
export async function linkDecision(
  tx: Sql,
  pair: { readonly a: string; readonly b: string },
): Promise<LinkDecision | null> {
  const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
  const [row] = await tx.query<LinkDecision>(
    'SELECT same, decided_by AS by, decided_at AS at FROM link_decisions WHERE a = $1 AND b = $2',
    [a, b],
  );
  return row ?? null;
}

/**
 * Puts a reviewer's word on a pair (null takes it back, and the link a «same»
 * word made) and regroups the events of both, in the caller's transaction.
 */
export async function setLinkDecision(
  tx: Sql,
  pair: { readonly a: string; readonly b: string },
  decision: LinkDecision | null,
  lexicon: Lexicon,
): Promise<void> {
  const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
  const areas = await tx.query<{ admin1_pcode: string | null }>(
    'SELECT admin1_pcode FROM incidents WHERE id = ANY($1::text[])',
    [[a, b]],
  );
  if (areas.length < 2)
    throw new Error(`no incident ${areas.length === 0 ? `${a} nor ${b}` : 'of that pair'}`);
  await lockAreas(
    tx,
    areas.flatMap((r) => r.admin1_pcode ?? []),
  );
  if (decision === null) {
    await tx.query(
      `WITH d AS (DELETE FROM link_decisions WHERE a = $1 AND b = $2 RETURNING 1)
       DELETE FROM incident_links WHERE a = $1 AND b = $2 AND score = 0`,
      [a, b],
    );
  } else {
    await tx.query(
      `INSERT INTO link_decisions (a, b, same, decided_by, decided_at) VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()))
       ON CONFLICT (a, b) DO UPDATE SET same = EXCLUDED.same, decided_by = EXCLUDED.decided_by,
         decided_at = EXCLUDED.decided_at`,
      [a, b, decision.same, decision.by, decision.at],
    );
  }
  // A «same» decision joins their graphs: a link records it, so that regrouping sees one part.
  const joined: Link[] =
    decision?.same === true ? [{ a, b, score: 0, reasons: [`joined by ${decision.by}`] }] : [];
  await regroup(tx, [a, b], lexicon, joined);
}

/** A reviewer's status on an event. */
export async function setReviewStatus(
  db: Sql,
  eventId: string,
  status: ReviewStatus,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE events SET review_status = $2, data = jsonb_set(data, '{review_status}', to_jsonb($2::text)),
       updated_at = now()
     WHERE id = $1 RETURNING 1`,
    [eventId, status],
  );
  return rows.length > 0;
}

/** The names in an event a reader may spell otherwise: places and actors, as written and as known. */
function searchNamesOf(event: Event, members: readonly StoredIncident[]): string[] {
  const phrases = new PhraseSet([
    event.location?.name_ar,
    event.location?.name_en,
    event.location?.admin1,
  ]);
  for (const m of members) for (const a of m.incident.actors) phrases.add(a.text);
  const names = new Set(phrases.normalized().map((n) => n.toLowerCase()));
  return [...names].sort();
}
