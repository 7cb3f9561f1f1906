import type { ResolvedPlace } from '../../gazetteer/index.js';
import { changed, daysBetween, firstWithMost } from '../../text/index.js';
import type { RuleUse } from '../01-read/index.js';
import { because } from '../01-read/index.js';
import {
  bestPlace,
  filedUnder,
  placeIdKey,
  placesCompatible,
  soughtUnder,
} from '../03-places/index.js';
import type { FigureMention } from '../04-figures/index.js';
import type { EventMention } from './frames.js';

/** Mentions gathered into one act: the shape of an incident before it is written out. */
export interface IncidentDraft {
  readonly mentions: EventMention[];
  readonly background: boolean;
  /** Why it was opened, then why each later mention joined it, in order. */
  readonly rules: RuleUse[];
}

/** Event types that one act can carry together (an airstrike in a battle, shooting at a protest). */
const COMPATIBLE_TYPES: readonly (readonly [string, string])[] = [
  ['Battles', 'Explosions/Remote violence'],
  ['Protests', 'Violence against civilians'],
  ['Protests', 'Riots'],
  ['Protests', 'Battles'],
  ['Explosions/Remote violence', 'Violence against civilians'],
  ['Violence against civilians', 'Strategic developments'],
  ['Battles', 'Violence against civilians'],
  ['Battles', 'Strategic developments'],
];

function mainType(mention: EventMention): string | null {
  const strongest = firstWithMost(mention.triggers, (t) => t.entry.strength);
  return strongest === undefined || strongest.entry.strength < 2 ? null : strongest.entry.eventType;
}

function typesCompatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return COMPATIBLE_TYPES.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** How far a retelling may wander: «الانفجار» names an act already told, so nearby places agree. */
const ANAPHORIC_REACH_KM = 15;

/**
 * What a draft's mentions add up to, worked out once for the mentions it has:
 * each mention is weighed against every draft, and a draft only grows.
 */
interface DraftSummary {
  readonly count: number;
  readonly last: EventMention | undefined;
  readonly place: ResolvedPlace | null;
  readonly day: string | null;
  readonly type: string | null;
  readonly actor1: string | null;
  /** Every figure its mentions state, in order. */
  readonly figures: readonly FigureMention[];
  /** The last sentence it is told in. */
  readonly lastSentence: number;
  readonly countedBack: boolean;
}

/**
 * A summary with what it carries on to the mentions its draft is given next:
 * a draft only grows, and a long report's drafts grow to hundreds of mentions,
 * so each is summed up from where the last summary stopped, not from its first.
 */
interface Running {
  readonly summary: DraftSummary;
  /** A mention dated to the day was met: `day` is the first's, even when it has no day written. */
  readonly dayFound: boolean;
  /** The strength of the act `type` comes from; -Infinity before any. */
  readonly typeStrength: number;
  /** How clearly `actor1` was named the doer; -Infinity before any. */
  readonly actor1Weight: number;
  /** A mention is dated only by a span counted back («بعد يومين من…»). */
  readonly someAlone: boolean;
  /** Every dated mention is. */
  readonly allAlone: boolean;
}

const NOTHING_YET: Running = {
  summary: {
    count: 0,
    last: undefined,
    place: null,
    day: null,
    type: null,
    actor1: null,
    figures: [],
    lastSentence: -1,
    countedBack: false,
  },
  dayFound: false,
  typeStrength: -Infinity,
  actor1Weight: -Infinity,
  someAlone: false,
  allAlone: true,
};

/**
 * A draft as the gathering holds it: with the summary of the mentions it had
 * when last summed up, kept on the draft, not in a table of drafts (a weak
 * table's entries cost every collection work, and its look-ups a hash of the draft).
 */
interface Draft extends IncidentDraft {
  running: Running;
}

function summaryOf(draft: Draft): DraftSummary {
  const mentions = draft.mentions;
  const last = mentions.at(-1);
  const known = draft.running;
  if (known.summary.count === mentions.length && known.summary.last === last) return known.summary;
  const from = known.summary.count;
  const grown = from < mentions.length && (from === 0 || mentions[from - 1] === known.summary.last);
  const running = summedOn(grown ? known : NOTHING_YET, mentions, grown ? from : 0);
  draft.running = running;
  return running.summary;
}

/**
 * `before` summed on over `mentions` from `from`: the best place (the first of
 * the best rank), the first mention's day, the strongest act and the clearest
 * doer (the first of the strongest), every figure in order, the last sentence.
 */
