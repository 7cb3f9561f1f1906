/**
 * Speed of extraction on one core, measured in one process so the ratios
 * compare like with like: the bare text pass (normalize + tokenize) as the
 * baseline, full extraction against it, and the share of place resolution; on
 * generated reports shaped like real ones and, when the shared corpus is there
 * (`../shared/corpus`, read at run time), on the real dev reports. Times are
 * CPU time of this process (process.cpuUsage: the machines are shared, and a
 * busy neighbour stretches wall time), wall time beside it. Figures are
 * printed with their goals, never asserted.
 */
import { performance } from 'node:perf_hooks';
import type { Document } from '../src/contracts/index.js';
import { extract } from '../src/extract/index.js';
import type { Knowledge } from '../src/extract/index.js';
import { locatePlaces } from '../src/extract/03-places/index.js';
import { loadGazetteer, locateMentions } from '../src/gazetteer/index.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../src/text/index.js';
import { DEFAULT_CORPUS, realReports } from './corpus.js';
import { generateReports } from './generate.js';
import { benchArguments } from './options.js';
import { SAMPLE_EVERY_US, sampleStage } from './share.js';
import type { StageSamples } from './share.js';

/** Goals (issue 11). */
const GOAL_REPORTS_PER_SECOND = 1000;
const GOAL_RATIO = 10;
const GOAL_PLACE_SHARE = 0.1;
const GOAL_SHAPE = 0.2;
const GOAL_FLAT = 0.2;

const CURVE_KB = [2, 20, 200, 2048];

const COMMAND = {
  usage: 'npm run bench:extract [-- --reports N --rounds N --corpus DIR --no-curve]',
  counts: { reports: 2000, rounds: 5 },
  texts: ['corpus'],
  flags: ['no-curve'],
} as const;

/** Milliseconds of CPU (this process, all its threads) and of the wall clock. */
interface Timing {
  readonly cpu: number;
  readonly wall: number;
}

/**
 * No collection is forced between rounds: a forced full collection (`gc()`)
 * left V8 sweeping and marking the whole heap on its helper threads during the
 * next timed round, and dropped compiled code that round then compiled again,
 * 0.3–1 s of CPU on top of 2 s of extraction. A process that extracts reports
 * never forces a collection; the rounds measure what it does.
 */
