import { locateMentions } from '../../gazetteer/index.js';
import type { Gazetteer, PlaceMention, ResolvedPlace } from '../../gazetteer/index.js';
import type { Analysis } from '../01-read/index.js';
import { ROADS, ROAD_WORDS, textOf } from '../01-read/index.js';

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

function isRoadWord(analysis: Analysis, i: number, list: ReadonlySet<string>): boolean {
  const token = analysis.tokens[i];
  return token !== undefined && (list.has(token.text) || token.keys.some((k) => list.has(k)));
}

/**
 * «قطع الطريق الدولي حلب–القامشلي»: two places right after a road word are its
 * ends, not where the act was; another place of the sentence says it better.
 */
function markRoadEnds(analysis: Analysis, resolved: ResolvedPlace[]): void {
  for (let k = 0; k + 1 < resolved.length; k++) {
    const first = resolved[k];
    const second = resolved[k + 1];
    if (first === undefined || second === undefined) continue;
    const gap = second.mention.start - first.mention.end;
    if (gap > 1 || (gap === 1 && analysis.tokens[first.mention.end]?.text !== '-')) continue;
    let i = first.mention.start - 1;
    while (i >= first.mention.start - 3 && isRoadWord(analysis, i, ROAD_WORDS)) i--;
    if (!isRoadWord(analysis, i, ROADS)) continue;
    for (const j of [k, k + 1]) {
      const end = resolved[j];
      if (end !== undefined) resolved[j] = { ...end, mention: { ...end.mention, roadEnd: true } };
    }
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
  markRoadEnds(analysis, resolved);
  return { resolved, headline, unknown };
}

/** Names read one letter off the gazetteer's spelling: a reviewer should check them. */
export function spellingWarnings(analysis: Analysis, places: ReportPlaces): string[] {
  return places.resolved.flatMap((r) => {
    if (r.mention.loose !== true) return [];
    const written = textOf(analysis, r.mention.nameStart, r.mention.nameEnd);
    return [
      `place «${written}» read as «${r.place.nameAr}» (${r.place.id}), one letter off the gazetteer's spelling`,
    ];
  });
}
