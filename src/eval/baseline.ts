import { z } from 'zod';
import type { EvalRun } from './run.js';
import { f1, finalScore, ratio } from './score.js';

/**
 * The scores a change may not fall below, committed beside the code
 * (`.ci/eval-baseline.json`) and raised as extraction improves, so that CI
 * fails on a regression instead of printing it for nobody to read.
 */
export const zBaseline = z
  .object({
    $comment: z.string().optional(),
    score: z.number().min(0).max(1).optional(),
    incidents: z.number().min(0).max(1).optional(),
    figures: z.number().min(0).max(1).optional(),
    date: z.number().min(0).max(1).optional(),
    place: z.number().min(0).max(1).optional(),
    sub_event_type: z.number().min(0).max(1).optional(),
    actor1: z.number().min(0).max(1).optional(),
    actor2: z.number().min(0).max(1).optional(),
    background: z.number().min(0).max(1).optional(),
    links: z.number().min(0).max(1).optional(),
  })
  .strict();
export type Baseline = z.infer<typeof zBaseline>;

type Measure = Exclude<keyof Baseline, '$comment'>;

/** Each measure of a run as the printed report rounds it, `undefined` when the run has none. */
function measuresOf(run: EvalRun): Record<Measure, number | undefined> {
  const s = run.scores;
  return {
    score: finalScore(s),
    incidents: f1(s.incidents).f1,
    figures: f1(s.figures).f1,
    date: ratio(s.fields.date),
    place: ratio(s.fields.place),
    sub_event_type: ratio(s.fields.sub_event_type),
    actor1: ratio(s.fields.actor1),
    actor2: ratio(s.fields.actor2),
    background: ratio(s.background),
    links: run.links === undefined ? undefined : f1(run.links).f1,
  };
}

/**
 * The measures of the run that fell below the baseline, one line each
 * («figures 0.741 is below its baseline 0.756»); empty when none did. Scores
 * are compared as printed (three decimals), so the file holds printed figures.
 */
export function belowBaseline(run: EvalRun, baseline: Baseline): string[] {
  const now = measuresOf(run);
  const lines: string[] = [];
  for (const [measure, floor] of Object.entries(baseline)) {
    if (measure === '$comment' || typeof floor !== 'number') continue;
    const value = now[measure as Measure];
    if (value === undefined) {
      lines.push(`${measure} has a baseline but was not measured (links need --link)`);
    } else if (Number(value.toFixed(3)) < floor) {
      lines.push(`${measure} ${value.toFixed(3)} is below its baseline ${floor.toFixed(3)}`);
    }
  }
  return lines;
}
