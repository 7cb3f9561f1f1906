import { CIVILIAN_SIDE, idForDay } from '../../lexicon/index.js';
import type { TriggerEntry } from '../../lexicon/index.js';
import { readNumber, wordKey, WordTest } from '../../text/index.js';
import type { Analysis, Annotation, Clause, RuleUse, WordSet } from '../01-read/index.js';
import {
  AGAINST,
  AGENT_MARKERS,
  BETWEEN,
  COUNTERPART,
  FORCE_NOUNS,
  LIGHT_VERBS,
  OBJECT_FIRST,
  OWNED_BY,
  COUNT_OPENERS,
  TARGETING,
  SUBJECT_SKIP,
  TARGET_MARKERS,
  endsOf,
  endsWithPhrase,
  firstFrom,
  inADate,
  isIn,
} from '../01-read/index.js';
import type { EntityMention } from '../02-speakers/index.js';
import type { AttributedFigure } from '../04-figures/index.js';

/** How many words («اليوم», «في بيان رسمي», «، عبر معرفاتها الرسمية،») may stand between a speaker and the act it announces. */
const ANNOUNCED_REACH = 6;

/** One rule's vote for an actor as the doer (actor1) or the target (actor2). */
export interface Vote extends RuleUse {
  readonly side: 'actor1' | 'actor2';
}

/** An actor named in a clause, weighed as the doer (actor1) or the target (actor2). */
export interface RoleCandidate {
  readonly entity: EntityMention;
  readonly id: string;
  readonly asActor1: number;
  readonly asActor2: number;
  readonly votes: readonly Vote[];
}

/** What roles are weighed with: the report's actors and who among them speaks. */
export interface RoleInputs {
  readonly analysis: Analysis;
  readonly entities: readonly EntityMention[];
  readonly speakers: ReadonlySet<number>;
  /** Whether a token is among the words that name and describe a speaker («قناة المنار التابعة لحزب الله»). */
  readonly describesSpeaker: (token: number) => boolean;
}

// Patterns made once, not at every call: a pattern written in a function is a new object each time it runs.
const CONJUNCTION = /^[وف]/;
/** The clitics a verb never takes: «ب», «ل», the article. */
const NOUN_CLITIC = /^(?:ب|ل|ال)/;
/** A preposition written on a word: «ب», «ل», «ف». */
const OWN_PREPOSITION = /^[بلف]/;
/** «لـ» on a word, after «و» or «ف». */
const LAM_CLITIC = /^[وف]?(?:لل|ل)/;

function vote(side: Vote['side'], rule: string, score: number): Vote {
  // Written out, not `{ ...because(rule, score), side }`: V8 builds a spread that
  // gains a field on a path forty times slower, and votes are cast for every actor.
  return { rule, score, side };
}

function candidate(entity: EntityMention, id: string, votes: readonly Vote[]): RoleCandidate {
  // Summed in one walk, in the votes' order (as a filter then a sum added them): no list made per side.
  let asActor1 = 0;
  let asActor2 = 0;
  for (const v of votes) {
    if (v.side === 'actor1') asActor1 += v.score;
    else asActor2 += v.score;
  }
  return { entity, id, asActor1, asActor2, votes };
}

/** «مواجهات عنيفة مع X»: how far after a fight's word its other side may be named. */
const COUNTER_REACH = 4;

/**
 * «توجهت دورية للأمن العسكري إلى بلدة جاسم قبل أن تعتقل شابين», «مجموعة لتنظيم
 * داعش هاجمت الحاجز»: a force named before any act of its clause, «لـ» saying
 * whose it is, is the one that acts; after the act («استهدفت عبوة دورية للأمن»)
 * or before a verb it undergoes («تعرضت دورية لـ…») it is the target.
 */
function forceBeforeItsAct(
  analysis: Analysis,
  at: number,
  triggers: readonly Annotation<TriggerEntry>[],
): boolean {
  if (!hasLamClitic(analysis, at) || !isIn(FORCE_NOUNS, analysis, at - 1)) return false;
  const cues = analysis.annotations.cues;
  let undergoes = false;
  for (let k = firstFrom(cues, at - 3); k < cues.length && !undergoes; k++) {
    const c = cues[k];
    if (c === undefined || c.start >= at) break;
    undergoes = c.entry.cue === 'clause_verb';
  }
  return !undergoes && triggers.length > 0 && triggers.every((t) => t.start > at);
}

