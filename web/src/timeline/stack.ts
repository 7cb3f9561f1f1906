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
