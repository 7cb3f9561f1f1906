/**
 * Which words of a report are the evidence of which field of its incident: the
 * field names shared by the event's field list and the highlighted text, so
 * pointing at one lights the other.
 */
import type { Incident } from '../../../src/contracts/index.js';
import type { Evidence } from './segments.js';

export function incidentEvidence(incident: Incident): Evidence[] {
  const out: Evidence[] = incident.evidence.map((span) => ({ field: 'type', span }));
  if (incident.date.span !== null) out.push({ field: 'date', span: incident.date.span });
  if (incident.location !== null) out.push({ field: 'place', span: incident.location.span });
  for (const actor of incident.actors)
    out.push({
      field: actor.role === 'actor2' || actor.role === 'assoc2' ? 'actor2' : 'actor1',
      span: actor.span,
    });
  incident.claims.forEach((claim) => {
    const field = `claim:${claim.claimant ?? 'unattributed'}`;
    if (claim.claimant_span !== null) out.push({ field, span: claim.claimant_span });
    for (const figure of claim.figures) out.push({ field, span: figure.span });
  });
  return out;
}
