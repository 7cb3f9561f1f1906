import { describe, expect, it } from 'vitest';
import {
  dragRange,
  periodSeconds,
  stack,
  tickFormat,
  tickSteps,
  xRange,
} from '../../web/src/timeline/stack.js';

const buckets = [
  { period: '2024-02-01', type: 'Battles', events: 2, fatalities: 5 },
  { period: '2024-01-01', type: 'Protests', events: 1, fatalities: 0 },
  { period: '2024-01-01', type: 'Battles', events: 3, fatalities: 4 },
];

describe('timeline stacks', () => {
  it('orders periods in time and types as asked', () => {
    const s = stack(buckets, ['Battles', 'Protests']);
    expect(s.x).toEqual([Date.UTC(2024, 0, 1) / 1000, Date.UTC(2024, 1, 1) / 1000]);
    expect(s.types).toEqual(['Battles', 'Protests']);
  });

  it('stacks each type on the ones below and keeps its own count', () => {
    const s = stack(buckets, ['Battles', 'Protests']);
    expect(s.counts).toEqual([
      [3, 2],
      [1, 0],
    ]);
    expect(s.tops).toEqual([
      [3, 2],
      [4, 2],
    ]);
  });

  it('adds fatalities of every type per period', () => {
    expect(stack(buckets, []).fatalities).toEqual([4, 5]);
  });

  it('puts types it was not told about last, by name', () => {
    expect(stack(buckets, ['Protests']).types).toEqual(['Protests', 'Battles']);
  });
});

describe('dragging over the timeline', () => {
  it('gives the days covered, whichever way the drag went', () => {
    const a = Date.UTC(2024, 2, 10) / 1000;
    const b = Date.UTC(2024, 0, 5, 13) / 1000;
    expect(dragRange(a, b)).toEqual({ from: '2024-01-05', to: '2024-03-10' });
  });
});

describe("the time axis in the reader's language", () => {
  it('writes dates in Arabic with Arabic-Indic digits, and in English with Latin ones', () => {
    const day = periodSeconds('2024-10-15');
    const ar = tickFormat('ar', 'day')(day);
    expect(ar).toMatch(/[\u0660-\u0669]/);
    expect(ar).not.toMatch(/\d/);
    expect(tickFormat('en', 'day')(day)).toBe('15 Oct 2024');
  });

  it('labels months without a day', () => {
    expect(tickFormat('en', 'month')(periodSeconds('2024-10-01'))).toBe('Oct 2024');
  });
});

describe('the time axis', () => {
  it('spans one period, not a thousand days, when there is one', () => {
    const day = periodSeconds('2024-10-15');
    const [from, to] = xRange([day], 'day');
    expect(to - from).toBe(86_400);
    expect(new Date(to * 1000).toISOString().slice(0, 10)).toBe('2024-10-15');
  });

  it('reaches half a bar past the first and last period', () => {
    const [from, to] = xRange([periodSeconds('2024-01-01'), periodSeconds('2024-03-01')], 'month');
    expect(from).toBe(periodSeconds('2024-01-01') - 15 * 86_400);
    expect(to).toBe(periodSeconds('2024-03-01') + 15 * 86_400);
  });
});

describe('the time axis ticks', () => {
  it('by whole periods or longer: never twice in one day', () => {
    expect(Math.min(...tickSteps('day'))).toBe(86_400);
    expect(Math.min(...tickSteps('week'))).toBe(7 * 86_400);
    expect(Math.min(...tickSteps('month'))).toBe(30 * 86_400);
  });
});