/**
 * Weighs each actor named in a clause as doer and as target, from the words
 * around it: «على يد», «برصاص», «نفذه» before a doer; «على», «ضد», «استهداف»
 * before a target; «بين X و Y»; an actor right after a verb is its subject,
 * right after «اغتيال» its object; victims of the clause's figures are targets.
 */
export function weighRoles(
  inputs: RoleInputs,
  clause: Clause,
  triggers: readonly Annotation<TriggerEntry>[],
  figures: readonly AttributedFigure[],
): RoleCandidate[] {
  const { analysis, speakers, describesSpeaker } = inputs;
  // A group named only to say who a speaker is («قناة المنار التابعة لحزب الله») takes no part.
  // One walk over the actors starting in the clause, not a list of them then a filtered copy.
  const inClause: EntityMention[] = [];
  const entities = inputs.entities;
  for (let k = firstFrom(entities, clause.start); k < entities.length; k++) {
    const e = entities[k];
    if (e === undefined || e.start >= clause.end) break;
    if (
      e.end <= clause.end &&
      e.actor !== null &&
      (speakers.has(e.start) || !describesSpeaker(e.start))
    )
      inClause.push(e);
  }
  const candidates: RoleCandidate[] = [];
  // Most clauses name no actor: they are answered before their words are read.
  if (inClause.length === 0) return candidates;
  const betweenAt = firstOf(BETWEEN, analysis, clause.start, clause.end);
  let sideOfBetween = 0;
  for (const e of inClause) {
    const id = e.actor;
    if (id === null) continue;
    if (e.nisba && !afterWeapon(analysis, e)) continue;
    const votes: Vote[] = [];
    if (speakers.has(e.start)) {
      // «أعلنت وزارة الداخلية (اليوم) القبض على خلية…»: a force announcing an arrest as
      // the very thing it announces made it.
      if (triggers.some((t) => t.entry.role === 'arrest' && announces(analysis, e, t, inClause)))
        votes.push(vote('actor1', 'sides/speaker-announces-its-act', 2));
      // A party announcing the other side's losses is the doer: «أعلن داعش مقتل 20 من قسد».
      // One counting civilians' dead speaks of what another did («بحسب ما أفادت قسد»).
      if (
        figures.some(
          (f) =>
            f.figure.victim !== null &&
            f.figure.victim !== id &&
            !CIVILIAN_SIDE.has(f.figure.victim),
        )
      )
        votes.push(vote('actor1', 'sides/speaker-announces-others-losses', 1));
      candidates.push(candidate(e, id, votes));
      continue;
    }
    const tokens = analysis.tokens;
    if (endsWithPhrase(tokens, agentSlot(analysis, e.start), AGENT_MARKERS, 1))
      votes.push(vote('actor1', 'sides/agent-marker', 3));
    // «اعتقلت دورية من قسد…»: the patrol right after an arrest verb is who arrests, not a target.
    const arrestingPatrol = arrestJustBefore(analysis, triggers, e.start);
    const ownForce = forceBeforeItsAct(analysis, e.start, triggers);
    // «أطلقت عناصر حاجز لقوات النظام النار على…»: between a verb and its object stands the subject.
    const insideSplit = insideAnAct(triggers, e);
    if (insideSplit) votes.push(vote('actor1', 'sides/subject-inside-split-act', 3));
    else if (ownForce) votes.push(vote('actor1', 'sides/force-before-its-act', 2));
    else if (actNounAfterMarker(analysis, e.start, triggers))
      votes.push(vote('actor1', 'sides/agent-of-act-noun', 2));
    else if (!e.nisba && !arrestingPatrol && endsWithPhrase(tokens, e.start, TARGET_MARKERS, 1))
      votes.push(vote('actor2', 'sides/target-marker', 3));
    // «شنّ مقاتلو العشائر…» (verb first) and «مقاتلو العشائر شنّوا…» (subject first).
    const verb = lightVerbBefore(analysis, e.start);
    if (verb !== null && actNoun(analysis, verb)) {
      // «في قصف مدفعي لقوات النظام», «قصف لعناصر قسد»: after the act's noun, «لـ» marks who did it.
      if (lamOfGroupAt(analysis, e.start) !== null)
        votes.push(vote('actor1', 'sides/agent-of-act-noun', 2));
    } else if (verb !== null) {
      // «تصدوا لقوات الأمن»: after a verb, «لـ» marks the object, not the subject;
      // after a force noun («داهمت دورية للأسايش») it says whose the force is.
      const owned = isIn(FORCE_NOUNS, analysis, e.start - 1);
      if (hasLamClitic(analysis, e.start) && !owned)
        votes.push(vote('actor2', 'sides/object-of-light-verb', 2));
      else votes.push(vote('actor1', 'sides/subject-after-light-verb', 2));
    } else if (lightVerbAfter(analysis, e.end))
      votes.push(vote('actor1', 'sides/subject-before-light-verb', 2));
    else if (byTheActNoun(analysis, e.start, triggers))
      votes.push(vote('actor1', 'sides/agent-of-act-noun', 2));
    else if (arrestingPatrol) votes.push(vote('actor1', 'sides/patrol-after-arrest-verb', 2));
    if (betweenAt >= 0 && e.start > betweenAt && e.start <= betweenAt + 8 && sideOfBetween < 2) {
      // «اشتباكات بين X و Y»: a clash has two sides but no clear initiator.
      if (sideOfBetween === 0) votes.push(vote('actor1', 'sides/first-of-between', 1));
      else votes.push(vote('actor2', 'sides/second-of-between', 1));
      sideOfBetween++;
    }
    // The other side of a fight may be its doer or its target: the rest of the clause decides.
    const fight = fightBefore(triggers, e.start);
    if (fight && endsWithPhrase(tokens, e.start, COUNTERPART)) {
      votes.push(vote('actor1', 'sides/fight-with', 1), vote('actor2', 'sides/fight-with', 1));
    }
    // «هاجمت خلايا تابعة لتنظيم داعش»: the group a force belongs to stands where the force does.
    const at = ownedForceAt(analysis, e.start) ?? e.start;
    const triggerBefore = actJustBefore(analysis, triggers, at);
    // «الجيش طرد المسلحين»: with its subject before it, what follows the verb is its object.
    // «قتل 5 عناصر من قسد بهجوم لخلايا داعش»: the side whose dead were just counted is no subject.
    const subjectBefore =
      triggerBefore !== undefined && otherSubjectBefore(inClause, e, triggerBefore, figures);
    if (triggerBefore !== undefined) {
      if (
        isIn(OBJECT_FIRST, analysis, triggerBefore.start) ||
        // «القبض على خلية تابعة لداعش», «هجوم على مواقع…»: an act ending in «على» names its target next.
        isIn(AGAINST, analysis, at - 1) ||
        subjectBefore ||
        targetsAfterItsSubject(analysis, triggerBefore.start, clause)
      )
        votes.push(vote('actor2', 'sides/object-after-act', 2));
      else votes.push(vote('actor1', 'sides/subject-after-act', 2));
    }
    if (actJustAfter(triggers, e.end)) votes.push(vote('actor1', 'sides/before-act-word', 1.5));
    if (e.nisba) votes.push(vote('actor1', 'sides/nisba-of-weapon', 3));
    else if (ownsAircraft(analysis, e)) votes.push(vote('actor1', 'sides/owns-aircraft', 3));
    if (namedInVictims(figures, id, e.start))
      votes.push(vote('actor2', 'sides/named-in-victims', 3));
    else if (victimsCounted(figures, id)) votes.push(vote('actor2', 'sides/victims-counted', 1));
    if (id === 'CIV') votes.push(vote('actor2', 'sides/civilians-are-targets', 1));
    // «قتل ثلاثة مدنيين في قصف…»: civilians next to an act's words were struck by it, never its doers.
    const weighed = id === 'CIV' ? votes.filter((v) => v.side === 'actor2') : votes;
    candidates.push(candidate(e, id, weighed));
  }
  return candidates;
}