function summedOn(before: Running, mentions: readonly EventMention[], from: number): Running {
  let { place, day, type, actor1, lastSentence } = before.summary;
  let { dayFound, typeStrength, actor1Weight, someAlone, allAlone } = before;
  const figures = [...before.summary.figures];
  for (let k = from; k < mentions.length; k++) {
    const m = mentions[k];
    if (m === undefined) continue;
    if (m.places.length > 0) place = bestPlace(place === null ? m.places : [place, ...m.places]);
    if (!dayFound && m.date?.precision === 'day') {
      dayFound = true;
      day = m.date.from;
    }
    for (const t of m.triggers) {
      if (t.entry.strength >= 2 && t.entry.strength > typeStrength) {
        type = t.entry.eventType;
        typeStrength = t.entry.strength;
      }
    }
    const doer = clearDoer(m, actor1Weight);
    if (doer !== null) {
      actor1 = doer.id;
      actor1Weight = doer.weight;
    }
    for (const f of m.figures) figures.push(f.figure);
    lastSentence = Math.max(lastSentence, m.clause.sentence.index);
    if (m.date?.alone === true) someAlone = true;
    if (m.date !== null && m.date.alone !== true) allAlone = false;
  }
  return {
    summary: {
      count: mentions.length,
      last: mentions.at(-1),
      place,
      day,
      type,
      actor1,
      figures,
      lastSentence,
      // An earlier act the report only counts back to («بعد يومين من غارة…»): dated by that span alone.
      countedBack: someAlone && allAlone,
    },
    dayFound,
    typeStrength,
    actor1Weight,
    someAlone,
    allAlone,
  };
}

function draftPlace(draft: Draft): ResolvedPlace | null {
  return summaryOf(draft).place;
}

function draftDay(draft: Draft): string | null {
  return summaryOf(draft).day;
}

/**
 * The actor a mention most clearly names as the doer (weighing 2 or more as
 * the doer, and more as the doer than as the target), when it weighs more
 * than `weight`; the first of equals.
 */
function clearDoer(m: EventMention, weight: number): { id: string; weight: number } | null {
  let best: { id: string; weight: number } | null = null;
  for (const r of m.roles) {
    if (r.asActor1 >= 2 && r.asActor1 > r.asActor2 && r.asActor1 > (best?.weight ?? weight))
      best = { id: r.id, weight: r.asActor1 };
  }
  return best;
}

/** The actor these mentions most clearly name as the doer. */
function clearActor1(mentions: readonly EventMention[]): string | null {
  let id: string | null = null;
  let weight = 0;
  for (const m of mentions) {
    const doer = clearDoer(m, weight);
    if (doer !== null) ({ id, weight } = doer);
  }
  return id;
}

/** Whether two doers fight on one side («قوات النظام» and «حزب الله» taking a town together). */
export type Allied = (a: string, b: string) => boolean;

/** «وفي حادثة أخرى», «كما» opening the act: no incident told before is this one. */
function announcedAsAnother(mention: EventMention): boolean {
  return mention.newAct === 'explicit' || (mention.newAct === 'opener' && !mention.anaphoric);
}

/**
 * What compatibility asks of a mention, worked out once: a mention is weighed
 * against many drafts, and a long report has many.
 */
interface Weighed {
  readonly mention: EventMention;
  readonly here: ResolvedPlace | null;
  readonly reach: number | undefined;
  readonly day: string | null;
  readonly type: string | null;
  readonly actor1: string | null;
  readonly announced: boolean;
  /** The mention joins a draft without a place of its own whatever sentence the draft was last told in. */
  readonly closeAnywhere: boolean;
  readonly sentence: number;
}

function weigh(mention: EventMention): Weighed {
  return {
    mention,
    here: bestPlace(mention.places),
    reach: mention.anaphoric ? ANAPHORIC_REACH_KM : undefined,
    day: mention.date?.precision === 'day' ? mention.date.from : null,
    type: mainType(mention),
    actor1: clearActor1([mention]),
    announced: announcedAsAnother(mention),
    closeAnywhere:
      mention.anaphoric ||
      mention.refersBack ||
      mention.figures.some((f) => f.figure.count !== null),
    sentence: mention.clause.sentence.index,
  };
}

function compatible(draft: Draft, weighed: Weighed, allied: Allied): boolean {
  const { mention, here } = weighed;
  if (draft.background !== mention.background) return false;
  if (weighed.announced) return false;
  const summary = summaryOf(draft);
  // What follows tells of the report's own act unless it points back to the earlier one.
  if (summary.countedBack && mention.date === null && !mention.anaphoric && !mention.refersBack)
    return false;
  const there = summary.place;
  // A mention that names no place joins an incident told in the same or the previous sentence,
  // or one it names («الانفجار»), or one it gives a count for.
  if (here === null && !weighed.closeAnywhere && summary.lastSentence < weighed.sentence - 1)
    return false;
  if (here !== null && there !== null && !placesCompatible(here, there, weighed.reach))
    return false;
  const draftDate = summary.day;
  // A day apart is the same act told from both ends of a night («منذ ليل أمس… إلى فجر اليوم») when nothing else differs.
  // An act counted back to («بعد يومين من…») is dated to the day.
  if (weighed.day !== null && draftDate !== null) {
    const tolerance =
      mention.date?.alone !== true &&
      (here === null || (there !== null && here.place.id === there.place.id))
        ? 1
        : 0;
    if (Math.abs(daysBetween(weighed.day, draftDate)) > tolerance) return false;
  }
  if (!typesCompatible(summary.type, weighed.type)) return false;
  const a = weighed.actor1;
  const b = summary.actor1;
  return a === null || b === null || a === b || allied(a, b);
}

