/**
 * The timeline's data: events per period stacked by type, and fatalities per
 * period. Stacks are cumulative so each type's bar is drawn from the top of the
 * one below it.
 */
export interface Bucket {
  /** The period's first day, `YYYY-MM-DD`. */
  period: string;
  type: string;
  events: number;
  fatalities: number;
}

export interface Stacked {
  /** Period starts in seconds since 1970 (what uPlot takes). */
  x: number[];
  /** The types present, in the order they are stacked from the bottom. */
  types: string[];
  /** `tops[i][j]`: the top of type i's bar in period j (the sum of types 0..i). */
  tops: number[][];
  /** `counts[i][j]`: type i's own count in period j. */
  counts: number[][];
  fatalities: number[];
}

export function periodSeconds(period: string): number {
  return Date.parse(`${period}T00:00:00Z`) / 1000;
}

export function stack(buckets: readonly Bucket[], order: readonly string[]): Stacked {
  const periods = [...new Set(buckets.map((b) => b.period))].sort();
  const seen = new Set(buckets.map((b) => b.type));
  const types = [
    ...order.filter((t) => seen.has(t)),
    ...[...seen].filter((t) => !order.includes(t)).sort(),
  ];
  const column = new Map(periods.map((p, j) => [p, j]));
  const counts = types.map(() => periods.map(() => 0));
  const fatalities = periods.map(() => 0);
  for (const bucket of buckets) {
    const j = column.get(bucket.period) ?? 0;
    const row = counts[types.indexOf(bucket.type)];
    if (row !== undefined) row[j] = (row[j] ?? 0) + bucket.events;
    fatalities[j] = (fatalities[j] ?? 0) + bucket.fatalities;
  }
  const tops: number[][] = [];
  counts.forEach((row, i) => {
    const below = tops[i - 1];
    tops.push(row.map((n, j) => n + (below?.[j] ?? 0)));
  });
  return { x: periods.map(periodSeconds), types, tops, counts, fatalities };
}

/** Half a bar's length, in seconds: the axis reaches this far past the first and last period. */
function halfPeriod(period: string): number {
  return 86_400 * (period === 'day' ? 0.5 : period === 'week' ? 3.5 : 15);
}

/**
 * What the time axis spans: from half a bar before the first period to half a
 * bar after the last, worked out from the periods themselves. (Left to itself,
 * uPlot widens a single period by 86,400 of its units, a thousand days when
 * they are seconds: one event in October 2024 ran the axis into 2027.)
 */
export function xRange(x: readonly number[], period: string): [number, number] {
  const first = x[0] ?? 0;
  const last = x[x.length - 1] ?? first;
  const pad = halfPeriod(period);
  return [first - pad, last + pad];
}

const DAY = 86_400;

/**
 * The steps the time axis may tick by, in seconds: whole periods and longer.
 * uPlot knows 30 days as a month and 365 as a year, and ticks those on the
 * first of a month and of a year.
 */
export function tickSteps(period: string): number[] {
  const steps = [1, 2, 7, 14, 30, 60, 90, 180, 365, 730, 1825].map((d) => d * DAY);
  const shortest = period === 'day' ? DAY : period === 'week' ? 7 * DAY : 30 * DAY;
  return steps.filter((s) => s >= shortest);
}

/** The days a drag covered, from the seconds at its two ends (either order). */
export function dragRange(a: number, b: number): { from: string; to: string } {
  const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return { from: day(Math.min(a, b)), to: day(Math.max(a, b)) };
}

/**
 * The time axis's labels: a period's start in the reader's language and
 * digits, to the day for days and weeks, to the month for months.
 */
export function tickFormat(lang: 'ar' | 'en', period: string): (seconds: number) => string {
  const format = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SY' : 'en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    ...(period === 'day' || period === 'week' ? { day: 'numeric' } : {}),
  });
  return (seconds) => format.format(new Date(seconds * 1000));
}