/**
 * Whether another actor of the clause ends right before the act `trigger`, as its
 * subject, and is not among the people a figure counts (asked of every actor
 * weighed: loops, no callbacks).
 */
function otherSubjectBefore(
  inClause: readonly EntityMention[],
  e: EntityMention,
  trigger: Annotation<TriggerEntry>,
  figures: readonly AttributedFigure[],
): boolean {
  for (const o of inClause)
    if (
      o.actor !== e.actor &&
      o.end <= trigger.start &&
      o.end >= trigger.start - 1 &&
      !countedIn(figures, o)
    )
      return true;
  return false;
}

/** Whether the actor lies inside the words of one of the figures. */
function countedIn(figures: readonly AttributedFigure[], o: EntityMention): boolean {
  for (const { figure } of figures) if (figure.start <= o.start && o.end <= figure.end) return true;
  return false;
}

/** Whether one of the figures counts the people of `id`. */
function victimsCounted(figures: readonly AttributedFigure[], id: string): boolean {
  for (const { figure } of figures) if (figure.victim === id) return true;
  return false;
}

/** «أطلقت عناصر حاجز لقوات النظام النار على…»: whether the actor stands inside an act's words. */
function insideAnAct(triggers: readonly Annotation<TriggerEntry>[], e: EntityMention): boolean {
  for (const t of triggers) if (t.start < e.start && e.end < t.end) return true;
  return false;
}

