import { out as pc } from './colors.js';
import type { Claim, DocumentResult, Incident } from '../contracts/index.js';
import { describeFigure } from '../store/index.js';
import { printable, printableAll } from './terminal.js';

function figureLine(claim: Claim): string {
  return `${claim.claimant ?? 'unattributed'}: ${claim.figures.map(describeFigure).join('; ')}`;
}

function placeLine(incident: Incident): string {
  const loc = incident.location;
  if (loc === null) return 'place: unknown';
  const area = [loc.admin2, loc.admin1].filter((a) => a !== null && a !== loc.name_en).join(', ');
  const runnerUp = loc.alternatives[0];
  const choice =
    runnerUp === undefined
      ? ''
      : pc.dim(` (by ${loc.chosen_by}, over ${runnerUp.name_en} in ${runnerUp.admin1})`);
  return `place: ${loc.name_en} (${loc.name_ar})${area === '' ? '' : `, ${area}`}, precision ${String(loc.precision)} — «${loc.text}»${choice}`;
}

function actorsLine(incident: Incident): string {
  const of = (role: string): string[] =>
    incident.actors.filter((a) => a.role === role).map((a) => a.id);
  const side = (main: string[], assoc: string[]): string =>
    [main.join(', ') || '?', ...(assoc.length > 0 ? [`(with ${assoc.join(', ')})`] : [])].join(' ');
  return `actors: ${side(of('actor1'), of('assoc1'))} → ${side(of('actor2'), of('assoc2'))}`;
}

function incidentLines(incident: Incident, n: number): string[] {
  const when =
    incident.date.start === null
      ? 'date unknown'
      : `${incident.date.start}${incident.date.text === null ? ' (report date)' : ` («${incident.date.text}»)`}`;
  const head = `${String(n)}. ${incident.event_type} / ${incident.sub_event_type} — ${when}${incident.background ? pc.dim(' [background]') : ''}`;
  const lines = [pc.bold(head), `   ${placeLine(incident)}`, `   ${actorsLine(incident)}`];
  for (const claim of incident.claims) lines.push(`   ${figureLine(claim)}`);
  if (incident.fatalities !== null) {
    const f = incident.fatalities;
    lines.push(
      `   fatalities: low ${String(f.low)}, best ${String(f.best)}, high ${String(f.high)}`,
    );
  }
  return lines;
}

/** «actor1 = SDF ← sides/agent-marker 3, sides/subject-after-act 2»: the rules behind each field. */
function explainLines(incident: Incident): string[] {
  return (incident.why ?? []).map((d) => {
    const rules = d.rules.map((r) => (r.score === 1 ? r.rule : `${r.rule} ${String(r.score)}`));
    const value = d.value === null ? '' : ` = ${d.value}`;
    return pc.dim(`   why ${d.field}${value} ← ${rules.length > 0 ? rules.join(', ') : 'no rule'}`);
  });
}

/** A person's summary of one document's result; with `explain`, the rules behind every field. */
export function formatResult(name: string, reported: DocumentResult, explain = false): string {
  const result = printableAll(reported);
  const news = result.incidents.filter((i) => !i.background).length;
  const background = result.incidents.length - news;
  const header = `${pc.bold(printable(name))} — published ${result.document.published ?? 'unknown'} — ${String(news)} incident(s)${background > 0 ? `, ${String(background)} in background` : ''}, ${String(result.tallies.length)} tally(ies)`;
  const lines = [header];
  result.incidents.forEach((incident, k) => {
    lines.push(...incidentLines(incident, k + 1));
    if (explain) lines.push(...explainLines(incident));
  });
  for (const t of result.tallies) {
    lines.push(
      `tally${t.claimant === null ? '' : ` (${t.claimant})`}: ${t.figures.map((f) => `${f.measure} ${f.count === null ? 'some' : String(f.count)}`).join('; ')}`,
    );
  }
  for (const w of result.warnings) lines.push(pc.yellow(`warning: ${w}`));
  return lines.join('\n');
}
