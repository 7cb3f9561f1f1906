import type { Event } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';
import { clusterIncidents } from './cluster.js';
import type { Decision } from './cluster.js';
import { reconcileEvent } from './reconcile.js';
import { sameAct } from './same-act.js';
import type { LinkIncident, SameAct } from './same-act.js';

/** A pair judged the same act, with the evidence. */
export interface Link extends SameAct {
  readonly a: string;
  readonly b: string;
}

/** An incident with what an event reports of its source. */
export interface StoredIncident extends LinkIncident {
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
  const groups = clusterIncidents(
    current.map((x) => ({
      key: x.key,
      document: x.document,
      day: x.incident.date.precision === 'day' ? x.incident.date.start : null,
    })),
    links,
    options.decisions,
  );
  return groups.map((keys) => {
    const inGroup = new Set(keys);
    const members = keys.flatMap((key) => {
      const x = byKey.get(key);
      if (x === undefined) return [];
      // Why it is here: its strongest link to another member (the first by keys among equals).
      const best = links
        .filter((l) => (l.a === key && inGroup.has(l.b)) || (l.b === key && inGroup.has(l.a)))
        .sort((l, m) => m.score - l.score || byKeys(l, m))[0];
      return [{ ...x, linkedBy: keys[0] === key || best === undefined ? [] : best.reasons }];
    });
    return reconcileEvent(members, lexicon);
  });
}

function byKeys(l: Link, m: Link): number {
  const a = `${l.a}|${l.b}`;
  const b = `${m.a}|${m.b}`;
  return a < b ? -1 : a > b ? 1 : 0;
}