/** Whether a fight is named just before token `at`. */
function fightBefore(triggers: readonly Annotation<TriggerEntry>[], at: number): boolean {
  for (const t of triggers)
    if (t.entry.eventType === 'Battles' && t.end < at && at - t.end <= COUNTER_REACH) return true;
  return false;
}

/** The first act that ends at most two tokens before `at`, with only skippable words between. */
function actJustBefore(
  analysis: Analysis,
  triggers: readonly Annotation<TriggerEntry>[],
  at: number,
): Annotation<TriggerEntry> | undefined {
  for (const t of triggers)
    if (t.end <= at && at - t.end <= 2 && skippable(analysis, t.end, at)) return t;
  return undefined;
}

/** «اعتقلت دورية من قسد…»: whether an arrest verb ends at most three tokens before `at`, its subject next. */
function arrestJustBefore(
  analysis: Analysis,
  triggers: readonly Annotation<TriggerEntry>[],
  at: number,
): boolean {
  for (const t of triggers) {
    if (t.entry.role !== 'arrest' || t.end >= at || t.end < at - 3) continue;
    if (isIn(OBJECT_FIRST, analysis, t.start)) continue;
    // «إلقاء القبض على مجموعة تابعة لـ…»: after «على» comes who was arrested.
    if (!againstIn(analysis, t.end - 1, at)) return true;
  }
  return false;
}

/** Whether «على» or «ضد» (AGAINST) stands at a token of `[from, to)`. */
function againstIn(analysis: Analysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isIn(AGAINST, analysis, k)) return true;
  return false;
}

/** Whether an act starts at `end` or one token after it. */
function actJustAfter(triggers: readonly Annotation<TriggerEntry>[], end: number): boolean {
  for (const t of triggers) if (t.start >= end && t.start - end <= 1) return true;
  return false;
}

/** Whether token `at` names the victims of one of the figures (or just follows them), counted as `id`. */
function namedInVictims(figures: readonly AttributedFigure[], id: string, at: number): boolean {
  for (const { figure } of figures)
    if (figure.victim === id && at >= figure.start && at < figure.end + 2) return true;
  return false;
}

/** The first token in `[from, to)` that is one of the words of `set`, -1 when none is. */
function firstOf(set: WordSet, analysis: Analysis, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isIn(set, analysis, i)) return i;
  return -1;
}

/**
 * «غارة استهدفت قوات النظام», «واستهدفت قوات النظام»: a targeting verb that does
 * not open its clause has its subject before it, so what follows is its target.
 */
function targetsAfterItsSubject(analysis: Analysis, at: number, clause: Clause): boolean {
  if (!isIn(TARGETING, analysis, at)) return false;
  const verb = analysis.tokens[at];
  if (verb === undefined) return false;
  if (verb.text.startsWith('و') && verb.keys.includes(verb.text.slice(1))) return true;
  if (at === clause.start) return false;
  const before = analysis.tokens[at - 1];
  return before?.kind === 'word' && !isIn(COUNT_OPENERS, analysis, at - 1);
}

/** «برصاص عناصر من الأمن العام»: where a doer's marker would end, past the force words before the name. */
function agentSlot(analysis: Analysis, start: number): number {
  let k = start;
  if (analysis.tokens[k - 1]?.text === 'من' && isIn(FORCE_NOUNS, analysis, k - 2)) k -= 2;
  return k;
}

/**
 * «بعد يوم على سيطرة قوات النظام على الحي», «ردا على قصف قوات النظام»: an act's
 * noun right before the actor, behind a target word, makes the actor its doer.
 */
function actNounAfterMarker(
  analysis: Analysis,
  at: number,
  triggers: readonly Annotation<TriggerEntry>[],
): boolean {
  if (!endsWithPhrase(analysis.tokens, at - 1, TARGET_MARKERS)) return false;
  return triggers.some(
    (t) =>
      t.start === at - 1 &&
      t.end === at &&
      t.entry.strength >= 1 &&
      !isIn(OBJECT_FIRST, analysis, t.start) &&
      !endsWithPhrase(analysis.tokens, at, TARGET_MARKERS),
  );
}

