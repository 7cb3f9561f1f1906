/**
 * Two builds timed against each other in one process: the order of their runs
 * in each round, and what the rounds' ratios say. A ratio of two timings taken
 * minutes apart, each in a process of its own, moved by 20–30% on a shared
 * machine; timed in turns in one process, both builds meet the same busy
 * moments, and the spread of the per-round ratios shows what is left of the noise.
 */

/**
 * The order of the tasks in round `round` (0-based): forwards in even rounds,
 * backwards in odd ones. With two tasks (ab.ts: two builds, each its own bare
 * pass then its extraction), each goes first as often as second: neither
 * always runs in the other's garbage or in a cache the other warmed. (Three
 * tasks reversed would not do: the last of a round would run twice in a row.)
 */
export function roundOrder(round: number, tasks: number): number[] {
  const order = Array.from({ length: tasks }, (_, k) => k);
  return round % 2 === 0 ? order : order.reverse();
}

/** The per-round ratios of two timings, summed up. */
export interface RatioSummary {
  readonly median: number;
  readonly low: number;
  readonly high: number;
  /** The sum of one side's times over the other's: what all the rounds give together. */
  readonly pooled: number;
  /**
   * One side's fastest round over the other's: a busy machine only ever adds
   * time, so each side's best is the one least stretched by its neighbours.
   */
  readonly best: number;
}

/**
 * The p-th percentile of some numbers sorted ascending, by nearest rank: the
 * smallest value at least p% of them do not exceed. The 95th of 20 runs is
 * the 19th, not the slowest: one run in twenty may be the machine's, not the
 * code's, and p95 is there to allow it. NaN for none.
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? NaN;
}

/** The median of some numbers (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** `top[i] / bottom[i]` round by round, their median and range; the ratio of the sums and of the bests. */
export function ratioSummary(top: readonly number[], bottom: readonly number[]): RatioSummary {
  const ratios = top.map((t, i) => t / (bottom[i] ?? NaN));
  const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
  return {
    median: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    pooled: sum(top) / sum(bottom),
    best: Math.min(...top) / Math.min(...bottom),
  };
}
