import type { Document } from '../../contracts/index.js';
import type {
  AttributionEntry,
  ClaimantEntry,
  CueEntry,
  CueKind,
  LexEntry,
  Lexicon,
  MeasureEntry,
  NisbaEntry,
  QualifierEntry,
  SplitTrigger,
  TriggerEntry,
  VictimEntry,
  ActorEntry,
} from '../../lexicon/index.js';
import {
  findDates,
  normalizeForMatching,
  publicationDay,
  splitSentences,
  tokenize,
  WordMemo,
  WordTest,
} from '../../text/index.js';
import type { DateExpression, NormalizedText, Sentence, Token } from '../../text/index.js';
import { RecentMemo } from './recent.js';

/** A dictionary phrase found in the report: tokens `[start, end)` and what it means. */
export interface Annotation<E extends LexEntry = LexEntry> {
  readonly start: number;
  readonly end: number;
  readonly entry: E;
}

export type EntityEntry = ActorEntry | ClaimantEntry | NisbaEntry;

/** Annotations by kind, each list in text order. */
export interface Annotations {
  readonly entities: readonly Annotation<EntityEntry>[];
  readonly triggers: readonly Annotation<TriggerEntry>[];
  readonly measures: readonly Annotation<MeasureEntry>[];
  readonly victims: readonly Annotation<VictimEntry>[];
  readonly attribution: readonly Annotation<AttributionEntry>[];
  readonly cues: readonly Annotation<CueEntry>[];
  readonly qualifiers: readonly Annotation<QualifierEntry>[];
  readonly notFigures: readonly Annotation[];
  readonly suicideCues: readonly Annotation[];
  readonly airCues: readonly Annotation[];
}

/** Everything extraction reads about one report, computed once. */
export interface Analysis {
  readonly document: Document;
  readonly normalized: NormalizedText;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly annotations: Annotations;
  readonly dates: readonly DateExpression[];
  /** The publication day, `YYYY-MM-DD`, or null. */
  readonly published: string | null;
  readonly lexicon: Lexicon;
}

/**
 * Longest match wins within a kind; a phrase that starts inside a longer one is
 * dropped. Matches of exactly the same span are all kept (one phrase, several
 * meanings). `found` is in longest-first text order (`inLongestFirstOrder`).
 */
function longestFirst<E extends LexEntry>(found: Annotation<E>[]): Annotation<E>[] {
  const kept: Annotation<E>[] = [];
  let last: Annotation<E> | undefined;
  for (const a of found) {
    if (
      last === undefined ||
      a.start >= last.end ||
      (a.start === last.start && a.end === last.end)
    ) {
      kept.push(a);
      if (last === undefined || a.start >= last.end) last = a;
    }
  }
  return kept;
}

/**
 * Files an annotation into a list kept in longest-first text order (by start,
 * the longer first at one start, annotations that tie in the order filed): the
 * list a stable sort would give, made as the walk finds the phrases, which
 * gives a start's phrases shortest first. Sorting the lists at every report
 * was ~1% of extraction's instructions (callgrind, warm); here a phrase moves
 * past the few shorter ones filed at its start, a split trigger past the
 * phrases after its start.
 */
function inLongestFirstOrder<E extends LexEntry>(list: Annotation<E>[], a: Annotation<E>): void {
  let k = list.length;
  for (; k > 0; k--) {
    const before = list[k - 1];
    if (before === undefined || before.start < a.start) break;
    if (before.start === a.start && before.end >= a.end) break;
  }
  if (k === list.length) list.push(a);
  else list.splice(k, 0, a);
}

/**
 * Sorts a list by `compare` unless it is in that order already, as the
 * dictionary's matches of most kinds are: V8's sort makes a work array at each
 * call, and a report's lists are sorted at every report.
 */
export function inTextOrder<A>(list: A[], compare: (a: A, b: A) => number): A[] {
  for (let k = 1; k < list.length; k++) {
    const before = list[k - 1];
    const after = list[k];
    if (before !== undefined && after !== undefined && compare(before, after) > 0)
      return list.sort(compare);
  }
  return list;
}

