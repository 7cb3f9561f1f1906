import { createHash } from 'node:crypto';
import type {
  DatePrecision,
  Event,
  EventClaim,
  Incident,
  Location,
  ReviewStatus,
} from '../contracts/index.js';
import { fatalitiesOf } from '../contracts/index.js';
import { isPartyClaimant } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/index.js';
import { byKey, compareCodeUnits } from '../text/index.js';

/** An incident as an event holds it: where it came from and why it was linked. */
export interface EventMemberInput {
  readonly key: string;
  readonly document: string;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly incident: Incident;
  /** The reasons of the link that brought it in; empty for the first member. */
  readonly linkedBy: readonly string[];
}

/** An event's id: from its first member's key, so the same members give the same id. */
export function eventId(memberKeys: readonly string[]): string {
  // The least key, found in one pass: sorting an act told by 1,500 reports' keys took ~1 ms a batch.
  let first: string | undefined;
  for (const key of memberKeys) if (first === undefined || key < first) first = key;
  first ??= '';
  return `ev:${createHash('sha256').update(first).digest('hex').slice(0, 20)}`;
}

/**
 * One event from the incidents that tell it: the most specific type any report
 * gives, the most precise place and date, the doer most reports name, every
 * claim with the report that carried it, and fatalities low/best/high over
 * them all (party claims count for the high, not the best).
 */
export function reconcileEvent(
  members: readonly EventMemberInput[],
  lexicon: Lexicon,
  reviewStatus: ReviewStatus = 'unreviewed',
): Event {
  const sorted = [...members].sort(byKey);
  const incidents = sorted.map((m) => m.incident);
  const lead = mostSpecific(incidents, lexicon.hierarchy);
  const date = consensusDate(incidents);
  // Object.assign, not a spread: spreading a claim read back from the store took V8's slow
  // path, ~5 µs a claim (an act told by 500 reports: 4 ms of every rebuild, against 0.3).
  const claims: EventClaim[] = [];
  for (const m of sorted)
    for (const c of m.incident.claims)
      claims.push(
        Object.assign({}, c, {
          document: m.document,
          outlet: m.outlet,
          party: c.claimant !== null && isPartyClaimant(lexicon, c.claimant, date.start),
        }),
      );
  // A set, not a search of every claim per claim: an act told by hundreds of reports has as many claims.
  const partyClaimants = new Set<string | null>();
  for (const c of claims) if (c.party) partyClaimants.add(c.claimant);
  return {
    id: eventId(sorted.map((m) => m.key)),
    event_type: lead.event_type,
    sub_event_type: lead.sub_event_type,
    date,
    location: mostPrecise(incidents.map((i) => i.location)),
    actor1: commonest(incidents, 'actor1'),
    actor2: commonest(incidents, 'actor2'),
    assoc1: associates(incidents, 'assoc1'),
    assoc2: associates(incidents, 'assoc2'),
    members: sorted.map((m) => ({
      incident: m.key,
      document: m.document,
      outlet: m.outlet,
      url: m.url,
      linked_by: [...m.linkedBy],
    })),
    claims,
    fatalities: fatalitiesOf(claims, (c) => partyClaimants.has(c)),
    civilian_targeting: incidents.some((i) => i.civilian_targeting),
    review_status: reviewStatus,
  };
}

/** The incident whose sub-event type comes first in ACLED's order (a chemical attack before an air strike). */
function mostSpecific(incidents: readonly Incident[], hierarchy: readonly string[]): Incident {
  return incidents.reduce((best, i) => (rankIn(hierarchy, i) < rankIn(hierarchy, best) ? i : best));
}

function rankIn(hierarchy: readonly string[], i: Incident): number {
  const k = hierarchy.indexOf(i.sub_event_type);
  return k < 0 ? hierarchy.length : k;
}

const PRECISION_ORDER: readonly DatePrecision[] = ['day', 'week', 'month', 'year', 'unknown'];

/** The day most reports give (the earliest of equals); else the narrowest period any gives. */
function consensusDate(incidents: readonly Incident[]): Event['date'] {
  const days = incidents.filter((i) => i.date.precision === 'day' && i.date.start !== null);
  if (days.length > 0) {
    const votes = new Map<string, number>();
    for (const i of days) votes.set(i.date.start ?? '', (votes.get(i.date.start ?? '') ?? 0) + 1);
    const [day] = [...votes].sort((a, b) => b[1] - a[1] || compareCodeUnits(a[0], b[0]))[0] ?? [''];
    return { start: day, end: day, precision: 'day' };
  }
  const known = incidents
    .filter((i) => i.date.start !== null)
    .sort(
      (a, b) =>
        PRECISION_ORDER.indexOf(a.date.precision) - PRECISION_ORDER.indexOf(b.date.precision),
    );
  const best = known[0];
  return best === undefined
    ? { start: null, end: null, precision: 'unknown' }
    : { start: best.date.start, end: best.date.end, precision: best.date.precision };
}

/** The most precise location, the one most reports share among equals. */
function mostPrecise(locations: readonly (Location | null)[]): Location | null {
  const known = locations.filter((l): l is Location => l !== null);
  // Counted once, not on every comparison: the sort would be quadratic in the reports.
  const counts = new Map<Location['place_id'], number>();
  for (const k of known) counts.set(k.place_id, (counts.get(k.place_id) ?? 0) + 1);
  const shared = (l: Location): number => counts.get(l.place_id) ?? 0;
  // The first of the best in the reports' order (what a stable sort puts first), in one pass.
  let best: Location | null = null;
  for (const l of known)
    if (best === null || (l.precision - best.precision || shared(best) - shared(l)) < 0) best = l;
  return best;
}

/** The first actor an incident gives in a role. */
function actorIn(incident: Incident, role: 'actor1' | 'actor2'): string | undefined {
  for (const a of incident.actors) if (a.role === role) return a.id;
  return undefined;
}

/** The actor most incidents give in a role, the known before UNKNOWN. */
function commonest(incidents: readonly Incident[], role: 'actor1' | 'actor2'): string | null {
  const votes = new Map<string, number>();
  for (const i of incidents) {
    const id = actorIn(i, role);
    if (id !== undefined) votes.set(id, (votes.get(id) ?? 0) + (id === 'UNKNOWN' ? 0.5 : 1));
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1] || compareCodeUnits(a[0], b[0]));
  return ranked[0]?.[0] ?? null;
}

/** Every actor any incident associates with a side, once each. */
function associates(incidents: readonly Incident[], role: 'assoc1' | 'assoc2'): string[] {
  const ids = new Set<string>();
  for (const i of incidents) for (const a of i.actors) if (a.role === role) ids.add(a.id);
  return [...ids].sort();
}
