import type { Claim, Figure } from '../../contracts/index.js';
import type { AttributedFigure } from '../04-figures/index.js';
import { victimSide } from '../06-sides/index.js';
import type { Sides } from '../06-sides/index.js';
import type { IncidentDraft } from '../07-gather/index.js';
import type { BuildContext } from './context.js';
import { originalText, span } from './spans.js';

/**
 * A figure as written out. Fighters with no group named («سقط قتلى من عناصر
 * الموقعين المستهدفين») are the side that was hit: the incident's actor2.
 */
function toFigure(
  ctx: BuildContext,
  f: AttributedFigure,
  sides: { actor1: string | null; actor2: string | null },
): Figure {
  const s = span(ctx.analysis, f.figure.start, f.figure.end);
  return {
    measure: f.figure.measure,
    victim: victimSide(f.figure, sides),
    count: f.figure.count,
    qualifier: f.figure.qualifier,
    text: originalText(ctx.analysis, s),
    span: s,
  };
}

const sameFigure = (a: Figure, b: Figure): boolean =>
  a.measure === b.measure && a.count === b.count && a.victim === b.victim;

/**
 * Adds a source's figure unless it repeats one it already gave. «اعتقلت 4 سوريين …
 * "تعتقل 4 شبان"»: the same count of the same measure, once with whose people
 * unsaid and once said, is one figure, the one that says.
 */
function keepOnce(figures: Figure[], stated: Figure): void {
  const restated = figures.findIndex(
    (g) =>
      sameFigure(g, stated) ||
      (g.count !== null &&
        g.measure === stated.measure &&
        g.count === stated.count &&
        (g.victim === null || stated.victim === null)),
  );
  if (restated < 0) figures.push(stated);
  else if (figures[restated]?.victim === null && stated.victim !== null) figures[restated] = stated;
}

/**
 * Claims by source. A figure repeated by the same source is kept once; an
 * unattributed figure that a named source states too (the lead restating a
 * monitor's count) goes under that source; a total that a source breaks down
 * into parts («9 قتلى: 6 من الأمن و3 مسلحين») is left to its parts.
 */
export function buildClaims(ctx: BuildContext, draft: IncidentDraft, sides: Sides): Claim[] {
  const bySource = new Map<string, { claim: Claim; figures: Figure[] }>();
  // A toll told without its number adds nothing where a count of that measure is known.
  const counted = new Set<string>();
  for (const m of draft.mentions)
    for (const f of m.figures) if (f.figure.count !== null) counted.add(f.figure.measure);
  const attributed: AttributedFigure[] = [];
  for (const m of draft.mentions)
    for (const f of m.figures)
      if (f.figure.reference !== true || !counted.has(f.figure.measure)) attributed.push(f);
  // Each figure written out once: the named sources' are looked up by the lead's below.
  const written = attributed.map((f) => toFigure(ctx, f, sides));
  const named = written.filter((_, k) => attributed[k]?.source.claimant != null);
  for (let k = 0; k < attributed.length; k++) {
    const f = attributed[k];
    const figure = written[k];
    if (f === undefined || figure === undefined) continue;
    if (f.source.claimant === null) {
      // The lead's number that a named source states too is that source's figure, with the victims the lead names.
      const n = named.findIndex(
        (g) => g.measure === figure.measure && g.count === figure.count && g.count !== null,
      );
      // Not found: no read at -1, far slower than a read inside the array.
      const same = n >= 0 ? named[n] : undefined;
      if (same !== undefined) {
        if (same.victim === null) named[n] = { ...same, victim: figure.victim };
        continue;
      }
    }
    const key = f.source.claimant ?? '';
    let entry = bySource.get(key);
    if (entry === undefined) {
      const mention = f.source.mention;
      const s = mention === null ? null : span(ctx.analysis, mention.start, mention.end);
      entry = {
        claim: {
          claimant: f.source.claimant,
          claimant_text: s === null ? null : originalText(ctx.analysis, s),
          claimant_span: s,
          figures: [],
        },
        figures: [],
      };
      bySource.set(key, entry);
    }
    const stated =
      f.source.claimant === null
        ? figure
        : (named.find((n) => n.span[0] === figure.span[0] && n.span[1] === figure.span[1]) ??
          figure);
    keepOnce(entry.figures, stated);
  }
  // Written out field by field: a spread followed by a field of its own is copied on V8's slow path.
  const claims: Claim[] = [];
  for (const { claim, figures } of bySource.values())
    claims.push({
      claimant: claim.claimant,
      claimant_text: claim.claimant_text,
      claimant_span: claim.claimant_span,
      figures: withoutBrokenDownTotals(figures),
    });
  return claims;
}

function withoutBrokenDownTotals(figures: readonly Figure[]): Figure[] {
  const kept: Figure[] = [];
  for (const total of figures) if (!brokenDown(figures, total)) kept.push(total);
  return kept;
}

/** Whether two or more other counts of its measure add up to this total. */
function brokenDown(figures: readonly Figure[], total: Figure): boolean {
  if (total.count === null) return false;
  let parts = 0;
  let sum = 0;
  for (const p of figures) {
    if (p === total || p.measure !== total.measure || p.count === null) continue;
    parts++;
    sum += p.count;
  }
  return parts >= 2 && sum === total.count;
}
