import type { ResolvedPlace } from '../../gazetteer/index.js';
import { distanceKm } from '../../gazetteer/index.js';
import type { Analysis } from '../01-read/index.js';
import type { EventMention } from './frames.js';
import { changed, flatMapped } from '../../text/index.js';

/** Places closer than this are one place named twice. */
const SAME_PLACE_KM = 3;

/** Whether two place mentions are joined as a list: «اللاذقية وجبلة», «حزيمة، والجلاء». */
function joined(analysis: Analysis, a: ResolvedPlace, b: ResolvedPlace): boolean {
  const gap = b.mention.start - a.mention.end;
  if (gap === 0) return analysis.tokens[b.mention.start]?.text.startsWith('و') === true;
  return gap === 1 && analysis.tokens[a.mention.end]?.text === ',';
}

/** The longest list of distinct places, joined by و or commas, in a mention. */
function placeList(analysis: Analysis, places: readonly ResolvedPlace[]): ResolvedPlace[] {
  let best: ResolvedPlace[] = [];
  let run: ResolvedPlace[] = [];
  for (const p of places) {
    const last = run.at(-1);
    if (last !== undefined && joined(analysis, last, p)) run.push(p);
    else run = [p];
    if (run.length > best.length) best = [...run];
  }
  return best;
}

function distinct(list: readonly ResolvedPlace[]): boolean {
  return list.every((a, i) =>
    list.every(
      (b, j) =>
        i === j || (a.place.id !== b.place.id && distanceKm(a.place, b.place) > SAME_PLACE_KM),
    ),
  );
}

/**
 * Whether a list of places is one area, not one act at each: a dual settlement word («بلدتي
 * ذيبان والطيانة»), or the two places an act was between («على الطريق الواصل بين حلب والرقة»),
 * however far apart (those far apart stay two places: joinBetween joins only near ones). «بين»
 * before three places or more, or before a plural settlement word («بين مدن إدلب ودرعا»), is
 * «among»: one act at each.
 */
function namesOneArea(list: readonly ResolvedPlace[]): boolean {
  if (list.some((p) => p.mention.pair)) return true;
  const [first, second] = list;
  return (
    list.length === 2 &&
    first?.mention.between === true &&
    second?.mention.between === true &&
    !first.mention.settlement
  );
}

/**
 * «خرجت مظاهرات في مدن اللاذقية وجبلة والقرداحة وحمص»: one clause, one act at
 * each of several listed places. Such a mention is read as one mention per
 * place; figures stay with the first, which the text states them for. A list
 * that names one area (namesOneArea) is not split.
 */
export function splitByPlace(analysis: Analysis, mention: EventMention): EventMention[] {
  if (mention.strength < 2) return [mention];
  const list = placeList(
    analysis,
    mention.places.filter((p) => p.precision <= 2 && p.mention.relation !== 'region'),
  );
  if (list.length < 2 || namesOneArea(list) || !distinct(list)) return [mention];
  return list.map((place, k) =>
    changed(mention, {
      places: [place],
      figures: k === 0 ? mention.figures : [],
      newAct: k > 0 ? 'explicit' : mention.newAct,
      anaphoric: k === 0 && mention.anaphoric,
      refersBack: k === 0 && mention.refersBack,
    }),
  );
}

/** How far after its count a figure's own place may begin («قتيلاً في جبلة», «مدنيين قتلوا في دوما»). */
const OWN_PLACE_REACH = 3;

/** The place a figure's own phrase names: the first one just after it, before the next figure. */
function ownPlace(mention: EventMention, k: number): ResolvedPlace | undefined {
  const f = mention.figures[k]?.figure;
  if (f === undefined) return undefined;
  const next = mention.figures[k + 1]?.figure.start ?? Infinity;
  return mention.places.find(
    (p) =>
      p.precision <= 2 &&
      p.mention.start >= f.end &&
      p.mention.start <= f.end + OWN_PLACE_REACH &&
      p.mention.start < next,
  );
}

/**
 * «بسقوط 45 قتيلاً في جبلة و33 في طرطوس», «مقتل ثلاثة أطفال في سرمين وامرأتين في
 * بنش»: counts each told with a place of its own are acts at those places.
 * The clause is read as one mention per place, each with its own counts;
 * counts with no place of their own stay with the first.
 */
export function splitByFigurePlace(mention: EventMention): EventMention[] {
  // Two places need two counts: most clauses state one or none, and are answered before any list is made.
  if (mention.figures.length < 2) return [mention];
  const owned = mention.figures.map((_, k) => ownPlace(mention, k));
  const distinctPlaces = [
    ...new Map(
      flatMapped(owned, (p) => (p === undefined ? [] : [[p.place.id, p] as const])),
    ).values(),
  ];
  if (distinctPlaces.length < 2 || !distinct(distinctPlaces)) return [mention];
  return distinctPlaces.map((place, k) =>
    changed(mention, {
      places: [place],
      figures: mention.figures.filter((_, i) =>
        owned[i] === undefined ? k === 0 : owned[i].place.id === place.place.id,
      ),
      anaphoric: k === 0 && mention.anaphoric,
      refersBack: k === 0 && mention.refersBack,
    }),
  );
}