/** «خلايا تابعة لـX», «قناص تابع لـX»: where the force owned by the group at `start` is named. */
function ownedForceAt(analysis: Analysis, start: number): number | null {
  if (!hasLamClitic(analysis, start) || !isIn(OWNED_BY, analysis, start - 1)) return null;
  const head = analysis.tokens[start - 2];
  return head?.kind === 'word' ? start - 2 : null;
}

/** «طائرة مسيرة (انتحارية) تابعة لـX»: the group a drone belongs to flies it. */
function ownsAircraft(analysis: Analysis, e: EntityMention): boolean {
  if (!isIn(OWNED_BY, analysis, e.start - 1)) return false;
  // The three tokens before the actor, in a loop: asked of every actor weighed.
  const airEnds = endsOf(analysis.annotations.airCues);
  for (let at = e.start - 3; at < e.start; at++) if (airEnds.has(at)) return true;
  return false;
}

/**
 * «اعتقلت قوات من الاحتلال…»: a light verb before the actor, past the force
 * words that carry it, one word apart at most; the index of its last word.
 */
function lightVerbBefore(analysis: Analysis, start: number): number | null {
  let k = start;
  while (k > start - 3 && isIn(FORCE_NOUNS, analysis, k - 1)) k--;
  for (let gap = 0; gap <= 1; gap++)
    if (endsWithPhrase(analysis.tokens, k - gap, LIGHT_VERBS)) return k - gap - 1;
  return null;
}

function lightVerbAfter(analysis: Analysis, end: number): boolean {
  for (let k = end + 1; k <= end + 3; k++)
    if (endsWithPhrase(analysis.tokens, k, LIGHT_VERBS) && !actNoun(analysis, k - 1)) return true;
  return false;
}

/** Words before a verbal noun: «في قصف», «جراء هجوم», «إثر قصف». */
const BEFORE_ACT_NOUN: ReadonlySet<string> = new Set(
  ['في', 'جراء', 'إثر', 'اثر', 'نتيجة', 'عن', 'من', 'بعد', 'خلال', 'عقب', 'بسبب', 'أثناء'].map(
    wordKey,
  ),
);

/**
 * Whether a light verb's word at i is the act's noun («في قصف مدفعي», «بقصف»,
 * «القصف») rather than the verb («قصفت قوات النظام»): a preposition before it,
 * or a clitic the verb never takes.
 */
function actNoun(analysis: Analysis, i: number): boolean {
  const t = analysis.tokens[i];
  if (t === undefined) return false;
  const before = analysis.tokens[i - 1];
  if (before !== undefined && BEFORE_ACT_NOUN.has(before.keys[0] ?? '')) return true;
  return WITH_NOUN_CLITIC.of(t);
}

/**
 * Whether a word carries a clitic a verb never takes («بقصف», «القصف») and is no
 * light verb of one word without it: worked out once per word, as cutting the
 * conjunction off makes a new string.
 */
const WITH_NOUN_CLITIC = new WordTest((t) => {
  const bare = t.text.replace(CONJUNCTION, '');
  return NOUN_CLITIC.test(bare) && !isOneWordLightVerb(wordKey(bare));
});

/** Whether the word of this key is, alone, one of the light verbs («شن», «عمدت»). */
function isOneWordLightVerb(key: string): boolean {
  const phrases = LIGHT_VERBS.get(key);
  if (phrases === undefined) return false;
  for (const phrase of phrases) if (phrase.length === 1) return true;
  return false;
}

/**
 * «تعرضت البلدة لقصف مدفعي عنيف لقوات النظام», «بغارة جوية للطيران الروسي»: «لـ»
 * after an act's noun and its adjectives marks who did it.
 */
function byTheActNoun(
  analysis: Analysis,
  at: number,
  triggers: readonly Annotation<TriggerEntry>[],
): boolean {
  const lam = lamOfGroupAt(analysis, at);
  if (lam === null) return false;
  return triggers.some((t) => {
    if (t.end > lam || lam - t.end > 2 || t.entry.strength < 2) return false;
    if (!actNoun(analysis, t.start) || isIn(OBJECT_FIRST, analysis, t.start)) return false;
    // «القبض على خلية تابعة لداعش»: after «على» comes the act's target and whose it is.
    if (isIn(AGAINST, analysis, t.end - 1)) return false;
    // Adjectives only between them: no word with a preposition of its own, no punctuation.
    for (let k = t.end; k < lam; k++) {
      const w = analysis.tokens[k];
      if (w?.kind !== 'word' || OWN_PREPOSITION.test(w.text) || w.text === 'في') return false;
    }
    return true;
  });
}

