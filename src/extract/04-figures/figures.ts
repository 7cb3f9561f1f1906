import type { Measure, Qualifier } from '../../contracts/index.js';
import { idForDay } from '../../lexicon/index.js';
import type { Completion, MeasureEntry, QualifierEntry, VictimClass } from '../../lexicon/index.js';
import { countBelow, readDefiniteNumber, readNumber, readVagueQuantity } from '../../text/index.js';
import type { Analysis, Annotation, RuleUse, WordSet } from '../01-read/index.js';
import {
  RecentMemo,
  because,
  firstAt,
  firstFrom,
  inADate,
  inTextOrder,
  someAt,
  startingIn,
  startsOf,
  within,
  ADDITION,
  FORCE_NOUNS,
  isIn,
  MEMBERS,
  COUNT_OPENERS,
  RESULT_WORDS,
  TIME_WORDS,
  FALL_VERBS,
  SUBSET_MARKERS,
  PARTICLE_HOMOGRAPHS,
  PARTITIVE_PRONOUNS,
  THOSE_WHO,
  TOLL_NOUNS,
  TOLL_TO,
  VICTIM_GLUE,
  VICTIM_MARKERS,
} from '../01-read/index.js';
import type { EntityMention, Source } from '../02-speakers/index.js';

/** A figure with the source that states it. */
export interface AttributedFigure {
  readonly figure: FigureMention;
  readonly source: Source;
}

/** A casualty figure as the text states it, before attribution. */
export interface FigureMention {
  readonly measure: Measure;
  /** null when no number is given («عدد من القتلى»). */
  readonly count: number | null;
  readonly qualifier: Qualifier;
  /** Whose people: an actor id, or null when the text does not say. */
  readonly victim: string | null;
  /** The kind of people the count names («عناصر» fighters, «مدنيين» civilians), when a noun says. */
  readonly victimClass: VictimClass | null;
  /** Tokens `[start, end)` of the figure's words. */
  readonly start: number;
  readonly end: number;
  readonly tags: readonly string[];
  /** The rules that read it. */
  readonly rules: readonly RuleUse[];
  /** A toll named without its number («أعداد الجرحى في تزايد»): casualties, count untold. */
  readonly reference?: boolean;
}

/** State shared across a report's clauses: numbers already used, the last figure's measure and victims. */
interface FigureState {
  readonly consumed: Set<number>;
  lastMeasure: Measure | null;
  lastVictim: string | null;
  /** The kind of people the last figure counted, so that «آخر» after «مهاجما انتحاريا» is another attacker. */
  lastVictimClass: VictimClass | null;
  /** The last figure read, for a count «of them» that may be part of it. */
  lastFigure: FigureMention | null;
}

interface Quantity {
  readonly count: number | null;
  readonly qualifier: Qualifier;
  readonly start: number;
  readonly end: number;
  readonly tags: readonly string[];
}

interface Victims {
  readonly victim: string | null;
  readonly end: number;
  readonly found: boolean;
  readonly victimClass?: VictimClass | null;
  /** The rule that named the victims' side, when one did more than read a name. */
  readonly rule?: string;
}

interface Reader {
  readonly analysis: Analysis;
  readonly entities: readonly EntityMention[];
  readonly state: FigureState;
  readonly from: number;
  readonly to: number;
  /** A figure may continue past its clause to the end of the sentence («…، إضافة لعدد من…»). */
  readonly sentenceEnd: number;
  /** Where each place phrase the report names ends, by the token it starts at. */
  readonly places: ReadonlyMap<number, number>;
}

// Patterns made once, not at every call: a pattern written in a function is a new object each time it runs.
/** «و» or a mark of punctuation, which ends what a subject's count may run to. */
const CLAUSE_BREAK = /^[و.,،:؛]/;
/** The article, after «و», «ف» or «ب», or «لل». */
const DEFINITE = /^[وفب]?(?:ال|لل)/;
/** «في» or «ب» opening a place phrase. */
const IN_OR_AT = /^(?:ب|في)/;
/** «إلى», written apart or on the next word. */
const TO = /^(?:الي|ل|لـ)$/;
const ARTICLE = /^ال/;

function word(r: Reader, i: number): string {
  const t = r.analysis.tokens[i];
  return t?.kind === 'word' ? t.text : '';
}

/** Whether token i, read with or without its proclitics or as written, is one of the words of `set`. */
function inSet(set: WordSet, r: Reader, i: number): boolean {
  const token = r.analysis.tokens[i];
  return token !== undefined && set.holdsAsWritten(token);
}

/** The first annotation that starts at token i; `list` is in text order (by start). */
function annotationAt<A extends { start: number }>(list: readonly A[], i: number): A | undefined {
  const a = list[firstFrom(list, i)];
  return a?.start === i ? a : undefined;
}

function isCountable(r: Reader, start: number, end: number): boolean {
  for (let k = start; k < end; k++)
    if (inADate(r.analysis, k) || r.state.consumed.has(k)) return false;
  // «300 ألف نسمة», «50 مليون ليرة», «38 كم»: numbers of other things.
  return annotationAt(r.analysis.annotations.notFigures, end) === undefined;
}

/** A qualifier phrase ending right before token i («أكثر من», «نحو»). */
function qualifierBefore(r: Reader, i: number): { qualifier: Qualifier; start: number } | null {
  const q = qualifiersByEnd(r.analysis.annotations.qualifiers).get(i);
  return q === undefined ? null : { qualifier: q.entry.qualifier as Qualifier, start: q.start };
}

/** The first phrase that is no vague qualifier ending at each token: asked of every count. */
const byEnd = new RecentMemo((list: readonly Annotation<QualifierEntry>[]) => {
  const index = new Map<number, Annotation<QualifierEntry>>();
  for (const a of list) if (a.entry.qualifier !== 'vague' && !index.has(a.end)) index.set(a.end, a);
  return index;
}, 2);

function qualifiersByEnd(
  list: readonly Annotation<QualifierEntry>[],
): ReadonlyMap<number, Annotation<QualifierEntry>> {
  return byEnd.of(list);
}

/** «13 على الأقل», «20 تقريبا». */
function qualifierAfter(r: Reader, i: number): { qualifier: Qualifier; end: number } | null {
  const q = annotationAt(r.analysis.annotations.qualifiers, i);
  if (q === undefined) return null;
  if (q.entry.qualifier === 'at_least' || q.entry.qualifier === 'approx') {
    return { qualifier: q.entry.qualifier, end: q.end };
  }
  return null;
}

/** A count starting at token i: a qualifier, then a number or a vague quantity. */
function quantityAt(r: Reader, i: number): Quantity | null {
  let j = i;
  let qualifier: Qualifier = 'exact';
  const q = annotationAt(r.analysis.annotations.qualifiers, j);
  if (q !== undefined && q.entry.qualifier !== 'vague') {
    qualifier = q.entry.qualifier;
    j = q.end;
  }
  if (oneOf(r, j)) return { count: 1, qualifier, start: i, end: j + 1, tags: [] };
  const n = readNumber(r.analysis.tokens, j);
  if (n !== null && isCountable(r, n.start, n.end)) {
    const after = qualifierAfter(r, n.end);
    return {
      count: n.value,
      qualifier: after?.qualifier ?? qualifier,
      start: i,
      end: after?.end ?? n.end,
      tags: [],
    };
  }
  const vague = vagueAt(r, j);
  // Written out, not `{ ...vague, start: i }`: a spread followed by a field is copied on V8's slow path.
  if (vague !== null)
    return {
      count: vague.count,
      qualifier: vague.qualifier,
      start: i,
      end: vague.end,
      tags: vague.tags,
    };
  return null;
}