/** Whether a mention is enough to open an incident of its own. */
function opensIncident(mention: EventMention): boolean {
  if (mention.habitual || mention.tally) return false;
  if (mention.strength >= 2) return true;
  const counted = mention.figures.some((f) => f.figure.count !== null);
  // «تعزيزات», «حظر التجول», «سواتر ترابية»: moves around the acts, not acts of their own.
  const preparations = mention.triggers.every((t) => t.entry.tags.includes('development'));
  if (mention.strength === 1) return counted || (mention.places.length > 0 && !preparations);
  // «مقتل شخصين في بلدة سرمين.»: people counted dead or wounded in a town are an act, named or
  // not; over a whole governorate («بريف دير الزور») they may sum up several.
  return (
    mention.places.some((p) => p.precision <= 2) &&
    mention.figures.some(
      (f) => f.figure.count !== null && f.figure.measure !== 'detained' && !f.figure.reference,
    )
  );
}

/** Positions in ascending order, each once: where a key's drafts stand among all the drafts. */
function insertPosition(list: number[], position: number): void {
  let k = list.length;
  while (k > 0 && (list[k - 1] ?? -1) > position) k--;
  if (k > 0 && list[k - 1] === position) return;
  // Drafts are filed in the order they open: almost every position goes last, and a
  // `splice` there made (and dropped) a list of the removed items at each call.
  if (k === list.length) list.push(position);
  else list.splice(k, 0, position);
}

function removePosition(list: number[], position: number): void {
  const k = list.lastIndexOf(position);
  if (k >= 0) list.splice(k, 1);
}

/**
 * The last position, among several ascending lists, that passes `test`; -1 when none does.
 * Walks them together from their ends, each position once.
 */
function lastOf(
  lists: readonly (readonly number[])[],
  test: (position: number) => boolean,
): number {
  if (lists.length === 1) {
    const list = lists[0] ?? [];
    for (let k = list.length - 1; k >= 0; k--) {
      const position = list[k] ?? -1;
      if (test(position)) return position;
    }
    return -1;
  }
  const at = lists.map((list) => list.length - 1);
  // Each list's position not taken yet; -1 once all are.
  const nextOf = (k: number): number => {
    const i = at[k] ?? -1;
    return i < 0 ? -1 : (lists[k]?.[i] ?? -1);
  };
  for (;;) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) best = Math.max(best, nextOf(k));
    if (best < 0) return -1;
    for (let k = 0; k < lists.length; k++) if (nextOf(k) === best) at[k] = (at[k] ?? 0) - 1;
    if (test(best)) return best;
  }
}

/**
 * The draft at a position a search gave, none at -1 (none found): V8 answers a read
 * before an array's first element by searching the array's prototypes, some 15× a read
 * inside it, and most searches find nothing.
 */
function draftAt(drafts: readonly Draft[], position: number): Draft | undefined {
  return position >= 0 ? drafts[position] : undefined;
}

const figureKey = (f: FigureMention): string => `${f.measure}|${String(f.count)}`;

/**
 * Up to this many drafts, a question of the gathering reads every draft of the
 * mention's part: a report tells two or three incidents, and keeping the
 * indexes (`DraftIndex`: nine tables, two sets a draft, their lists) cost
 * it more than reading a few drafts. Past it, the indexes are made from the
 * drafts so far and kept from then on.
 */
const DRAFTS_SCANNED = 16;

/**
 * The drafts so far, the news and the background apart, and what the gathering
 * asks of them: which drafts a mention may fit, the latest first. Every answer
 * holds all the drafts that can fit (those `compatible` finds, or the test the
 * caller gives says yes to), and may hold others: few drafts are all read, many
 * are looked up in a `DraftIndex`.
 */
class Drafts {
  readonly all: Draft[] = [];
  /** Positions of the drafts of the news, then of the background. */
  private readonly inParts: readonly [news: number[], background: number[]] = [[], []];
  private index: DraftIndex | null = null;

  open(draft: Draft): void {
    const position = this.all.length;
    this.all.push(draft);
    this.inParts[draft.background ? 1 : 0].push(position);
    if (this.index !== null) this.index.open(position, draft);
    else if (this.all.length > DRAFTS_SCANNED) {
      const index = new DraftIndex();
      for (let k = 0; k < this.all.length; k++) {
        const d = this.all[k];
        if (d !== undefined) index.open(k, d);
      }
      this.index = index;
    }
  }

  add(draft: Draft, mentions: readonly EventMention[]): void {
    draft.mentions.push(...mentions);
    this.index?.grown(draft, mentions);
  }

