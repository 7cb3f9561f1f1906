import { changed } from '../../text/index.js';
import type { DateExpression } from '../../text/index.js';
import type { Analysis, Clause, RuleUse } from '../01-read/index.js';
import { SIMULTANEOUS, because, textOf } from '../01-read/index.js';

/**
 * Whether an act is news, a past act, part of a general situation or a
 * cumulative count is decided clause by clause (acts.ts), then here across
 * clauses, once, in the order the report tells them.
 */
export interface Told {
  readonly clause: Clause;
  readonly date: DateExpression | null;
  readonly background: boolean;
  readonly backgroundRules: readonly RuleUse[];
  readonly habitual: boolean;
  readonly tally: boolean;
  readonly strength: number;
  readonly figures: readonly { readonly source: { readonly claimant: string | null } }[];
  readonly places: readonly { readonly place: { readonly id: string } }[];
}

/**
 * A clause continuing a general situation («تصاعدت مؤخرا الانتهاكات…، فضلا عن
 * اعتقال أشخاص») is general too, unless it names its own day; so is one told as
 * happening alongside it («تشهد المنطقة قصفاً مستمراً، بالتزامن مع قصف…»).
 */
export function inheritHabitual<M extends Told>(analysis: Analysis, mentions: readonly M[]): M[] {
  const out: M[] = [];
  for (const m of mentions) {
    // A chain of clauses goes on being general: each looks at the one before as read.
    const previous = out.at(-1);
    const continues =
      previous !== undefined &&
      previous.habitual &&
      previous.clause.sentence === m.clause.sentence &&
      (!m.clause.opensNewAct || alongside(analysis, m.clause)) &&
      m.date === null;
    out.push(continues ? changed(m, { habitual: true }) : m);
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
export function inheritBackground<M extends Told>(mentions: readonly M[]): M[] {
  let pastSentence: number | null = null;
  const inherited: M[] = [];
  for (const m of mentions) {
    const sentence = m.clause.sentence.index;
    let next = m;
    if (m.date !== null) pastSentence = m.background ? sentence : null;
    else if (m.background) pastSentence = pastSentence === null ? null : sentence;
    else if (
      pastSentence !== null &&
      sentence - pastSentence <= PAST_NARRATIVE_SENTENCES &&
      !quotesAClaimant(m)
    ) {
      pastSentence = sentence;
      next = changed(m, {
        background: true,
        backgroundRules: [...m.backgroundRules, because('acts/past-narrative-goes-on')],
      });
    }
    inherited.push(next);
  }
  return inherited;
}

/** Whether one of the mention's figures is a claimant's. */
function quotesAClaimant(m: Told): boolean {
  for (const f of m.figures) if (f.source.claimant !== null) return true;
  return false;
}

/**
 * Cumulative counts («منذ مطلع العام أحصى المرصد…») are kept as tallies, never
 * incidents. A sentence that breaks down the tally before it, from the same
 * source and with no act of its own, is part of that tally.
 */
export function markTallies<M extends Told>(mentions: readonly M[]): M[] {
  const out: M[] = [];
  let previous: M | null = null;
  for (const m of mentions) {
    const marked: M =
      previous !== null && continuesTally(previous, m) ? changed(m, { tally: true }) : m;
    out.push(marked);
    if (m.figures.length > 0 || m.strength > 0) previous = marked;
  }
  return out;
}

function continuesTally(previous: Told, m: Told): boolean {
  return (
    previous.tally &&
    m.figures.length > 0 &&
    m.strength < 3 &&
    m.date === null &&
    m.places.every((p) => previous.places.some((q) => q.place.id === p.place.id)) &&
    m.figures.every(
      (f) =>
        f.source.claimant !== null &&
        previous.figures.some((g) => g.source.claimant === f.source.claimant),
    )
  );
}