function time(work: () => void): Timing {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

/**
 * The fastest of a few rounds of each task, CPU and wall time each at its best,
 * the tasks taking turns so that a busy moment on the machine weighs on all alike.
 */
function timeTogether(rounds: number, tasks: readonly (() => void)[]): Timing[] {
  const best = tasks.map(() => ({ cpu: Infinity, wall: Infinity }));
  for (let r = 0; r < rounds; r++) {
    tasks.forEach((work, k) => {
      const t = time(work);
      const b = best[k];
      if (b === undefined) return;
      b.cpu = Math.min(b.cpu, t.cpu);
      b.wall = Math.min(b.wall, t.wall);
    });
  }
  return best;
}

function documentOf(text: string): Document {
  return { text, title: null, outlet: null, url: null, published: '2024-03-14' };
}

function kilobytes(documents: readonly Document[]): number {
  return documents.reduce((sum, d) => sum + Buffer.byteLength(d.text, 'utf8'), 0) / 1024;
}

/** One set of reports measured: the bare pass, extraction and place resolution's share of it. */
interface Measured {
  readonly label: string;
  readonly reports: number;
  readonly kb: number;
  readonly bare: Timing;
  readonly full: Timing;
  /** Extraction's profiler samples, and those in place resolution. */
  readonly places: StageSamples;
  readonly incidents: number;
}

function tasksFor(
  documents: readonly Document[],
  knowledge: Knowledge,
  counted: { incidents: number },
): (() => void)[] {
  return [
    () => {
      for (const d of documents) tokenize(normalizeForMatching(d.text).text);
    },
    () => {
      counted.incidents = 0;
      for (const d of documents) counted.incidents += extract(d, { knowledge }).incidents.length;
    },
  ];
}

const perSecond = (count: number, ms: number): number => (count / ms) * 1000;
const fixed = (n: number, digits = 0): string => n.toFixed(digits);
const percent = (share: number): string => `${fixed(share * 100)}%`;
const mark = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

function row(label: string, t: Timing, set: Measured): string {
  return `  ${label.padEnd(28)} ${fixed(t.cpu).padStart(7)} ms cpu ${fixed(t.wall).padStart(7)} ms wall ${fixed(perSecond(set.reports, t.cpu)).padStart(7)} reports/s ${fixed(t.cpu / set.kb, 3).padStart(7)} ms/KB`;
}

function describe(set: Measured): string[] {
  return [
    `${set.label}: ${String(set.reports)} reports, ${fixed(set.kb / 1024, 2)} MB, ${fixed(set.incidents)} incidents`,
    row('normalize + tokenize (bare)', set.bare, set),
    row('extract', set.full, set),
    `  place resolution (03) in extract: ${String(set.places.inner)} of ${String(set.places.outer)} profiler samples`,
  ];
}

const ratioOf = (set: Measured): number => set.full.cpu / set.bare.cpu;
const placeShare = (set: Measured): number => set.places.inner / set.places.outer;

/** Passes over a set of reports sampled for place resolution's share: some 20,000 samples each. */
const SAMPLED_PASSES = 2;

/**
 * Place resolution's share of extraction: extraction run whole under V8's
 * sampling profiler, the samples with `locatePlaces` on their stack over those
 * with `extract` on it (`sampleStage`): the stage timed where it runs, in one
 * run, not a difference of two timings as noisy as it on a shared machine.
 */
function placeSamples(documents: readonly Document[], knowledge: Knowledge): Promise<StageSamples> {
  return sampleStage(
    () => {
      for (let pass = 0; pass < SAMPLED_PASSES; pass++)
        for (const d of documents) extract(d, { knowledge });
    },
    extract.name,
    locatePlaces.name,
  );
}

/** Per report, the features that make a report cost what it costs. */
function shapeOf(documents: readonly Document[], knowledge: Knowledge): Map<string, number> {
  const sums = new Map<string, number>();
  const add = (key: string, n: number): void => void sums.set(key, (sums.get(key) ?? 0) + n);
  for (const d of documents) {
    const tokens = tokenize(normalizeForMatching(d.text).text);
    const sentences = splitSentences(tokens);
    const result = extract(d, { knowledge });
    add('KB', Buffer.byteLength(d.text, 'utf8') / 1024);
    add('tokens', tokens.filter((t) => t.kind !== 'break').length);
    add('sentences', sentences.length);
    add('paragraphs', d.text.split('\n').filter((line) => line.trim() !== '').length);
    add('place mentions', locateMentions(knowledge.gazetteer, tokens, sentences).length);
    add('quote marks', (d.text.match(/[«»“”"]/gu) ?? []).length);
    add('incidents', result.incidents.length);
    add(
      'claims',
      result.incidents.reduce((n, incident) => n + incident.claims.length, 0),
    );
    add('tallies', result.tallies.length);
  }
  const per = new Map<string, number>();
  for (const [key, sum] of sums) per.set(key, sum / Math.max(1, documents.length));
  return per;
}

function shapeTable(real: Map<string, number>, generated: Map<string, number>): string[] {
  const lines = [`shape per report ${'real'.padStart(14)} ${'generated'.padStart(10)}`];
  for (const [key, value] of real)
    lines.push(
      `  ${key.padEnd(24)} ${fixed(value, 1).padStart(8)} ${fixed(generated.get(key) ?? 0, 1).padStart(10)}`,
    );
  return lines;
}

/** Documents of about `kb` kilobytes each, generated reports end to end, `total` KB of them. */
function documentsOfSize(reports: readonly string[], kb: number, totalKb: number): Document[] {
  const documents: Document[] = [];
  let k = 0;
  let made = 0;
  while (made < totalKb) {
    const parts: string[] = [];
    let size = 0;
    while (size < kb * 1024) {
      const text = reports[k++ % reports.length] ?? '';
      parts.push(text);
      size += Buffer.byteLength(text, 'utf8') + 2;
    }
    documents.push(documentOf(parts.join('\n\n')));
    made += size / 1024;
  }
  return documents;
}

/**
 * Time per KB from 2 KB to 2 MB documents: extraction should cost the same per
 * KB at every size. The sizes take turns, the best of the rounds counting, as
 * the other figures are taken: timed once each, one busy moment of the machine
 * moved a size by 30–60%.
 */
function curve(reports: readonly string[], knowledge: Knowledge, rounds: number): string[] {
  const sets = CURVE_KB.map((kb) => documentsOfSize(reports, kb, Math.max(kb, 1024)));
  for (const documents of sets) extract(documents[0] ?? documentOf(''), { knowledge });
  const timings = timeTogether(
    rounds,
    sets.map((documents) => () => {
      for (const d of documents) extract(d, { knowledge });
    }),
  );
  const lines = [`time per KB by document size (extract, CPU, best of ${String(rounds)} rounds):`];
  let first = 0;
  let worst = 0;
  CURVE_KB.forEach((kb, i) => {
    const documents = sets[i] ?? [];
    const perKb = (timings[i]?.cpu ?? 0) / kilobytes(documents);
    if (first === 0) first = perKb;
    worst = Math.max(worst, perKb / first);
    lines.push(
      `  ${`${String(kb)} KB`.padStart(8)} × ${String(documents.length).padStart(4)}: ${fixed(perKb, 3)} ms/KB (${fixed(perKb / first, 2)}× the 2 KB figure)`,
    );
  });
  lines.push(
    `  flat (goal: every size within ${percent(GOAL_FLAT)} of the 2 KB figure): worst ${fixed(worst, 2)}× — ${mark(worst <= 1 + GOAL_FLAT)}`,
  );
  return lines;
}

async function main(): Promise<void> {
  const { counts, texts, flags } = benchArguments(COMMAND);
  const { reports: count, rounds } = counts;
  let started = performance.now();
  const lexicon = loadLexicon();
  const lexiconMs = performance.now() - started;
  started = performance.now();
  const gazetteer = loadGazetteer();
  const gazetteerMs = performance.now() - started;
  const knowledge: Knowledge = { lexicon, gazetteer };

  const reports = generateReports(count);
  const generated = reports.map(documentOf);
  const corpus = texts.corpus ?? DEFAULT_CORPUS;
  const real = await realReports(corpus);
  // The real reports repeated to about as many as the generated ones, so both are timed alike.
  const realSet =
    real === null || real.length === 0
      ? null
      : Array.from({ length: Math.max(1, Math.round(count / real.length)) }, () => real).flat();

  // Warm the JIT before measuring.
  for (const d of [...generated.slice(0, 300), ...(real ?? [])]) extract(d, { knowledge });

  const counted = [{ incidents: 0 }, { incidents: 0 }];
  const tasks = [
    ...tasksFor(generated, knowledge, counted[0] ?? { incidents: 0 }),
    ...(realSet === null ? [] : tasksFor(realSet, knowledge, counted[1] ?? { incidents: 0 })),
  ];
  const timings = timeTogether(rounds, tasks);
  const measured = async (
    label: string,
    documents: readonly Document[],
    offset: number,
    incidents: number,
  ): Promise<Measured> => ({
    label,
    reports: documents.length,
    kb: kilobytes(documents),
    bare: timings[offset] ?? { cpu: NaN, wall: NaN },
    full: timings[offset + 1] ?? { cpu: NaN, wall: NaN },
    places: await placeSamples(documents, knowledge),
    incidents,
  });
  const gen = await measured('generated', generated, 0, counted[0]?.incidents ?? 0);
  const lines = [
    `wathiq bench: extraction on one core, best of ${String(rounds)} rounds, CPU time of this process (wall time beside it)`,
    `place resolution's share: of V8's profiler samples in extract (every ${String(SAMPLE_EVERY_US)} µs, ${String(SAMPLED_PASSES)} passes over each set), those with locatePlaces on the stack`,
    `load: lexicon ${fixed(lexiconMs)} ms, gazetteer ${fixed(gazetteerMs)} ms (${String(gazetteer.places.length)} places)`,
    ...describe(gen),
  ];
  if (realSet === null || real === null) {
    lines.push(`real reports: none (no ${corpus}/dev; --corpus DIR names the shared corpus)`);
    lines.push(
      `extract: generated ${fixed(perSecond(gen.reports, gen.full.cpu))} reports/s (goal ≥ ${String(GOAL_REPORTS_PER_SECOND)} on real reports)`,
      `extract / bare pass: generated ${fixed(ratioOf(gen), 1)}× (goal ≤ ${String(GOAL_RATIO)}×)`,
      `place resolution share of extract: generated ${percent(placeShare(gen))} (goal ≤ ${percent(GOAL_PLACE_SHARE)})`,
    );
  } else {
    const rl = await measured(
      `real (${String(real.length)} dev reports × ${String(realSet.length / real.length)})`,
      realSet,
      2,
      counted[1]?.incidents ?? 0,
    );
    const realRate = perSecond(rl.reports, rl.full.cpu);
    const costRatio = gen.full.cpu / gen.kb / (rl.full.cpu / rl.kb);
    lines.push(
      ...describe(rl),
      ...shapeTable(shapeOf(real, knowledge), shapeOf(generated.slice(0, 500), knowledge)),
      `extract on real reports: ${fixed(realRate)} reports/s of CPU (goal ≥ ${String(GOAL_REPORTS_PER_SECOND)}) — ${mark(realRate >= GOAL_REPORTS_PER_SECOND)}; generated ${fixed(perSecond(gen.reports, gen.full.cpu))} reports/s`,
      `cost per KB, generated / real: ${fixed(costRatio, 2)} (goal within ${percent(GOAL_SHAPE)} of 1) — ${mark(Math.abs(costRatio - 1) <= GOAL_SHAPE)}`,
      `extract / bare pass: real ${fixed(ratioOf(rl), 1)}×, generated ${fixed(ratioOf(gen), 1)}× (goal ≤ ${String(GOAL_RATIO)}×) — ${mark(ratioOf(rl) <= GOAL_RATIO)}`,
      `place resolution share of extract: real ${percent(placeShare(rl))}, generated ${percent(placeShare(gen))} (goal ≤ ${percent(GOAL_PLACE_SHARE)}) — ${mark(placeShare(rl) <= GOAL_PLACE_SHARE)}`,
    );
  }
  if (!flags['no-curve']) lines.push(...curve(reports, knowledge, rounds));
  lines.push(`heap after: ${fixed(process.memoryUsage().heapUsed / 1024 / 1024)} MB`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
