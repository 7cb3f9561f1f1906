import type { ResolvedPlace } from '../gazetteer/index.js';
import { idForDay } from '../lexicon/index.js';
import type { TriggerEntry } from '../lexicon/index.js';
import type { DateExpression } from '../text/index.js';
import { daysBetween, readNumber, wordKey } from '../text/index.js';
import type { Analysis, Annotation } from './analysis.js';
import { hasCue, textOf, within } from './analysis.js';
import type { Attribution, Source } from './attribution.js';
import type { Clause } from './clauses.js';
import type { EntityMention } from './entities.js';
import type { FigureMention } from './figures.js';
import {
  AFTER,
  AGENT_MARKERS,
  ALREADY,
  REFERENCE_BEFORE,
  ANOTHER,
  FORCE_NOUNS,
  WAS,
  BETWEEN,
  COUNTERPART,
  LIGHT_VERBS,
  OBJECT_FIRST,
  OWNED_BY,
  RESIDENTS,
  SIMULTANEOUS,
  SUBJECT_SKIP,
  TARGET_MARKERS,
  endsWithPhrase,
} from './grammar.js';

/** A figure with the source that states it. */
export interface AttributedFigure {
  readonly figure: FigureMention;
  readonly source: Source;
}

/** An actor named in a clause, weighed as the doer (actor1) or the target (actor2). */
export interface RoleCandidate {
  readonly entity: EntityMention;
  readonly id: string;
  readonly asActor1: number;
  readonly asActor2: number;
}

/** What one clause reports: the raw material of incidents. */
export interface EventMention {
  readonly clause: Clause;
  readonly triggers: readonly Annotation<TriggerEntry>[];
  /** The strongest trigger's strength, 0 when the clause only states casualties. */
  readonly strength: number;
  readonly figures: readonly AttributedFigure[];
  readonly places: readonly ResolvedPlace[];
  readonly date: DateExpression | null;
  readonly roles: readonly RoleCandidate[];
  readonly background: boolean;
  readonly tally: boolean;
  /** Ongoing or general («تشهد المنطقة اشتباكات يومية»): no single act. */
  readonly habitual: boolean;
  /**
   * A different act from the one before: `explicit` when the text says so («في
   * عملية أخرى», «صاروخ آخر», «إثر المجزرة قصفت…»), `opener` when the clause only
   * opens with «كما», which a definite act noun can still tie to the last act.
   */
  readonly newAct: 'no' | 'opener' | 'explicit';
  /** Acts the clause points back to («عقب الاشتباكات»), as context. */
  readonly references: readonly Annotation<TriggerEntry>[];
  /** The clause names an act already mentioned («الانفجار», «الهجوم», «الحادثة»). */
  readonly anaphoric: boolean;
  /** The clause points back to an act told before («عقب الاشتباكات», «الحادثة وقعت…»). */
  readonly refersBack: boolean;
  readonly suicide: boolean;
  readonly air: boolean;
  /** Who tells of the act: the claimant speaking at its first trigger, null for the outlet. */
  readonly teller: string | null;
  /**
   * Names neither a day nor a place of its own: «وكان انفجار قد هز السوق» may be
   * the act already told, retold in the past tense.
   */
  readonly retelling: boolean;
  /** The armed side the teller speaks for («مصدر في الفرقة الساحلية» for the FSA), if any. */
  readonly tellerSide: string | null;
}

const BACKGROUND_DAYS = 7;

function keys(analysis: Analysis, i: number): readonly string[] {
  return analysis.tokens[i]?.keys ?? [];
}

function isIn(set: ReadonlySet<string>, analysis: Analysis, i: number): boolean {
  return keys(analysis, i).some((k) => set.has(k));
}