  positionOf(draft: Draft): number {
    return this.index === null ? this.all.lastIndexOf(draft) : this.index.positionOf(draft);
  }

  /** Positions of the drafts of the news, or of the background, ascending. */
  inPart(background: boolean): readonly number[] {
    return this.inParts[background ? 1 : 0];
  }

  /** Positions of those drafts now at this place, ascending. */
  atPlace(background: boolean, place: ResolvedPlace['place']): readonly number[] {
    if (this.index !== null) return this.index.atPlace(background, place);
    const at: number[] = [];
    for (const k of this.inPart(background)) {
      const draft = this.all[k];
      if (draft !== undefined && draftPlace(draft)?.place.id === place.id) at.push(k);
    }
    return at;
  }

  /**
   * Positions of those drafts whose place may be compatible with `here` (the
   * reach as `placesCompatible`'s), and of those with no place: every draft a
   * mention at `here` can fit, and some it cannot.
   */
  near(
    background: boolean,
    here: ResolvedPlace,
    reachKm: number | undefined,
  ): (readonly number[])[] {
    return this.index === null
      ? [this.inPart(background)]
      : this.index.near(background, here, reachKm);
  }

  /** Positions of those drafts last told in sentence `from` or later, and maybe others. */
  toldSince(background: boolean, from: number): (readonly number[])[] {
    return this.index === null ? [this.inPart(background)] : this.index.toldSince(background, from);
  }

  /** Whether that draft has a mention of one of these kinds of act. */
  hasKind(position: number, kinds: ReadonlySet<string>): boolean {
    if (this.index !== null) return this.index.hasKind(position, kinds);
    const draft = this.all[position];
    if (draft === undefined) return false;
    for (const m of draft.mentions)
      for (const t of m.triggers) if (kinds.has(kindOf(t.entry.subEventType))) return true;
    return false;
  }

  /** Positions of those drafts with a mention of one of these kinds of act. */
  ofKinds(background: boolean, kinds: ReadonlySet<string>): (readonly number[])[] {
    if (this.index !== null) return this.index.ofKinds(background, kinds);
    const of: number[] = [];
    for (const k of this.inPart(background)) if (this.hasKind(k, kinds)) of.push(k);
    return [of];
  }

  /** Positions of those drafts that state one of these counts, and maybe others. */
  withCounts(background: boolean, figures: readonly FigureMention[]): (readonly number[])[] {
    return this.index === null
      ? [this.inPart(background)]
      : this.index.withCounts(background, figures);
  }

  /** Whether that draft states this count (its measure and number), `key` its `figureKey`. */
  states(position: number, figure: FigureMention, key: string): boolean {
    if (this.index !== null) return this.index.states(position, key);
    const draft = this.all[position];
    if (draft === undefined) return false;
    for (const f of summaryOf(draft).figures)
      if (f.count !== null && f.count === figure.count && f.measure === figure.measure) return true;
    return false;
  }
}

/**
 * Indexes of the drafts by what the gathering looks them up by: the place each
 * is at (and the keys of the places that may be compatible with it), the last
 * sentence it is told in, the kinds of act its mentions name, the counts it
 * states. Without them every mention is weighed against every draft, and a
 * long document costs the square of its length; with them a mention is
 * weighed against the drafts that can answer, the latest first, as before.
 * Each index holds the drafts of the news and of the background apart, in a
 * table of each part (`byPart`): a mention joins only a draft of its own part
 * of the report, so it is never weighed against the other part's (in a long
 * document, most of the drafts at its place or of its kind).
 */
class DraftIndex {
  private readonly kindsOf: Set<string>[] = [];
  private readonly figuresOf: Set<string>[] = [];
  private readonly byKind = byPart<string>();
  private readonly byFigure = byPart<string>();
  /** The place each draft is filed under in `byPlace`, by the keys `filedUnder` gives (`NO_PLACE` for none). */
  private readonly filedOf: (ResolvedPlace | null)[] = [];
  private readonly byPlace = byPart<string>();
  /** The last sentence each draft is told in, and the drafts by it. */
  private readonly lastSentenceOf: number[] = [];
  private readonly byLastSentence = byPart<number>();
  private latestSentence = -1;
  private readonly positions = new Map<IncidentDraft, number>();

  /** Files a draft opened at `position`: drafts are filed in the order of their positions. */
  open(position: number, draft: Draft): void {
    this.positions.set(draft, position);
    this.filedOf.push(null);
    this.lastSentenceOf.push(-1);
    insertPosition(listOf(ofPart(this.byPlace, draft.background), NO_PLACE), position);
    this.kindsOf.push(new Set());
    this.figuresOf.push(new Set());
    this.grown(draft, draft.mentions);
  }