/**
 * «قتل أحد عناصر قسد», «إحدى النساء»: «أحد» before the people it is one of
 * counts one; alone («لم يصب أحد بأذى») or before a thing («أحد الأبنية») no one.
 */
function oneOf(r: Reader, i: number): boolean {
  if (word(r, i) !== 'احد' && word(r, i) !== 'احدي') return false;
  const next = i + 1;
  return (
    annotationAt(r.analysis.annotations.victims, next) !== undefined ||
    isIn(MEMBERS, r.analysis, next) ||
    startsOf(r.entities).has(next)
  );
}

function vagueAt(r: Reader, i: number): Quantity | null {
  const quantity = readVagueQuantity(r.analysis.tokens, i);
  if (quantity !== null) {
    let end = quantity.end;
    if (word(r, end) === 'من') end++;
    return { count: null, qualifier: 'unspecified', start: i, end, tags: [quantity.quantity] };
  }
  const q = annotationAt(r.analysis.annotations.qualifiers, i);
  if (q?.entry.qualifier === 'vague') {
    return { count: null, qualifier: 'unspecified', start: i, end: q.end, tags: [] };
  }
  return null;
}

const CLASS_VICTIM: Readonly<Record<VictimClass, string | null>> = {
  civilian: 'CIV',
  protester: 'PROTESTERS',
  armed: 'UNKNOWN',
  fighter: null,
  attacker: null,
  // «قتل 15 شخصا» does not say whose people they were (the sides may still read them as civilians).
  person: null,
  other: null,
};

/** Nouns of people who do not fight: never the doer of an act. */
const CIVILIAN_NOUNS: ReadonlySet<VictimClass> = new Set(['civilian', 'protester']);

/** Brackets that set a group's name apart: «في صفوف (حزب الله)». */
const QUOTING = new Set(['(']);

/** Marker words a group may stand behind: «ممن يقاتلون في صفوف قسد». */
const GROUP_REACH = 5;

function isGroupNamed(e: EntityMention): boolean {
  return e.actor !== null && !e.nisba;
}

/** The group named at token i: an actor right there, or after a victim marker («من», «في صفوف»). */
function groupAt(r: Reader, i: number): { actor: string; end: number } | null {
  let j = i;
  for (let words = 0; words < GROUP_REACH && j < r.sentenceEnd; j++) {
    const entity = firstAt(r.entities, j, isGroupNamed);
    if (entity?.actor != null) return { actor: entity.actor, end: entity.end };
    if (QUOTING.has(r.analysis.tokens[j]?.text ?? '')) continue;
    if (!inSet(VICTIM_MARKERS, r, j) && !inSet(VICTIM_GLUE, r, j)) return null;
    words++;
  }
  return null;
}

/** How far back «منهم» may point to the people it stands for. */
const PARTITIVE_REACH = 20;

/**
 * «أطلقت الدورية النار على متظاهرين … ما أدى إلى إصابة ثلاثة منهم»: a count
 * of «منهم» is of the people named last before it in the sentence, else of the
 * victims of the figure before.
 */
function partitiveVictims(r: Reader, at: number): Victims {
  const antecedent = antecedentOf(r, at);
  if (antecedent !== null) return { ...victimsAt(r, antecedent), end: at + 1, found: true };
  const victimClass = r.state.lastVictimClass;
  return { victim: r.state.lastVictim, end: at + 1, found: true, victimClass };
}

/** Where the people «منهم» at `at` stands for are named: the last noun of people before it in its sentence. */
function antecedentOf(r: Reader, at: number): number | null {
  const { sentences, annotations } = r.analysis;
  const sentenceStart = sentences.find((s) => s.tokenStart <= at && at < s.tokenEnd)?.tokenStart;
  for (let i = at - 1; i >= Math.max(sentenceStart ?? at, at - PARTITIVE_REACH); i--) {
    const noun = annotationAt(annotations.victims, i);
    if (noun !== undefined && noun.entry.victimClass !== 'other') return i;
  }
  return null;
}

/** The kind of people counted last: a group named without a noun of people («4 من مقاتلي قسد») counts fighters. */
function lastKind(state: FigureState): VictimClass | null {
  if (state.lastVictimClass !== null) return state.lastVictimClass;
  if (state.lastVictim === null) return null;
  const unarmed = Object.entries(CLASS_VICTIM).find(([, id]) => id === state.lastVictim);
  return unarmed === undefined ? 'fighter' : (unarmed[0] as VictimClass);
}

/** The victims named from token i on: a victim noun and/or the group it belongs to. */
function victimsAt(r: Reader, at: number): Victims {
  if (inSet(PARTITIVE_PRONOUNS, r, at)) return partitiveVictims(r, at);
  // «ثلاثة من عمال الحقل»: a partitive «من» before the noun.
  const i =
    word(r, at) === 'من' && annotationAt(r.analysis.annotations.victims, at + 1) !== undefined
      ? at + 1
      : at;
  const noun = annotationAt(r.analysis.annotations.victims, i);
  let j = noun?.end ?? i;
  // «19 عنصرا تقريبا ممن يقاتلون…»: the group may follow the count's qualifier.
  // The qualifier stays the count's when no group follows it.
  const pastQualifier = noun === undefined ? null : (qualifierAfter(r, j)?.end ?? null);
  if (pastQualifier !== null && groupAt(r, pastQualifier) !== null) j = pastQualifier;
  // «خمسة شبان ممن يقاتلون في صفوف…»: men who fight for a side are its fighters, however named.
  const fighting = inSet(THOSE_WHO, r, j);
  // «جنود سوريين», «ضباط أتراك»: a nationality after fighters names the state whose forces they are.
  const nation = noun?.entry.victimClass === 'fighter' ? forcesAt(r, j) : null;
  if (nation !== null) j = nation.end;
  // «أفراد قوات الأمن»: the noun may open the name of its group.
  const named = firstAt(r.entities, i, (e) => e.actor !== null && !e.nisba && e.end > j);
  let group = named === undefined ? groupAt(r, j) : { actor: named.actor ?? '', end: named.end };
  // One adjective may stand between the noun and its group: «خسائر بشرية ومادية في طرف قسد»;
  // a word with a preposition on it is no adjective («جنود أتراك بقصف لقسد»).
  if (group === null && noun !== undefined && nation === null && !word(r, j).startsWith('ب'))
    group = groupAt(r, j + 1);
  if (group !== null) j = group.end;
  if (noun === undefined) {
    return group === null
      ? { victim: null, end: at, found: false }
      : { victim: group.actor, end: j, found: true };
  }
  const cls = noun.entry.victimClass;
  if (cls === 'other') {
    const victimClass = r.state.lastVictimClass ?? cls;
    return { victim: r.state.lastVictim, end: j, found: true, victimClass };
  }
  if (fighting && group !== null)
    return { victim: group.actor, end: j, found: true, victimClass: 'fighter' };
  if (cls === 'civilian' || cls === 'protester')
    return { victim: CLASS_VICTIM[cls], end: j, found: true, victimClass: cls };
  const side = group?.actor ?? nation?.actor ?? null;
  if (side !== null) return { victim: side, end: j, found: true, victimClass: cls };
  // «عنصران آخران», «ثلاثة مقاتلين آخرين»: more of the same kind, of the side counted before.
  const others = annotationAt(r.analysis.annotations.victims, j);
  if (others?.entry.victimClass === 'other' && lastKind(r.state) === cls)
    return { victim: r.state.lastVictim, end: others.end, found: true, victimClass: cls };
  // «مقتل ثلاثة جنود»: soldiers of no named army are the state's, whoever struck them.
  const army =
    cls !== 'fighter' || noun.entry.forces === undefined
      ? null
      : idForDay(noun.entry.forces, r.analysis.published);
  if (army !== null)
    return {
      victim: army,
      end: j,
      found: true,
      victimClass: cls,
      rule: 'figures/soldiers-are-the-state-s',
    };
  return { victim: CLASS_VICTIM[cls], end: j, found: true, victimClass: cls };
}