/** Triggers that only describe («التي حررت المنطقة»), are denied («لم يسفر») or only intended («تمهيدا لتحرير»). */
function effectiveTriggers(analysis: Analysis, clause: Clause): Annotation<TriggerEntry>[] {
  const cues = within(analysis.annotations.cues, clause.start, clause.end);
  return within(analysis.annotations.triggers, clause.start, clause.end).filter((t) => {
    // «هيئة تحرير الشام»: a word of an actor's name names no act.
    if (
      analysis.annotations.entities.some(
        (e) => e.start <= t.start && e.end >= t.end && e.end - e.start > t.end - t.start,
      )
    )
      return false;
    // «طائرة مسيرة انتحارية» crashes into its target: an air strike, not a suicide bombing.
    if (
      t.entry.subEventType === 'Suicide bomb' &&
      analysis.annotations.airCues.some((a) => a.end === t.start)
    )
      return false;
    const before = (cue: string, reach: number): boolean =>
      cues.some((c) => c.entry.cue === cue && c.end <= t.start && c.end >= t.start - reach);
    if (before('descriptive', 1)) return false;
    // «الخاضعة لسيطرة الفصائل»: control named to describe a place is no act of taking it.
    if (cues.some((c) => c.entry.cue === 'descriptive' && c.start <= t.start && c.end >= t.end))
      return false;
    if (before('negation', 2)) return false;
    if (before('hypothetical', 3)) return false;
    if (before('habitual', 4)) return false;
    // «قصفا تركيا مستمرا»: an ongoing adjective after the act makes it a running situation.
    if (cues.some((c) => c.entry.cue === 'ongoing' && c.start >= t.end && c.start <= t.end + 2))
      return false;
    return true;
  });
}

/** «تشهد المنطقة اشتباكات يومية»: a general situation rather than an act, when its cue leads the clause. */
function isHabitual(analysis: Analysis, clause: Clause): boolean {
  const first = within(analysis.annotations.triggers, clause.start, clause.end)[0];
  return within(analysis.annotations.cues, clause.start, clause.end).some(
    (c) => c.entry.cue === 'habitual' && (first === undefined || c.start < first.start),
  );
}

/**
 * A clause continuing a general situation («تصاعدت مؤخرا الانتهاكات…، فضلا عن
 * اعتقال أشخاص») is general too, unless it names its own day; so is one told as
 * happening alongside it («تشهد المنطقة قصفاً مستمراً، بالتزامن مع قصف…»).
 */
export function inheritHabitual(
  analysis: Analysis,
  mentions: readonly EventMention[],
): EventMention[] {
  const out: EventMention[] = [];
  for (const m of mentions) {
    // A chain of clauses goes on being general: each looks at the one before as read.
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      previous.habitual &&
      previous.clause.sentence === m.clause.sentence &&
      (!m.clause.opensNewAct || alongside(analysis, m.clause)) &&
      m.date === null;
    out.push(continues ? { ...m, habitual: true } : m);
  }
  return out;
}

function alongside(analysis: Analysis, clause: Clause): boolean {
  return SIMULTANEOUS.has(textOf(analysis, clause.start, clause.start + 2));
}

/** Sentences a past act told at length may run on without a date of its own. */
const PAST_NARRATIVE_SENTENCES = 2;

/**
 * «فقد تم تطويق التريمسة فجر يوم 12/7/2012 … فحوصرت التريمسة من الجهة
 * الشمالية…»: a past act told at length goes on in the clauses after it that
 * give no date of their own and quote no one's count (a quoted count is about
 * the news); «استمر القصف…» there is the past act's shelling.
 */
export function inheritBackground(mentions: readonly EventMention[]): EventMention[] {
  let pastSentence: number | null = null;
  return mentions.map((m) => {
    const sentence = m.clause.sentence.index;
    if (m.date !== null) {
      pastSentence = m.background ? sentence : null;
      return m;
    }
    if (m.background) {
      pastSentence = pastSentence === null ? null : sentence;
      return m;
    }
    const quoted = m.figures.some((f) => f.source.claimant !== null);
    const continues =
      pastSentence !== null && sentence - pastSentence <= PAST_NARRATIVE_SENTENCES && !quoted;
    if (!continues) return m;
    pastSentence = sentence;
    return { ...m, background: true };
  });
}

