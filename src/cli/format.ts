import { out as pc } from './colors.js';
import type { Claim, DocumentResult, Incident } from '../contracts/index.js';
import type { Words } from './i18n.js';
import { printable, printableAll } from './terminal.js';

function figureLine(w: Words, claim: Claim): string {
  const who = claim.claimant === null ? w.t('unattributed') : w.claimant(claim.claimant);
  return `${who}: ${claim.figures.map((f) => w.figure(f)).join('; ')}`;
}

function placeLine(w: Words, incident: Incident): string {
  const loc = incident.location;
  if (loc === null) return w.t('place.unknown');
  const area = [loc.admin2, loc.admin1]
    .filter((a): a is string => a !== null && a !== loc.name_en)
    .map((a) => w.v(a))
    .join(w.t('list'));
  const runnerUp = loc.alternatives[0];
  const choice =
    runnerUp === undefined
      ? ''
      : pc.dim(
          w.t('place.choice', {
            by: w.v(loc.chosen_by),
            other: w.v(runnerUp.name_en),
            admin1: w.v(runnerUp.admin1),
          }),
        );
  // Each language names the place in its own script first, the other beside it.
  const [first, second] = w.lang === 'ar' ? [loc.name_ar, loc.name_en] : [loc.name_en, loc.name_ar];
  return w.t('place.line', {
    name: `${w.v(first)} (${w.v(second)})`,
    area: area === '' ? '' : `${w.t('list')}${area}`,
    precision: loc.precision,
    words: w.quote(loc.text),
    choice,
  });
}

function actorsLine(w: Words, incident: Incident): string {
  const of = (role: string): string[] =>
    incident.actors.filter((a) => a.role === role).map((a) => w.actor(a.id));
  const side = (main: string[], assoc: string[]): string =>
    [
      main.join(w.t('list')) || w.t('?'),
      ...(assoc.length > 0 ? [w.t('actors.with', { assoc: assoc.join(w.t('list')) })] : []),
    ].join(' ');
  return w.t('actors.line', {
    actor1: side(of('actor1'), of('assoc1')),
    actor2: side(of('actor2'), of('assoc2')),
    arrow: w.t('arrow'),
  });
}

function subEventType(w: Words, incident: Incident): { type: string; sub: string } {
  return { type: w.type(incident.event_type), sub: w.type(incident.sub_event_type) };
}

function incidentLines(w: Words, incident: Incident, n: number): string[] {
  const when =
    incident.date.start === null
      ? w.t('incident.dateUnknown')
      : incident.date.text === null
        ? w.t('incident.reportDate', { date: incident.date.start })
        : `${incident.date.start} (${w.quote(incident.date.text)})`;
  const head = w.t('incident.head', {
    n,
    ...subEventType(w, incident),
    when,
    background: incident.background ? pc.dim(w.t('incident.background')) : '',
  });
  const lines = [pc.bold(head), `   ${placeLine(w, incident)}`, `   ${actorsLine(w, incident)}`];
  for (const claim of incident.claims) lines.push(`   ${figureLine(w, claim)}`);
  if (incident.fatalities !== null) lines.push(`   ${w.t('fatalities.line', incident.fatalities)}`);
  return lines;
}

/** «actor1 = SDF ← sides/agent-marker 3, sides/subject-after-act 2»: the rules behind each field. */
function explainLines(w: Words, incident: Incident): string[] {
  return (incident.why ?? []).map((d) => {
    const rules = d.rules.map((r) => (r.score === 1 ? r.rule : `${r.rule} ${String(r.score)}`));
    const value = d.value === null ? '' : ` = ${w.v(d.value)}`;
    return pc.dim(`   why ${d.field}${value} ← ${rules.length > 0 ? rules.join(', ') : 'no rule'}`);
  });
}

/** A person's summary of one document's result; with `explain`, the rules behind every field. */
export function formatResult(
  w: Words,
  name: string,
  reported: DocumentResult,
  explain = false,
): string {
  const result = printableAll(reported);
  const news = result.incidents.filter((i) => !i.background).length;
  const background = result.incidents.length - news;
  const header = w.t('extract.header', {
    name: pc.bold(w.v(printable(name))),
    published: w.v(result.document.published ?? w.t('unknown')),
    news,
    background: background > 0 ? w.t('extract.background', { count: background }) : '',
    tallies: result.tallies.length,
  });
  const lines = [header];
  result.incidents.forEach((incident, k) => {
    lines.push(...incidentLines(w, incident, k + 1));
    if (explain) lines.push(...explainLines(w, incident));
  });
  for (const tally of result.tallies) {
    lines.push(
      w.t('tally.line', {
        claimant: tally.claimant === null ? '' : ` (${w.claimant(tally.claimant)})`,
        figures: tally.figures.map((f) => w.figure(f)).join('; '),
      }),
    );
  }
  for (const warning of result.warnings)
    lines.push(pc.yellow(w.t('warning', { text: w.v(warning) })));
  return lines.join('\n');
}
