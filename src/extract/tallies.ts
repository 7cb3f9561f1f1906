import type { Tally } from '../contracts/index.js';
import { toOriginalSpan } from '../text/index.js';
import type { Analysis } from './analysis.js';
import type { EventMention } from './events.js';

/**
 * Cumulative counts («منذ مطلع العام أحصى المرصد…») are kept as tallies, never
 * incidents. A sentence that breaks down the tally before it, from the same
 * source and with no act of its own, is part of that tally.
 */
export function markTallies(mentions: readonly EventMention[]): EventMention[] {
  const out: EventMention[] = [];
  let previous: EventMention | null = null;
  for (const m of mentions) {
    const marked: EventMention =
      previous !== null && continuesTally(previous, m) ? { ...m, tally: true } : m;
    out.push(marked);
    if (m.figures.length > 0 || m.strength > 0) previous = marked;
  }
  return out;
}

function continuesTally(previous: EventMention, m: EventMention): boolean {
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

function toIso(analysis: Analysis, m: EventMention): Tally['period'] {
  const dates = analysis.dates.filter(
    (d) => d.start >= m.clause.sentence.tokenStart && d.end <= m.clause.sentence.tokenEnd,
  );
  const from = dates.find((d) => d.from !== null);
  if (from === undefined) return null;
  return { start: from.from, end: analysis.published ?? from.to };
}

/** Writes the tally mentions of a report out, one tally per sentence. */
export function buildTallies(analysis: Analysis, mentions: readonly EventMention[]): Tally[] {
  const tallies: Tally[] = [];
  const bySentence = new Map<number, EventMention[]>();
  for (const m of mentions) {
    if (!m.tally || m.figures.length === 0) continue;
    const list = bySentence.get(m.clause.sentence.index) ?? [];
    list.push(m);
    bySentence.set(m.clause.sentence.index, list);
  }
  for (const list of bySentence.values()) {
    const first = list[0];
    if (first === undefined) continue;
    const sentence = first.clause.sentence;
    const figures = list.flatMap((m) => m.figures);
    const s = toOriginalSpan(analysis.normalized, sentence.start, sentence.end);
    tallies.push({
      claimant: figures.find((f) => f.source.claimant !== null)?.source.claimant ?? null,
      period: toIso(analysis, first),
      figures: figures.map((f) => {
        const fs = spanOf(analysis, f.figure.start, f.figure.end);
        return {
          measure: f.figure.measure,
          victim: f.figure.victim,
          count: f.figure.count,
          qualifier: f.figure.qualifier,
          text: analysis.document.text.slice(fs[0], fs[1]),
          span: fs,
        };
      }),
      text: analysis.document.text.slice(s[0], s[1]),
      span: s,
    });
  }
  return tallies;
}

function spanOf(analysis: Analysis, from: number, to: number): [number, number] {
  const a = analysis.tokens[from];
  const b = analysis.tokens[to - 1];
  return a === undefined || b === undefined
    ? [0, 0]
    : toOriginalSpan(analysis.normalized, a.start, b.end);
}