/** Dates that say when the act happened, not when it was reported or how long a tally runs. */
function eventDate(
  analysis: Analysis,
  clause: Clause,
  triggers: readonly Annotation<TriggerEntry>[],
): DateExpression | null {
  const dates = analysis.dates.filter((d) => d.start >= clause.start && d.end <= clause.end);
  const main = [...triggers].sort((a, b) => b.entry.strength - a.entry.strength)[0];
  if (main === undefined || dates.length <= 1)
    return dates.find((d) => d.precision === 'day') ?? dates[0] ?? null;
  // Several dates: the one nearest the main act («سيطر … بعد قصف … منذ ليل أمس» is not the day of the capture).
  const distance = (d: DateExpression): number =>
    Math.min(Math.abs(d.start - main.end), Math.abs(main.start - d.end));
  return [...dates].sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/** «كانت X قد + verb»: the pluperfect tells of an earlier act, unless it governs a report («وكان المرصد قد أفاد»). */
function isPluperfect(analysis: Analysis, clause: Clause): boolean {
  for (let i = clause.start; i < clause.end; i++) {
    if (!isIn(WAS, analysis, i)) continue;
    for (let k = i + 1; k < Math.min(clause.end, i + 7); k++) {
      if (!isIn(ALREADY, analysis, k)) continue;
      const reports = analysis.annotations.attribution.some(
        (a) =>
          a.start === k + 1 &&
          (a.entry.attribution === 'verb' || a.entry.attribution === 'continuation'),
      );
      return !reports;
    }
  }
  return false;
}

function isBackground(analysis: Analysis, clause: Clause, date: DateExpression | null): boolean {
  // «يصادف اليوم الذكرى السنوية لمجزرة…»: today's date is the anniversary's, the act is past.
  if (hasCue(analysis, 'anniversary', clause.start, clause.end)) return true;
  const pub = analysis.published;
  if (date?.to != null && pub !== null) {
    const age = daysBetween(date.to, pub);
    if (date.precision === 'week' && date.kind === 'period') return true;
    if (age > BACKGROUND_DAYS) return true;
    if (age >= -1) return false;
  }
  if (isPluperfect(analysis, clause)) return true;
  const cues = within(analysis.annotations.cues, clause.start, clause.end).filter(
    (c) => c.entry.cue === 'background',
  );
  // «وكان المرصد أفاد…»: the past tense governs the report, not the act.
  const reporting = within(analysis.annotations.attribution, clause.start, clause.end).filter(
    (a) => a.entry.attribution === 'verb' || a.entry.attribution === 'continuation',
  );
  return cues.some((c) => !reporting.some((r) => r.start >= c.end));
}

/** «الحادثة وقعت…», «العملية»: a definite noun that names an act already told. */
function namesToldAct(analysis: Analysis, clause: Clause): boolean {
  return within(analysis.annotations.cues, clause.start, clause.end).some(
    (c) =>
      c.entry.cue === 'event_reference' &&
      /^[وفبل]?(?:ال|لل)/.test(analysis.tokens[c.start]?.text ?? ''),
  );
}

/**
 * How strongly a trigger names an act here: «استهدفت» with an aircraft named is an
 * air strike; «سيطرة X على Y» a capture, where «سيطرة» alone may be a state of control.
 */
function strengthOf(analysis: Analysis, clause: Clause, t: Annotation<TriggerEntry>): number {
  const air = analysis.annotations.airCues.some(
    (c) => c.start >= clause.start && c.end <= clause.end,
  );
  if (t.entry.role === 'strike' && air) return 2;
  if (t.entry.role === 'territory' && t.entry.strength === 1) {
    for (let k = t.end; k < Math.min(clause.end, t.end + 5); k++) {
      if (analysis.tokens[k]?.keys.includes('علي') === true) return 2;
    }
  }
  // «شنت فصائل المعارضة هجوماً على الحواجز»: a generic attack word, launched at something, is an act.
  if (t.entry.tags.includes('clash') && t.entry.strength === 1 && launchedAt(analysis, clause, t))
    return 2;
  return t.entry.strength;
}

/** How far a light verb may stand before its object («شنت فصائل المعارضة السورية هجوماً»). */
const LAUNCH_REACH = 5;

function launchedAt(analysis: Analysis, clause: Clause, t: Annotation<TriggerEntry>): boolean {
  let launched = false;
  for (let k = Math.max(clause.start + 1, t.start - LAUNCH_REACH); k <= t.start; k++)
    if (endsWithPhrase(analysis.tokens, k, LIGHT_VERBS)) launched = true;
  const on = [t.end, t.end + 1].some((k) => analysis.tokens[k]?.keys.includes('علي') === true);
  return launched && on;
}

/** «إثر ارتكاب المجزرة قصفت…»: an act of its own, told as coming after one told before. */
function followsTold(
  analysis: Analysis,
  references: readonly Annotation<TriggerEntry>[],
  triggers: readonly Annotation<TriggerEntry>[],
): boolean {
  const after = references.some(
    (r) => isIn(AFTER, analysis, r.start - 1) || isIn(AFTER, analysis, r.start - 2),
  );
  return after && triggers.some((t) => t.entry.strength >= 2);
}

/** «المجزرة», «ارتكاب المجزرة»: an act noun made definite anywhere in its phrase. */
function definiteWithin(analysis: Analysis, t: Annotation<TriggerEntry>): boolean {
  for (let i = t.start; i < t.end; i++) if (isDefinite(analysis, i)) return true;
  return false;
}

function isDefinite(analysis: Analysis, i: number): boolean {
  return /^[وفبل]?(?:ال|لل)/.test(analysis.tokens[i]?.text ?? '');
}

/** The clause's main act is one told before: its first strong act noun is definite («الانفجار أدى…»). */
function isAnaphoric(analysis: Analysis, triggers: readonly Annotation<TriggerEntry>[]): boolean {
  const main = triggers.find((t) => t.entry.strength >= 2) ?? triggers[0];
  return main !== undefined && isDefinite(analysis, main.start);
}

/**
 * «شاب من أهالي بلدة X قتل في Y» names where a victim came from; «خرج أهالي
 * مدينة X في مظاهرة» names where a protest was: its people protest at home.
 */
function protestersHome(
  analysis: Analysis,
  triggers: readonly Annotation<TriggerEntry>[],
  places: readonly ResolvedPlace[],
): readonly ResolvedPlace[] {
  if (!triggers.some((t) => t.entry.eventType === 'Protests' && t.entry.strength >= 2))
    return places;
  return places.map((p) =>
    p.mention.origin && isIn(RESIDENTS, analysis, p.mention.start - 1)
      ? { ...p, mention: { ...p.mention, origin: false } }
      : p,
  );
}

/** «مواجهات عنيفة مع X»: how far after a fight's word its other side may be named. */
const COUNTER_REACH = 4;

/**
 * Weighs each actor named in a clause as doer and as target, from the words
 * around it: «على يد», «برصاص», «نفذه» before a doer; «على», «ضد», «استهداف»
 * before a target; «بين X و Y»; an actor right after a verb is its subject,
 * right after «اغتيال» its object; victims of the clause's figures are targets.
 */
function weighRoles(
  analysis: Analysis,
  clause: Clause,
  inputs: MentionInputs,
  triggers: readonly Annotation<TriggerEntry>[],
  figures: readonly AttributedFigure[],
): RoleCandidate[] {
  const { speakers, describesSpeaker } = inputs;
  // A group named only to say who a speaker is («قناة المنار التابعة لحزب الله») takes no part.
  const inClause = inputs.entities.filter(
    (e) =>
      e.start >= clause.start &&
      e.end <= clause.end &&
      e.actor !== null &&
      (speakers.has(e.start) || !describesSpeaker(e.start)),
  );
  const betweenAt = (() => {
    for (let i = clause.start; i < clause.end; i++) if (isIn(BETWEEN, analysis, i)) return i;
    return -1;
  })();
  const candidates: RoleCandidate[] = [];
  let sideOfBetween = 0;
  for (const e of inClause) {
    const id = e.actor;
    if (id === null) continue;
    if (e.nisba && !afterWeapon(analysis, e)) continue;
    let a1 = 0;
    let a2 = 0;
    if (speakers.has(e.start)) {
      // A party announcing the other side's losses is the doer: «أعلن داعش مقتل 20 من قسد».
      if (figures.some((f) => f.figure.victim !== null && f.figure.victim !== id)) a1 += 1;
      candidates.push({ entity: e, id, asActor1: a1, asActor2: 0 });
      continue;
    }
    const tokens = analysis.tokens;
    if (endsWithPhrase(tokens, agentSlot(analysis, e.start), AGENT_MARKERS, 1)) a1 += 3;
    // «اعتقلت دورية من قسد…»: the patrol right after an arrest verb is who arrests, not a target.
    const arrestingPatrol = triggers.some(
      (t) =>
        t.entry.role === 'arrest' &&
        t.end < e.start &&
        t.end >= e.start - 3 &&
        !isIn(OBJECT_FIRST, analysis, t.start),
    );
    if (!e.nisba && !arrestingPatrol && endsWithPhrase(tokens, e.start, TARGET_MARKERS, 1)) a2 += 3;
    // «شنّ مقاتلو العشائر…» (verb first) and «مقاتلو العشائر شنّوا…» (subject first).
    if (afterLightVerb(analysis, e.start)) {
      // «تصدوا لقوات الأمن»: after a verb, «لـ» marks the object, not the subject.
      if (hasLamClitic(analysis, e.start)) a2 += 2;
      else a1 += 2;
    } else if (lightVerbAfter(analysis, e.end)) a1 += 2;
    if (betweenAt >= 0 && e.start > betweenAt && e.start <= betweenAt + 8 && sideOfBetween < 2) {
      // «اشتباكات بين X و Y»: a clash has two sides but no clear initiator.
      if (sideOfBetween === 0) a1 += 1;
      else a2 += 1;
      sideOfBetween++;
    }
    // The other side of a fight may be its doer or its target: the rest of the clause decides.
    const fight = triggers.some(
      (t) => t.entry.eventType === 'Battles' && t.end < e.start && e.start - t.end <= COUNTER_REACH,
    );
    if (fight && endsWithPhrase(tokens, e.start, COUNTERPART)) {
      a1 += 1;
      a2 += 1;
    }
    const triggerBefore = triggers.find(
      (t) => t.end <= e.start && e.start - t.end <= 2 && skippable(analysis, t.end, e.start),
    );
    if (triggerBefore !== undefined) {
      if (isIn(OBJECT_FIRST, analysis, triggerBefore.start)) a2 += 2;
      else a1 += 2;
    }
    if (triggers.some((t) => t.start >= e.end && t.start - e.end <= 1)) a1 += 1.5;
    if (e.nisba || ownsAircraft(analysis, e)) a1 += 3;
    if (
      figures.some(
        (f) => f.figure.victim === id && e.start >= f.figure.start && e.start < f.figure.end + 2,
      )
    )
      a2 += 3;
    else if (figures.some((f) => f.figure.victim === id)) a2 += 1;
    if (id === 'CIV') a2 += 1;
    candidates.push({ entity: e, id, asActor1: a1, asActor2: a2 });
  }
  return candidates;
}

/** «برصاص عناصر من الأمن العام»: where a doer's marker would end, past the force words before the name. */
function agentSlot(analysis: Analysis, start: number): number {
  let k = start;
  if (analysis.tokens[k - 1]?.text === 'من' && isIn(FORCE_NOUNS, analysis, k - 2)) k -= 2;
  return k;
}

/** «طائرة مسيرة (انتحارية) تابعة لـX»: the group a drone belongs to flies it. */
function ownsAircraft(analysis: Analysis, e: EntityMention): boolean {
  return (
    isIn(OWNED_BY, analysis, e.start - 1) &&
    analysis.annotations.airCues.some((a) => a.end >= e.start - 3 && a.end <= e.start - 1)
  );
}

/** «اعتقلت قوات من الاحتلال…»: a light verb before the actor, past the force words that carry it. */
function afterLightVerb(analysis: Analysis, start: number): boolean {
  let k = start;
  while (k > start - 3 && isIn(FORCE_NOUNS, analysis, k - 1)) k--;
  return endsWithPhrase(analysis.tokens, k, LIGHT_VERBS, 1);
}

function lightVerbAfter(analysis: Analysis, end: number): boolean {
  for (let k = end + 1; k <= end + 3; k++)
    if (endsWithPhrase(analysis.tokens, k, LIGHT_VERBS)) return true;
  return false;
}

function hasLamClitic(analysis: Analysis, i: number): boolean {
  const t = analysis.tokens[i];
  if (t === undefined) return false;
  const bare = t.text.replace(/^[وف]?(?:لل|ل)/, '');
  return bare !== t.text && bare.length >= 2 && t.keys.includes(wordKey(bare));
}

function skippable(analysis: Analysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = analysis.tokens[k];
    if (t === undefined) return false;
    if (t.kind === 'punct' && t.text !== '"') return false;
    // «غارات عدة لطيران التحالف», «شنت يوم أمس خمس طائرات…»: times and counts may stand between.
    if (
      t.kind === 'word' &&
      !isIn(SUBJECT_SKIP, analysis, k) &&
      readNumber(analysis.tokens, k) === null &&
      !analysis.dates.some((d) => k >= d.start && k < d.end)
    )
      return false;
  }
  return true;
}