/** How many words a verb's subject may put between it and its object. */
const SUBJECT_SPAN = 4;

/**
 * The split triggers each word can be the object of, worked out once per
 * dictionary and word (by the word's number), not again at every token of it.
 */
const splitsByObject = new WeakMap<readonly SplitTrigger[], SplitIndex>();

/**
 * Whether a word is the object of any split trigger, in a bit a word, then
 * which ones: a dictionary has a few, and nearly every word is the object of
 * none, answered from a table small enough to stay in the processor's cache.
 */
interface SplitIndex {
  readonly objects: WordTest;
  readonly splits: WordMemo<readonly SplitTrigger[]>;
}

function bySplitObject(splits: readonly SplitTrigger[]): SplitIndex {
  let index = splitsByObject.get(splits);
  if (index === undefined) {
    const byKey = new Map<string, SplitTrigger[]>();
    for (const split of splits)
      for (const key of split.objectKeys) byKey.set(key, [...(byKey.get(key) ?? []), split]);
    index = {
      objects: new WordTest((token) => token.keys.some((key) => byKey.has(key))),
      splits: new WordMemo((token) => splitsWithObject(token, byKey, splits)),
    };
    splitsByObject.set(splits, index);
  }
  return index;
}

const NO_SPLITS: readonly SplitTrigger[] = [];

/** The split triggers whose object this token can be, in the dictionary's order. */
function splitsWithObject(
  token: Token,
  byKey: ReadonlyMap<string, readonly SplitTrigger[]>,
  splits: readonly SplitTrigger[],
): readonly SplitTrigger[] {
  let hit: Set<SplitTrigger> | null = null;
  for (const key of token.keys) {
    const found = byKey.get(key);
    if (found === undefined) continue;
    hit ??= new Set();
    for (const split of found) hit.add(split);
  }
  return hit === null ? NO_SPLITS : splits.filter((split) => hit.has(split));
}

/** Whether one of the token's keys is one of `keys`. */
function hasAnyKey(token: Token, keys: ReadonlySet<string>): boolean {
  for (const key of token.keys) if (keys.has(key)) return true;
  return false;
}

/** «أطلق مسلحون مجهولون النار على شاب»: a verb and its object with the subject between. */
function splitTriggersIn(tokens: readonly Token[], lexicon: Lexicon): Annotation<TriggerEntry>[] {
  const found: Annotation<TriggerEntry>[] = [];
  // The report's dictionary's index, looked up once, not at every token.
  const index = bySplitObject(lexicon.splitTriggers);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // Punctuation and line breaks have no keys: no split trigger's object.
    if (token === undefined || token.keys.length === 0 || !index.objects.of(token)) continue;
    for (const split of index.splits.of(token)) {
      for (let j = i - 2; j >= Math.max(0, i - 1 - SUBJECT_SPAN); j--) {
        const before = tokens[j];
        if (before === undefined || before.kind === 'punct') break;
        if (hasAnyKey(before, split.verbKeys)) {
          found.push({ start: j, end: i + 1, entry: split.entry });
          break;
        }
      }
    }
  }
  return found;
}

/** The annotations of a report, one list per kind, as the walk files them. */
function annotationLists() {
  return {
    entities: [] as Annotation<EntityEntry>[],
    triggers: [] as Annotation<TriggerEntry>[],
    measures: [] as Annotation<MeasureEntry>[],
    victims: [] as Annotation<VictimEntry>[],
    attribution: [] as Annotation<AttributionEntry>[],
    cues: [] as Annotation<CueEntry>[],
    qualifiers: [] as Annotation<QualifierEntry>[],
    notFigures: [] as Annotation[],
    suicideCues: [] as Annotation[],
    airCues: [] as Annotation[],
  };
}

type AnnotationLists = ReturnType<typeof annotationLists>;

