/**
 * npm run bench [-- --reports N]
 *
 * Speed of wathiq on one core, measured in one process so the ratios compare
 * like with like: the bare text pass (normalize + tokenize) as the baseline,
 * full extraction against it, and the share of place resolution. Figures are
 * printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import { extract } from '../src/extract/index.js';
import type { Knowledge } from '../src/extract/index.js';
import { loadGazetteer, locateMentions } from '../src/gazetteer/index.js';
import type { Gazetteer } from '../src/gazetteer/index.js';
import { loadLexicon } from '../src/lexicon/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../src/text/index.js';
import { generateReports } from './generate.js';

const ROUNDS = 5;

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i < 0 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The fastest of a few rounds of each task, in milliseconds, the tasks taking
 * turns so that a busy moment on the machine weighs on all of them alike.
 */
function timeTogether(rounds: number, tasks: readonly (() => void)[]): number[] {
  const best = tasks.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    tasks.forEach((work, k) => {
      const start = performance.now();
      work();
      best[k] = Math.min(best[k] ?? Infinity, performance.now() - start);
    });
  }
  return best;
}

/** The bare pass and place resolution on it: less the bare pass, the gazetteer's share of extraction. */
function placeResolution(gazetteer: Gazetteer, text: string): number {
  const tokens = tokenize(normalizeForMatching(text).text);
  return locateMentions(gazetteer, tokens, splitSentences(tokens)).length;
}

function row(label: string, ms: number, count: number, bytes: number): string {
  const perSecond = (count / ms) * 1000;
  const mbPerSecond = (bytes / 1024 / 1024 / ms) * 1000;
  return `${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms ${perSecond.toFixed(0).padStart(8)} reports/s ${mbPerSecond.toFixed(2).padStart(7)} MB/s`;
}

function main(): void {
  const count = argument('--reports', 5000);
  let started = performance.now();
  const lexicon = loadLexicon();
  const lexiconMs = performance.now() - started;
  started = performance.now();
  const gazetteer = loadGazetteer();
  const gazetteerMs = performance.now() - started;
  const knowledge: Knowledge = { lexicon, gazetteer };

  const reports = generateReports(count);
  const bytes = reports.reduce((sum, r) => sum + Buffer.byteLength(r, 'utf8'), 0);
  const documents = reports.map((text) => ({
    text,
    title: null,
    outlet: null,
    url: null,
    published: '2024-03-14',
  }));

  // Warm the JIT on a slice before measuring.
  for (const d of documents.slice(0, 300)) extract(d, { knowledge });

  let tokens = 0;
  let incidents = 0;
  const [bare = 0, full = 0, places = 0] = timeTogether(ROUNDS, [
    () => {
      tokens = 0;
      for (const r of reports) tokens += tokenize(normalizeForMatching(r).text).length;
    },
    () => {
      incidents = 0;
      for (const d of documents) incidents += extract(d, { knowledge }).incidents.length;
    },
    () => {
      for (const r of reports) placeResolution(gazetteer, r);
    },
  ]);
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;

  const lines = [
    `wathiq bench: ${String(count)} generated reports, ${(bytes / 1024 / 1024).toFixed(2)} MB, ${String(tokens)} tokens, one core, best of ${String(ROUNDS)}`,
    `load: lexicon ${lexiconMs.toFixed(0)} ms, gazetteer ${gazetteerMs.toFixed(0)} ms (${String(gazetteer.places.length)} places)`,
    row('normalize + tokenize (baseline)', bare, count, bytes),
    row('extract (full)', full, count, bytes),
    row('baseline + place resolution', places, count, bytes),
    `extract / baseline: ${(full / bare).toFixed(1)}x   place resolution share of extract: ${(((places - bare) / full) * 100).toFixed(0)}%`,
    `incidents found: ${String(incidents)}   heap after: ${heap.toFixed(0)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
