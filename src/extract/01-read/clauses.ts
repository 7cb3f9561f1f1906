import { countBelow, flatMapped } from '../../text/index.js';
import type { Sentence } from '../../text/index.js';
import { cueAt, firstFrom, someAt, startingIn } from './analysis.js';
import type { Analysis } from './analysis.js';
import { insideAName } from './query.js';

/**
 * A clause: the part of a sentence that reports one act. Sentences in this
 * genre chain acts with «كما», «فيما», «في حين», «بالتزامن مع»; those that open a
 * new act are `opensNewAct`, the others («حيث», «ثم») continue the one before.
 */
export interface Clause {
  readonly index: number;
  readonly sentence: Sentence;
  /** Tokens `[start, end)`. */
  readonly start: number;
  readonly end: number;
  readonly opensNewAct: boolean;
}

/**
 * «…، وقتل يوم أمس شخص…»: after a comma, a verb of violence or casualty, or of
 * a place undergoing one, joined by و starts a clause of its own.
 */
function coordinatedActs(analysis: Analysis, from: number, to: number): number[] {
  const cuts: number[] = [];
  for (let i = from + 2; i < to - 1; i++) {
    if (
      analysis.tokens[i - 1]?.text !== ',' ||
      !(analysis.tokens[i]?.text.startsWith('و') ?? false)
    )
      continue;
    const measure = someAt(
      analysis.annotations.measures,
      i,
      (m) => m.entry.position === 'before_count',
    );
    const trigger = someAt(analysis.annotations.triggers, i, (t) => t.entry.strength >= 2);
    // «…، وتعرضت بلدة حاس لقصف», «…، وسقطت قذائف على الحي»: the act it undergoes follows.
    const undergoes = cueAt(analysis, 'clause_verb', i);
    if (measure || trigger || undergoes) cuts.push(i);
  }
  return cuts;
}

function isConjunction(analysis: Analysis, i: number): boolean {
  const t = analysis.tokens[i]?.text;
  return t === 'و' || t === 'ف';
}

/**
 * «بالتزامن مع قصف…» sets an act beside another; «تزامناً مع مرور دورية» only
 * says when the act happened: a cue ending in «مع» opens a new act only when
 * an act is named right after it.
 */
function timesTheAct(analysis: Analysis, cue: { readonly end: number }): boolean {
  if (analysis.tokens[cue.end - 1]?.text !== 'مع') return false;
  const triggers = analysis.annotations.triggers;
  // Triggers are in text order: the first from the cue's end is the nearest.
  return !((triggers[firstFrom(triggers, cue.end)]?.start ?? Infinity) <= cue.end + 1);
}

/**
 * «…، ويأتي ذلك بعد أسبوع من اغتيال…», «بعد ثلاثة أيام على قصف…»: a span of time
 * counted back from the act told opens the earlier act it is counted from; so
 * does «بعد» before an act told as like this one («بعد هجوم مماثل»). Adds where
 * each earlier act opens to the sentence's `cuts`.
 */
function addEarlierActCuts(analysis: Analysis, from: number, to: number, cuts: number[]): void {
  const dates = analysis.dates;
  for (let k = firstFrom(dates, from + 2); k < dates.length; k++) {
    const d = dates[k];
    if (d === undefined || d.start >= to) break;
    if (d.end < to && isBaad(analysis, d.start)) cuts.push(d.start);
  }
  // «…، بعد هجوم مماثل في بلدة الشحيل»: an act like the one told, before it.
  const triggers = analysis.annotations.triggers;
  for (let k = firstFrom(triggers, from + 3); k < triggers.length; k++) {
    const t = triggers[k];
    if (t === undefined || t.start >= to) break;
    if (t.end < to && isBaad(analysis, t.start - 1) && cueAt(analysis, 'similar_act', t.end))
      cuts.push(t.start - 1);
  }
}

/** Whether token `i` is «بعد», with whatever clitics it carries. */
function isBaad(analysis: Analysis, i: number): boolean {
  return analysis.tokens[i]?.keys.includes('بعد') === true;
}

