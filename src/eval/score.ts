import type { DocumentResult, Incident } from '../contracts/index.js';
import { distanceKm } from '../gazetteer/index.js';
import type { Gold, GoldFigure, GoldIncident } from './gold.js';
import { asList } from './gold.js';
import { actorOf, pairIncidents, sameAdmin1 } from './match.js';
import type { Pair } from './match.js';

/** Hits out of tries. */
export interface Ratio {
  hit: number;
  total: number;
}

/** True and false positives and negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export type Field = 'date' | 'place' | 'event_type' | 'sub_event_type' | 'actor1' | 'actor2';
export const FIELDS: readonly Field[] = [
  'date',
  'place',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
];

/** The scores of one document, or of many summed. */
export interface Scores {
  documents: number;
  incidents: Counts;
  background: Ratio;
  fields: Record<Field, Ratio>;
  figures: Counts;
  figuresLoose: Counts;
  tallies: { found: number; gold: number };
  /** What went wrong, for `--verbose`. */
  misses: string[];
}

export function emptyScores(): Scores {
  return {
    documents: 0,
    incidents: { tp: 0, fp: 0, fn: 0 },
    background: { hit: 0, total: 0 },
    fields: Object.fromEntries(FIELDS.map((f) => [f, { hit: 0, total: 0 }])) as Record<
      Field,
      Ratio
    >,
    figures: { tp: 0, fp: 0, fn: 0 },
    figuresLoose: { tp: 0, fp: 0, fn: 0 },
    tallies: { found: 0, gold: 0 },
    misses: [],
  };
}

export function addScores(into: Scores, s: Scores): void {
  into.documents += s.documents;
  for (const k of ['tp', 'fp', 'fn'] as const) {
    into.incidents[k] += s.incidents[k];
    into.figures[k] += s.figures[k];
    into.figuresLoose[k] += s.figuresLoose[k];
  }
  into.background.hit += s.background.hit;
  into.background.total += s.background.total;
  for (const f of FIELDS) {
    into.fields[f].hit += s.fields[f].hit;
    into.fields[f].total += s.fields[f].total;
  }
  into.tallies.found += s.tallies.found;
  into.tallies.gold += s.tallies.gold;
  into.misses.push(...s.misses);
}

interface Tuple {
  claimant: string | null;
  measure: string;
  victim: string | null;
  count: number | null;
}

function predictedTuples(p: Incident): Tuple[] {
  return p.claims.flatMap((c) =>
    c.figures.map((f) => ({
      claimant: c.claimant,
      measure: f.measure,
      victim: f.victim,
      count: f.count,
    })),
  );
}

function goldMatches(t: Tuple, g: GoldFigure, loose: boolean): boolean {
  if (!asList(g.measure).includes(t.measure) || !asList(g.count).includes(t.count)) return false;
  return loose || (asList(g.claimant).includes(t.claimant) && asList(g.victim).includes(t.victim));
}

/**
 * Figures of one pair: each gold tuple takes one predicted tuple; a predicted
 * tuple that repeats the (measure, victim, count) of a matched one is a
 * restatement and not counted against precision.
 */
function scoreFigures(
  p: Incident,
  g: GoldIncident,
  loose: boolean,
  misses: string[] | null,
  label: string,
): Counts {
  const predicted = predictedTuples(p);
  const used = new Set<number>();
  const matched: Tuple[] = [];
  let fn = 0;
  for (const gf of g.figures) {
    const k = predicted.findIndex((t, i) => !used.has(i) && goldMatches(t, gf, loose));
    if (k < 0) {
      fn++;
      misses?.push(`${label}: missed figure ${JSON.stringify(gf)}`);
      continue;
    }
    used.add(k);
    const t = predicted[k];
    if (t !== undefined) matched.push(t);
  }
  let fp = 0;
  predicted.forEach((t, i) => {
    if (used.has(i)) return;
    const restates = matched.some(
      (m) => m.measure === t.measure && m.count === t.count && (loose || m.victim === t.victim),
    );
    if (!restates) {
      fp++;
      misses?.push(`${label}: extra figure ${JSON.stringify(t)}`);
    }
  });
  return { tp: matched.length, fp, fn };
}

