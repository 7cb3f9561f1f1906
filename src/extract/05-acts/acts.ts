import type { CueEntry, TriggerEntry } from '../../lexicon/index.js';
import type { DateExpression } from '../../text/index.js';
import { daysBetween, firstWithMost, SERIES_ORDINALS } from '../../text/index.js';
import type { Analysis, Annotation, Clause, RuleUse } from '../01-read/index.js';
import {
  AFTER,
  anyWithin,
  because,
  cueAt,
  ALREADY,
  ANOTHER,
  SECOND,
  LIGHT_VERBS,
  REFERENCE_BEFORE,
  VERB_CLAUSE_OPENERS,
  WAS,
  endsOf,
  endsWithPhrase,
  firstFrom,
  hasCue,
  insideAName,
  isDefinite,
  isIn,
  someAt,
  within,
} from '../01-read/index.js';

/** What one clause tells of an act: its words, when, and how it stands to the acts around it. */
export interface ActReading {
  /** Where the clause first names an act (its start when it names none): who speaks there tells it. */
  readonly at: number;
  readonly triggers: readonly Annotation<TriggerEntry>[];
  /** The strongest trigger's strength, 0 when the clause only states casualties. */
  readonly strength: number;
  readonly date: DateExpression | null;
  readonly background: boolean;
  /** The rules that found it news or a past act. */
  readonly backgroundRules: readonly RuleUse[];
  readonly tally: boolean;
  /** Ongoing or general («تشهد المنطقة اشتباكات يومية»): no single act. */
  readonly habitual: boolean;
  /** The clause names a place where civilians are, not fighters («سوق», «حي سكني», «مشفى»). */
  readonly civilianSite: boolean;
  /** «محاور البلدة», «مواقع قسد»: the clause names a place where fighters are. */
  readonly militarySite: boolean;
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
  /**
   * Names neither a day nor a place of its own: «وكان انفجار قد هز السوق» may be
   * the act already told, retold in the past tense.
   */
  readonly retelling: boolean;
  /** «غارة مماثلة», «هجوم مشابه»: an act of the kind, and by the doer, of the one told before. */
  readonly likeTheActBefore: boolean;
  /** «فيما قتل 4 آخرون في بلدة كفرنبل»: more people struck, counted with no act of their own. */
  readonly othersStruck: boolean;
}

const BACKGROUND_DAYS = 7;

/**
 * The report's phrases that lie inside one clause, gathered once for the
 * clause: each question `readAct` asks of it (is it denied, habitual, a tally,
 * in the past, by air) reads the same few lists.
 */
interface InClause {
  readonly clause: Clause;
  readonly cues: readonly Annotation<CueEntry>[];
  readonly triggers: readonly Annotation<TriggerEntry>[];
  /** The words that name acts, less those inside a name («هيئة تحرير الشام»). */
  readonly acts: readonly Annotation<TriggerEntry>[];
  readonly air: boolean;
}

function inClause(analysis: Analysis, clause: Clause): InClause {
  const { cues, triggers, airCues } = analysis.annotations;
  const named = within(triggers, clause.start, clause.end);
  return {
    clause,
    cues: within(cues, clause.start, clause.end),
    triggers: named,
    acts: outsideNames(analysis, named),
    air: anyWithin(airCues, clause.start, clause.end),
  };
}

/** The triggers not inside a name, in a loop: asked of every clause, where a filter made a closure each time. */
function outsideNames(
  analysis: Analysis,
  triggers: readonly Annotation<TriggerEntry>[],
): Annotation<TriggerEntry>[] {
  const acts: Annotation<TriggerEntry>[] = [];
  for (const t of triggers) if (!insideAName(analysis, t)) acts.push(t);
  return acts;
}

/** Triggers that only describe («التي حررت المنطقة»), are denied («لم يسفر») or only intended («تمهيدا لتحرير»). */
function effectiveTriggers(analysis: Analysis, inside: InClause): Annotation<TriggerEntry>[] {
  const effective: Annotation<TriggerEntry>[] = [];
  // «هيئة تحرير الشام»: a word of an actor's name names no act.
  for (const t of inside.acts) if (isEffective(analysis, inside.cues, t)) effective.push(t);
  return effective;
}