  /** Brings the indexes up to date with the mentions a draft has just been given. */
  grown(draft: Draft, added: readonly EventMention[]): void {
    const position = this.positionOf(draft);
    if (position < 0) return;
    const part = draft.background;
    this.file(position, part, draftPlace(draft));
    this.told(position, part, summaryOf(draft).lastSentence);
    const kinds = this.kindsOf[position];
    const figures = this.figuresOf[position];
    for (const m of added) {
      for (const t of m.triggers) {
        const kind = kindOf(t.entry.subEventType);
        if (kinds === undefined || kinds.has(kind)) continue;
        kinds.add(kind);
        insertPosition(listOf(ofPart(this.byKind, part), kind), position);
      }
      for (const { figure } of m.figures) {
        if (figure.count === null) continue;
        const key = figureKey(figure);
        if (figures === undefined || figures.has(key)) continue;
        figures.add(key);
        insertPosition(listOf(ofPart(this.byFigure, part), key), position);
      }
    }
  }

  /** Files a draft under the keys of the place it is now at (`filedUnder`), or of none. */
  private file(position: number, part: boolean, place: ResolvedPlace | null): void {
    const was = this.filedOf[position] ?? null;
    if (place === was) return;
    const filed = ofPart(this.byPlace, part);
    for (const key of was === null ? [NO_PLACE] : filedUnder(was))
      removePosition(filed.get(key) ?? [], position);
    for (const key of place === null ? [NO_PLACE] : filedUnder(place))
      insertPosition(listOf(filed, key), position);
    this.filedOf[position] = place;
  }

  /** Files a draft under the last sentence it is told in. */
  private told(position: number, part: boolean, sentence: number): void {
    const was = this.lastSentenceOf[position] ?? -1;
    if (sentence === was) return;
    const filed = ofPart(this.byLastSentence, part);
    removePosition(filed.get(was) ?? [], position);
    insertPosition(listOf(filed, sentence), position);
    this.lastSentenceOf[position] = sentence;
    this.latestSentence = Math.max(this.latestSentence, sentence);
  }

  positionOf(draft: IncidentDraft): number {
    return this.positions.get(draft) ?? -1;
  }

  /** Positions of those drafts now at this place, ascending. */
  atPlace(background: boolean, place: ResolvedPlace['place']): readonly number[] {
    return ofPart(this.byPlace, background).get(placeIdKey(place)) ?? [];
  }

  /**
   * Positions of those drafts whose place may be compatible with `here` (the
   * reach as `placesCompatible`'s), and of those with no place: every draft a
   * mention at `here` can fit, and some it cannot.
   */
  near(
    background: boolean,
    here: ResolvedPlace,
    reachKm: number | undefined,
  ): (readonly number[])[] {
    return nonEmpty(ofPart(this.byPlace, background), [NO_PLACE, ...soughtUnder(here, reachKm)]);
  }

  /** Positions of those drafts last told in sentence `from` or later. */
  toldSince(background: boolean, from: number): (readonly number[])[] {
    const sentences: number[] = [];
    for (let sentence = from; sentence <= this.latestSentence; sentence++) sentences.push(sentence);
    return nonEmpty(ofPart(this.byLastSentence, background), sentences);
  }

  /** Whether that draft has a mention of one of these kinds of act. */
  hasKind(position: number, kinds: ReadonlySet<string>): boolean {
    const own = this.kindsOf[position];
    if (own === undefined) return false;
    for (const kind of kinds) if (own.has(kind)) return true;
    return false;
  }

  /** Positions of those drafts with a mention of one of these kinds of act. */
  ofKinds(background: boolean, kinds: ReadonlySet<string>): (readonly number[])[] {
    return nonEmpty(ofPart(this.byKind, background), kinds);
  }

  /** Positions of those drafts that state one of these counts. */
  withCounts(background: boolean, figures: readonly FigureMention[]): (readonly number[])[] {
    return nonEmpty(
      ofPart(this.byFigure, background),
      figures.filter((f) => f.count !== null).map(figureKey),
    );
  }

  /** Whether that draft states the count of this `figureKey`. */
  states(position: number, key: string): boolean {
    return this.figuresOf[position]?.has(key) === true;
  }
}

/**
 * The positions filed under these keys, those with none left out: `lastOf`
 * steps through every list it is given at each position it walks.
 */
function nonEmpty<K>(
  map: ReadonlyMap<K, readonly number[]>,
  keys: Iterable<K>,
): (readonly number[])[] {
  const lists: (readonly number[])[] = [];
  for (const key of keys) {
    const list = map.get(key);
    if (list !== undefined && list.length > 0) lists.push(list);
  }
  return lists;
}

/** The key of the drafts that are at no place yet. */
const NO_PLACE = 'none';

/**
 * An index that holds the drafts of the news and of the background apart, in a
 * table each: keys looked up for every mention are not made into new strings
 * (a string made for a lookup is hashed there, where a kind's name, read from the
 * dictionary, keeps its hash).
 */
type ByPart<K> = readonly [news: Map<K, number[]>, background: Map<K, number[]>];

const byPart = <K>(): ByPart<K> => [new Map(), new Map()];

const ofPart = <K>(index: ByPart<K>, background: boolean): Map<K, number[]> =>
  index[background ? 1 : 0];