function fieldResult(field: Field, p: Incident, g: GoldIncident): boolean | null {
  switch (field) {
    case 'date':
      return g.date === null
        ? null
        : p.date.start !== null && asList(g.date).includes(p.date.start);
    case 'place': {
      if (g.place === null) return null;
      const loc = p.location;
      if (loc === null) return false;
      if (g.place.precision === 3) {
        return (
          (g.place.admin1_pcode !== undefined && g.place.admin1_pcode === loc.admin1_pcode) ||
          sameAdmin1(loc.admin1, g.place.admin1)
        );
      }
      const tolerance = g.place.tolerance_km ?? (g.place.precision === 1 ? 5 : 15);
      return distanceKm(loc, g.place) <= tolerance;
    }
    case 'event_type':
      return g.event_type === null ? null : g.event_type.includes(p.event_type);
    case 'sub_event_type':
      return g.sub_event_type === null ? null : g.sub_event_type.includes(p.sub_event_type);
    case 'actor1':
    case 'actor2': {
      const want = g[field];
      if (want === null) return null;
      const got = actorOf(p, field);
      return want.length === 0 ? got === null : got !== null && want.includes(got);
    }
  }
}

function describe(p: Incident): string {
  const a1 = actorOf(p, 'actor1') ?? '-';
  const a2 = actorOf(p, 'actor2') ?? '-';
  const where =
    p.location === null ? 'nowhere' : `${p.location.name_ar} p${String(p.location.precision)}`;
  return `${p.sub_event_type} ${p.date.start ?? '?'} ${where} ${a1}→${a2}`;
}

function pairLabel(doc: string, pair: Pair): string {
  return `${doc} ${pair.gold.key}`;
}

/** Scores one document's extraction against its gold annotation (shared/spec/gold.md). */
export function scoreDocument(result: DocumentResult, gold: Gold): Scores {
  const s = emptyScores();
  s.documents = 1;
  const misses = s.misses;
  const doc = gold.doc;
  const pairs: Pair[] = [];
  for (const background of [false, true]) {
    const predicted = result.incidents.filter((i) => i.background === background);
    const golds = gold.incidents.filter((g) => g.background === background);
    const paired = pairIncidents(predicted, golds);
    pairs.push(...paired);
    if (background) continue;
    const optionalPairs = paired.filter((p) => p.gold.optional).length;
    const tp = paired.length - optionalPairs;
    s.incidents.tp += tp;
    s.incidents.fp += predicted.length - paired.length;
    s.incidents.fn += golds.filter((g) => !g.optional).length - tp;
    for (const p of predicted) {
      if (!paired.some((x) => x.predicted === p))
        misses.push(`${doc}: extra incident ${describe(p)}`);
    }
    for (const g of golds) {
      if (!g.optional && !paired.some((x) => x.gold === g))
        misses.push(`${doc}: missed incident ${g.key}`);
    }
  }
  for (const pair of pairs) {
    if (pair.gold.optional) continue;
    const label = pairLabel(doc, pair);
    if (!pair.gold.background) {
      for (const field of FIELDS) {
        const ok = fieldResult(field, pair.predicted, pair.gold);
        if (ok === null) continue;
        s.fields[field].total++;
        if (ok) s.fields[field].hit++;
        else misses.push(`${label}: ${field} wrong (${describe(pair.predicted)})`);
      }
    }
    const f = scoreFigures(pair.predicted, pair.gold, false, misses, label);
    const l = scoreFigures(pair.predicted, pair.gold, true, null, label);
    for (const k of ['tp', 'fp', 'fn'] as const) {
      s.figures[k] += f[k];
      s.figuresLoose[k] += l[k];
    }
  }
  // Background flag: pairs within a flag are right; leftovers paired across flags are wrong.
  const leftP = result.incidents.filter((p) => !pairs.some((x) => x.predicted === p));
  const leftG = gold.incidents.filter((g) => !pairs.some((x) => x.gold === g));
  const crossed = pairIncidents(leftP, leftG);
  s.background.hit += pairs.length;
  s.background.total += pairs.length + crossed.length;
  for (const c of crossed) misses.push(`${doc} ${c.gold.key}: background flag wrong`);
  s.tallies.found += result.tallies.length;
  s.tallies.gold += gold.tallies;
  return s;
}

export function f1(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

export function ratio(r: Ratio): number {
  return r.total === 0 ? 1 : r.hit / r.total;
}

/** The headline: mean of incident F1, date, place, sub-event type, actor1 and figures F1. */
export function finalScore(s: Scores): number {
  const parts = [
    f1(s.incidents).f1,
    ratio(s.fields.date),
    ratio(s.fields.place),
    ratio(s.fields.sub_event_type),
    ratio(s.fields.actor1),
    f1(s.figures).f1,
  ];
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}