function isEffective(
  analysis: Analysis,
  cues: readonly Annotation<CueEntry>[],
  t: Annotation<TriggerEntry>,
): boolean {
  // «طائرة مسيرة انتحارية» crashes into its target: an air strike, not a suicide bombing.
  if (t.entry.subEventType === 'Suicide bomb' && endsOf(analysis.annotations.airCues).has(t.start))
    return false;
  if (cueEndsBefore(cues, 'descriptive', t, 1)) return false;
  // «الخاضعة لسيطرة الفصائل»: control named to describe a place is no act of taking it.
  for (const c of cues)
    if (c.entry.cue === 'descriptive' && c.start <= t.start && c.end >= t.end) return false;
  if (cueEndsBefore(cues, 'negation', t, 2)) return false;
  if (cueEndsBefore(cues, 'hypothetical', t, 3)) return false;
  if (cueEndsBefore(cues, 'habitual', t, 4)) return false;
  // «قصفا تركيا مستمرا»: an ongoing adjective after the act makes it a running situation.
  for (const c of cues)
    if (c.entry.cue === 'ongoing' && c.start >= t.end && c.start <= t.end + 2) return false;
  return true;
}

/** Whether a `cue` ends at most `reach` tokens before the trigger `t` starts. */
function cueEndsBefore(
  cues: readonly Annotation<CueEntry>[],
  cue: CueEntry['cue'],
  t: Annotation<TriggerEntry>,
  reach: number,
): boolean {
  for (const c of cues)
    if (c.entry.cue === cue && c.end <= t.start && c.end >= t.start - reach) return true;
  return false;
}

/** «تشهد المنطقة اشتباكات يومية»: a general situation rather than an act, when its cue leads the clause. */
function isHabitual(inside: InClause): boolean {
  const first = inside.triggers[0];
  // A loop, not a callback: asked of every clause.
  for (const c of inside.cues)
    if (c.entry.cue === 'habitual' && (first === undefined || c.start < first.start)) return true;
  return false;
}

/** A trigger's strength as its dictionary entry gives it (1–3), before strengthOf weighs its clause. */
function listedStrength(t: Annotation<TriggerEntry>): number {
  return t.entry.strength;
}

/** Dates that say when the act happened, not when it was reported or how long a tally runs. */
function eventDate(
  analysis: Analysis,
  inside: InClause,
  triggers: readonly Annotation<TriggerEntry>[],
): DateExpression | null {
  const clause = inside.clause;
  // «يصادف اليوم الذكرى العاشرة لمجزرة … في أيار 2012»: the day before the
  // anniversary is the remembrance's; the act's date, if any, comes after it.
  const anniversary = inside.cues.find((c) => c.entry.cue === 'anniversary');
  const dates = within(analysis.dates, anniversary?.end ?? clause.start, clause.end);
  const main = firstWithMost(triggers, listedStrength);
  if (main === undefined || dates.length <= 1)
    return dates.find((d) => d.precision === 'day') ?? dates[0] ?? null;
  // Several dates: the one nearest the main act («سيطر … بعد قصف … منذ ليل أمس» is not the day of the capture).
  const distance = (d: DateExpression): number =>
    Math.min(Math.abs(d.start - main.end), Math.abs(main.start - d.end));
  return firstWithMost(dates, (d) => -distance(d)) ?? null;
}

/** «كانت X قد + verb»: the pluperfect tells of an earlier act, unless it governs a report («وكان المرصد قد أفاد»). */
function isPluperfect(analysis: Analysis, inside: InClause): boolean {
  const { clause, acts } = inside;
  for (let i = clause.start; i < clause.end; i++) {
    if (!isIn(WAS, analysis, i)) continue;
    // «قصفت الطائرات البلدة، وكانت البلدة قد شهدت…»: after the act, it tells of what came before.
    if (acts.length > 0 && acts.every((t) => t.start < i)) return false;
    for (let k = i + 1; k < Math.min(clause.end, i + 7); k++) {
      if (!isIn(ALREADY, analysis, k)) continue;
      const reports = someAt(
        analysis.annotations.attribution,
        k + 1,
        (a) => a.entry.attribution === 'verb' || a.entry.attribution === 'continuation',
      );
      return !reports;
    }
  }
  return false;
}

/** How a clause is told, and the rule that says so: written here, not in closures made anew for every clause. */
interface Status {
  readonly background: boolean;
  readonly rules: readonly RuleUse[];
}

const past = (rule: string): Status => ({ background: true, rules: [because(rule)] });
const news = (rule: string): Status => ({ background: false, rules: [because(rule)] });

