import { byKey, compareCodeUnits, daysBetween } from '../text/index.js';

/** A judged pair of incidents, by key, with how sure the judgement is. */
export interface Edge {
  readonly a: string;
  readonly b: string;
  readonly score: number;
}

/** A reviewer's word on a pair: the same act, or not. It outranks any judgement. */
export interface Decision {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

/** An incident as grouping sees it: its key, its report, and its day when the report gives one. */
export interface ClusterMember {
  readonly key: string;
  readonly document: string;
  readonly day: string | null;
}

/** The most days apart two incidents of one event may be dated («ليل أمس» and «فجر اليوم»). */
export const EVENT_DAY_SPAN = 1;

/**
 * Groups incidents into events from the pairs judged the same act: strongest
 * pairs first (a reviewer's «same» before all), never joining two groups that
 * would put two incidents of one report, incidents more than a day apart, or a
 * pair a reviewer split, in one event. Ties break on the keys, so the events
 * depend only on the incidents and pairs given, never on the order they came
 * in: ingesting reports in any order, by any number of workers, gives the same
 * events.
 */
export function clusterIncidents(
  members: readonly ClusterMember[],
  edges: readonly Edge[],
  decisions: readonly Decision[] = [],
): string[][] {
  const parent = new Map<string, string>();
  const documents = new Map<string, Set<string>>();
  const days = new Map<string, { first: string; last: string } | null>();
  for (const m of members) {
    parent.set(m.key, m.key);
    documents.set(m.key, new Set([m.document]));
    days.set(m.key, m.day === null ? null : { first: m.day, last: m.day });
  }
  const apart = new Set(
    decisions.filter((d) => !d.same).flatMap((d) => [`${d.a}\u0000${d.b}`, `${d.b}\u0000${d.a}`]),
  );
  const groupOf = (r: string): string[] =>
    members.filter((m) => rootOf(parent, m.key) === r).map((m) => m.key);
  const canJoin = (x: string, y: string): boolean => {
    // The smaller set looked up in the larger: a report joining an act told by hundreds is one lookup.
    const [large, small] = bySize(documents.get(x), documents.get(y));
    for (const d of small) if (large.has(d)) return false;
    const span = joinedDays(days.get(x) ?? null, days.get(y) ?? null);
    if (span !== null && daysBetween(span.first, span.last) > EVENT_DAY_SPAN) return false;
    if (apart.size === 0) return true;
    const gx = groupOf(x);
    const gy = groupOf(y);
    return !gx.some((p) => gy.some((q) => apart.has(`${p}\u0000${q}`)));
  };
  const sameByReview: Edge[] = [];
  for (const d of decisions) if (d.same) sameByReview.push({ a: d.a, b: d.b, score: Infinity });
  const ordered: Edge[] = [];
  for (const pairs of [sameByReview, edges])
    for (const e of pairs)
      if (parent.has(e.a) && parent.has(e.b))
        ordered.push(e.a < e.b ? e : { a: e.b, b: e.a, score: e.score });
  ordered.sort(strongestFirst);
  for (const e of ordered) {
    const x = rootOf(parent, e.a);
    const y = rootOf(parent, e.b);
    if (x === y || !canJoin(x, y)) continue;
    const [keep, gone] = compareCodeUnits(x, y) <= 0 ? [x, y] : [y, x];
    parent.set(gone, keep);
    // The smaller set is added to the larger (kept under the root): a chain of joins stays linear.
    const [large, small] = bySize(documents.get(keep), documents.get(gone));
    for (const d of small) large.add(d);
    documents.set(keep, large);
    days.set(keep, joinedDays(days.get(keep) ?? null, days.get(gone) ?? null));
  }
  const groups = new Map<string, string[]>();
  for (const m of [...members].sort(byKey)) {
    const r = rootOf(parent, m.key);
    const group = groups.get(r);
    if (group === undefined) groups.set(r, [m.key]);
    else group.push(m.key);
  }
  return [...groups.values()];
}

function bySize(
  a: Set<string> | undefined,
  b: Set<string> | undefined,
): [Set<string>, ReadonlySet<string>] {
  const x = a ?? new Set<string>();
  const y = b ?? new Set<string>();
  return x.size >= y.size ? [x, y] : [y, x];
}

function joinedDays(
  a: { first: string; last: string } | null,
  b: { first: string; last: string } | null,
): { first: string; last: string } | null {
  if (a === null) return b;
  if (b === null) return a;
  return { first: a.first < b.first ? a.first : b.first, last: a.last > b.last ? a.last : b.last };
}

/** The key a group is kept under, with the path to it shortened on the way. */
function rootOf(parent: Map<string, string>, key: string): string {
  let r = key;
  while (parent.get(r) !== r) r = parent.get(r) ?? r;
  parent.set(key, r);
  return r;
}

/** Strongest pairs first, ties broken on the keys. */
function strongestFirst(e: Edge, f: Edge): number {
  return f.score - e.score || compareCodeUnits(e.a, f.a) || compareCodeUnits(e.b, f.b);
}
