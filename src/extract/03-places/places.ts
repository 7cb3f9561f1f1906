import { BETWEEN_KM, distanceKm, locateMentions, placed, shaped } from '../../gazetteer/index.js';
import { countBelow, flatMapped } from '../../text/index.js';
import type {
  Anaphor,
  Gazetteer,
  Place,
  PlaceMention,
  ResolvedPlace,
} from '../../gazetteer/index.js';
import type { Analysis } from '../01-read/index.js';
import { ROADS, ROAD_WORDS, someAt, textOf } from '../01-read/index.js';
import type { WordSet } from '../01-read/index.js';

/** The places of a report: resolved ones by token position, and names the gazetteer lacks. */
export interface ReportPlaces {
  readonly resolved: readonly ResolvedPlace[];
  /** Places named outside the prose (headline, captions): where the report is about, when the prose does not say. */
  readonly headline: readonly ResolvedPlace[];
  /** Settlement and facility names («قرية مزرعة القادسية», «حقل العمر») not found in the gazetteer. */
  readonly unknown: readonly PlaceMention[];
  /** Places named where no act was: an organisation's name, where the wounded were taken, a town a street is named after. */
  readonly aside: readonly ResolvedPlace[];
  /**
   * «قتل شاب في البلدة»: the places settlement words point back to. They place
   * an act that names no place of its own; they do not make it a new one.
   */
  readonly pointingBack: readonly ResolvedPlace[];
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
      resolved[k] = placed(outer, {
        place: governorate,
        precision: 3,
        alternatives: [outer.place],
      });
  }
}

/**
 * Whether token `i` is one of a list's words, as written or with its clitics set aside:
 * answered once per word (`holdsAsWritten`), where each asked the list by its text and each
 * of its keys. No token is read before the first: a read at -1 leaves V8's fast path.
 */
function isRoadWord(analysis: Analysis, i: number, list: WordSet): boolean {
  const token = i >= 0 ? analysis.tokens[i] : undefined;
  return token !== undefined && list.holdsAsWritten(token);
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
    if (gap > 1 || (gap === 1 && !DASHES.has(analysis.tokens[first.mention.end]?.text ?? '')))
      continue;
    // «الطريق الدولي حلب - القامشلي»; the road word may head the mention: «طريق بلدتي (كحيل-السهوة)».
    let i = first.mention.nameStart - 1;
    const start = first.mention.start;
    while (
      i >= start - 3 &&
      !isRoadWord(analysis, i, ROADS) &&
      (i >= start || isRoadWord(analysis, i, ROAD_WORDS))
    )
      i--;
    if (!isRoadWord(analysis, i, ROADS)) continue;
    for (const j of [k, k + 1]) {
      const end = resolved[j];
      if (end === undefined) continue;
      const mention = shaped(end.mention);
      mention.roadEnd = true;
      resolved[j] = placed(end, { mention });
    }
  }
}

/**
 * Whether a mention lies inside one of the zones: zones sorted by start, each
 * with the furthest end of those starting at or before it, so a mention is
 * looked up by a binary search (a long report has thousands of zones). The
 * starts are a list of numbers searched here, where a search over the zones
 * called back for the start of each zone it read, at every mention.
 */
function insideAny(zones: readonly { start: number; end: number }[]): (m: PlaceMention) => boolean {
  const sorted = inOrder(zones, (z) => z.start)
    ? zones
    : [...zones].sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const furthest: number[] = [];
  let reach = -Infinity;
  for (let k = 0; k < sorted.length; k++) {
    const z = sorted[k];
    if (z === undefined) continue;
    reach = Math.max(z.end, reach);
    starts.push(z.start);
    furthest.push(reach);
  }
  return (m) => {
    const k = countAtOrBelow(starts, m.start);
    return k > 0 && (furthest[k - 1] ?? -Infinity) >= m.end;
  };
}

/** How many of the ascending numbers are at or below `bound`: where the first above it stands. */
function countAtOrBelow(ascending: readonly number[], bound: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ascending[mid] ?? Infinity) <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether items are sorted by where they start already: a stable sort would leave them as they are. */
function inOrder<T>(items: readonly T[], startOf: (item: T) => number): boolean {
  let last = -Infinity;
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    if (item === undefined) continue;
    const start = startOf(item);
    if (start < last) return false;
    last = start;
  }
  return true;
}

/**
 * «وأدى القصف على البلدة»: normalized, «وأدى» (and it led) is spelled as
 * «وادي» (a valley); a name the gazetteer lacks that is an act's word names
 * the act, not a place.
 */
