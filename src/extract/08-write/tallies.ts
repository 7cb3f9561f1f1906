import type { Tally } from '../../contracts/index.js';
import { flatMapped, toOriginalSpan } from '../../text/index.js';
import { within } from '../01-read/index.js';
import type { Analysis } from '../01-read/index.js';
import type { EventMention } from '../07-gather/index.js';

/**
 * The period a tally sentence counts over: from its first date, to the report's day.
 * Its dates sought by position (`within`), where every date of the report was
 * filtered for each tally sentence, the square of a long report's length.
 */
function toIso(analysis: Analysis, m: EventMention): Tally['period'] {
  const sentence = m.clause.sentence;
  const dates = within(analysis.dates, sentence.tokenStart, sentence.tokenEnd);
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
    const figures = flatMapped(list, (m) => m.figures);
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