/** «طائرة مسيرة تركية», «الغارات الأمريكية»: a nisba names an actor right after a weapon or force word. */
function afterWeapon(analysis: Analysis, e: EntityMention): boolean {
  if (isIn(FORCE_NOUNS, analysis, e.start - 1) && !isIn(BETWEEN, analysis, e.start - 1))
    return true;
  const near = (list: readonly { end: number }[]): boolean =>
    list.some((a) => a.end === e.start || a.end === e.start - 1);
  return (
    near(analysis.annotations.triggers) ||
    near(analysis.annotations.airCues) ||
    near(analysis.annotations.entities)
  );
}

export interface MentionInputs {
  readonly analysis: Analysis;
  readonly entities: readonly EntityMention[];
  readonly attribution: Attribution;
  readonly speakers: ReadonlySet<number>;
  /** Whether a token is among the words that name and describe a speaker («قناة المنار التابعة لحزب الله»). */
  readonly describesSpeaker: (token: number) => boolean;
}

/**
 * «أعلن تنظيم داعش عبر وكالة أعماق عن مقتل 20 عنصراً من قسد»: a party that
 * announces the other side's losses is claiming the act. Its own media speak for
 * it (Amaq for ISIS, the state news agency for the government of the day).
 */
/** The armed side a claimant speaks for on the report's day: itself, or the party whose media it is. */
function sideOf(analysis: Analysis, claimant: string): string | null {
  if (analysis.lexicon.actors.has(claimant)) return claimant;
  const info = analysis.lexicon.claimants.get(claimant);
  return info === undefined ? null : idForDay(info.partyOf, analysis.published);
}