function namesAnAct(analysis: Analysis, mention: PlaceMention): boolean {
  return someAt(analysis.annotations.triggers, mention.nameStart);
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
  const isExcluded = insideAny(excluded);
  const located = locateMentions(gazetteer, analysis.tokens, analysis.sentences, isExcluded);
  const resolved: ResolvedPlace[] = [];
  const named: ResolvedPlace[] = [];
  const unknown: PlaceMention[] = [];
  const anaphors: PlaceMention[] = [];
  // By index: run once a report, often before it is optimized, where a loop over the
  // array's iterator made an object at every step.
  for (let k = 0; k < located.length; k++) {
    const found = located[k];
    if (found === undefined) continue;
    const { mention, sentence, resolved: place } = found;
    const prose = analysis.sentences[sentence]?.prose ?? false;
    if (place !== null) (prose ? resolved : named).push(place);
    else if (mention.anaphor !== undefined) {
      if (prose && !isExcluded(mention)) anaphors.push(mention);
    }
    // «قرية مزرعة القادسية»: a name the gazetteer lacks, or has only elsewhere or in part.
    else if (
      prose &&
      (mention.settlement || mention.facility) &&
      !isExcluded(mention) &&
      !namesAnAct(analysis, mention)
    )
      unknown.push(mention);
  }
  const headline = withoutLabels(analysis, named);
  asContainers(analysis, gazetteer, resolved);
  markRoadEnds(analysis, resolved);
  const aside: ResolvedPlace[] = [];
  const acts = joinBetween(placesAside(analysis, resolved, headline, aside));
  // The acts are in text order already (as `located`): only quarters placed at their city
  // need sorting in, and most reports name none.
  const placedQuarters = quarters(unknown, acts, headline);
  return {
    resolved:
      placedQuarters.length === 0 && inOrder(acts, (r) => r.mention.start)
        ? acts
        : [...acts, ...placedQuarters].sort((a, b) => a.mention.start - b.mention.start),
    headline,
    unknown,
    aside,
    pointingBack: anaphors.length === 0 ? [] : pointingBack(anaphors, acts, headline),
  };
}

/**
 * The places named where no act was (an aside of the mention's, or a town a facility is
 * named after), pushed to `aside`; the others returned, the list itself when none is set
 * aside (most reports). One walk, where the places set aside were gathered and then left
 * out of a copy by a set of them.
 */
function placesAside(
  analysis: Analysis,
  resolved: readonly ResolvedPlace[],
  headline: readonly ResolvedPlace[],
  aside: ResolvedPlace[],
): readonly ResolvedPlace[] {
  let kept: ResolvedPlace[] | null = null;
  for (let k = 0; k < resolved.length; k++) {
    const r = resolved[k] as ResolvedPlace;
    if (r.mention.aside !== undefined || namedAfterAnother(analysis, resolved, headline, r)) {
      aside.push(r);
      kept ??= resolved.slice(0, k);
    } else kept?.push(r);
  }
  return kept ?? resolved;
}

const DASHES: ReadonlySet<string> = new Set(['-', '–', '—']);

/**
 * «الحسكة.. قصف جوي تركي يستهدف سيارة قرب القامشلي»: a headline line that is
 * only a place name labels the area a report is filed under; where the
 * headline's own words place the act says it better.
 */
function withoutLabels(
  analysis: Analysis,
  headline: readonly ResolvedPlace[],
): readonly ResolvedPlace[] {
  // Most headlines hold no label: the list itself, no copy, no set of the labels, no
  // callback per place. Those that do are copied without them, where the list was cut
  // down in place (setting an array's length, or splicing, is a call into the runtime).
  let first = 0;
  while (first < headline.length && !isLabel(analysis, headline[first] as ResolvedPlace)) first++;
  if (first === headline.length) return headline;
  const kept = headline.slice(0, first);
  for (let k = first + 1; k < headline.length; k++) {
    const r = headline[k] as ResolvedPlace;
    if (!isLabel(analysis, r)) kept.push(r);
  }
  // Every place a label: the headline keeps them all, as nothing better places its act.
  return kept.length === 0 ? headline : kept;
}

/** A headline line that is only this place's name: read in place, where a copy of its tokens was made. */
function isLabel(analysis: Analysis, r: ResolvedPlace): boolean {
  const sentence = sentenceAround(analysis, r.mention);
  if (sentence === undefined) return false;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const inName = i >= r.mention.start && i < r.mention.end;
    if (!inName && analysis.tokens[i]?.kind !== 'punct') return false;
  }
  return true;
}

/**
 * The sentence that holds a mention, if one does. Sentences are in text order
 * and do not overlap: only the last to start by the mention can hold it, and a
 * binary search finds it (a long report has thousands of headline places).
 */
