import type { Incident } from '../contracts/index.js';
import { distanceKm } from '../gazetteer/index.js';
import { daysBetween } from '../text/index.js';
import type { GoldIncident } from './gold.js';
import { asList } from './gold.js';

/** A predicted incident paired with a gold one. */
export interface Pair {
  readonly predicted: Incident;
  readonly gold: GoldIncident;
}

const PAIR_KM = 30;
const PAIR_DAYS = 2;

/** Governorate names compared loosely: «Ar-Raqqa», «ar raqqa» and «Raqqa» are one. */
export function sameAdmin1(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  const key = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .replace(/^(?:al|ar|as|ad|an|at|az|el)/, '');
  return key(a) === key(b);
}

function placeAllowed(p: Incident, g: GoldIncident): boolean {
  if (g.place === null) return true;
  const loc = p.location;
  if (loc === null) return false;
  if (distanceKm(loc, g.place) <= PAIR_KM) return true;
  const admin1Equal =
    (g.place.admin1_pcode !== undefined && g.place.admin1_pcode === loc.admin1_pcode) ||
    sameAdmin1(loc.admin1, g.place.admin1);
  return (g.place.precision === 3 || loc.precision === 3) && admin1Equal;
}

function dateAllowed(p: Incident, g: GoldIncident): boolean {
  if (g.date === null || p.date.start === null) return true;
  const start = p.date.start;
  return asList(g.date).some((d) => Math.abs(daysBetween(d, start)) <= PAIR_DAYS);
}

export function pairAllowed(p: Incident, g: GoldIncident): boolean {
  return placeAllowed(p, g) && dateAllowed(p, g);
}

function actorOf(p: Incident, role: 'actor1' | 'actor2'): string | null {
  return p.actors.find((a) => a.role === role)?.id ?? null;
}

/** How alike two incidents are, to pair the most alike first. */
function similarity(p: Incident, g: GoldIncident): number {
  let s = 0;
  if (g.sub_event_type?.includes(p.sub_event_type) === true) s += 1;
  if (g.event_type?.includes(p.event_type) === true) s += 0.5;
  const a1 = actorOf(p, 'actor1');
  if (a1 !== null && g.actor1?.includes(a1) === true) s += 0.5;
  if (g.date !== null && p.date.start !== null && asList(g.date).includes(p.date.start)) s += 0.5;
  if (g.place !== null && p.location !== null)
    s += Math.max(0, 1 - distanceKm(p.location, g.place) / PAIR_KM);
  return s;
}

/** Greedy pairing by similarity among allowed pairs (places within 30 km or the same governorate at precision 3; dates within 2 days). */
export function pairIncidents(
  predicted: readonly Incident[],
  gold: readonly GoldIncident[],
  allowed = pairAllowed,
): Pair[] {
  const options: { p: Incident; g: GoldIncident; s: number }[] = [];
  for (const p of predicted)
    for (const g of gold) if (allowed(p, g)) options.push({ p, g, s: similarity(p, g) });
  options.sort((a, b) => b.s - a.s);
  const usedP = new Set<Incident>();
  const usedG = new Set<GoldIncident>();
  const pairs: Pair[] = [];
  for (const o of options) {
    if (usedP.has(o.p) || usedG.has(o.g)) continue;
    usedP.add(o.p);
    usedG.add(o.g);
    pairs.push({ predicted: o.p, gold: o.g });
  }
  return pairs;
}

export { actorOf };