/** Each way a clause can be told, made once and shared: every clause has one, and its rules are only read. */
const TOLD = {
  anniversary: past('acts/anniversary'),
  weeksLong: past('acts/weeks-long-period'),
  datedBefore: past('acts/dated-days-before-the-report'),
  datedAtReport: news('acts/dated-at-the-report'),
  pluperfect: past('acts/pluperfect'),
  earlierLikeAct: past('acts/earlier-like-act'),
  backgroundCue: past('acts/background-cue'),
  asNews: news('acts/told-as-news'),
} as const;

/** Whether the clause tells of a past act given as context, and the rule that says so. */
function pastOrNews(analysis: Analysis, inside: InClause, date: DateExpression | null): Status {
  const clause = inside.clause;
  // «يصادف اليوم الذكرى السنوية لمجزرة…»: today's date is the anniversary's, the act is past.
  if (hasCue(analysis, 'anniversary', clause.start, clause.end)) return TOLD.anniversary;
  const pub = analysis.published;
  if (date?.to != null && pub !== null) {
    const age = daysBetween(date.to, pub);
    if (date.precision === 'week' && date.kind === 'period') return TOLD.weeksLong;
    if (age > BACKGROUND_DAYS) return TOLD.datedBefore;
    if (age >= -1) return TOLD.datedAtReport;
  }
  if (isPluperfect(analysis, inside)) return TOLD.pluperfect;
  // «…، بعد هجوم مماثل في بلدة الشحيل»: an earlier act like the one told, given as its context.
  if (date === null && earlierLikeAct(analysis, clause)) return TOLD.earlierLikeAct;
  return hasBackgroundCue(analysis, inside) ? TOLD.backgroundCue : TOLD.asNews;
}

/**
 * A background cue («وكان», «سبق أن») that no report verb follows in the clause
 * and that comes before an act of it. Only the last report verb's start and the
 * last act's start matter, each found once, not asked again for every cue.
 */
function hasBackgroundCue(analysis: Analysis, inside: InClause): boolean {
  const clause = inside.clause;
  // «وكان المرصد أفاد…»: the past tense governs the report, not the act.
  const lastReport = lastReportStart(analysis, clause);
  // «اغتال مسلحون شابا، وكان الشاب عنصرا سابقا…»: past words after the act describe who it
  // befell, not when it was.
  // A clause with no act word has no act for a cue to come after: every cue counts (Infinity).
  let lastAct = inside.acts.length === 0 ? Infinity : -Infinity;
  for (const t of inside.acts) lastAct = Math.max(lastAct, t.start);
  for (const c of inside.cues)
    if (c.entry.cue === 'background' && lastReport < c.end && lastAct >= c.start) return true;
  return false;
}

/** Where the clause's last report verb («أفاد», «وأضاف») starts; -Infinity when it has none. */
function lastReportStart(analysis: Analysis, clause: Clause): number {
  const attribution = analysis.annotations.attribution;
  let last = -Infinity;
  for (let k = firstFrom(attribution, clause.start); k < attribution.length; k++) {
    const a = attribution[k];
    if (a === undefined || a.start >= clause.end) break;
    const reports = a.entry.attribution === 'verb' || a.entry.attribution === 'continuation';
    if (reports && a.end <= clause.end) last = Math.max(last, a.start);
  }
  return last;
}

/**
 * «منذ مطلع العام أحصى المرصد…»: a count over a stretch of time, kept as a tally.
 * After an ordinal («الهجوم الثاني خلال أسبوع») the stretch ranks the act in a
 * series; it counts acts, not people, and the act stays an act.
 */
function countsPeopleOverTime(analysis: Analysis, inside: InClause): boolean {
  // A loop, not a callback: asked of every clause.
  for (const c of inside.cues)
    if (c.entry.cue === 'tally' && !SERIES_ORDINALS.has(analysis.tokens[c.start - 1]?.text ?? ''))
      return true;
  return false;
}

/** A clause that opens on «بعد» and an act told as like another: «بعد هجوم مماثل». */
function earlierLikeAct(analysis: Analysis, clause: Clause): boolean {
  if (analysis.tokens[clause.start]?.keys.includes('بعد') !== true) return false;
  const triggers = analysis.annotations.triggers;
  for (let k = firstFrom(triggers, clause.start + 1); k < triggers.length; k++) {
    const t = triggers[k];
    if (t === undefined || t.start !== clause.start + 1) break;
    if (cueAt(analysis, 'similar_act', t.end)) return true;
  }
  return false;
}

