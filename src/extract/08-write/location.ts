import type { Location } from '../../contracts/index.js';
import type { PlaceMention, ResolvedPlace } from '../../gazetteer/index.js';
import type { RuleUse } from '../01-read/index.js';
import { because } from '../01-read/index.js';
import { bestPlace } from '../03-places/index.js';
import type { IncidentDraft } from '../07-gather/index.js';
import type { BuildContext } from './context.js';
import { originalText, span } from './spans.js';
import { flatMapped } from '../../text/index.js';

function toLocation(ctx: BuildContext, r: ResolvedPlace, precision = r.precision): Location {
  const s = span(ctx.analysis, r.mention.start, r.mention.end);
  return {
    text: originalText(ctx.analysis, s),
    span: s,
    place_id: r.place.id,
    name_ar: r.place.nameAr,
    name_en: r.place.nameEn,
    admin1: r.place.admin1 || null,
    admin2: r.place.admin2 || null,
    admin3: r.place.admin3 || null,
    admin1_pcode: r.place.admin1Pcode || null,
    lat: r.place.lat,
    lon: r.place.lon,
    precision,
    // «بين داعل وطفس»: placed near the first town, the other named as the alternative.
    alternatives: [...(r.along === undefined ? [] : [r.along]), ...r.alternatives].map((p) => ({
      place_id: p.id,
      name_en: p.nameEn,
      admin1: p.admin1,
    })),
    chosen_by: r.basis,
  };
}

/**
 * «قرية مزرعة القادسية بريف الرقة الشرقي» where the gazetteer lacks the village:
 * the incident stands at the countryside, and the reviewer is told so.
 */
export function warnUnlisted(
  ctx: BuildContext,
  draft: IncidentDraft,
  id: string,
  location: Location | null,
): void {
  const unlisted = new Set<PlaceMention>();
  for (const m of draft.mentions)
    for (const place of ctx.unlistedPlaces(m.clause.start, m.clause.end)) unlisted.add(place);
  for (const m of unlisted) {
    const name = originalText(ctx.analysis, span(ctx.analysis, m.start, m.nameEnd));
    const placed =
      location === null
        ? 'no place given'
        : `placed at «${location.text}» (${location.name_en}), precision ${String(location.precision)}`;
    ctx.warn(
      `incident ${id}: place «${name}» is not in the gazetteer (wathiq gazetteer add); ${placed}`,
    );
  }
}

/**
 * Where: the most specific place the incident's mentions name, else the last
 * place named before it (at precision 2 at best: it is where the narrative
 * stood, not a place the act's own words give).
 */
export function chooseLocation(
  ctx: BuildContext,
  draft: IncidentDraft,
): { location: Location | null; rules: RuleUse[] } {
  const aside = setAside(ctx, draft);
  const named = bestPlace(flatMapped(draft.mentions, (m) => m.places));
  // «اختطاف ثلاثة مدنيين من محافظة درعا»: where the victims came from places the act only when the report has placed nothing before it.
  const best = named?.mention.origin === true ? null : named;
  if (best !== null)
    return {
      location: toLocation(ctx, best),
      rules: [
        because('places/named-in-the-act', best.precision),
        because(`places/chosen-by-${best.basis}`),
        ...(best.derived === undefined ? [] : [because(DERIVED_RULES[best.derived])]),
        ...aside,
      ],
    };
  const back = draft.mentions
    .map((m) => ctx.pointedBack(m.clause.start, m.clause.end))
    .find((r): r is ResolvedPlace => r !== null);
  if (back !== undefined)
    return {
      location: toLocation(ctx, back),
      rules: [because('places/settlement-word-points-back', back.precision), ...aside],
    };
  const first = draft.mentions[0];
  const before = first === undefined ? null : ctx.placeBefore(first.clause.start);
  if (named !== null && (before === null || before.mention.origin))
    return {
      location: toLocation(ctx, named),
      rules: [because('places/where-the-victims-came-from', named.precision), ...aside],
    };
  // «أفاد مراسلنا في ريف حلب بمقتل…»: with nothing else, the act is near where its reporter is posted.
  const posted = first === undefined ? undefined : correspondentsBase(ctx, draft);
  if (before === null && posted !== undefined)
    return {
      location: toLocation(ctx, posted, posted.precision === 1 ? 2 : posted.precision),
      rules: [because('places/where-the-correspondent-is'), ...aside],
    };
  // «أصيب طفلان بانفجار لغم أثناء توجههما للرعي في أطراف بلدة…»: with nothing else, on the way there.
  const going = first === undefined ? undefined : asideAs(ctx, draft, 'journey');
  if (before === null && going !== undefined)
    return {
      location: toLocation(ctx, going, going.precision === 1 ? 2 : going.precision),
      rules: [because('places/on-the-way-there'), ...aside],
    };
  return before === null
    ? { location: null, rules: [because('places/none-named'), ...aside] }
    : {
        location: toLocation(ctx, before, before.precision === 1 ? 2 : before.precision),
        rules: [because('places/last-place-named-before'), ...aside],
      };
}

const DERIVED_RULES = {
  anaphor: 'places/settlement-word-points-back',
  quarter: 'places/unlisted-quarter-at-its-city',
  between: 'places/between-two-towns',
} as const;

/** Where a correspondent telling the incident is posted, if a clause of it says. */
function correspondentsBase(ctx: BuildContext, draft: IncidentDraft): ResolvedPlace | undefined {
  return asideAs(ctx, draft, 'correspondent');
}

/** The first place the incident's clauses set aside for this reason. */
function asideAs(
  ctx: BuildContext,
  draft: IncidentDraft,
  reason: 'correspondent' | 'journey',
): ResolvedPlace | undefined {
  return flatMapped(draft.mentions, (m) => ctx.asidePlaces(m.clause.start, m.clause.end)).find(
    (r) => r.mention.aside === reason,
  );
}

/** The places the incident's clauses name but that do not locate it, and why. */
function setAside(ctx: BuildContext, draft: IncidentDraft): RuleUse[] {
  // Each reason once, in the order first met, in one walk: asked of every incident, and most set none aside.
  const reasons: string[] = [];
  for (const m of draft.mentions)
    for (const r of ctx.asidePlaces(m.clause.start, m.clause.end)) {
      const why = r.mention.aside ?? 'named-after-town';
      if (!reasons.includes(why)) reasons.push(why);
    }
  return reasons.map((why) => because(`places/not-where-the-act-was:${why}`));
}