function listOf<K>(map: Map<K, number[]>, key: K): number[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/**
 * Gathers the report's event mentions into incidents: a mention joins the most
 * recent compatible incident (same place or one inside the other, same day,
 * compatible type, the same doer or one of its camp, not announced as another
 * act), preferring one at the very same place; otherwise a strong enough
 * mention opens a new incident.
 */
export function gatherIncidents(
  mentions: readonly EventMention[],
  allied: Allied = () => false,
): IncidentDraft[] {
  const index = new Drafts();
  const drafts = index.all;
  // The draft the last mention gathered went to.
  let previous: Draft | undefined;
  let lastMention: EventMention | undefined;
  // «لقي خمسة مدنيين مصرعهم، وأصيب آخرون جراء غارة…»: counts told before their act waits for it.
  let waiting: EventMention[] = [];
  let asked = 0;
  const askedAt: number[] = [];
  const fitted: boolean[] = [];
  for (const told of mentions) {
    if (told.tally || told.habitual) continue;
    const mention = retoldInPast(drafts, told);
    const informative =
      mention.strength > 0 ||
      mention.figures.length > 0 ||
      (mention.anaphoric && mention.places.length > 0);
    if (!informative) continue;
    const weighed = weigh(mention);
    const here = weighed.here;
    // Which drafts the mention fits, asked only of the drafts a choice needs, the latest first;
    // each answer kept for this mention (marked with its number: no table to clear per mention).
    asked++;
    const fitsAt = (position: number): boolean => {
      if (askedAt[position] === asked) return fitted[position] === true;
      const draft = drafts[position];
      const fits = draft !== undefined && compatible(draft, weighed, allied);
      askedAt[position] = asked;
      fitted[position] = fits;
      return fits;
    };
    const part = mention.background;
    // A mention announced as another act («في هجوم آخر») fits no draft (compatible): none is walked to.
    const lastFit = (
      lists: readonly (readonly number[])[],
      test: (k: number) => boolean,
    ): number => (weighed.announced ? -1 : lastOf(lists, test));
    // The drafts the mention can fit (compatible), and some it cannot: those at no place or at
    // a place compatible with its own; with no place, those told since the previous sentence,
    // unless it may join one told earlier. In a long report, far fewer than all of its part.
    const anyDraft = here === null && weighed.closeAnywhere;
    let fewer: (readonly number[])[] | undefined;
    const candidates = (): (readonly number[])[] =>
      anyDraft
        ? [index.inPart(part)]
        : (fewer ??=
            here === null
              ? index.toldSince(part, weighed.sentence - 1)
              : index.near(part, here, weighed.reach));
    const lastFitting = (): number => lastFit(candidates(), fitsAt);
    // «…، حيث دارت اشتباكات…»: a clause that goes on about its sentence's act stays with it.
    // An earlier act counted back from this one («بعد يومين من غارة…») is not what the sentence goes on about.
    const continues =
      previous !== undefined &&
      lastMention?.date?.alone !== true &&
      lastMention?.clause.sentence === mention.clause.sentence &&
      mention.newAct === 'no' &&
      fitsAt(index.positionOf(previous));
    let target: Draft | undefined;
    let rule = '';
    if (continues) {
      target = previous;
      rule = 'gather/goes-on-in-its-sentence';
    }
    // The very same town or village is the same act; a whole governorate is not that telling.
    if (target === undefined && here !== null && here.precision !== 3) {
      target = draftAt(drafts, lastFit([index.atPlace(part, here.place)], fitsAt));
      rule = 'gather/same-place';
    }
    // «…مقتل خمسة مدنيين من عائلة واحدة» with no place: the incident whose count it repeats, not merely the latest.
    if (target === undefined && here === null) {
      const counts = countsOf(mention, 3);
      target = draftAt(
        drafts,
        lastFit(index.withCounts(part, counts), (k) => {
          const draft = drafts[k];
          return draft !== undefined && repeatsACount(draft, mention, true) && fitsAt(k);
        }),
      );
      rule = 'gather/repeats-its-count';
    }
    if (target === undefined) {
      // A mention that names an act joins the incident of that kind of act, else the latest.
      const kinds = kindsNamed(mention);
      const sharing =
        kinds.size === 0
          ? -1
          : anyDraft
            ? lastFit(index.ofKinds(part, kinds), fitsAt)
            : lastFit(candidates(), (k) => index.hasKind(k, kinds) && fitsAt(k));
      const latest = draftAt(drafts, sharing >= 0 ? sharing : lastFitting());
      // An act at another place inside or around the incident's is the same act only when the text says so.
      const joins =
        latest !== undefined &&
        (here === null ||
          draftPlace(latest) === null ||
          !opensIncident(mention) ||
          coreferent(latest, mention) ||
          retold(latest, mention));
      if (joins) {
        target = latest;
        rule = joinRule(latest, mention, here);
      }
    }
    // «…ما أدى إلى استشهاد مدنيين اثنين وإصابة أربعة»: the same toll again is the same act, wherever the clause says its doers came from.
    if (target === undefined && mention.newAct !== 'explicit') {
      const counted = countsOf(mention);
      // Keyed once: in a long report the drafts stating one of these counts are many, and most are walked past.
      const keys = counted.map(figureKey);
      target = draftAt(
        drafts,
        lastOf(index.withCounts(part, counted), (k) =>
          repeatsToll(index, k, weighed, counted, keys),
        ),
      );
      rule = 'gather/repeats-the-toll';
    }
    // Most mentions find no counts waiting: no list filtered, and none made below.
    const before = waiting.length === 0 ? waiting : waiting.filter((w) => countedFor(w, mention));
    let gathered = true;
    if (target !== undefined) {
      index.add(target, [...before, mention]);
      target.rules.push(
        ...before.map(() => because('gather/counted-before-its-act')),
        because(rule),
      );
    } else if (opensIncident(mention)) {
      target = {
        mentions: [...before, mention],
        background: mention.background,
        running: NOTHING_YET,
        rules: [
          ...before.map(() => because('gather/counted-before-its-act')),
          because('gather/opens-incident', mention.strength),
        ],
      };
      index.open(target);
    } else gathered = false;
    if (gathered) {
      previous = target;
      lastMention = mention;
      if (waiting.length > 0) waiting = [];
    } else if (countsWithoutAnAct(mention)) waiting = [...before, mention];
  }
  return drafts;
}

/** The mention's figures that state a count (of at least `least`), gathered in one walk: asked of most mentions. */
function countsOf(mention: EventMention, least?: number): FigureMention[] {
  const counts: FigureMention[] = [];
  for (const { figure } of mention.figures) {
    const stated = figure.count !== null && (least === undefined || figure.count >= least);
    if (stated) counts.push(figure);
  }
  return counts;
}

/** A clause that counts the dead or wounded and names no act, nor a place closer than a governorate. */
function countsWithoutAnAct(mention: EventMention): boolean {
  return (
    mention.strength === 0 &&
    mention.places.every((p) => p.precision === 3) &&
    !mention.background &&
    mention.figures.some(
      (f) =>
        f.figure.count !== null &&
        (f.figure.measure === 'killed' || f.figure.measure === 'injured'),
    )
  );
}

/**
 * Whether counts told before any act are the victims of this one: told in its
 * sentence, or over an area it lies in («استشهد أحد شيوخ القبيلة بريف دير الزور…»
 * then «…إطلاق الرصاص على السيارة في قرية الحوايج»).
 */
function countedFor(counts: EventMention, mention: EventMention): boolean {
  // The dead and wounded are an act of violence's, not an arrest's.
  if (mainType(mention) === 'Strategic developments') return false;
  if (counts.clause.sentence === mention.clause.sentence) return true;
  const area = bestPlace(counts.places);
  const here = bestPlace(mention.places);
  // «قتل 5 مدنيين بريف إدلب… وقتل طفلان بغارة على كفرنبل»: a total larger than the act's own sums several acts.
  const ownCount = mention.figures.some(({ figure: f }) =>
    counts.figures.some(
      ({ figure: c }) =>
        c.measure === f.measure && f.count !== null && c.count !== null && c.count > f.count,
    ),
  );
  return (
    area !== null &&
    here !== null &&
    here.precision < 3 &&
    !ownCount &&
    placesCompatible(here, area)
  );
}

/** Why a mention joins the latest fitting incident. */
function joinRule(
  latest: Draft | undefined,
  mention: EventMention,
  here: ReturnType<typeof bestPlace>,
): string {
  if (latest === undefined) return '';
  if (here === null) return 'gather/names-no-place-of-its-own';
  if (draftPlace(latest) === null) return 'gather/incident-had-no-place';
  if (!opensIncident(mention)) return 'gather/too-little-to-be-an-act-of-its-own';
  if (coreferent(latest, mention)) return 'gather/points-back-to-the-act';
  return 'gather/retold-closer-by-another-teller';
}

/**
 * «قتل عناصر من قسد بانفجار شرق دير الزور… وحسب التنظيم فإن 20 عنصراً سقطوا
 * بانفجار عبوة في منطقة ذيبان»: another teller's account of the same kind of
 * act, at a place inside the area the lead gave, is the lead's act told closer.
 */
function retold(draft: Draft, mention: EventMention): boolean {
  const area = draftPlace(draft);
  return (
    area !== null && area.precision === 3 && mention.newAct === 'no' && sharesKind(draft, mention)
  );
}

/**
 * «…انفجار في سوق مدينة أعزاز صباح اليوم. وكان انفجار سيارة مفخخة قد هز السوق»:
 * a past-tense clause with no day or place of its own, of the kind of act just
 * told, tells that act; the past tense is the telling's.
 */
function retoldInPast(drafts: readonly Draft[], mention: EventMention): EventMention {
  if (!mention.background || !mention.retelling) return mention;
  const latest = drafts.findLast((d) => !d.background);
  return latest !== undefined && sharesKind(latest, mention)
    ? changed(mention, {
        background: false,
        backgroundRules: [
          ...mention.backgroundRules,
          because('acts/past-tense-retells-the-act-just-told'),
        ],
      })
    : mention;
}

/** A count this large is rarely repeated by chance in one report. */
const TELLING_COUNT = 10;

/**
 * Whether a mention repeats an incident's toll: two of its counts, or one large
 * one; or any one of them for the same kind of act at a place inside the area
 * the incident was told at («…فيما جرح طفلان بقصف مماثل على ريف القنيطرة» in
 * the lead, then «كما تعرضت بلدة خان أرنبة لقصف مماثل أدى إلى جرح طفلين»).
 * `counted` are the mention's figures with a count, `keys` their `figureKey`s;
 * the drafts' index says whether the incident states one (a long incident
 * states hundreds). Asked of every draft walked: nothing is made for one.
 */
function repeatsToll(
  drafts: Drafts,
  position: number,
  weighed: Weighed,
  counted: readonly FigureMention[],
  keys: readonly string[],
): boolean {
  const draft = drafts.all[position];
  if (draft === undefined) return false;
  // Counted, not filtered into a list: most drafts walked state one count and are passed.
  let repeated = 0;
  let telling = false;
  for (let k = 0; k < counted.length; k++) {
    const figure = counted[k];
    const key = keys[k];
    if (figure === undefined || key === undefined || !drafts.states(position, figure, key))
      continue;
    repeated++;
    if ((figure.count ?? 0) >= TELLING_COUNT) telling = true;
  }
  return repeated >= 2 || telling || (repeated === 1 && toldCloserInItsArea(draft, weighed));
}

/**
 * A mention of the incident's kind of act, on its day, at a place inside the
 * area the incident names. The mention's place and day as `weigh` worked them
 * out: asked of every draft walked that states one of its counts.
 */
function toldCloserInItsArea(draft: Draft, weighed: Weighed): boolean {
  const { here, day } = weighed;
  if (here === null || here.precision >= 3) return false;
  const area = draftPlace(draft);
  const draftDate = draftDay(draft);
  return (
    area !== null &&
    area.precision === 3 &&
    (day === null || draftDate === null || day === draftDate) &&
    placesCompatible(here, area) &&
    sharesKind(draft, weighed.mention)
  );
}

/**
 * Sub-event types that name one act from two sides: a raid that carries people
 * off is an arrest when a state makes it and an abduction when others do, and
 * reports call it by either («داهمت… واختطفت», «حملة دهم واعتقال»).
 */
const ONE_KIND: ReadonlyMap<string, string> = new Map([
  ['Abduction/forced disappearance', 'Arrests'],
]);

function kindOf(subEventType: string): string {
  return ONE_KIND.get(subEventType) ?? subEventType;
}

/** The kinds of act a mention names outright. */
function kindsNamed(mention: EventMention): Set<string> {
  const kinds = new Set<string>();
  for (const t of mention.triggers)
    if (t.entry.strength >= 2) kinds.add(kindOf(t.entry.subEventType));
  for (const t of mention.references)
    if (t.entry.strength >= 2) kinds.add(kindOf(t.entry.subEventType));
  return kinds;
}

function sharesKind(draft: IncidentDraft, mention: EventMention): boolean {
  const kinds = kindsNamed(mention);
  return (
    kinds.size > 0 &&
    draft.mentions.some((m) => m.triggers.some((t) => kinds.has(kindOf(t.entry.subEventType))))
  );
}

/**
 * A count of one or two repeats by chance; a larger one is the same toll told
 * again — of the same people, when `sameVictims` asks.
 */
function repeatsACount(draft: Draft, mention: EventMention, sameVictims = false): boolean {
  const told = summaryOf(draft).figures;
  return mention.figures.some(
    ({ figure: f }) =>
      f.count !== null &&
      f.count >= 3 &&
      told.some(
        (t) =>
          t.measure === f.measure && t.count === f.count && (!sameVictims || t.victim === f.victim),
      ),
  );
}

/**
 * Signs that a mention tells of an act already told: it names it («الانفجار»),
 * repeats one of its counts, or breaks one of its totals down («9 قتلى»: 6 + 3).
 */
function coreferent(draft: Draft, mention: EventMention): boolean {
  if (mention.anaphoric || (mention.refersBack && mention.strength < 2)) return true;
  if (repeatsACount(draft, mention)) return true;
  const told = summaryOf(draft).figures.filter((f) => f.count !== null);
  const here = mention.figures.map((f) => f.figure).filter((f) => f.count !== null);
  return told.some((t) => {
    const parts = here.filter((f) => f.measure === t.measure);
    return parts.length >= 2 && parts.reduce((sum, f) => sum + (f.count ?? 0), 0) === t.count;
  });
}