/** The forces a nationality at token i names on the report's day («سوريين» the state's forces of that day). */
function forcesAt(r: Reader, i: number): { actor: string; end: number } | null {
  const a = annotationAt(r.analysis.annotations.victims, i);
  if (a?.entry.forces === undefined) return null;
  const actor = idForDay(a.entry.forces, r.analysis.published);
  return actor === null ? null : { actor, end: a.end };
}

function figure(
  measure: Measure,
  quantity: { count: number | null; qualifier: Qualifier; tags: readonly string[] },
  victims: { victim: string | null; victimClass?: VictimClass | null; rule?: string },
  start: number,
  end: number,
  rule: string,
): FigureMention {
  return {
    rules: victims.rule === undefined ? [because(rule)] : [because(rule), because(victims.rule)],
    measure,
    count: quantity.count,
    qualifier: quantity.qualifier,
    victim: victims.victim,
    victimClass: victims.victimClass ?? null,
    start,
    end,
    tags: quantity.tags,
    reference: undefined,
  };
}

/**
 * A figure as `figure` makes it, every field in the same order (`reference`
 * undefined but for a toll told without its number), from one changed by a
 * later rule. V8 gives each spread of an object a shape of its own, and past
 * four shapes it reads every field of the object on its slow path: the dev
 * reports' figures came in 15 shapes, read at every clause by the gathering,
 * the sides and the writing.
 */
function sameShape(f: FigureMention): FigureMention {
  return {
    rules: f.rules,
    measure: f.measure,
    count: f.count,
    qualifier: f.qualifier,
    victim: f.victim,
    victimClass: f.victimClass,
    start: f.start,
    end: f.end,
    tags: f.tags,
    reference: f.reference,
  };
}

/** Marks the words of a count as read, so that no other casualty word reads them again. */
function consume(r: Reader, start: number, end: number): void {
  for (let k = start; k < end; k++) r.state.consumed.add(k);
}

/** Past words of time, dates and commas. */
function skipWhen(r: Reader, from: number): number {
  let i = from;
  while (
    i < Math.min(r.to, from + 5) &&
    (inADate(r.analysis, i) || inSet(TIME_WORDS, r, i) || r.analysis.tokens[i]?.text === ',')
  ) {
    i++;
  }
  return i;
}

/** Count and victims after a verb or verbal noun: «مقتل 20 عنصرا من قسد», «اعتقال شاب», «أصيب أكثر من 30 آخرين». */
function readAfter(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
  start: number,
  until = r.to,
  far = true,
): FigureMention | null {
  // «وقتل يوم أمس شخص», «أوقف جهاز الأمن الداخلي، اليوم، عددا من…»: when it
  // happened and who did it may stand between the verb and its count.
  let from = skipWhen(r, start);
  let subjectStart = from;
  let subject = firstAt(r.entities, subjectStart, (e) => e.actor !== null);
  while (subject === undefined && subjectStart < from + 3 && inSet(FORCE_NOUNS, r, subjectStart)) {
    subjectStart++;
    subject = firstAt(r.entities, subjectStart, (e) => e.actor !== null);
  }
  // «إصابة مدنيين اثنين»: civilians the count follows are the counted, not a doer.
  const people = subject && annotationAt(r.analysis.annotations.victims, subject.start);
  if (people !== undefined && CIVILIAN_NOUNS.has(people.entry.victimClass)) subject = undefined;
  const afterSubject = subject === undefined ? from : skipWhen(r, subject.end);
  if (subject !== undefined && countedAt(r, afterSubject)) from = afterSubject;
  // A group right after the verb with no count is its doer («أعدم تنظيم داعش … »,
  // «اختطف التنظيم 130 عائلة»), never its victims.
  const direct = countAt(r, anchor, from, false);
  if (direct !== null && direct.count === null && DOER_CLASSES.has(direct.victimClass ?? '')) {
    // «احتجزت عناصر الحاجز ثلاثة شبان»: fighters with no count, a count of people
    // after them: the fighters are the doer, the counted their victims.
    for (let j = skipWhen(r, direct.end); j <= direct.end + SUBJECT_TAIL; j++) {
      if (someAt(r.analysis.annotations.measures, j)) break;
      if (CLAUSE_BREAK.test(r.analysis.tokens[j]?.text ?? '.')) break;
      const object = countAt(r, anchor, j, true);
      if (object?.count != null) return object;
    }
  }
  return direct ?? (far ? countPastAdjuncts(r, anchor, afterSubject, until) : null);
}

/** Words that may describe a subject of fighters («عناصر الحاجز», «عناصر من الأمن العام»). */
const SUBJECT_TAIL = 3;

/** Kinds of people who can do an act, and so stand as a verb's subject. */
const DOER_CLASSES: ReadonlySet<string> = new Set(['fighter', 'armed', 'attacker']);

/** Whether a count or a person noun starts at token i. */
function countedAt(r: Reader, i: number): boolean {
  return quantityAt(r, i) !== null || annotationAt(r.analysis.annotations.victims, i) !== undefined;
}

/**
 * «4 أطفال وامرأة», «ثلاث نساء وطفل», «رجل وزوجته»: civilians joined by «و»
 * to the counted ones add to the count, one a singular noun, two a dual, and a
 * plural as many as the number after it says («رجل وزوجته وأطفالهما الثلاثة»).
 */
function joinedPeople(r: Reader, from: number): { extra: number; end: number } {
  let extra = 0;
  let end = from;
  for (;;) {
    if (!(r.analysis.tokens[end]?.text.startsWith('و') ?? false)) break;
    const noun = annotationAt(r.analysis.annotations.victims, end);
    if (noun?.entry.victimClass !== 'civilian') break;
    if (noun.entry.number === 'plural') {
      const many = readDefiniteNumber(r.analysis.tokens, noun.end);
      if (many === null) break;
      extra += many.value;
      end = many.end;
      continue;
    }
    extra += noun.entry.number === 'dual' ? 2 : 1;
    end = noun.end;
  }
  return { extra, end };
}

/**
 * The count and victims at token i; `strict` asks for a counted noun of people
 * («تسعة مدنيين», «مدنيان») where a bare number or a plural noun could be anything.
 */