function partyClaims(analysis: Analysis, figures: readonly AttributedFigure[]): RoleCandidate[] {
  const out: RoleCandidate[] = [];
  for (const f of figures) {
    const claimant = f.source.claimant;
    const mention = f.source.mention;
    if (claimant === null || mention === null) continue;
    const party = sideOf(analysis, claimant);
    if (
      party === null ||
      f.figure.victim === null ||
      f.figure.victim === party ||
      f.figure.victim === 'CIV'
    )
      continue;
    if (out.some((r) => r.id === party)) continue;
    const entity: EntityMention = {
      start: mention.start,
      end: mention.end,
      actor: party,
      claimant,
      generic: false,
      nisba: false,
    };
    out.push({ entity, id: party, asActor1: 1, asActor2: 0 });
  }
  return out;
}

/** Reads one clause as an event mention. */
export function readClause(
  inputs: MentionInputs,
  clause: Clause,
  figures: readonly FigureMention[],
  places: readonly ResolvedPlace[],
): EventMention {
  const { analysis } = inputs;
  const effective = effectiveTriggers(analysis, clause);
  const teller = inputs.attribution.sourceAt(effective[0]?.start ?? clause.start).claimant;
  // «عقب الاشتباكات بدأت عملية تمشيط»: the act named after «عقب» is one told before, not this clause's.
  const references = effective.filter(
    (t) =>
      definiteWithin(analysis, t) &&
      (isIn(REFERENCE_BEFORE, analysis, t.start - 1) ||
        isIn(REFERENCE_BEFORE, analysis, t.start - 2)),
  );
  // «ارتفعت حصيلة قتلى القصف…»: a clause about an act it only names is still about that act.
  const own = effective.filter((t) => !references.includes(t));
  const triggers = own.length > 0 || figures.length === 0 ? own : references;
  const attributed = figures.map((figure) => ({
    figure,
    source: inputs.attribution.sourceAt(figure.start),
  }));
  const date = eventDate(analysis, clause, triggers);
  const hasNewActCue = analysis.annotations.cues.some(
    (c) => c.entry.cue === 'new_act' && c.start >= clause.start && c.end <= clause.end,
  );
  const sentence = clause.sentence;
  // «غارات أخرى», «هجوم آخر»: another act; but «اعتقال آخر» is another person.
  const another = triggers.some(
    (t) =>
      isIn(ANOTHER, analysis, t.end) &&
      !analysis.annotations.measures.some((m) => m.start <= t.start && m.end >= t.end),
  );
  return {
    clause,
    triggers,
    strength: Math.max(0, ...triggers.map((t) => strengthOf(analysis, clause, t))),
    figures: attributed,
    places: protestersHome(analysis, triggers, places),
    date,
    roles: [
      ...weighRoles(analysis, clause, inputs, triggers, attributed),
      ...partyClaims(analysis, attributed),
    ],
    background: isBackground(analysis, clause, date),
    retelling:
      date === null &&
      places.length === 0 &&
      !hasCue(analysis, 'new_act', clause.start, clause.end),
    tally: hasCue(analysis, 'tally', clause.start, clause.end),
    habitual: isHabitual(analysis, clause),
    newAct:
      hasNewActCue || another || followsTold(analysis, references, triggers)
        ? 'explicit'
        : clause.opensNewAct
          ? 'opener'
          : 'no',
    references,
    // «كما طالب المتظاهرون…»: a definite act noun names the act told, even where a cue mutes it.
    anaphoric:
      isAnaphoric(analysis, within(analysis.annotations.triggers, clause.start, clause.end)) ||
      namesToldAct(analysis, clause),
    refersBack: references.length > 0 || namesToldAct(analysis, clause),
    suicide: analysis.annotations.suicideCues.some(
      (c) =>
        c.start >= sentence.tokenStart &&
        c.end <= sentence.tokenEnd &&
        !analysis.annotations.airCues.some((a) => a.end === c.start),
    ),
    air: analysis.annotations.airCues.some((c) => c.start >= clause.start && c.end <= clause.end),
    teller,
    tellerSide: teller === null ? null : sideOf(analysis, teller),
  };
}
