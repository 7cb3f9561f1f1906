import type { DocumentResult, Incident } from '../../src/contracts/index.js';
import { extract } from '../../src/extract/index.js';

/** Extracts a report written for the tests, published on the given day. */
export function read(text: string, published = '2024-03-14'): DocumentResult {
  return extract({ text, title: null, outlet: null, url: null, published });
}

export function news(result: DocumentResult): Incident[] {
  return result.incidents.filter((i) => !i.background);
}

export function only(result: DocumentResult): Incident {
  const found = news(result);
  if (found.length !== 1) {
    throw new Error(
      `expected one incident, got ${String(found.length)}: ${found.map((i) => i.sub_event_type).join(', ')}`,
    );
  }
  return found[0] as Incident;
}

export function actor(incident: Incident, role: 'actor1' | 'actor2'): string | null {
  return incident.actors.find((a) => a.role === role)?.id ?? null;
}

/** The doer and the target, for compact assertions. */
export function sides(incident: Incident): [string | null, string | null] {
  return [actor(incident, 'actor1'), actor(incident, 'actor2')];
}

/** Claims as (claimant, measure, victim, count) tuples, for compact assertions. */
export function tuples(
  incident: Incident,
): [string | null, string, string | null, number | null][] {
  return incident.claims.flatMap((c) =>
    c.figures.map((f): [string | null, string, string | null, number | null] => [
      c.claimant,
      f.measure,
      f.victim,
      f.count,
    ]),
  );
}

type Tuple = [string | null, string, string | null, number | null];

/** Every figure of a report's news incidents as sorted tuples: what the report counts, however it is split into incidents. */
export function allTuples(result: DocumentResult): Tuple[] {
  return news(result)
    .flatMap((i) => tuples(i))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Expected tuples in the order allTuples gives. */
export function sorted(list: readonly Tuple[]): Tuple[] {
  return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