/** Files each phrase by its kind straight from the walk: no list of matches made per word. */
function fileByKind(
  by: AnnotationLists,
  start: number,
  end: number,
  entries: readonly LexEntry[],
): void {
  for (const entry of entries) {
    switch (entry.kind) {
      case 'actor':
      case 'claimant':
      case 'nisba':
        inLongestFirstOrder(by.entities, { start, end, entry });
        break;
      case 'trigger':
        inLongestFirstOrder(by.triggers, { start, end, entry });
        break;
      case 'measure':
        inLongestFirstOrder(by.measures, { start, end, entry });
        break;
      case 'victim':
        inLongestFirstOrder(by.victims, { start, end, entry });
        break;
      case 'attribution':
        inLongestFirstOrder(by.attribution, { start, end, entry });
        break;
      case 'cue':
        by.cues.push({ start, end, entry });
        break;
      case 'qualifier':
        inLongestFirstOrder(by.qualifiers, { start, end, entry });
        break;
      case 'not_figure':
        inLongestFirstOrder(by.notFigures, { start, end, entry });
        break;
      case 'suicide_cue':
        by.suicideCues.push({ start, end, entry });
        break;
      case 'air_cue':
        by.airCues.push({ start, end, entry });
        break;
    }
  }
}

function annotate(tokens: readonly Token[], lexicon: Lexicon): Annotations {
  const by = annotationLists();
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i]?.kind;
    // Phrases start at words and numbers, never at punctuation.
    if (kind === 'word' || kind === 'number') lexicon.index.eachMatchAt(tokens, i, fileByKind, by);
  }
  for (const split of splitTriggersIn(tokens, lexicon)) inLongestFirstOrder(by.triggers, split);
  return {
    entities: longestFirst(by.entities),
    triggers: longestFirst(by.triggers),
    measures: longestFirst(by.measures),
    victims: longestFirst(by.victims),
    attribution: longestFirst(by.attribution),
    // Cues only mark ranges: keep every one.
    cues: inTextOrder(by.cues, (a, b) => a.start - b.start),
    qualifiers: longestFirst(by.qualifiers),
    notFigures: longestFirst(by.notFigures),
    suicideCues: by.suicideCues,
    airCues: by.airCues,
  };
}

/** Normalizes, tokenizes, splits and annotates a report. */
export function analyze(document: Document, lexicon: Lexicon): Analysis {
  const normalized = normalizeForMatching(document.text);
  const tokens = tokenize(normalized.text);
  const published = publicationDay(document.published);
  return {
    document,
    normalized,
    tokens,
    sentences: splitSentences(tokens),
    annotations: annotate(tokens, lexicon),
    dates: findDates(tokens, published),
    published,
    lexicon,
  };
}

/**
 * Where the first annotation that starts at token `from` or later is (the
 * list's length when none does); `list` is in text order (by start), as every
 * list of `Annotations` is, so a binary search finds it.
 */