/**
 * «أعلنت الوزارة (في بيان رسمي) القبض على…»: the act is the very thing
 * the speaker announces when only asides stand between them, no other group
 * and no other act.
 */
function announces(
  analysis: Analysis,
  speaker: EntityMention,
  act: Annotation<TriggerEntry>,
  named: readonly EntityMention[],
): boolean {
  if (act.start < speaker.end || act.start > speaker.end + ANNOUNCED_REACH) return false;
  if (named.some((o) => o !== speaker && o.start >= speaker.end && o.start < act.start))
    return false;
  // No act named between them: the first trigger from the speaker's end starts at the act or past it.
  const triggers = analysis.annotations.triggers;
  return (triggers[firstFrom(triggers, speaker.end)]?.start ?? Infinity) >= act.start;
}

/**
 * Where the «لـ» of a group named at `at` is: on the name («لقوات النظام») or
 * on the force noun that carries it («لعناصر قسد», «لخلايا داعش»); null if none.
 */
function lamOfGroupAt(analysis: Analysis, at: number): number | null {
  if (hasLamClitic(analysis, at)) return at;
  return isIn(FORCE_NOUNS, analysis, at - 1) && hasLamClitic(analysis, at - 1) ? at - 1 : null;
}

/**
 * Whether a word carries «لـ», read without it among its keys: worked out once
 * per word, where the clitic was cut off the word's text (a new string) at
 * every token asked, for each actor of each clause.
 */
const WITH_LAM_CLITIC = new WordTest((t) => {
  const bare = t.text.replace(LAM_CLITIC, '');
  return bare !== t.text && bare.length >= 2 && t.keys.includes(wordKey(bare));
});

function hasLamClitic(analysis: Analysis, i: number): boolean {
  const t = analysis.tokens[i];
  return t !== undefined && WITH_LAM_CLITIC.of(t);
}

function skippable(analysis: Analysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = analysis.tokens[k];
    if (t === undefined) return false;
    if (t.kind === 'punct') return false;
    // «غارات عدة لطيران التحالف», «شنت يوم أمس خمس طائرات…»: times and counts may stand
    // between; «إلقاء القبض على…» a preposition that puts the target next.
    if (
      t.kind === 'word' &&
      !isIn(SUBJECT_SKIP, analysis, k) &&
      !isIn(AGAINST, analysis, k) &&
      readNumber(analysis.tokens, k) === null &&
      !inADate(analysis, k)
    )
      return false;
  }
  return true;
}

/** «طائرة مسيرة تركية», «الغارات الأمريكية»: a nisba names an actor right after a weapon or force word. */
function afterWeapon(analysis: Analysis, e: EntityMention): boolean {
  if (isIn(FORCE_NOUNS, analysis, e.start - 1) && !isIn(BETWEEN, analysis, e.start - 1))
    return true;
  const near = (list: readonly { end: number }[]): boolean => {
    const ends = endsOf(list);
    return ends.has(e.start) || ends.has(e.start - 1);
  };
  return (
    near(analysis.annotations.triggers) ||
    near(analysis.annotations.airCues) ||
    near(analysis.annotations.entities)
  );
}

/** The armed side a claimant speaks for on the report's day: itself, or the party whose media it is. */
export function sideOf(analysis: Analysis, claimant: string): string | null {
  if (analysis.lexicon.actors.has(claimant)) return claimant;
  const info = analysis.lexicon.claimants.get(claimant);
  return info === undefined ? null : idForDay(info.partyOf, analysis.published);
}

/**
 * «أعلن تنظيم داعش عبر وكالة أعماق عن مقتل 20 عنصراً من قسد»: a party that
 * announces the other side's losses is claiming the act. Its own media speak for
 * it (Amaq for ISIS, the state news agency for the government of the day).
 */
export function partyClaims(
  analysis: Analysis,
  figures: readonly AttributedFigure[],
): RoleCandidate[] {
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
    out.push(candidate(entity, party, [vote('actor1', 'sides/party-announces-losses', 1)]));
  }
  return out;
}