function sentenceAround(
  analysis: Analysis,
  m: { readonly start: number; readonly end: number },
): Analysis['sentences'][number] | undefined {
  const sentences = analysis.sentences;
  const found = sentences[countBelow(sentences, (s) => s.tokenStart, m.start, true) - 1];
  return found !== undefined && m.end <= found.tokenEnd ? found : undefined;
}

/** Places this far apart are different towns: a facility named after one lies in the other. */
const OTHER_TOWN_KM = 10;

/** Words between a facility's name and the town it lies in: «كراج درعا في حي القدم», «دوار تدمر، حمص». */
const FACILITY_TOWN_JOINS: ReadonlySet<string> = new Set(['في', 'ب', ',']);

/** Tokens between a facility's name and the town it lies in. */
const FACILITY_TOWN_GAP = 2;

/** A city, whose streets and roundabouts are often named after other towns. */
function isCity(place: Place): boolean {
  return place.kind === 'community' && place.rank <= 2;
}

/**
 * «قرب دوار تدمر في مدينة حمص», «كراج درعا في حي القدم جنوبي دمشق», «شارع حلب»
 * in a report about Hama: a facility named after a town lies in the place named
 * right after it, or in the city the report stands in; that town is not the
 * act's place.
 */
function namedAfterAnother(
  analysis: Analysis,
  resolved: readonly ResolvedPlace[],
  headline: readonly ResolvedPlace[],
  r: ResolvedPlace,
): boolean {
  const m = r.mention;
  // «قرب دوار باب تدمر»: «باب» is no cue word, yet names a gate after a town.
  const site = (m.facility && !m.settlement) || m.namedAfter === true;
  if (!site || r.place.kind === 'site') return false;
  const next = resolved[firstStartingFrom(resolved, m.end)];
  const gap = next === undefined ? Infinity : next.mention.start - m.end;
  // «محاور سراقب جنوب إدلب»: an area around names where the town is, not another town.
  const joined =
    next !== undefined &&
    next.mention.relation !== 'region' &&
    !next.mention.compass &&
    next.place.kind !== 'governorate' &&
    next.place.kind !== 'district' &&
    gap <= FACILITY_TOWN_GAP &&
    allJoins(analysis, m.end, next.mention.start);
  if (joined && farApart(next, r)) return true;
  if (m.namedAfter !== true) return false;
  const city = lastCityBefore(resolved, headline, m.start);
  return city !== undefined && farApart(city, r);
}

/** Two places far enough apart to be different towns. */
function farApart(a: ResolvedPlace, b: ResolvedPlace): boolean {
  return distanceKm(a.place, b.place) > OTHER_TOWN_KM;
}

/** Every token of `[from, to)` joins a facility to its town: read in place, where a copy of them was made. */
function allJoins(analysis: Analysis, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = analysis.tokens[i];
    if (t !== undefined && !FACILITY_TOWN_JOINS.has(t.text)) return false;
  }
  return true;
}

/**
 * «على الطريق بين بلدتي داعل وطفس», «طريق كحيل - السهوة»: an act between two
 * nearby towns is one act, placed between them (precision 2). A highway named
 * by two far cities («حلب - القامشلي») says nothing so precise.
 */
function joinBetween(resolved: readonly ResolvedPlace[]): readonly ResolvedPlace[] {
  // Most reports name no two places an act was between: their places as they are, not copied.
  let first = 0;
  while (first < resolved.length && !ends(resolved[first] as ResolvedPlace)) first++;
  if (first === resolved.length) return resolved;
  const out = resolved.slice(0, first);
  for (let k = first; k < resolved.length; k++) {
    const a = resolved[k];
    const b = k + 1 < resolved.length ? resolved[k + 1] : undefined;
    if (a === undefined) continue;
    if (
      b !== undefined &&
      ends(a) &&
      ends(b) &&
      a.place.id !== b.place.id &&
      distanceKm(a.place, b.place) <= BETWEEN_KM
    ) {
      out.push(
        placed(a, {
          precision: 2,
          along: b.place,
          derived: 'between',
          mention: between(a.mention, b.mention),
        }),
      );
      k++;
    } else out.push(a);
  }
  return out;
}

/** A place an act was between, or an end of a road: what `joinBetween` joins two of. */
function ends(r: ResolvedPlace): boolean {
  return r.mention.between === true || r.mention.roadEnd === true;
}

/** The mention of the first of two towns an act was between, running to the end of the second's. */
function between(first: PlaceMention, second: PlaceMention): PlaceMention {
  const joined = shaped(first);
  joined.end = second.end;
  joined.roadEnd = false;
  joined.between = true;
  return joined;
}

/** Where the first of `places` (in text order) that starts at token `at` or later stands. */
function firstStartingFrom(places: readonly ResolvedPlace[], at: number): number {
  return countBelow(places, (p) => p.mention.start, at);
}

