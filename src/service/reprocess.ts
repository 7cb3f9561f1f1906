import { setImmediate as turn } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { Event, Incident, Span } from '../contracts/index.js';
import type { Knowledge } from '../extract/index.js';
import { isReadingWarning } from '../ingest/index.js';
import { lockReports, reportsInScope, storedReports, storeRereadings } from '../store/index.js';
import { extraction } from './extraction.js';
import type { Extract } from './extraction.js';
import type {
  Database,
  EventState,
  ReportScope,
  Rereading,
  StoredReading,
  StoredReport,
} from '../store/index.js';

/** Reports read again per transaction. */
const REPROCESS_BATCH = 50;

export interface ReprocessOptions {
  readonly batch?: number;
  /** Asked between batches: true stops after the batch in hand (Ctrl-C). */
  readonly stopping?: () => boolean;
  /** After each batch: how many reports are done, of how many. */
  readonly onBatch?: (done: number, total: number) => void;
  /** What reads a report: this wathiq's extraction unless another is given (tests watch it). */
  readonly extract?: Extract;
}

/** What a reprocess changed, counted, and told line by line. */
export interface ReprocessSummary {
  /** Reports in the scope, and how many were read again before it ended (all, unless stopped). */
  readonly total: number;
  readonly done: number;
  readonly stopped: boolean;
  /** Reports whose reading is not what was stored. */
  readonly reportsChanged: number;
  readonly incidents: {
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
    /** A person's word is on them and the new reading drops them: kept as they were. */
    readonly kept: number;
  };
  readonly events: {
    readonly added: number;
    readonly removed: number;
    readonly merged: number;
    readonly split: number;
    /** Same incidents, other fatalities. */
    readonly figures: number;
    /** Same incidents, same fatalities, another field (type, date, place, actors, claims…). */
    readonly changed: number;
  };
  /** Reports that could not be read again: left as they were. */
  readonly failed: readonly { readonly report: string; readonly reason: string }[];
  /** A line per change, for `-v`. */
  readonly details: readonly string[];
}

/**
 * Reads stored reports again from their stored text, with the dictionaries
 * and gazetteer of now and this wathiq's extraction, and links them again:
 * what `ingest` would make of them today. People's work is kept: an incident
 * read again keeps its id (matched by the words it was read from), so its
 * corrections, link decisions and private mark hold, and events keep their
 * review status; an incident a person touched that the new reading drops is
 * kept as it was. Reading again what nothing changed changes nothing.
 */
export async function reprocess(
  db: Database,
  knowledge: Knowledge,
  scope: ReportScope,
  options: ReprocessOptions = {},
): Promise<ReprocessSummary> {
  const extract = options.extract ?? (await extraction());
  const ids = await reportsInScope(db, scope);
  const batchSize = options.batch ?? REPROCESS_BATCH;
  const tracker = new Tracker();
  const failed: { report: string; reason: string }[] = [];
  const kept: string[] = [];
  let reportsChanged = 0;
  const incidents = { added: 0, removed: 0, changed: 0 };
  let done = 0;
  let stopped = false;
  for (let k = 0; k < ids.length; k += batchSize) {
    if (options.stopping?.() === true) {
      stopped = true;
      break;
    }
    const batch = ids.slice(k, k + batchSize);
    // Read before the lock: the embedded engine has one connection, and a
    // transaction held while extraction runs would hold every other request.
    const early = new Map(
      (await storedReports(db, batch)).map((r) => [
        r.id,
        { report: r, read: rereadAll([r], knowledge, extract) },
      ]),
    );
    // Stored under the reports' lock: a reading of what an ingest completed or a
    // person corrected meanwhile would be stored over it, so what changed is read again.
    const { read, outcome } = await db.transaction(async (tx) => {
      await lockReports(tx, batch);
      const read = joinReads(
        (await storedReports(tx, batch)).map((now) => {
          const was = early.get(now.id);
          return was !== undefined && isDeepStrictEqual(was.report, now)
            ? was.read
            : rereadAll([now], knowledge, extract);
        }),
      );
      return { read, outcome: await storeRereadings(tx, read.readings, knowledge.lexicon) };
    });
    kept.push(...read.kept);
    failed.push(...read.failed);
    tracker.batch(outcome.before, outcome.after, outcome.added);
    reportsChanged += outcome.reports.length;
    incidents.added += outcome.added.length;
    incidents.removed += outcome.removed.length;
    incidents.changed += outcome.changed.length;
    done = Math.min(k + batchSize, ids.length);
    options.onBatch?.(done, ids.length);
    // The embedded engine answers without the event loop turning: a turn lets Ctrl-C be heard.
    await turn();
  }
  const events = tracker.changes();
  return {
    total: ids.length,
    done,
    stopped,
    reportsChanged,
    incidents: { ...incidents, kept: kept.length },
    events: events.counts,
    failed,
    details: [
      ...events.details,
      ...kept.map(
        (key) =>
          `kept ${key} as it was: a person's word is on it and the new reading no longer finds it`,
      ),
      ...failed.map((f) => `not read again ${f.report}: ${f.reason}`),
    ],
  };
}