/**
 * «غارة مماثلة»: whether a cue of an act like another follows one of the acts
 * (asked of every clause: a loop, no callback).
 */
function toldAsLikeAnother(
  analysis: Analysis,
  triggers: readonly Annotation<TriggerEntry>[],
): boolean {
  for (const t of triggers) if (cueAt(analysis, 'similar_act', t.end)) return true;
  return false;
}

/** Whether one of the acts is named strongly enough (strength 2 or more) to be an act of its own. */
function namesAStrongAct(triggers: readonly Annotation<TriggerEntry>[]): boolean {
  for (const t of triggers) if (t.entry.strength >= 2) return true;
  return false;
}

/** Whether a measure word spans the trigger («قتيل آخر» is no other act). */
function insideAMeasure(analysis: Analysis, t: Annotation<TriggerEntry>): boolean {
  for (const m of analysis.annotations.measures)
    if (m.start <= t.start && m.end >= t.end) return true;
  return false;
}

/** «الحادثة وقعت…», «العملية»: a definite noun that names an act already told. */
function namesToldAct(analysis: Analysis, inside: InClause): boolean {
  for (const c of inside.cues)
    if (c.entry.cue === 'event_reference' && isDefinite(analysis, c.start)) return true;
  return false;
}

/**
 * How strongly a trigger names an act here: «استهدفت» with an aircraft named is an
 * air strike; «سيطرة X على Y» a capture, where «سيطرة» alone may be a state of control.
 */
