import { isDeepStrictEqual } from 'node:util';
import type {
  CodedWarning,
  Event,
  FactSources,
  Incident,
  ReviewStatus,
  Tally,
} from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';
import { sameAct } from '../link/index.js';
import type { Link, LinkIncident, StoredIncident } from '../link/index.js';
import { foldCounts } from './counts.js';
import type { Sql } from './db.js';
import { candidatesFor, incidentRow, lockAreas, regroup } from './linking.js';
import { conditions } from './queries.js';
import type { EventFilter } from './queries.js';

/** Which stored reports to read again: those behind the events a filter selects, of an outlet. */
export interface ReportScope {
  /** The events whose reports are read again, as `export` selects them; every report when absent. */
  readonly events?: EventFilter;
  /** Only this outlet's reports. */
  readonly outlet?: string;
  /** Only these reports (document ids). */
  readonly ids?: readonly string[];
}

/** The ids of the reports in a scope, in order. */
export async function reportsInScope(db: Sql, scope: ReportScope): Promise<string[]> {
  // A filter of first and last days is bounded by the monthly counts: they must stand as the events do.
  await foldCounts(db);
  const { where, params } = conditions(scope.events ?? {});
  const filters: string[] = [];
  if (where.length > 0)
    filters.push(
      `d.id IN (SELECT i.document_id FROM incidents i WHERE i.event_id IN (SELECT id FROM events WHERE ${where.join(' AND ')}))`,
    );
  if (scope.outlet !== undefined) {
    params.push(scope.outlet);
    filters.push(`d.outlet = $${String(params.length)}`);
  }
  if (scope.ids !== undefined) {
    params.push([...scope.ids]);
    filters.push(`d.id = ANY($${String(params.length)}::text[])`);
  }
  const rows = await db.query<{ id: string }>(
    `SELECT d.id FROM documents d ${filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : ''} ORDER BY d.id`,
    params,
  );
  return rows.map((r) => r.id);
}

/** An incident as stored, and whether a person has put their word on it. */
export interface StoredReading {
  readonly key: string;
  readonly incident: Incident;
  /**
   * A person corrected it, decided on a pair it is in, marked it private, or
   * gave its event a review status: a new reading may change it, never drop it.
   */
  readonly touched: boolean;
}

/** A stored report: what extraction reads again, and what it made of the report last time. */
export interface StoredReport {
  readonly id: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly text: string;
  readonly sources: FactSources | null;
  readonly warnings: readonly string[];
  readonly incidents: readonly StoredReading[];
}

/**
 * Holds these reports' rows until the transaction ends, taken in id order.
 * Whatever reads a stored report to write a new reading of it takes this
 * first, before it reads anything: a reading made of what another
 * transaction is about to change would be stored over that change (a report
 * given a date by one ingest, read again without it by another or by a
 * reprocess). Taking reports before governorates (lockAreas), as storing a new
 * report and withdrawing one do, keeps two such writers from each waiting on
 * what the other holds.
 */
export async function lockReports(tx: Sql, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('SELECT id FROM documents WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [
    [...ids],
  ]);
}

/** Some stored reports, with their incidents in order. */
export async function storedReports(db: Sql, ids: readonly string[]): Promise<StoredReport[]> {
  if (ids.length === 0) return [];
  return db.query<StoredReport>(
    `SELECT d.id, d.title, d.outlet, d.url, d.published, d.text, d.sources, d.warnings,
       coalesce((SELECT json_agg(json_build_object('key', i.id, 'incident', i.data, 'touched',
           i.private
           OR EXISTS (SELECT 1 FROM corrections c WHERE c.incident_id = i.id)
           OR EXISTS (SELECT 1 FROM event_corrections c WHERE c.event_id = i.event_id)
           OR EXISTS (SELECT 1 FROM link_decisions l WHERE l.a = i.id OR l.b = i.id)
           OR EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id AND e.review_status <> 'unreviewed'))
         ORDER BY i.id)
         FROM incidents i WHERE i.document_id = d.id), '[]') AS incidents
     FROM documents d WHERE d.id = ANY($1::text[]) ORDER BY d.id`,
    [ids],
  );
}