function countAt(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
  i: number,
  strict: boolean,
): FigureMention | null {
  const m = anchor.entry.measure;
  const quantity = quantityAt(r, i);
  if (quantity !== null) {
    const victims = victimsAt(r, quantity.end);
    if (strict && !victims.found) return null;
    consume(r, quantity.start, quantity.end);
    const joined =
      victims.victimClass === 'civilian' ? joinedPeople(r, victims.end) : { extra: 0, end: 0 };
    // «25 شخصا على الأقل»: the qualifier may follow the counted noun.
    const late = quantity.qualifier === 'exact' ? qualifierAfter(r, victims.end) : null;
    // What `figure` reads of the count, written out (a spread followed by fields is copied on V8's slow path).
    const counted = {
      count: quantity.count === null ? null : quantity.count + joined.extra,
      qualifier: late?.qualifier ?? quantity.qualifier,
      tags: quantity.tags,
    };
    return figure(
      m,
      counted,
      victims,
      anchor.start,
      Math.max(victims.end, quantity.end, late?.end ?? 0, joined.end),
      strict ? 'figures/count-after-adjuncts' : 'figures/count-after-casualty-word',
    );
  }
  const noun = annotationAt(r.analysis.annotations.victims, i);
  if (noun === undefined) return null;
  // «مدنيين ثلاثة»: a number word may follow its noun, as an adjective.
  const trailing =
    noun.entry.number === 'plural' && r.analysis.tokens[noun.end]?.kind === 'word'
      ? readNumber(r.analysis.tokens, noun.end)
      : null;
  const count =
    noun.entry.number === 'singular'
      ? 1
      : noun.entry.number === 'dual'
        ? 2
        : (trailing?.value ?? null);
  // Far from the verb, only a noun that counts («مدنيان», «طفل») is its subject: a
  // definite one may name a place («الشيخ مسكين»), a plural one describe people.
  if (strict && (isDefinite(r, i) || count === null)) return null;
  const victims = victimsAt(r, i);
  const qualifier: Qualifier = count === null ? 'unspecified' : 'exact';
  if (trailing !== null) consume(r, trailing.start, trailing.end);
  const joined =
    victims.victimClass === 'civilian' && count !== null
      ? joinedPeople(r, Math.max(victims.end, trailing?.end ?? 0))
      : { extra: 0, end: 0 };
  return figure(
    m,
    { count: count === null ? null : count + joined.extra, qualifier, tags: [] },
    victims,
    anchor.start,
    Math.max(victims.end, trailing?.end ?? 0, joined.end),
    strict ? 'figures/person-noun-after-adjuncts' : 'figures/person-noun-after-casualty-word',
  );
}

/** How far past a verb its subject may stand, behind the cause, place and time of the act. */
const ADJUNCT_REACH = 16;

/**
 * A verb's subject told after what caused it, where and when: «وأصيب نتيجة
 * انفجار السيارة في المدينة تسعة مدنيين», «أعدم التنظيم في قرية قرب الرقة ثلاثة
 * شبان», «أصيب بجروح متفاوتة سبعة مدنيين». The search ends at the next casualty
 * word of another measure, whose count it is.
 */