/** Reports read again: their readings, the touched incidents kept, and those that could not be read. */
interface Rereadings {
  readonly readings: Rereading[];
  readonly kept: string[];
  readonly failed: { report: string; reason: string }[];
}

/** Stored reports read again; one that cannot be is named with the reason and left out. */
export function rereadAll(
  reports: readonly StoredReport[],
  knowledge: Knowledge,
  extract: Extract,
): Rereadings {
  const readings: Rereading[] = [];
  const kept: string[] = [];
  const failed: { report: string; reason: string }[] = [];
  for (const report of reports) {
    try {
      const reading = reread(report, knowledge, extract);
      kept.push(...reading.kept);
      readings.push(reading.rereading);
    } catch (error) {
      failed.push({
        report: report.id,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { readings, kept, failed };
}

/** Several reports' readings as one. */
function joinReads(reads: readonly Rereadings[]): Rereadings {
  return {
    readings: reads.flatMap((r) => r.readings),
    kept: reads.flatMap((r) => r.kept),
    failed: reads.flatMap((r) => r.failed),
  };
}

/** A report read again: its incidents with the ids they had, and the touched ones it dropped. */
function reread(
  report: StoredReport,
  knowledge: Knowledge,
  extract: Extract,
): { rereading: Rereading; kept: string[] } {
  const result = extract(
    {
      text: report.text,
      title: report.title,
      outlet: report.outlet,
      url: report.url,
      published: report.published,
      ...(report.sources === null ? {} : { sources: report.sources }),
    },
    { knowledge },
  );
  const matched = matchIncidents(report.incidents, result.incidents);
  let next = nextNumber(report.incidents);
  const incidents: { key: string; incident: Incident }[] = [];
  const kept: string[] = [];
  const taken = new Set<string>();
  result.incidents.forEach((incident, k) => {
    const was = matched.get(k);
    const key = was?.key ?? `${report.id}#i${String(next++)}`;
    taken.add(key);
    // A person's incident the new reading calls background keeps its reading: only a person drops it.
    if (was?.touched === true && incident.background && !was.incident.background) {
      incidents.push({ key, incident: was.incident });
      kept.push(key);
      return;
    }
    incidents.push({ key, incident: { ...incident, id: key.slice(key.lastIndexOf('#') + 1) } });
  });
  for (const x of report.incidents) {
    if (!x.touched || taken.has(x.key)) continue;
    incidents.push({ key: x.key, incident: x.incident });
    kept.push(x.key);
  }
  return {
    rereading: {
      document: report.id,
      incidents,
      tallies: result.tallies,
      // Warnings of reading the bytes are not extraction's to give again: they stay.
      warnings: [...report.warnings.filter(isReadingWarning), ...result.warnings],
      coded_warnings: result.coded_warnings,
    },
    kept,
  };
}

/** The number after the last incident id a report has had: new incidents never take an old id. */
function nextNumber(incidents: readonly StoredReading[]): number {
  let max = 0;
  for (const x of incidents) {
    const n = Number(/#i(\d+)$/.exec(x.key)?.[1] ?? 0);
    if (n > max) max = n;
  }
  return max + 1;
}

/** Every span of text an incident was read from, merged and in order. */
function spansOf(incident: Incident): Span[] {
  const spans: Span[] = [
    ...incident.evidence,
    ...(incident.location === null ? [] : [incident.location.span]),
    ...(incident.date.span === null ? [] : [incident.date.span]),
    ...incident.actors.map((a) => a.span),
    ...incident.claims.flatMap((c) => [
      ...(c.claimant_span === null ? [] : [c.claimant_span]),
      ...c.figures.map((f) => f.span),
    ]),
  ].filter(([a, b]) => b > a);
  spans.sort((x, y) => x[0] - y[0]);
  const merged: Span[] = [];
  for (const [a, b] of spans) {
    const last = merged.at(-1);
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function overlap(x: readonly Span[], y: readonly Span[]): number {
  let total = 0;
  for (const [a, b] of x)
    for (const [c, d] of y) total += Math.max(0, Math.min(b, d) - Math.max(a, c));
  return total;
}

/**
 * Which stored incident each new one is, by the words both were read from
 * (the text is the same): the pairs sharing most text first, one to one.
 * The report's text does not change, so neither do the words of an act.
 */
export function matchIncidents(
  stored: readonly StoredReading[],
  fresh: readonly Incident[],
): Map<number, StoredReading> {
  const oldSpans = stored.map((x) => spansOf(x.incident));
  const pairs: { old: number; fresh: number; shared: number }[] = [];
  fresh.forEach((incident, j) => {
    const spans = spansOf(incident);
    oldSpans.forEach((old, i) => {
      const shared = overlap(old, spans);
      if (shared > 0) pairs.push({ old: i, fresh: j, shared });
    });
  });
  pairs.sort(
    (p, q) =>
      q.shared - p.shared ||
      Math.abs(p.old - p.fresh) - Math.abs(q.old - q.fresh) ||
      p.fresh - q.fresh,
  );
  const usedOld = new Set<number>();
  const matches = new Map<number, StoredReading>();
  for (const p of pairs) {
    const old = stored[p.old];
    if (old === undefined || usedOld.has(p.old) || matches.has(p.fresh)) continue;
    usedOld.add(p.old);
    matches.set(p.fresh, old);
  }
  return matches;
}

/**
 * The events as they were before the first batch touched them and as the last
 * left them, and which event each incident was in: enough to tell merges,
 * splits, new and gone events from events whose fields changed.
 */
class Tracker {
  private readonly before = new Map<string, EventState>();
  private readonly after = new Map<string, EventState>();
  private readonly wasIn = new Map<string, string | null>();
  private readonly isIn = new Map<string, string | null>();
  private readonly made = new Set<string>();

  batch(before: readonly EventState[], after: readonly EventState[], added: readonly string[]) {
    for (const key of added) if (!this.wasIn.has(key)) this.wasIn.set(key, null);
    for (const e of before) {
      // An event an earlier batch made or rewrote is not as it was before the reprocess.
      if (!this.made.has(e.id) && !this.before.has(e.id)) this.before.set(e.id, e);
      for (const m of e.data.members)
        if (!this.wasIn.has(m.incident)) this.wasIn.set(m.incident, e.id);
      for (const m of e.data.members) this.isIn.set(m.incident, null);
      this.after.delete(e.id);
    }
    for (const e of after) {
      this.made.add(e.id);
      this.after.set(e.id, e);
      for (const m of e.data.members) this.isIn.set(m.incident, e.id);
    }
  }

  changes(): { counts: ReprocessSummary['events']; details: string[] } {
    const counts = { added: 0, removed: 0, merged: 0, split: 0, figures: 0, changed: 0 };
    const details: string[] = [];
    const members = (e: EventState): string[] => e.data.members.map((m) => m.incident).sort();
    const same = (a: EventState, b: EventState): boolean =>
      isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
    const unchanged = new Set(
      [...this.after.values()]
        .filter((e) => {
          const was = this.before.get(e.id);
          return was !== undefined && same(was, e);
        })
        .map((e) => e.id),
    );
    const sourcesOf = (e: EventState): string[] => [
      ...new Set(members(e).flatMap((m) => this.wasIn.get(m) ?? [])),
    ];
    const targetsOf = (e: EventState): string[] => [
      ...new Set(members(e).flatMap((m) => this.isIn.get(m) ?? [])),
    ];
    const oneToOne = new Map<string, string>();
    for (const e of this.after.values()) {
      if (unchanged.has(e.id)) continue;
      const sources = sourcesOf(e);
      if (sources.length === 0) {
        counts.added++;
        details.push(`added ${e.id}: ${describe(e.data)}`);
      } else if (sources.length > 1) {
        counts.merged++;
        details.push(`merged ${sources.join(' + ')} → ${e.id}: ${describe(e.data)}`);
      } else if (sources[0] !== undefined) oneToOne.set(e.id, sources[0]);
    }
    for (const e of this.before.values()) {
      if (unchanged.has(e.id)) continue;
      const targets = targetsOf(e);
      if (targets.length === 0) {
        counts.removed++;
        details.push(`removed ${e.id}: ${describe(e.data)}`);
      } else if (targets.length > 1) {
        counts.split++;
        details.push(`split ${e.id} → ${targets.join(' + ')}`);
      }
    }
    for (const [id, source] of oneToOne) {
      const now = this.after.get(id);
      const was = this.before.get(source);
      if (now === undefined || was === undefined) continue;
      // Part of a split or a merge: told there already.
      if (targetsOf(was).length !== 1) continue;
      const fields = changedFields(was.data, now.data);
      const renamed = id === source ? id : `${source} → ${id}`;
      if (!isDeepStrictEqual(was.data.fatalities, now.data.fatalities)) {
        counts.figures++;
        details.push(`figures ${renamed}: ${fields.join('; ')}`);
      } else {
        counts.changed++;
        details.push(`changed ${renamed}: ${fields.join('; ')}`);
      }
    }
    return { counts, details };
  }
}

function fatalities(e: Event): string {
  const f = e.fatalities;
  if (f === null) return 'no fatalities';
  return f.low === f.high
    ? `${String(f.best)} killed`
    : `${String(f.best)} killed (${String(f.low)}–${String(f.high)})`;
}

function dateOf(e: Event): string {
  const { start, end } = e.date;
  if (start === null) return 'undated';
  return end === null || end === start ? start : `${start}..${end}`;
}

function placeOf(e: Event): string {
  return e.location === null ? 'no place' : `${e.location.name_en} (${e.location.place_id ?? '-'})`;
}

/** An event in a few words: what, where, when, how many. */
function describe(e: Event): string {
  return `${e.sub_event_type}, ${placeOf(e)}, ${dateOf(e)}, ${fatalities(e)} [${e.review_status}]`;
}

/** What differs between two readings of one event, as «field old → new». */
function changedFields(was: Event, now: Event): string[] {
  const fields: [string, (e: Event) => string][] = [
    ['fatalities', fatalities],
    ['type', (e) => e.sub_event_type],
    ['place', placeOf],
    ['date', dateOf],
    ['actor1', (e) => e.actor1 ?? '-'],
    ['actor2', (e) => e.actor2 ?? '-'],
    ['claims', (e) => String(e.claims.length)],
    ['reports', (e) => String(new Set(e.members.map((m) => m.document)).size)],
    ['incidents', (e) => String(e.members.length)],
    ['status', (e) => e.review_status],
  ];
  const lines = fields.flatMap(([name, show]) => {
    const [a, b] = [show(was), show(now)];
    return a === b ? [] : [`${name} ${a} → ${b}`];
  });
  // The rest is named only: a figure's victims, a place's precision, why reports were linked…
  const named = new Set([
    'fatalities',
    'sub_event_type',
    'date',
    'actor1',
    'actor2',
    'review_status',
  ]);
  const others = (Object.keys(now) as (keyof Event)[]).filter(
    (k) => !named.has(k) && JSON.stringify(was[k]) !== JSON.stringify(now[k]),
  );
  if (others.length > 0 && lines.length === 0) lines.push(`read otherwise: ${others.join(', ')}`);
  return lines;
}
