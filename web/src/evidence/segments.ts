/**
 * A report's text cut into runs so that each field's evidence can be lit: each
 * run carries the fields whose spans cover it. Spans are `[start, end)` in
 * UTF-16 code units of the text (the contract's), so they index a JS string
 * directly. The text stays text: runs are rendered as text nodes, never HTML.
 */
export interface Evidence {
  /** Which field the words are evidence of: `place`, `date`, `actor:SDF`, `claim:0`… */
  field: string;
  span: readonly [number, number];
}

export interface Run {
  text: string;
  start: number;
  /** The fields this run is evidence of, in the order they were given; empty for plain text. */
  fields: string[];
}

/** Cuts `text` at every span boundary; spans out of range are clipped, empty ones dropped. */
export function segments(text: string, evidence: readonly Evidence[]): Run[] {
  const spans = evidence
    .map((e) => ({
      field: e.field,
      start: Math.max(0, Math.min(e.span[0], text.length)),
      end: Math.max(0, Math.min(e.span[1], text.length)),
    }))
    .filter((e) => e.end > e.start);
  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    const fields = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.field);
    runs.push({ text: text.slice(start, end), start, fields: [...new Set(fields)] });
  }
  return runs;
}