export function firstFrom(list: readonly { readonly start: number }[], from: number): number {
  // `countBelow` by start, written out: asked of every list at nearly every token a rule
  // reads, where the shared search calls a key function made anew at each call.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.start ?? Infinity) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Any annotation: the test `someAt` and `firstAt` ask when given none, one function, not one made per call. */
function anyAnnotation(): boolean {
  return true;
}

/** Whether an annotation that starts at token `i` passes `test`; `list` is in text order (by start). */
export function someAt<A extends { start: number }>(
  list: readonly A[],
  i: number,
  test: (a: A) => boolean = anyAnnotation,
): boolean {
  for (let k = firstFrom(list, i); k < list.length; k++) {
    const a = list[k];
    if (a === undefined || a.start !== i) break;
    if (test(a)) return true;
  }
  return false;
}

/** The first annotation that starts at token `i` and passes `test`; `list` is in text order (by start). */
export function firstAt<A extends { start: number }>(
  list: readonly A[],
  i: number,
  test: (a: A) => boolean = anyAnnotation,
): A | undefined {
  for (let k = firstFrom(list, i); k < list.length; k++) {
    const a = list[k];
    if (a === undefined || a.start !== i) break;
    if (test(a)) return a;
  }
  return undefined;
}

/** The items that start in tokens `[from, to)`, in order; `list` is in text order (by start). */
export function startingIn<A extends { readonly start: number }>(
  list: readonly A[],
  from: number,
  to: number,
): A[] {
  const found: A[] = [];
  for (let k = firstFrom(list, from); k < list.length; k++) {
    const a = list[k];
    if (a === undefined || a.start >= to) break;
    found.push(a);
  }
  return found;
}

/** The annotations that lie inside tokens `[from, to)`; `list` is in text order (by start). */
export function within<A extends { start: number; end: number }>(
  list: readonly A[],
  from: number,
  to: number,
): A[] {
  // One walk, not `startingIn` then a filter: asked several times of every clause.
  const found: A[] = [];
  for (let k = firstFrom(list, from); k < list.length; k++) {
    const a = list[k];
    if (a === undefined || a.start >= to) break;
    if (a.end <= to) found.push(a);
  }
  return found;
}

/** Whether an annotation lies inside tokens `[from, to)`, as `within` would find, with no list made. */
export function anyWithin(
  list: readonly { readonly start: number; readonly end: number }[],
  from: number,
  to: number,
): boolean {
  for (let k = firstFrom(list, from); k < list.length; k++) {
    const a = list[k];
    if (a === undefined || a.start >= to) break;
    if (a.end <= to) return true;
  }
  return false;
}

/** Whether a cue of kind `cue` starts at token i (asked of every clause: a loop, no callback). */
export function cueAt(analysis: Analysis, cue: CueKind, i: number): boolean {
  const cues = analysis.annotations.cues;
  for (let k = firstFrom(cues, i); k < cues.length; k++) {
    const c = cues[k];
    if (c === undefined || c.start !== i) break;
    if (c.entry.cue === cue) return true;
  }
  return false;
}

export function hasCue(analysis: Analysis, cue: CueKind, from: number, to: number): boolean {
  const cues = analysis.annotations.cues;
  // A phrase that starts past `to` ends past it too.
  for (let k = firstFrom(cues, from); k < cues.length; k++) {
    const a = cues[k];
    if (a === undefined || a.start > to) break;
    if (a.entry.cue === cue && a.end <= to) return true;
  }
  return false;
}

/**
 * Where the items of a list end, gathered once per list: «does one end at i?»
 * is asked for many tokens of a report, and a scan of the list each time made
 * a long report cost the square of its length. Asked of three lists (the
 * triggers, the air cues, the actors).
 */
const ends = new RecentMemo(
  (list: readonly { readonly end: number }[]): ReadonlySet<number> =>
    new Set(list.map((a) => a.end)),
  4,
);

export function endsOf(list: readonly { readonly end: number }[]): ReadonlySet<number> {
  return ends.of(list);
}

/** Where the items of a list start, gathered once per list (as `endsOf`); asked of the actors. */
const starts = new RecentMemo(
  (list: readonly { readonly start: number }[]): ReadonlySet<number> =>
    new Set(list.map((a) => a.start)),
  2,
);

export function startsOf(list: readonly { readonly start: number }[]): ReadonlySet<number> {
  return starts.of(list);
}

/**
 * Whether token `i` is inside a date expression of the report. `findDates`
 * reads on past each expression it finds, so they are in text order and
 * apart: only the last to start at or before `i` can hold it, found by a
 * binary search where a set of the dated tokens was made for each report.
 */
export function inADate(analysis: Analysis, i: number): boolean {
  const dates = analysis.dates;
  const last = firstFrom(dates, i + 1) - 1;
  return last >= 0 && (dates[last]?.end ?? 0) > i;
}

/** The normalized text of tokens `[from, to)`. */
export function textOf(analysis: Analysis, from: number, to: number): string {
  const first = analysis.tokens[from];
  const last = analysis.tokens[to - 1];
  if (first === undefined || last === undefined) return '';
  return analysis.normalized.text.slice(first.start, last.end);
}
