import { locateMentions } from '../gazetteer/index.js';
import type { Gazetteer, PlaceMention, ResolvedPlace } from '../gazetteer/index.js';
import type { Analysis } from './analysis.js';

/** The places of a report: resolved ones by token position, and names the gazetteer lacks. */
export interface ReportPlaces {
  readonly resolved: readonly ResolvedPlace[];
  /** Places named outside the prose (headline, captions): where the report is about, when the prose does not say. */
  readonly headline: readonly ResolvedPlace[];
  /** Settlement and facility names («قرية مزرعة القادسية», «حقل العمر») not found in the gazetteer. */
  readonly unknown: readonly PlaceMention[];
}

/**
 * «قرية الطيرة في السويداء»: a governorate's seat named right after a village of
 * that governorate is the governorate that contains it, not the city.
 */
function asContainers(analysis: Analysis, gazetteer: Gazetteer, resolved: ResolvedPlace[]): void {
  for (let k = 1; k < resolved.length; k++) {
    const inner = resolved[k - 1];
    const outer = resolved[k];
    if (inner === undefined || outer === undefined) continue;
    const gap = outer.mention.start - inner.mention.end;
    const joined =
      gap === 0 ||
      (gap === 1 && ['في', ','].includes(analysis.tokens[inner.mention.end]?.text ?? ''));
    const seat =
      outer.place.kind === 'community' &&
      outer.place.rank <= 1 &&
      outer.mention.relation === 'at' &&
      !outer.mention.settlement;
    if (
      !joined ||
      !seat ||
      inner.place.id === outer.place.id ||
      inner.place.admin1Pcode !== outer.place.admin1Pcode
    )
      continue;
    const governorate = gazetteer.byId(outer.place.admin1Pcode);
    if (governorate !== undefined)
      resolved[k] = { ...outer, place: governorate, precision: 3, alternatives: [outer.place] };
  }
}

/**
 * Finds and resolves every place the report names. Ambiguous names are settled
 * by the governorates and districts named in the same sentence, then anywhere in
 * the report (headline included), then by nearness to places already resolved.
 */
export function locatePlaces(
  analysis: Analysis,
  gazetteer: Gazetteer,
  excluded: readonly { start: number; end: number }[],
): ReportPlaces {
  const isExcluded = (m: PlaceMention): boolean =>
    excluded.some((z) => m.start >= z.start && m.end <= z.end);
  const located = locateMentions(gazetteer, analysis.tokens, analysis.sentences, isExcluded);
  const resolved: ResolvedPlace[] = [];
  const headline: ResolvedPlace[] = [];
  const unknown: PlaceMention[] = [];
  for (const { mention, sentence, resolved: place } of located) {
    const prose = analysis.sentences[sentence]?.prose ?? false;
    if (place !== null) (prose ? resolved : headline).push(place);
    // «قرية مزرعة القادسية»: a name the gazetteer lacks, or has only elsewhere or in part.
    else if (prose && (mention.settlement || mention.facility) && !isExcluded(mention))
      unknown.push(mention);
  }
  asContainers(analysis, gazetteer, resolved);
  return { resolved, headline, unknown };
}