/** A report read again: every incident it is to have now (ids kept where it had them), its tallies. */
export interface Rereading {
  readonly document: string;
  readonly incidents: readonly { readonly key: string; readonly incident: Incident }[];
  readonly tallies: readonly Tally[];
  readonly warnings: readonly string[];
  readonly coded_warnings: readonly CodedWarning[];
}

/** An event as it stood before or after a reprocess. */
export interface EventState {
  readonly id: string;
  readonly review_status: ReviewStatus;
  readonly data: Event;
}

/** What storing new readings did to incidents, and the events around them before and after. */
export interface RereadOutcome {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  /** Reports whose reading (incidents, tallies or warnings) is not what was stored. */
  readonly reports: readonly string[];
  readonly before: readonly EventState[];
  readonly after: readonly EventState[];
}

interface CurrentRow {
  id: string;
  document_id: string;
  event_id: string | null;
  data: Incident;
}

interface DocumentRow {
  id: string;
  published_day: string | null;
  outlet: string | null;
  url: string | null;
  tallies: Tally[];
  warnings: string[];
  coded_warnings: CodedWarning[];
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Equal as stored: jsonb drops undefined and reorders keys, so compare as JSON would have them. */
function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

/**
 * Stores new readings of some reports, and links them as
 * `ingest` would have had they been read so the first time: an incident read
 * differently loses the links judged on its old reading and is judged again
 * against the store; a pair of unchanged incidents no longer judged the same
 * act is unlinked; a new pair across events is linked. Reviewers' joins and
 * splits, corrections and private marks are on incidents whose ids the caller
 * kept, so they hold; the events are regrouped, keeping review statuses.
 * In the caller's transaction: with the reading of the reports (after
 * lockReports), and other writes that must stand or fall with it.
 */
export async function storeRereadings(
  tx: Sql,
  readings: readonly Rereading[],
  lexicon: Lexicon,
): Promise<RereadOutcome> {
  const docIds = readings.map((r) => r.document);
  // Taken already by a caller that read the reports in this transaction: taken again, it waits for nothing.
  await lockReports(tx, docIds);
  const docs = new Map(
    (
      await tx.query<DocumentRow>(
        `SELECT id, published_day::text AS published_day, outlet, url, tallies, warnings,
           coded_warnings
         FROM documents WHERE id = ANY($1::text[])`,
        [docIds],
      )
    ).map((d) => [d.id, d]),
  );
  const current = await tx.query<CurrentRow>(
    'SELECT id, document_id, event_id, data FROM incidents WHERE document_id = ANY($1::text[])',
    [docIds],
  );
  const old = new Map(current.map((r) => [r.id, r]));
  const fresh: StoredIncident[] = readings.flatMap((r) => {
    const doc = docs.get(r.document);
    if (doc === undefined) return [];
    return r.incidents.map((x) => ({
      key: x.key,
      document: r.document,
      published: doc.published_day,
      outlet: doc.outlet,
      url: doc.url,
      incident: x.incident,
    }));
  });
  const freshKeys = new Set(fresh.map((x) => x.key));
  const added = fresh.filter((x) => !old.has(x.key));
  const changed = fresh.filter((x) => {
    const was = old.get(x.key);
    return was !== undefined && !sameJson(was.data, x.incident);
  });
  const removed = current.filter((r) => !freshKeys.has(r.id)).map((r) => r.id);
  const rewritten = new Set([...added, ...changed].map((x) => x.key));
  const reports = readings
    .filter((r) => {
      const doc = docs.get(r.document);
      return (
        doc !== undefined &&
        (!sameJson(doc.tallies, r.tallies) ||
          !sameJson(doc.warnings, r.warnings) ||
          !sameJson(doc.coded_warnings, r.coded_warnings) ||
          fresh.some((x) => x.document === r.document && rewritten.has(x.key)) ||
          removed.some((k) => old.get(k)?.document_id === r.document))
      );
    })
    .map((r) => r.document);

  await lockAreas(tx, [
    ...current.flatMap((r) => r.data.location?.admin1_pcode ?? []),
    ...fresh.flatMap((x) => x.incident.location?.admin1_pcode ?? []),
  ]);

  // Judged again: every pair of an incident of these reports and one near it, on the new readings.
  const live = fresh.filter((x) => !x.incident.background);
  const judged = new Map<string, Link>();
  // Those of these reports are in hand with their new readings.
  const near = (await candidatesFor(tx, live)).filter((y) => !old.has(y.key));
  const byArea = new Map<string, LinkIncident[]>();
  for (const y of [...live, ...near]) {
    const area = y.incident.location?.admin1_pcode ?? '';
    byArea.set(area, [...(byArea.get(area) ?? []), y]);
  }
  for (const x of live) {
    for (const y of byArea.get(x.incident.location?.admin1_pcode ?? '') ?? []) {
      if (y.key === x.key || (freshKeys.has(y.key) && y.key < x.key)) continue;
      const match = sameAct(x, y);
      if (match === null) continue;
      const [a, b] = x.key < y.key ? [x.key, y.key] : [y.key, x.key];
      judged.set(pairKey(a, b), { a, b, ...match });
    }
  }

  const ownKeys = [...new Set([...old.keys(), ...freshKeys])];
  const storedLinks = await tx.query<{ a: string; b: string }>(
    'SELECT a, b FROM incident_links WHERE a = ANY($1::text[]) OR b = ANY($1::text[])',
    [ownKeys],
  );
  const joins = new Set(
    (
      await tx.query<{ a: string; b: string }>(
        'SELECT a, b FROM link_decisions WHERE same AND (a = ANY($1::text[]) OR b = ANY($1::text[]))',
        [ownKeys],
      )
    ).map((d) => pairKey(d.a, d.b)),
  );
  const gone = new Set([
    ...removed,
    ...fresh.filter((x) => x.incident.background).map((x) => x.key),
  ]);
  // A link stays when a reviewer made it, or when neither incident changed and the pair still holds.
  const drop = storedLinks.filter((l) => {
    const pair = pairKey(l.a, l.b);
    if (joins.has(pair)) return false;
    if (gone.has(l.a) || gone.has(l.b)) return true;
    if (rewritten.has(l.a) || rewritten.has(l.b)) return true;
    return !judged.has(pair);
  });
  const kept = new Set(storedLinks.filter((l) => !drop.includes(l)).map((l) => pairKey(l.a, l.b)));
  const eventOf = new Map(current.map((r) => [r.id, r.event_id]));
  for (const y of near) eventOf.set(y.key, null);
  const nearEvents = await tx.query<{ id: string; event_id: string | null }>(
    'SELECT id, event_id FROM incidents WHERE id = ANY($1::text[])',
    [near.map((y) => y.key)],
  );
  for (const r of nearEvents) eventOf.set(r.id, r.event_id);
  // A new pair of unchanged incidents already in one event changes nothing: left out.
  const links = [...judged.values()].filter((l) => {
    if (kept.has(pairKey(l.a, l.b))) return false;
    if (rewritten.has(l.a) || rewritten.has(l.b)) return true;
    const e = eventOf.get(l.a);
    return e === null || e === undefined || e !== eventOf.get(l.b);
  });

  const touched = [
    ...rewritten,
    ...removed,
    ...drop.flatMap((l) => [l.a, l.b]),
    ...links.flatMap((l) => [l.a, l.b]),
  ];
  // Every incident of an event that changes is regrouped with it, so no member is left behind.
  const mates = await tx.query<{ id: string }>(
    `SELECT id FROM incidents WHERE event_id IN
       (SELECT event_id FROM incidents WHERE id = ANY($1::text[]) AND event_id IS NOT NULL)`,
    [[...new Set(touched)]],
  );
  const keys = [...new Set([...touched, ...mates.map((m) => m.id)])].filter((k) => !gone.has(k));
  const before = await eventsAround(tx, [...keys, ...removed]);

  if (drop.length > 0)
    await tx.query(
      `DELETE FROM incident_links l USING unnest($1::text[], $2::text[]) AS d(a, b)
       WHERE l.a = d.a AND l.b = d.b`,
      [drop.map((l) => l.a), drop.map((l) => l.b)],
    );
  if (removed.length > 0)
    await tx.query('DELETE FROM incidents WHERE id = ANY($1::text[])', [removed]);
  const rows = [...added, ...changed].map(incidentRow);
  if (rows.length > 0)
    await tx.query(
      `INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, admin1_pcode,
         window_from, window_to, data)
       SELECT id, document_id, background, event_type, sub_event_type, admin1_pcode, window_from,
         window_to, data
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, document_id text, background boolean,
         event_type text, sub_event_type text, admin1_pcode text, window_from date, window_to date,
         data jsonb)
       ON CONFLICT (id) DO UPDATE SET background = EXCLUDED.background,
         event_type = EXCLUDED.event_type, sub_event_type = EXCLUDED.sub_event_type,
         admin1_pcode = EXCLUDED.admin1_pcode, window_from = EXCLUDED.window_from,
         window_to = EXCLUDED.window_to, data = EXCLUDED.data,
         -- Background now: in no event (a regrouping leaves background incidents out).
         event_id = CASE WHEN EXCLUDED.background THEN NULL ELSE incidents.event_id END`,
      [JSON.stringify(rows)],
    );
  const rewrittenDocs = readings.filter((r) => reports.includes(r.document));
  if (rewrittenDocs.length > 0)
    await tx.query(
      `UPDATE documents d SET tallies = x.tallies, warnings = x.warnings,
         coded_warnings = x.coded_warnings, extracted_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, tallies jsonb, warnings jsonb,
         coded_warnings jsonb)
       WHERE d.id = x.id`,
      [
        JSON.stringify(
          rewrittenDocs.map((r) => ({
            id: r.document,
            tallies: r.tallies,
            warnings: r.warnings,
            coded_warnings: r.coded_warnings,
          })),
        ),
      ],
    );
  if (keys.length > 0) await regroup(tx, keys, lexicon, links, live);
  // A report's warning codes feed its events' review reasons: a reading that changes
  // only the codes leaves the events' data alone, so regrouping does not rewrite them.
  if (rewrittenDocs.length > 0)
    await tx.query(
      `UPDATE events e SET review_reasons = r.reasons
       FROM (SELECT id, event_review_reasons(event_whole(id, data)) AS reasons FROM events
             WHERE id IN (SELECT i.event_id FROM incidents i WHERE i.document_id = ANY($1::text[]))) r
       WHERE e.id = r.id AND e.review_reasons IS DISTINCT FROM r.reasons`,
      [rewrittenDocs.map((r) => r.document)],
    );
  // An event none of whose incidents is left in it (they went, or are background now) goes too.
  await tx.query(
    `DELETE FROM events e WHERE e.id = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.event_id = e.id)`,
    [before.map((e) => e.id)],
  );
  const after = await eventsAround(tx, keys);
  return {
    added: added.map((x) => x.key),
    removed,
    changed: changed.map((x) => x.key),
    reports,
    before,
    after,
  };
}

/** The events of these incidents and of every incident linked to them, however many steps away. */
async function eventsAround(tx: Sql, keys: readonly string[]): Promise<EventState[]> {
  if (keys.length === 0) return [];
  return tx.query<EventState>(
    `WITH RECURSIVE reach(id) AS (
       SELECT unnest($1::text[])
       UNION
       SELECT CASE WHEN l.a = r.id THEN l.b ELSE l.a END
       FROM reach r JOIN incident_links l ON l.a = r.id OR l.b = r.id
     )
     SELECT e.id, e.review_status, event_whole(e.id, e.data) AS data FROM events e
     WHERE e.id IN (SELECT i.event_id FROM incidents i WHERE i.id IN (SELECT id FROM reach))
     ORDER BY e.id`,
    [keys],
  );
}