function countPastAdjuncts(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
  from: number,
  until: number,
): FigureMention | null {
  const last = Math.min(until, from + ADJUNCT_REACH);
  for (let j = from; j < last; j++) {
    const text = r.analysis.tokens[j]?.text;
    if (text === '.' || text === ':') return null;
    if (j > from && otherMeasureAt(r, j, anchor.entry.measure)) return null;
    // «بينهم ثلاثة أطفال»: a breakdown of a count already told is no subject.
    if (inSet(SUBSET_MARKERS, r, j)) return null;
    const found = countAt(r, anchor, j, true);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Whether a casualty word of another measure than `measure` starts at token j:
 * asked at each word a subject is sought past, so a loop, no callback.
 */
function otherMeasureAt(r: Reader, j: number, measure: Measure): boolean {
  const measures = r.analysis.annotations.measures;
  for (let k = firstFrom(measures, j); k < measures.length; k++) {
    const a = measures[k];
    if (a === undefined || a.start !== j) break;
    if (a.entry.measure !== measure) return true;
  }
  return false;
}

/** Count and victims before a verb: «أن 7 من عناصر الشرطة قُتلوا», «20 عنصراً سقطوا بين قتيل وجريح». */
function readBefore(r: Reader, anchor: Annotation<MeasureEntry>): FigureMention | null {
  const from = Math.max(r.from, anchor.start - 10);
  let subject: FigureMention | null = null;
  for (let i = anchor.start - 1; i >= from; i--) {
    const t = r.analysis.tokens[i];
    if (t === undefined || t.text === '.' || t.text === ':') break;
    if (i < anchor.start - 1 && someAt(r.analysis.annotations.measures, i)) break;
    const opensCount =
      i === r.from ||
      inSet(COUNT_OPENERS, r, i - 1) ||
      r.analysis.tokens[i - 1]?.text === ',' ||
      word(r, i - 1) === 'و';
    if (!opensCount) continue;
    const quantity = quantityAt(r, i);
    if (quantity !== null) {
      const victims = victimsAt(r, quantity.end);
      if (!victims.found && (quantity.count === null || word(r, quantity.end) !== 'من')) continue;
      consume(r, quantity.start, quantity.end);
      return figure(
        anchor.entry.measure,
        quantity,
        victims,
        i,
        anchor.end,
        'figures/count-before-casualty-verb',
      );
    }
    // «أن المختار خالد العلي، من قرية المزرعة، اختطف»: a singular subject is one person.
    const noun = annotationAt(r.analysis.annotations.victims, i);
    if (
      subject === null &&
      noun !== undefined &&
      noun.entry.number !== 'plural' &&
      noun.entry.victimClass !== 'other'
    ) {
      const count = noun.entry.number === 'dual' ? 2 : 1;
      subject = figure(
        anchor.entry.measure,
        { count, qualifier: 'exact', tags: [] },
        victimsAt(r, i),
        i,
        anchor.end,
        'figures/one-person-before-casualty-verb',
      );
    }
  }
  return subject;
}

/** Count before a casualty noun: «15 قتيلا», «عشرات الجرحى», «أكثر من 220 ضحية». */
/** The victims after a casualty noun, past a verb of falling: «عشرات القتلى سقطوا في صفوف قسد». */
function victimsAfterNoun(r: Reader, at: number): Victims {
  const victims = victimsAt(r, at);
  if (victims.found || !FALL_VERBS.has(word(r, at))) return victims;
  const fallen = victimsAt(r, at + 1);
  return fallen.found ? fallen : victims;
}

/** «عدد من القتلى والجرحى»: the casualty noun this one is joined to, sharing its count words. */
function jointNounBefore(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
): Annotation<MeasureEntry> | undefined {
  if (!word(r, anchor.start).startsWith('و')) return undefined;
  return r.analysis.annotations.measures.find(
    (a) =>
      a.end === anchor.start &&
      a.entry.position === 'after_count' &&
      a.entry.measure !== anchor.entry.measure,
  );
}

function readNoun(r: Reader, anchor: Annotation<MeasureEntry>): FigureMention | null {
  const m = anchor.entry.measure;
  const nounStart = jointNounBefore(r, anchor)?.start ?? anchor.start;
  let i = nounStart - 1;
  if (word(r, i) === 'من') i--;
  // «إلى 17 قتيلا» after a toll: the count was read with the toll, the noun is its unit.
  if (r.state.consumed.has(i)) return null;
  const victims = victimsAfterNoun(r, anchor.end);
  // «أعداد الجرحى في تزايد»: a toll without its number says there are casualties, no more.
  if (inSet(TOLL_NOUNS, r, anchor.start - 1)) {
    return sameShape({
      ...figure(
        m,
        { count: null, qualifier: 'unspecified', tags: [] },
        victims,
        anchor.start - 1,
        anchor.end,
        'figures/toll-without-its-number',
      ),
      reference: true,
    });
  }
  const n = numberEndingAt(r, i);
  if (n !== null) {
    const q = qualifierBefore(r, n.start);
    consume(r, n.start, n.end);
    return figure(
      m,
      { count: n.value, qualifier: q?.qualifier ?? 'exact', tags: [] },
      victims,
      q?.start ?? n.start,
      Math.max(anchor.end, victims.end),
      'figures/count-before-casualty-noun',
    );
  }
  const vague = vagueEndingAt(r, i) ?? vagueEndingAt(r, nounStart - 1);
  // «سحبت جميع القتلى»: a definite casualty noun with no count refers to casualties already told of.
  if (vague === null && isDefinite(r, anchor.start) && !inSet(RESULT_WORDS, r, anchor.start - 1))
    return null;
  if (vague !== null)
    return figure(
      m,
      vague,
      victims,
      vague.start,
      Math.max(anchor.end, victims.end),
      'figures/vague-count-before-casualty-noun',
    );
  // «سقوط قتيل من قسد», «العثور على جثة شاب»: a singular noun is one person.
  const one = anchor.entry.one === true;
  return figure(
    m,
    { count: one ? 1 : null, qualifier: one ? 'exact' : 'unspecified', tags: [] },
    victims,
    anchor.start,
    Math.max(anchor.end, victims.end),
    one ? 'figures/singular-casualty-noun' : 'figures/casualty-noun-without-count',
  );
}

function isDefinite(r: Reader, i: number): boolean {
  return DEFINITE.test(word(r, i));
}

function numberEndingAt(
  r: Reader,
  last: number,
): { value: number; start: number; end: number } | null {
  for (let start = last; start >= Math.max(r.from, last - 3); start--) {
    const n = readNumber(r.analysis.tokens, start);
    if (n !== null && n.end === last + 1 && isCountable(r, n.start, n.end)) return n;
  }
  return null;
}

function vagueEndingAt(r: Reader, last: number): Quantity | null {
  for (let start = last; start >= Math.max(r.from, last - 3); start--) {
    const v = vagueAt(r, start);
    if (v !== null && v.end === last + 1) return v;
  }
  return null;
}

/** How far a toll's number may sit from the toll («حصيلة قتلى القصف … على مدينة خان شيخون أمس إلى 72»). */
const TOLL_REACH = 22;

/** The tolls a clause reads, and the measure words they took. */
interface Tolls {
  readonly figures: readonly FigureMention[];
  readonly used: ReadonlySet<Annotation<MeasureEntry>>;
}

/** What a clause that names no toll reads: shared, never changed. */
const NO_TOLLS: Tolls = { figures: [], used: new Set() };

/** «حصيلة قتلى…»: a measure word read after its count, one or two words after the toll noun at `i`. */
function tollMeasureAfter(
  anchors: readonly Annotation<MeasureEntry>[],
  i: number,
): Annotation<MeasureEntry> | undefined {
  for (const a of anchors)
    if (a.start > i && a.start <= i + 2 && a.entry.position === 'after_count') return a;
  return undefined;
}

/** «ارتفعت حصيلة قتلى القصف … إلى 72 شخصا», «وصل عدد الضحايا إلى نحو 1200», «العدد قد يصل إلى 1400». */
function readTolls(r: Reader, anchors: readonly Annotation<MeasureEntry>[]): Tolls {
  // Most clauses name no toll: one look for its noun spares the rest, and the lists.
  let named = false;
  for (let i = r.from; i < r.to && !named; i++) named = inSet(TOLL_NOUNS, r, i);
  if (!named) return NO_TOLLS;
  const figures: FigureMention[] = [];
  const used = new Set<Annotation<MeasureEntry>>();
  for (let i = r.from; i < r.to; i++) {
    const ahead = tollNamedAfter(r, anchors, i);
    if (ahead !== null) {
      figures.push(ahead.figure);
      used.add(ahead.anchor);
      continue;
    }
    if (!inSet(TOLL_NOUNS, r, i)) continue;
    const anchor = tollMeasureAfter(anchors, i);
    const measure = anchor?.entry.measure ?? r.state.lastMeasure;
    if (measure === null) continue;
    for (let j = anchor?.end ?? i + 1; j < Math.min(r.sentenceEnd, i + TOLL_REACH); j++) {
      if (!inSet(TOLL_TO, r, j) && word(r, j) !== 'الي') continue;
      const quantity = quantityAt(r, j + 1);
      if (quantity?.count == null) break;
      // «ارتفعت إلى أربع ضحايا مدنيين»: the casualty noun may stand between the count and its victims.
      const noun = anchors.find(
        (a) => a.start === quantity.end && a.entry.position === 'after_count',
      );
      const victims = victimsAt(r, noun?.end ?? quantity.end);
      consume(r, quantity.start, quantity.end);
      figures.push(
        figure(
          measure,
          quantity,
          victims,
          i,
          Math.max(quantity.end, victims.end),
          'figures/toll-rose-to',
        ),
      );
      r.state.lastMeasure = measure;
      if (anchor !== undefined) used.add(anchor);
      break;
    }
  }
  return { figures, used };
}

/** «…بينهم طفل، وأصيب خمسة آخرون»: a casualty verb joined by و tells a figure of its own. */
function opensAnew(r: Reader, anchor: Annotation<MeasureEntry>): boolean {
  return anchor.entry.position === 'before_count' && word(r, anchor.start).startsWith('و');
}

function partOfToll(tolls: readonly FigureMention[], f: FigureMention): boolean {
  return tolls.some(
    (t) => t.measure === f.measure && t.count !== null && f.count !== null && f.count < t.count,
  );
}

/** «ارتفع إلى 9 عدد القتلى»: the number first, then the toll it gives. */
function tollNamedAfter(
  r: Reader,
  anchors: readonly Annotation<MeasureEntry>[],
  i: number,
): { figure: FigureMention; anchor: Annotation<MeasureEntry> } | null {
  if (!inSet(TOLL_TO, r, i) && word(r, i) !== 'الي') return null;
  const quantity = quantityAt(r, i + 1);
  if (quantity?.count == null || !inSet(TOLL_NOUNS, r, quantity.end)) return null;
  const anchor = anchors.find(
    (a) => a.start === quantity.end + 1 && a.entry.position === 'after_count',
  );
  if (anchor === undefined) return null;
  const victims = victimsAt(r, anchor.end);
  consume(r, quantity.start, quantity.end);
  r.state.lastMeasure = anchor.entry.measure;
  return {
    figure: figure(
      anchor.entry.measure,
      quantity,
      victims,
      i,
      Math.max(anchor.end, victims.end),
      'figures/toll-number-first',
    ),
    anchor,
  };
}

function isSubset(r: Reader, figureStart: number): boolean {
  for (let k = figureStart - 1; k >= Math.max(r.from, figureStart - 2); k--) {
    if (inSet(SUBSET_MARKERS, r, k)) return true;
  }
  return false;
}

/**
 * «قتل 30 شخصاً في الغارات، وقتل 9 منهم في السوق»: a count «of them» whose
 * people are the ones the figure just before it counted, in its sentence and
 * for the same measure, is part of that count.
 */
function countedBefore(r: Reader, f: FigureMention): boolean {
  const last = r.state.lastFigure;
  if (last === null || f.victim === null || last.measure !== f.measure || last.victim !== f.victim)
    return false;
  for (let k = f.start; k < f.end; k++) {
    if (!inSet(PARTITIVE_PRONOUNS, r, k)) continue;
    const antecedent = antecedentOf(r, k);
    return antecedent !== null && antecedent >= last.start && antecedent < last.end;
  }
  return false;
}

/**
 * Where the place phrase that begins at token i ends («في بلدة سرمين», «بحرستا»),
 * or i when none begins there: a figure's own place, which a count after it
 * may be contrasted with («9 في دوما، و4 في حرستا»).
 */
function pastPlacePhrase(r: Reader, i: number): number {
  const named = r.places.get(i);
  if (named !== undefined && IN_OR_AT.test(word(r, i))) return named;
  if (word(r, i) !== 'في' && word(r, i) !== 'ب') return i;
  return r.places.get(i + 1) ?? i;
}

/**
 * «مقتل 6 عناصر من الأمن العام و3 من المسلحين», «مقتل 20 عنصرا من قسد، إضافة لعدد من
 * الخبراء الأمريكيين»: a count joined to a figure continues its measure. After a
 * figure's own place, a bare count or a person noun with a place of its own
 * counts the same people elsewhere («9 مدنيين في دوما، و4 في حرستا»,
 * «ثلاثة أطفال في سرمين وامرأتين في بنش»).
 */
function readContinuation(r: Reader, previous: FigureMention): FigureMention | null {
  const placed = pastPlacePhrase(r, previous.end);
  let j = placed;
  if (r.analysis.tokens[j]?.text === ',') j++;
  let start: number;
  // «إضافة لعدد من…», «بالإضافة إلى 3…»: the preposition may be written on or after the word.
  if (inSet(ADDITION, r, j))
    start = TO.test(word(r, j + 1)) || word(r, j + 1) === 'الى' ? j + 2 : j + 1;
  else if (word(r, j) === 'و') start = j + 1;
  else if (word(r, j).startsWith('و')) start = j;
  else return null;
  if (start >= r.sentenceEnd) return null;
  const measures = r.analysis.annotations.measures;
  if (someAt(measures, start) || someAt(measures, start + 1)) return null;
  const quantity = quantityAt(r, start) ?? (placed > previous.end ? personAt(r, start) : null);
  if (quantity === null) return null;
  const read = victimsAt(r, quantity.end);
  const elsewhere = placed > previous.end && pastPlacePhrase(r, read.end) > read.end;
  const victims =
    read.found || !elsewhere
      ? read
      : { ...read, victim: previous.victim, victimClass: previous.victimClass };
  const ofWhom = quantity.count !== null && word(r, quantity.end) === 'من';
  if (!read.found && !ofWhom && !(elsewhere && quantity.count !== null)) return null;
  consume(r, quantity.start, quantity.end);
  return figure(
    previous.measure,
    quantity,
    victims,
    start,
    Math.max(victims.end, quantity.end),
    elsewhere ? 'figures/count-at-another-place' : 'figures/count-joined-to-a-figure',
  );
}

/** «وامرأتين في بنش»: a singular or dual noun of people counts one or two. */
function personAt(r: Reader, i: number): Quantity | null {
  const noun = annotationAt(r.analysis.annotations.victims, i);
  if (noun === undefined || noun.entry.number === 'plural') return null;
  const count = noun.entry.number === 'dual' ? 2 : 1;
  return { count, qualifier: 'exact', start: i, end: i, tags: [] };
}

/** «أسماء 15 شخصا قالت إن الفصائل اختطفتهم»: the people a plural pronoun points back to. */
function countedPeopleBefore(r: Reader, before: number): FigureMention | null {
  const from = Math.max(r.from, before - 14);
  for (let i = before - 1; i >= from; i--) {
    const n = readNumber(r.analysis.tokens, i);
    if (n === null || n.end >= before || !isCountable(r, n.start, n.end)) continue;
    const victims = victimsAt(r, n.end);
    if (!victims.found) continue;
    consume(r, n.start, n.end);
    return figure(
      'detained',
      { count: n.value, qualifier: 'exact', tags: [] },
      victims,
      n.start,
      before,
      'figures/people-counted-before-pronoun',
    );
  }
  return null;
}

function fallVerbEnd(r: Reader, anchor: Annotation<MeasureEntry>): number {
  for (let i = anchor.start - 1; i >= Math.max(r.from, anchor.start - 10); i--) {
    if (inSet(FALL_VERBS, r, i)) return i + 1;
  }
  return anchor.start;
}

/** «سقط 15 عنصرا … بين قتيل وجريح»: the words from the count to the casualty noun. */
function countAfterFall(r: Reader, anchor: Annotation<MeasureEntry>): FigureMention | null {
  const start = fallVerbEnd(r, anchor);
  const f = readAfter(r, anchor, start);
  return f === null ? null : sameShape({ ...f, start, end: Math.max(f.end, anchor.end) });
}

function fellEarlier(r: Reader, anchor: Annotation<MeasureEntry>): boolean {
  return fallVerbEnd(r, anchor) !== anchor.start && anchor.entry.measure === 'killed_or_injured';
}

/**
 * «فقد قتل سبعة عناصر»: before another casualty word, «فقد» is «ف» and «قد»
 * leading that word's verb, not «فَقَدَ» (lost).
 */
function particleBeforeVerb(r: Reader, anchor: Annotation<MeasureEntry>): boolean {
  return (
    inSet(PARTICLE_HOMOGRAPHS, r, anchor.start) &&
    anchor.end === anchor.start + 1 &&
    annotationAt(r.analysis.annotations.measures, anchor.end) !== undefined
  );
}

/** «حاولت القوات اعتقال…», «لم يسفر عن مقتل…»: casualties that did not happen. */
function denied(r: Reader, at: number): boolean {
  for (const c of startingIn(r.analysis.annotations.cues, r.from, at)) {
    const denial = c.entry.cue === 'hypothetical' || c.entry.cue === 'negation';
    if (denial && c.end <= at && c.end >= at - 2) return true;
  }
  return false;
}

/** The index of the last sentence that starts at or before token i (-1: none). */
function lastStartingBy(sentences: readonly { readonly tokenStart: number }[], i: number): number {
  return countBelow(sentences, (s) => s.tokenStart, i, true) - 1;
}

/** Where the word that completes an idiom ends («لقي 16 مدنيا على الأقل مصرعهم»), or null when none follows. */
const IDIOM_REACH = 14;

function idiomCompletion(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
): { at: number; completion: Completion } | null {
  const completions = anchor.entry.completions ?? [];
  const last = Math.min(r.sentenceEnd, anchor.end + IDIOM_REACH);
  for (let i = anchor.end; i < last; i++) {
    const t = r.analysis.tokens[i];
    if (t === undefined || t.text === '.' || t.text === ':') return null;
    const completion = completions.find((c) => t.keys.includes(c.key));
    if (completion !== undefined) return { at: i, completion };
  }
  return null;
}

/**
 * An idiom of death with its victims inside or after it: «لقي ثلاثة مدنيين
 * حتفهم», «فارق عنصران من قسد الحياة», «أودى القصف بحياة ستة مدنيين»; else the
 * subject before the verb («أن الشاب لقي حتفه»), else its pronoun («حتفهما» two).
 */
function readIdiom(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
  idiom: { at: number; completion: Completion },
): FigureMention | null {
  const end = idiom.at + 1;
  const inside = idiom.at > anchor.end ? readAfter(r, anchor, anchor.end, idiom.at) : null;
  const after = inside ?? readAfter(r, anchor, end);
  const found = after ?? readBefore(r, anchor);
  if (found !== null) {
    return {
      ...found,
      end: Math.max(found.end, end),
      rules: [...found.rules, because('figures/idiom-of-death')],
    };
  }
  const pronoun = idiom.completion.pronoun;
  if (pronoun === null) return null;
  const count = pronoun === 'plural' ? null : pronoun;
  return figure(
    anchor.entry.measure,
    { count, qualifier: count === null ? 'unspecified' : 'exact', tags: [] },
    { victim: r.state.lastVictim, victimClass: r.state.lastVictimClass },
    anchor.start,
    end,
    'figures/idiom-pronoun-names-the-victims',
  );
}

/** The figure one casualty word states: by where Arabic puts its count. */
function readAnchor(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
  next: Annotation<MeasureEntry> | undefined,
): FigureMention | null {
  const e = anchor.entry;
  switch (e.position) {
    case 'dual':
      return figure(
        e.measure,
        { count: 2, qualifier: 'exact', tags: [] },
        victimsAt(r, anchor.end),
        anchor.start,
        anchor.end,
        'figures/dual-casualty-noun',
      );
    case 'after_count': {
      // «سقطوا بين قتيل وجريح»: the count sits before the verb of falling.
      // «سقطوا بين قتيل وجريح», «سقط 15 عنصرا … بين قتيل وجريح»: the count sits before, with a verb of falling.
      const fallen = FALL_VERBS.has(word(r, anchor.start - 1))
        ? readBefore(r, { start: anchor.start - 1, end: anchor.end, entry: anchor.entry })
        : fellEarlier(r, anchor)
          ? countAfterFall(r, anchor)
          : null;
      return fallen ?? readNoun(r, anchor);
    }
    case 'before_count': {
      if (e.pronoun === 'plural') {
        const antecedent = countedPeopleBefore(r, anchor.start);
        if (antecedent !== null)
          return sameShape({ ...antecedent, measure: e.measure, end: anchor.end });
      }
      if (e.pronoun !== null) {
        const count = e.pronoun === 'plural' ? null : e.pronoun;
        return figure(
          e.measure,
          { count, qualifier: count === null ? 'unspecified' : 'exact', tags: [] },
          { victim: r.state.lastVictim, victimClass: r.state.lastVictimClass },
          anchor.start,
          anchor.end,
          'figures/pronoun-names-the-victims',
        );
      }
      // «قتل وجرح عدد من العناصر»: verbs joined by و share the count after the last.
      const chained =
        next !== undefined &&
        next.entry.position === 'before_count' &&
        next.start === anchor.end &&
        word(r, next.start).startsWith('و');
      const measures = new Set([e.measure, next?.entry.measure]);
      if (chained && measures.has('killed') && measures.has('injured')) {
        // «أن 3 مدنيين قتلوا وأصيب 8 آخرون»: a count before the first verb is its own.
        const before = readBefore(r, anchor);
        if (before !== null) return before;
        // «مقتل وإصابة 10 أشخاص»: one count for the dead and the wounded together
        // (with no number, «قتل وجرح عدد من العناصر» tells of dead and of wounded).
        const both = readAfter(r, anchor, next.end);
        if (both?.count != null)
          return {
            ...both,
            measure: 'killed_or_injured',
            end: Math.max(both.end, next.end),
            rules: [...both.rules, because('figures/dead-and-wounded-counted-together')],
          };
      }
      // «أن 7 من عناصر الشرطة قتلوا بتفجير انتحاري»: a subject before the verb comes before one past its adjuncts.
      const own =
        readAfter(r, anchor, anchor.end, r.to, false) ??
        readBefore(r, anchor) ??
        readAfter(r, anchor, anchor.end);
      if (own !== null) return own;
      return chained ? readAfter(r, anchor, next.end) : null;
    }
  }
}

/**
 * «أصيب بجروح متفاوتة سبعة مدنيين», «إصابته بجراح», «أصيب المئات بحالات
 * اختناق»: wounds named with the ب of manner inside or right after a figure of
 * that measure say how its people were hurt; they are no second figure.
 */
function isMannerOf(
  r: Reader,
  anchor: Annotation<MeasureEntry>,
  found: readonly FigureMention[],
): boolean {
  if (!word(r, anchor.start).startsWith('ب')) return false;
  const m = anchor.entry.measure;
  return found.some((g) => g.measure === m && g.start < anchor.start && anchor.start <= g.end + 2);
}

/** The idioms a clause completes, and the measure words they stand for or leave out. */
interface Idioms {
  readonly found: ReadonlyMap<Annotation<MeasureEntry>, { at: number; completion: Completion }>;
  readonly skip: ReadonlySet<Annotation<MeasureEntry>>;
}

/** What a clause with no idiom's verb reads: shared, never changed. */
const NO_IDIOMS: Idioms = { found: new Map(), skip: new Set() };

function isIdiomVerb(a: Annotation<MeasureEntry>): boolean {
  return a.entry.completions !== undefined;
}

/**
 * Which idioms are complete: an idiom's verb counts only with its completing
 * word, and then stands for the words it spans («فقد … حياتهم» is no «فقد» of
 * the missing, «مصرعهم» inside «لقي … مصرعهم» no figure of its own).
 */
function readIdioms(r: Reader, anchors: readonly Annotation<MeasureEntry>[]): Idioms {
  // Most clauses hold no idiom's verb: they share one empty answer, no table made for each.
  if (!anchors.some(isIdiomVerb)) return NO_IDIOMS;
  const found = new Map<Annotation<MeasureEntry>, { at: number; completion: Completion }>();
  const skip = new Set<Annotation<MeasureEntry>>();
  for (const anchor of anchors) {
    if (anchor.entry.completions === undefined) continue;
    const idiom = idiomCompletion(r, anchor);
    if (idiom === null) {
      skip.add(anchor);
      continue;
    }
    found.set(anchor, idiom);
    for (const other of anchors) {
      const sameWord = other.start === anchor.start && other !== anchor;
      if (sameWord || (other.start > anchor.start && other.start <= idiom.at)) skip.add(other);
    }
  }
  return { found, skip };
}

/** Words that join people who fell together: «استشهد مع أحد أبناء البلدة», «برفقة اثنين من مرافقيه». */
const COMPANIONS = new Set(['مع', 'برفقه']);

/**
 * «قتل القيادي مع اثنين من مرافقيه», «استشهد الشيخ مع أحد أبناء البلدة»: people
 * said to have fallen with the counted ones add to the count.
 */
function withCompanions(r: Reader, f: FigureMention): FigureMention {
  // «مختار القرية برفقة…»: past the definite words that complete the counted noun.
  let before = f.end;
  while (before < f.end + 2 && ARTICLE.test(word(r, before))) before++;
  if (f.count === null || !COMPANIONS.has(word(r, before))) return f;
  const at = before + 1;
  const one = word(r, at) === 'احد' || word(r, at) === 'احدي';
  const quantity = one ? null : quantityAt(r, at);
  const person = one || quantity !== null ? null : personAt(r, at);
  const noun = person === null ? undefined : annotationAt(r.analysis.annotations.victims, at);
  if (noun?.entry.victimClass === 'other') return f;
  const extra = one ? 1 : (quantity?.count ?? person?.count ?? null);
  if (extra === null) return f;
  if (quantity !== null) consume(r, quantity.start, quantity.end);
  return sameShape({
    ...f,
    count: f.count + extra,
    end: Math.max(f.end, quantity?.end ?? at + 1),
    rules: [...f.rules, because('figures/fell-with-companions')],
  });
}

/**
 * The casualty figures stated in tokens `[from, to)`: each measure word with the
 * count, qualifier and victims grammar attaches to it.
 */
function findFigures(
  analysis: Analysis,
  entities: readonly EntityMention[],
  state: FigureState,
  places: ReadonlyMap<number, number>,
  { start: from, end: to }: { readonly start: number; readonly end: number },
): FigureMention[] {
  // The sentence around `from`: the last to start at or before it (sentences are in text order).
  const sentence = analysis.sentences[lastStartingBy(analysis.sentences, from)];
  const sentenceEnd = sentence !== undefined && from < sentence.tokenEnd ? sentence.tokenEnd : to;
  const r: Reader = { analysis, entities, state, from, to, sentenceEnd, places };
  // Most clauses hold one measure word or none, and the rest are mostly in reading order
  // already: V8's sort makes a work list even for those.
  const anchors = inTextOrder(within(analysis.annotations.measures, from, to), inReadingOrder);
  const tolls = readTolls(r, anchors);
  const found: FigureMention[] = [...tolls.figures];
  // «إصابة» is a verbal noun and a plural noun: one phrase, read once. The phrases read, as
  // start and end side by side: a clause reads a few, where a set of keys made a string for each.
  const read: number[] = [];
  const idioms = readIdioms(r, anchors);
  for (const anchor of anchors) {
    if (tolls.used.has(anchor) || wasRead(read, anchor)) continue;
    if (idioms.skip.has(anchor)) continue;
    if (denied(r, anchor.start) || isMannerOf(r, anchor, found)) continue;
    if (particleBeforeVerb(r, anchor)) continue;
    if (insideKilledOrInjured(found, anchor.start)) continue;
    const idiom = idioms.found.get(anchor);
    const reading =
      idiom === undefined
        ? readAnchor(r, anchor, firstStartingFrom(anchors, anchor.end))
        : readIdiom(r, anchor, idiom);
    if (reading === null) continue;
    const f = withCompanions(r, reading);
    read.push(anchor.start, anchor.end);
    if (isSubset(r, f.start) && !opensAnew(r, anchor)) continue;
    if (countedBefore(r, f)) continue;
    // «ارتفع إلى 9 عدد القتلى بعد وفاة 3 من الجرحى»: the 3 are in the 9.
    if (partOfToll(tolls.figures, f)) continue;
    found.push(f);
    state.lastMeasure = f.measure;
    state.lastFigure = f;
    remember(state, f);
    for (let more = readContinuation(r, f); more !== null; more = readContinuation(r, more)) {
      if (!isSubset(r, more.start)) found.push(more);
    }
  }
  return shareVictims(analysis, inTextOrder(found, byStart));
}

/** «إصابة», «جثث» are verbal nouns and counted nouns: read the count after them first. */
const READING_ORDER = { before_count: 0, dual: 1, after_count: 2 } as const;

function inReadingOrder(a: Annotation<MeasureEntry>, b: Annotation<MeasureEntry>): number {
  return a.start - b.start || READING_ORDER[a.entry.position] - READING_ORDER[b.entry.position];
}

function byStart(a: FigureMention, b: FigureMention): number {
  return a.start - b.start;
}

/**
 * Whether the phrase read at `a` was read already: `read` holds the phrases
 * read, as start and end side by side.
 */
function wasRead(read: readonly number[], a: Annotation<MeasureEntry>): boolean {
  for (let k = 0; k < read.length; k += 2)
    if (read[k] === a.start && read[k + 1] === a.end) return true;
  return false;
}

/** Whether token `at` is inside a figure of killed and injured together. */
function insideKilledOrInjured(found: readonly FigureMention[], at: number): boolean {
  for (const g of found)
    if (g.measure === 'killed_or_injured' && g.start < at && at < g.end) return true;
  return false;
}

/** The first of `anchors` that starts at or after token `at`. */
function firstStartingFrom(
  anchors: readonly Annotation<MeasureEntry>[],
  at: number,
): Annotation<MeasureEntry> | undefined {
  for (const a of anchors) if (a.start >= at) return a;
  return undefined;
}

/**
 * The victims a later «آخر», «آخرون» refers to. A figure that names no one
 * («قتل 3») leaves the last ones standing; one that names a kind of people
 * without their group («مهاجما انتحاريا») replaces them.
 */
function remember(state: FigureState, f: FigureMention): void {
  if (f.victim === null && f.victimClass === null) return;
  state.lastVictim = f.victim;
  state.lastVictimClass = f.victimClass === 'other' ? state.lastVictimClass : f.victimClass;
}

/** «مقتل عنصرين وجرح 5 من أفراد الدورية»: joined figures share the group named after the last. */
function shareVictims(analysis: Analysis, figures: FigureMention[]): FigureMention[] {
  for (let k = figures.length - 2; k >= 0; k--) {
    const f = figures[k];
    const next = figures[k + 1];
    if (f === undefined || next === undefined || f.victim !== null || next.victim === null)
      continue;
    // Attackers are of the side that attacked, known only once the incident's actors are.
    if (f.victimClass === 'attacker') continue;
    const gap = next.start - f.end;
    // «عدد من القتلى والجرحى في صفوف…»: joint nouns share their count words, so their figures overlap.
    const joinedByAnd =
      gap < 0 ||
      (gap === 0
        ? analysis.tokens[next.start]?.text.startsWith('و') === true
        : gap === 1 && analysis.tokens[f.end]?.text === 'و');
    if (joinedByAnd)
      figures[k] = sameShape({
        ...f,
        victim: next.victim,
        rules: [...f.rules, because('figures/joined-figures-share-their-victims')],
      });
  }
  return shareForward(analysis, figures);
}

/** Words that join a figure to the one before it: «و», «إضافة إلى», «إلى جانب». */
const JOINING = new Set(['و', ',', 'الي', 'جانب', 'اضافه', 'بالاضافه', 'فضلا', 'عن']);

/**
 * «ثمانية قتلى من الفيلق الخامس، إلى جانب 20 جريحاً»: a casualty count that names
 * no people of its own, joined to one that names them, counts the same side.
 */
function shareForward(analysis: Analysis, figures: FigureMention[]): FigureMention[] {
  for (let k = 1; k < figures.length; k++) {
    const f = figures[k];
    const previous = figures[k - 1];
    if (f === undefined || previous === undefined) continue;
    if (f.victim !== null || f.victimClass !== null || previous.victim === null) continue;
    if (f.measure === previous.measure || f.start - previous.end > 3) continue;
    const between = analysis.tokens.slice(previous.end, f.start);
    if (!between.every((t) => JOINING.has(t.text))) continue;
    figures[k] = sameShape({
      ...f,
      victim: previous.victim,
      rules: [...f.rules, because('figures/joined-figures-share-their-victims')],
    });
  }
  return figures;
}

/**
 * The figures of each clause, in the order the report tells them: numbers read
 * once, and «آخرون» pointing back to the victims last counted. A grievance's
 * counts («احتجاجاً على اعتقال المئات») are not the protest's.
 */
export function figuresByClause(
  analysis: Analysis,
  entities: readonly EntityMention[],
  clauses: readonly { readonly start: number; readonly end: number }[],
  grievances: readonly { readonly start: number; readonly end: number }[],
  places: readonly { readonly start: number; readonly end: number }[] = [],
): FigureMention[][] {
  // Filed in a loop: a Map made from a list of pairs walks them through the iterator protocol.
  const placeEnds = new Map<number, number>();
  for (const p of places) placeEnds.set(p.start, p.end);
  const state: FigureState = {
    consumed: new Set(),
    lastMeasure: null,
    lastFigure: null,
    lastVictim: null,
    lastVictimClass: null,
  };
  const byClause: FigureMention[][] = [];
  for (const clause of clauses) {
    const kept: FigureMention[] = [];
    for (const f of findFigures(analysis, entities, state, placeEnds, clause))
      if (!insideSome(grievances, f.start)) kept.push(f);
    byClause.push(kept);
  }
  return byClause;
}

/** Whether token `at` lies inside one of the spans. */
function insideSome(
  spans: readonly { readonly start: number; readonly end: number }[],
  at: number,
): boolean {
  for (const z of spans) if (at >= z.start && at < z.end) return true;
  return false;
}