/**
 * The last city where an act was, of the places (in text order) that end by
 * token `at`, else of the headline's: sought back from `at`, where a long
 * report gathered every place before it and kept the last.
 */
function lastCityBefore(
  places: readonly ResolvedPlace[],
  headline: readonly ResolvedPlace[],
  at: number,
): ResolvedPlace | undefined {
  const fits = (r: ResolvedPlace): boolean => isCity(r.place) && r.mention.aside === undefined;
  // A place that ends by `at` starts before it (no mention is empty).
  for (let k = firstStartingFrom(places, at) - 1; k >= 0; k--) {
    const r = places[k];
    if (r !== undefined && r.mention.end <= at && fits(r)) return r;
  }
  return headline.findLast(fits);
}

/** The city a quarter the gazetteer lacks is in: the last city named before it, or in the headline. */
function quarters(
  unknown: readonly PlaceMention[],
  acts: readonly ResolvedPlace[],
  headline: readonly ResolvedPlace[],
): ResolvedPlace[] {
  // A loop, where a callback made at each report was called for every name the gazetteer
  // lacks: most are no quarter, and each call made an empty list to say so.
  const found: ResolvedPlace[] = [];
  for (let k = 0; k < unknown.length; k++) {
    const m = unknown[k] as PlaceMention;
    if (m.neighbourhood !== true) continue;
    const city = lastCityBefore(acts, headline, m.start);
    if (city === undefined) continue;
    found.push(
      placed({
        place: city.place,
        precision: 2,
        alternatives: [],
        basis: 'report',
        mention: m,
        derived: 'quarter',
      }),
    );
  }
  return found;
}

/**
 * «قتل شاب في البلدة», «انفجرت سيارة وسط المدينة»: the last place named with a
 * settlement word of that kind (a city named bare for «المدينة», a town or
 * village for «البلدة», «القرية»).
 */
function pointingBack(
  anaphors: readonly PlaceMention[],
  acts: readonly ResolvedPlace[],
  headline: readonly ResolvedPlace[],
): ResolvedPlace[] {
  // One list for the report's words pointing back, where a list was made for each and joined.
  const found: ResolvedPlace[] = [];
  for (let k = 0; k < anaphors.length; k++) {
    const m = anaphors[k] as PlaceMention;
    const earlier = m.anaphor === undefined ? undefined : pointedTo(m, m.anaphor, acts, headline);
    if (earlier === undefined) continue;
    const precision = m.relation === 'at' || m.relation === 'inside' ? 1 : 2;
    found.push(
      placed(earlier, {
        precision,
        alternatives: [],
        basis: 'report',
        mention: m,
        derived: 'anaphor',
      }),
    );
  }
  return found;
}

/**
 * The last fitting act that ends before the word pointing back, else the last fitting
 * headline place. Acts are in text order, so those starting before it are found by a
 * binary search; loops, where a closure was made for each word and called for each place.
 */
function pointedTo(
  m: PlaceMention,
  anaphor: Anaphor,
  acts: readonly ResolvedPlace[],
  headline: readonly ResolvedPlace[],
): ResolvedPlace | undefined {
  for (let k = firstStartingFrom(acts, m.start) - 1; k >= 0; k--) {
    const r = acts[k] as ResolvedPlace;
    if (r.mention.end <= m.start && fitsAnaphor(r, anaphor)) return r;
  }
  for (let k = headline.length - 1; k >= 0; k--) {
    const r = headline[k] as ResolvedPlace;
    if (fitsAnaphor(r, anaphor)) return r;
  }
  return undefined;
}

/** Whether a place is of the kind a word pointing back names: by its settlement word, else its rank. */
function fitsAnaphor(r: ResolvedPlace, anaphor: Anaphor): boolean {
  if (r.place.kind !== 'community' && r.place.kind !== 'neighbourhood') return false;
  const word = r.mention.kindWord;
  if (word === undefined) return anaphor.city ? r.place.rank <= 2 : r.place.rank >= 3;
  for (let k = 0; k < word.length; k++) if (anaphor.kinds.has(word[k] as string)) return true;
  return false;
}

/** Names read one letter off the gazetteer's spelling: a reviewer should check them. */
export function spellingWarnings(analysis: Analysis, places: ReportPlaces): string[] {
  return flatMapped(places.resolved, (r) => {
    if (r.mention.loose !== true) return [];
    const written = textOf(analysis, r.mention.nameStart, r.mention.nameEnd);
    return [
      `place «${written}» read as «${r.place.nameAr}» (${r.place.id}), one letter off the gazetteer's spelling`,
    ];
  });
}
