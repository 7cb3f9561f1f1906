import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n/context.js';
import { typeColor } from '../vocabulary/colors.js';
import {
  dragRange,
  periodSeconds,
  stack,
  tickFormat,
  tickSteps,
  xRange,
  type Bucket,
} from './stack.js';

interface Props {
  buckets: readonly Bucket[];
  /** How long one bar is: the time axis is labelled to match. */
  period: string;
  /** Event types bottom to top. */
  order: readonly string[];
  typeLabel: (type: string) => string;
  /** A drag over the chart: the days it covered. */
  onRange: (range: { from: string; to: string }) => void;
}

/**
 * Events per period as bars stacked by type, fatalities as a line on their own
 * axis. Dragging across periods narrows the filter to them (the list and the
 * map follow). The chart is drawn left to right in both languages: time runs
 * that way on every axis the reader has seen.
 */
export function Timeline({ buckets, period, order, typeLabel, onRange }: Props) {
  const { t, num, lang } = useI18n();
  const events = buckets.reduce((sum, b) => sum + b.events, 0);
  const killed = buckets.reduce((sum, b) => sum + b.fatalities, 0);
  const periods = buckets.map((b) => b.period).sort();
  const first = periods[0];
  const last = periods[periods.length - 1];
  const label = tickFormat(lang, period);
  const box = useRef<HTMLDivElement>(null);
  const onRangeRef = useRef(onRange);
  onRangeRef.current = onRange;

  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const data = stack(buckets, order);
    const tickLabel = tickFormat(lang, period);
    const bars = uPlot.paths.bars?.({ size: [0.8, 40] });
    // Tallest stack first, so each lower type is painted over the one above it.
    const layers = data.types.map((type, i) => ({ type, i })).reverse();
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 180,
        legend: { show: true, live: false },
        cursor: { drag: { x: true, y: false, setScale: false } },
        scales: {
          // Half a bar's length either side of the first and last period, and no further.
          x: { time: true, range: () => xRange(data.x, period) },
          n: { auto: true },
          f: { auto: true },
        },
        axes: [
          {
            // Dates in the reader's language and digits, as precise as a bar is long.
            values: (_u, ticks) => ticks.map((v) => tickLabel(v)),
            // Room for a date written out in Arabic, so that no two labels run into each other.
            space: 140,
            // A tick per whole period or more: never two ticks, and two labels, inside one day.
            incrs: tickSteps(period),
          },
          { scale: 'n', values: (_u, ticks) => ticks.map((v) => num(v)) },
          {
            scale: 'f',
            // uPlot's sides are an ambient const enum, which isolated modules cannot read: 1 is Right.
            // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
            side: 1,
            grid: { show: false },
            values: (_u, ticks) => ticks.map((v) => num(v)),
          },
        ],
        series: [
          {},
          ...layers.map(({ type }) => ({
            label: typeLabel(type),
            scale: 'n',
            fill: typeColor(type),
            stroke: typeColor(type),
            width: 0,
            ...(bars === undefined ? {} : { paths: bars }),
            value: (_u: uPlot, _v: number | null, _s: number, idx: number | null) =>
              idx === null ? '' : num(data.counts[data.types.indexOf(type)]?.[idx] ?? 0),
          })),
          {
            label: t('timeline.fatalities'),
            scale: 'f',
            stroke: '#a11a2a',
            width: 2,
            value: (_u: uPlot, v: number | null) => (v === null ? '' : num(v)),
          },
        ],
        hooks: {
          // The days the axis spans, on the chart's element: what a test (or a person's tools) can read of a canvas.
          setScale: [
            (u, key) => {
              const { min, max } = u.scales[key] ?? {};
              if (key !== 'x' || min === undefined || max === undefined) return;
              const span = dragRange(min, max);
              el.dataset['from'] = span.from;
              el.dataset['to'] = span.to;
            },
          ],
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              const a = u.posToVal(u.select.left, 'x');
              const b = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              onRangeRef.current(dragRange(a, b));
            },
          ],
        },
      },
      [data.x, ...layers.map(({ i }) => data.tops[i] ?? []), data.fatalities],
      el,
    );
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(200, el.clientWidth), height: 180 });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [buckets, period, order, typeLabel, num, t, lang]);

  return (
    <figure class="timeline">
      <figcaption>{t('timeline.caption')}</figcaption>
      <p class="timeline-total" data-testid="timeline-total">
        {t('timeline.total', { events, killed })}
      </p>
      {first !== undefined && last !== undefined && (
        // What the axis spans, in words: the chart itself is a picture a screen reader cannot read.
        <p class="timeline-span muted" data-testid="timeline-span">
          {t('timeline.span', {
            from: label(periodSeconds(first)),
            to: label(periodSeconds(last)),
          })}
        </p>
      )}
      <div ref={box} dir="ltr" class="timeline-chart" />
    </figure>
  );
}