function strengthOf(analysis: Analysis, inside: InClause, t: Annotation<TriggerEntry>): number {
  const clause = inside.clause;
  if (t.entry.role === 'strike' && inside.air) return 2;
  if (t.entry.role === 'territory' && t.entry.strength === 1) {
    for (let k = t.end; k < Math.min(clause.end, t.end + 5); k++) {
      if (analysis.tokens[k]?.keys.includes('علي') === true) return 2;
    }
  }
  // «شن مقاتلو المعارضة هجوماً على نقاط للجيش»: a generic attack word, launched at something, is an act.
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

/** An act of `t`'s kind that ends before it: not the act's other words in one phrase («بانفجار عبوة ناسفة ثانية»). */
function sameActBefore(u: Annotation<TriggerEntry>, t: Annotation<TriggerEntry>): boolean {
  return u.end < t.start && u.entry.subEventType === t.entry.subEventType;
}

/** «فيما قتل 4 آخرون»: the clause counts others struck, walked in place as asked of every clause. */
function othersWithin(analysis: Analysis, clause: Clause): boolean {
  const victims = analysis.annotations.victims;
  for (let k = firstFrom(victims, clause.start); k < victims.length; k++) {
    const v = victims[k];
    if (v === undefined || v.start >= clause.end) break;
    if (v.end <= clause.end && v.entry.victimClass === 'other') return true;
  }
  return false;
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
  return after && namesAStrongAct(triggers);
}

/** «المجزرة», «ارتكاب المجزرة»: an act noun made definite anywhere in its phrase. */
function definiteWithin(analysis: Analysis, t: Annotation<TriggerEntry>): boolean {
  for (let i = t.start; i < t.end; i++) if (isDefinite(analysis, i)) return true;
  return false;
}

/** The clause's main act is one told before: its first strong act noun is definite («الانفجار أدى…»). */
function isAnaphoric(analysis: Analysis, triggers: readonly Annotation<TriggerEntry>[]): boolean {
  const main = triggers.find((t) => t.entry.strength >= 2) ?? triggers[0];
  return main !== undefined && isDefinite(analysis, main.start);
}

/** The strength of the clause's strongest act, 0 when it names none. */
function strongest(
  analysis: Analysis,
  inside: InClause,
  triggers: readonly Annotation<TriggerEntry>[],
): number {
  let most = 0;
  for (const t of triggers) most = Math.max(most, strengthOf(analysis, inside, t));
  return most;
}

/** «فجر انتحاري نفسه»: a word of a suicide attack in the sentence, not a drone's («طائرة انتحارية»). */
function suicideIn(analysis: Analysis, sentence: Clause['sentence']): boolean {
  const { suicideCues, airCues } = analysis.annotations;
  // Walked in place, not gathered first: asked of every clause.
  for (let k = firstFrom(suicideCues, sentence.tokenStart); k < suicideCues.length; k++) {
    const c = suicideCues[k];
    if (c === undefined || c.start >= sentence.tokenEnd) break;
    if (c.end <= sentence.tokenEnd && !endsOf(airCues).has(c.start)) return true;
  }
  return false;
}

/** «عقب الاشتباكات»: a definite act noun after a word that points back names an act told before. */
function isReference(analysis: Analysis, t: Annotation<TriggerEntry>): boolean {
  return (
    definiteWithin(analysis, t) &&
    !isIn(VERB_CLAUSE_OPENERS, analysis, t.start - 1) &&
    (isIn(REFERENCE_BEFORE, analysis, t.start - 1) || isIn(REFERENCE_BEFORE, analysis, t.start - 2))
  );
}

/**
 * «غارات أخرى», «هجوم آخر»: another act; but «اعتقال آخر» is another person, and
 * «ألقت مروحية برميلاً على الحي، ثم سقط برميل ثان» with no day of its own a second blow
 * of the act its sentence tells (asked only of a clause with no day).
 */
function secondBlow(
  analysis: Analysis,
  clause: Clause,
  triggers: readonly Annotation<TriggerEntry>[],
  t: Annotation<TriggerEntry>,
): boolean {
  if (!isIn(SECOND, analysis, t.end)) return false;
  // The acts its sentence told before the clause, read only for a clause that names a second one.
  for (const u of within(analysis.annotations.triggers, clause.sentence.tokenStart, clause.start))
    if (sameActBefore(u, t)) return true;
  return triggers.some((u) => sameActBefore(u, t));
}

/**
 * Reads the act one clause tells: its own triggers (or, when it only counts the
 * victims of an act it names, that act), when, whether it is news, a past act,
 * a tally or a general situation, and how it stands to the act before it.
 */
export function readAct(
  analysis: Analysis,
  clause: Clause,
  counts: boolean,
  placed: boolean,
): ActReading {
  const inside = inClause(analysis, clause);
  const effective = effectiveTriggers(analysis, inside);
  // «عقب الاشتباكات بدأت عملية تمشيط»: the act named after «عقب» is one told before, not this clause's.
  // «ارتفعت حصيلة قتلى القصف…»: a clause about an act it only names is still about that act.
  // Both sorted in one walk, as two filters did: asked of every clause.
  const references: Annotation<TriggerEntry>[] = [];
  const own: Annotation<TriggerEntry>[] = [];
  for (const t of effective) (isReference(analysis, t) ? references : own).push(t);
  const triggers = own.length > 0 || !counts ? own : references;
  const date = eventDate(analysis, inside, triggers);
  const status = pastOrNews(analysis, inside, date);
  const hasNewActCue = hasCue(analysis, 'new_act', clause.start, clause.end);
  const sentence = clause.sentence;
  let another = false;
  for (const t of triggers)
    if (
      isIn(ANOTHER, analysis, t.end) &&
      !insideAMeasure(analysis, t) &&
      !(date === null && secondBlow(analysis, clause, triggers, t))
    ) {
      another = true;
      break;
    }
  return {
    at: effective[0]?.start ?? clause.start,
    triggers,
    strength: strongest(analysis, inside, triggers),
    date,
    background: status.background,
    backgroundRules: status.rules,
    retelling: date === null && !placed && !hasNewActCue,
    likeTheActBefore: toldAsLikeAnother(analysis, triggers),
    othersStruck: !namesAStrongAct(triggers) && othersWithin(analysis, clause),
    tally: countsPeopleOverTime(analysis, inside),
    habitual: isHabitual(inside),
    civilianSite: hasCue(analysis, 'civilian_site', clause.start, clause.end),
    militarySite: hasCue(analysis, 'military_site', clause.start, clause.end),
    newAct:
      hasNewActCue || another || followsTold(analysis, references, triggers)
        ? 'explicit'
        : clause.opensNewAct
          ? 'opener'
          : 'no',
    references,
    // «كما طالب المتظاهرون…»: a definite act noun names the act told, even where a cue mutes it.
    anaphoric: isAnaphoric(analysis, inside.triggers) || namesToldAct(analysis, inside),
    refersBack: references.length > 0 || namesToldAct(analysis, inside),
    suicide: suicideIn(analysis, sentence),
    air: inside.air,
  };
}