/**
 * «توجهت دورية إلى بلدة جاسم، قبل أن تعتقل شابين»: a stretch that tells no act
 * of its own (no act word, no casualty) only sets the scene — the doer, the
 * place, the time — for the act after the break, so no clause starts there.
 */
function withActsBefore(analysis: Analysis, first: number, cuts: readonly number[]): number[] {
  const starts = [first];
  for (const cut of cuts) {
    const from = starts.at(-1) ?? first;
    if (actStartsIn(analysis, from, cut)) starts.push(cut);
  }
  return starts;
}

/** Whether an act word outside a name, or a casualty word, starts in tokens `[from, to)`. */
function actStartsIn(analysis: Analysis, from: number, to: number): boolean {
  const { triggers, measures } = analysis.annotations;
  for (let k = firstFrom(triggers, from); k < triggers.length; k++) {
    const t = triggers[k];
    if (t === undefined || t.start >= to) break;
    if (!insideAName(analysis, t)) return true;
  }
  return (measures[firstFrom(measures, from)]?.start ?? Infinity) < to;
}

/** Each cut once, in text order: a sentence has a few, so one filtered copy, not a Set and a spread of it. */
function ascendingOnce(cuts: number[]): number[] {
  cuts.sort(byNumber);
  return cuts.filter((cut, k) => k === 0 || cut !== cuts[k - 1]);
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Splits the prose sentences of a report into clauses at clause-break cue words. */
export function splitClauses(analysis: Analysis): Clause[] {
  const clauses: Clause[] = [];
  const cues = analysis.annotations.cues;
  const breaks = cues.filter((a) => a.entry.cue === 'clause_break');
  const newActs = cues.filter((a) => a.entry.cue === 'new_act_opener' && !timesTheAct(analysis, a));
  for (const sentence of analysis.sentences) {
    if (!sentence.prose) continue;
    const cuts = coordinatedActs(analysis, sentence.tokenStart, sentence.tokenEnd);
    for (const b of startingIn(breaks, sentence.tokenStart + 2, sentence.tokenEnd))
      if (b.end < sentence.tokenEnd) cuts.push(b.start);
    addEarlierActCuts(analysis, sentence.tokenStart, sentence.tokenEnd, cuts);
    const starts = withActsBefore(analysis, sentence.tokenStart, ascendingOnce(cuts));
    for (const [k, start] of starts.entries()) {
      const end = starts[k + 1] ?? sentence.tokenEnd;
      if (end <= start) continue;
      // «كما فجّر…» opens a new act at the head of a sentence as well as inside one.
      const opener =
        someAt(newActs, start) ||
        (k === 0 && isConjunction(analysis, start) && someAt(newActs, start + 1));
      clauses.push({ index: clauses.length, sentence, start, end, opensNewAct: opener });
    }
  }
  return clauses;
}

/**
 * «مظاهرات في جبلة تندد بحرق مزار في حلب»: what a protest is about, from its
 * cue to the next comma or the end of the clause, names places that are not
 * where it was.
 */
export function grievances(
  analysis: Analysis,
  clauses: readonly Clause[],
): { start: number; end: number }[] {
  return flatMapped(analysis.annotations.cues, (cue) => {
    if (cue.entry.cue !== 'topic') return [];
    const clause = clauseAt(clauses, cue.start);
    if (clause === undefined) return [];
    let end = cue.end;
    while (end < clause.end && analysis.tokens[end]?.kind !== 'punct') end++;
    return [{ start: cue.start, end }];
  });
}

/**
 * The clause token `i` is in, if any. Clauses come in order and do not overlap
 * (`splitClauses`), so the one whose start is the last at or before `i` is the
 * only one that can hold it: a long report has thousands of clauses, and as
 * many cues to place in them.
 */
function clauseAt(clauses: readonly Clause[], i: number): Clause | undefined {
  const clause = clauses[countBelow(clauses, (c) => c.start, i, true) - 1];
  return clause !== undefined && i < clause.end ? clause : undefined;
}
