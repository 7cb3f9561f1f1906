/**
 * Two builds of extraction timed against each other in one process, on the
 * real dev reports: `--old DIST` and `--new DIST` each name a build's `dist`
 * folder (`--new` defaults to this build's), each build with its own code and
 * its own shipped knowledge. Each round times, for each build, its own bare
 * text pass (normalize + tokenize) and then its extraction over the same
 * reports, the two builds taking turns to go first (alternate.ts). Each
 * build's bare pass is its own: a pass shared with one of them warmed that
 * build's text code and not the other's, and leaned the two ratios apart. Times are CPU time of this process, and of its main thread.
 * It prints new/old round by round, their median and range, and each build's
 * extraction over the bare pass, and checks that both builds extracted the
 * same results.
 *
 * A build kept aside needs `data/` and `package.json` beside its `dist` (its
 * dictionaries are found there) and the packages reachable from it:
 * `mkdir /tmp/NAME-old && cp -r dist data package.json /tmp/NAME-old/ && ln -s $PWD/node_modules /tmp/NAME-old/`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Document, DocumentResult } from '../src/contracts/index.js';
import type { Knowledge } from '../src/extract/index.js';
import { roundOrder, ratioSummary } from './alternate.js';
import type { RatioSummary } from './alternate.js';
import { DEFAULT_CORPUS, realReports } from './corpus.js';
import { benchArguments, usageError } from './options.js';

const COMMAND = {
  usage:
    'node dist/bench/ab.js --old DIST [--new DIST --rounds N --warmup N --copies N --corpus DIR]',
  counts: { rounds: 12, copies: 10, warmup: 3 },
  texts: ['old', 'new', 'corpus'],
} as const;

/** What a build's `src/extract/index.js` gives that is timed here. */
interface Extraction {
  readonly extract: (document: Document, options: { knowledge: Knowledge }) => DocumentResult;
  readonly shippedKnowledge: () => Knowledge;
}

/** What a build's `src/text/index.js` gives for its bare pass. */
interface TextPass {
  readonly normalizeForMatching: (text: string) => { readonly text: string };
  readonly tokenize: (text: string) => unknown;
}

type Build = Extraction & TextPass;

const moduleOf = async (dist: string, ...path: string[]): Promise<unknown> =>
  import(pathToFileURL(resolve(dist, 'src', ...path, 'index.js')).href);

async function loadBuild(dist: string): Promise<Build> {
  const extraction = (await moduleOf(dist, 'extract')) as Partial<Extraction>;
  const text = (await moduleOf(dist, 'text')) as Partial<TextPass>;
  if (typeof extraction.extract !== 'function' || typeof extraction.shippedKnowledge !== 'function')
    throw new Error(`${dist}: no extract and shippedKnowledge in src/extract/index.js`);
  if (typeof text.normalizeForMatching !== 'function' || typeof text.tokenize !== 'function')
    throw new Error(`${dist}: no normalizeForMatching and tokenize in src/text/index.js`);
  return {
    extract: extraction.extract,
    shippedKnowledge: extraction.shippedKnowledge,
    normalizeForMatching: text.normalizeForMatching,
    tokenize: text.tokenize,
  };
}

/** CPU time in ms: of this process (all its threads), and of its main thread alone. */
interface Cpu {
  readonly process: number;
  readonly main: number;
}

/**
 * The main thread's time on a core (/proc's schedstat, ns; 0 where there is
 * none). The process's time adds V8's helper threads (concurrent marking and
 * sweeping, background compiles), whose share moved with the machine's load
 * more than the main thread's did.
 */
function mainThreadMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${String(process.pid)}/schedstat`, 'utf8');
    return Number(stat.split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

function cpuOf(work: () => void): Cpu {
  const before = process.cpuUsage();
  const mainBefore = mainThreadMs();
  work();
  const main = mainThreadMs() - mainBefore;
  const used = process.cpuUsage(before);
  return { process: (used.user + used.system) / 1000, main };
}

/** One pass of a build's extraction over the reports. */
function extractAll(
  build: Build,
  knowledge: Knowledge,
  documents: readonly Document[],
): () => void {
  return () => {
    for (const d of documents) build.extract(d, { knowledge });
  };
}

/**
 * The bare pass is some 30 times quicker than extraction: one pass of it, a
 * few ms, would be as much the clock's and the scheduler's as its own. It runs
 * this many times a round, and its time is divided by it.
 */
const BARE_REPEATS = 10;

function bareAll(build: TextPass, documents: readonly Document[]): () => void {
  return () => {
    for (let n = 0; n < BARE_REPEATS; n++)
      for (const d of documents) build.tokenize(build.normalizeForMatching(d.text).text);
  };
}

/** The reports on which the two builds' results differ, by position in the dev reports. */
function differing(
  documents: readonly Document[],
  old: { build: Build; knowledge: Knowledge },
  next: { build: Build; knowledge: Knowledge },
): number[] {
  const differs: number[] = [];
  documents.forEach((d, i) => {
    const a = JSON.stringify(old.build.extract(d, { knowledge: old.knowledge }));
    const b = JSON.stringify(next.build.extract(d, { knowledge: next.knowledge }));
    if (a !== b) differs.push(i);
  });
  return differs;
}

const fixed = (n: number, digits: number): string => n.toFixed(digits);
const summary = (s: RatioSummary): string =>
  `median ${fixed(s.median, 3)} (range ${fixed(s.low, 3)}–${fixed(s.high, 3)}, all rounds pooled ${fixed(s.pooled, 3)}, best over best ${fixed(s.best, 3)})`;

async function main(): Promise<void> {
  const { counts, texts } = benchArguments(COMMAND);
  if (texts.old === null) usageError(COMMAND, '--old DIST is required');
  const newDist = texts.new ?? resolve(import.meta.dirname, '..');
  const builds = await Promise.all([loadBuild(texts.old), loadBuild(newDist)]);
  const sides = builds.map((build) => ({ build, knowledge: build.shippedKnowledge() }));
  const [old, next] = sides;
  if (old === undefined || next === undefined) return;

  const corpus = texts.corpus ?? DEFAULT_CORPUS;
  const real = await realReports(corpus);
  if (real === null || real.length === 0) usageError(COMMAND, `no reports in ${corpus}/dev`);
  const documents = Array.from({ length: counts.copies }, () => real).flat();

  const differs = differing(real, old, next);
  const bares = builds.map((build) => bareAll(build, documents));
  const tasks = sides.map((side) => extractAll(side.build, side.knowledge, documents));
  // Untimed rounds first: V8 compiles the hot code on threads of this process
  // over the first passes, and the first rounds timed ran 1.5–4× the later ones.
  for (let round = 0; round < counts.warmup; round++)
    for (const task of [...bares, ...tasks]) task();

  // Per build: its bare passes' times (a pass's mean) and its extractions'.
  const bareTimes: Cpu[][] = [[], []];
  const times: Cpu[][] = [[], []];
  const lines: string[] = [];
  for (let round = 0; round < counts.rounds; round++) {
    for (const k of roundOrder(round, builds.length)) {
      const bare = bares[k];
      const task = tasks[k];
      if (bare === undefined || task === undefined) continue;
      const once = cpuOf(bare);
      bareTimes[k]?.push({ process: once.process / BARE_REPEATS, main: once.main / BARE_REPEATS });
      times[k]?.push(cpuOf(task));
    }
    const at = (series: Cpu[][], k: number): number => series[k]?.[round]?.process ?? NaN;
    lines.push(
      `  round ${String(round + 1).padStart(2)}: bare ${fixed(at(bareTimes, 0), 1).padStart(5)} ${fixed(at(bareTimes, 1), 1).padStart(5)} old ${fixed(at(times, 0), 0).padStart(6)} new ${fixed(at(times, 1), 0).padStart(6)} ms cpu, new/old ${fixed(at(times, 1) / at(times, 0), 3)}`,
    );
  }
  const of = (series: Cpu[][], k: number, clock: keyof Cpu): number[] =>
    (series[k] ?? []).map((t) => t[clock]);
  process.stdout.write(
    [
      `wathiq A/B: ${String(real.length)} dev reports × ${String(counts.copies)} per pass, ${String(counts.rounds)} rounds after ${String(counts.warmup)} untimed, CPU time of this process (bare: each build's own, a pass's mean over ${String(BARE_REPEATS)})`,
      `  old ${texts.old}`,
      `  new ${newDist}`,
      differs.length === 0
        ? `  results: identical on all ${String(real.length)} reports`
        : `  results: DIFFER on ${String(differs.length)} reports (dev report #${differs.join(', #')})`,
      ...lines,
      `new/old: ${summary(ratioSummary(of(times, 1, 'process'), of(times, 0, 'process')))}`,
      `new/old, main thread: ${summary(ratioSummary(of(times, 1, 'main'), of(times, 0, 'main')))}`,
      `new/old, bare pass: ${summary(ratioSummary(of(bareTimes, 1, 'process'), of(bareTimes, 0, 'process')))}`,
      `old extract / old bare: ${summary(ratioSummary(of(times, 0, 'process'), of(bareTimes, 0, 'process')))}`,
      `new extract / new bare: ${summary(ratioSummary(of(times, 1, 'process'), of(bareTimes, 1, 'process')))}`,
    ].join('\n') + '\n',
  );
}

await main();
