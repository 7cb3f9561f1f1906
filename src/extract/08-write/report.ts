import type { CodedWarning, Incident, Tally } from '../../contracts/index.js';
import type { ResolvedPlace } from '../../gazetteer/index.js';
import type { DateExpression } from '../../text/index.js';
import type { Analysis } from '../01-read/index.js';
import { textOf } from '../01-read/index.js';
import { bestPlace, spellingWarnings } from '../03-places/index.js';
import type { ReportPlaces } from '../03-places/index.js';
import type { EventMention, IncidentDraft } from '../07-gather/index.js';
import type { BuildContext } from './context.js';
import { buildIncident } from './incident.js';
import type { ToldBefore } from './incident.js';
import { heldBySome, lastBelow, spansWithin } from './lookups.js';
import { buildTallies } from './tallies.js';
import { flatMapped } from '../../text/index.js';

function buildContext(
  analysis: Analysis,
  mentions: readonly EventMention[],
  places: ReportPlaces,
  warnings: string[],
): BuildContext {
  const days: DateExpression[] = [];
  for (const m of mentions)
    // «بعد ثلاثة أيام على قصف…» dates that earlier act only, not the narrative after it.
    if (!m.background && m.date?.precision === 'day' && m.date.alone !== true) days.push(m.date);
  const placed = mentions.filter((m) => m.places.length > 0);
  const headline: readonly ResolvedPlace[] = places.headline;
  const dayBefore = lastBelow(days, (d) => d.start);
  const placedBefore = lastBelow(placed, (m) => m.clause.start);
  const unlisted = spansWithin(places.unknown, (m) => m);
  const pointingBack = spansWithin(places.pointingBack, (r) => r.mention);
  const aside = spansWithin(places.aside, (r) => r.mention);
  return {
    analysis,
    narrativeDay: (token) => dayBefore(token) ?? null,
    // The place of the last clause that named one: its most specific («قرية X بريف Y» is X).
    placeBefore: (token) => bestPlace(placedBefore(token)?.places ?? headline),
    unlistedPlaces: unlisted,
    pointedBack: (start, end) => pointingBack(start, end)[0] ?? null,
    asidePlaces: aside,
    warn: (message) => warnings.push(message),
  };
}

/**
 * Writes a report's incidents and tallies out as the contract has them, and
 * warns of what a reviewer should know: dates that could not be read, places
 * the gazetteer lacks.
 */
export function writeReport(
  analysis: Analysis,
  mentions: readonly EventMention[],
  drafts: readonly IncidentDraft[],
  places: ReportPlaces,
): {
  incidents: Incident[];
  tallies: Tally[];
  warnings: string[];
  coded_warnings: CodedWarning[];
} {
  const warnings: string[] = [];
  const coded: CodedWarning[] = [];
  for (const d of analysis.dates) {
    if (d.warning === null) continue;
    warnings.push(`date «${textOf(analysis, d.start, d.end)}»: ${d.warning.text}`);
    coded.push({ code: d.warning.code, date: d.warning.date });
  }
  if (analysis.published === null)
    warnings.push('no publication date: relative dates («أمس», «اليوم») are left unresolved');
  warnings.push(...spellingWarnings(analysis, places));
  const context = buildContext(analysis, mentions, places, warnings);
  const incidents = buildInOrder(context, drafts);
  // Places the gazetteer lacks outside every incident are worth knowing too; the clauses
  // told are gathered only for a report that names such a place (most name none).
  if (places.unknown.length > 0) {
    const told = heldBySome(flatMapped(drafts, (d) => d.mentions.map((m) => m.clause)));
    for (const m of places.unknown) {
      if (told(m.start, m.end)) continue;
      warnings.push(`place «${textOf(analysis, m.start, m.nameEnd)}» is not in the gazetteer`);
    }
  }
  return {
    incidents,
    tallies: buildTallies(analysis, mentions),
    warnings,
    coded_warnings: coded,
  };
}

/** Builds the incidents in the report's order, each knowing the acts told before it. */
function buildInOrder(context: BuildContext, drafts: readonly IncidentDraft[]): Incident[] {
  const doers = new Map<string, string>();
  let last: ToldBefore['last'] = null;
  const incidents: Incident[] = [];
  for (const [k, draft] of drafts.entries()) {
    const incident = buildIncident(context, draft, `i${String(k + 1)}`, { doers, last });
    incidents.push(incident);
    if (incident.background) continue;
    const doer = incident.actors.find((a) => a.role === 'actor1')?.id;
    if (doer !== undefined && doer !== 'UNKNOWN') doers.set(incident.sub_event_type, doer);
    last = { eventType: incident.event_type, subEventType: incident.sub_event_type };
  }
  return incidents;
}
