/**
 * The `wathiq` command as a user runs it, start-up included (issues 11 and
 * 12): how long a one-line `extract` takes to print, how long `export` takes
 * from a small embedded store, and `extract --ndjson` over N report files
 * against the library's own rate on the same reports in one process, and the
 * start-up of `export`, `review` and `search` on an embedded store of 10,000
 * events (`--events N`; issues 10 and 11: under 2 s). Each
 * command is a child process; its CPU time is what the kernel counted for it
 * (Linux; wall time alone elsewhere). Medians of a few runs, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '../src/contracts/index.js';
import { extract, shippedKnowledge } from '../src/extract/index.js';
import { openStore } from '../src/store/index.js';
import { median } from './alternate.js';
import { DEFAULT_CORPUS, realReports } from './corpus.js';
import { fill } from './fill.js';
import { generateReports } from './generate.js';
import { benchArguments } from './options.js';

const WATHIQ = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');

/** Goals (issues 11 and 12). */
const GOAL_EXTRACT_START_S = 0.4;
const GOAL_CLI_SHARE = 0.8;
/** Goal (issue 10): opening a store of 10,000 events to export or review, unnoticed. */
const GOAL_STORE_START_S = 2;

const COMMAND = {
  usage: 'npm run bench:cli [-- --files N --runs N --events N --corpus DIR]',
  counts: { files: 3000, runs: 7, events: 10_000 },
  texts: ['corpus'],
} as const;

/** CPU seconds of the children this process has waited for (Linux's /proc), or null elsewhere. */
function childrenCpu(): number | null {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 a second).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

interface Run {
  readonly wall: number;
  readonly cpu: number | null;
}

/** Runs `wathiq ARGS…` to its end; its wall and CPU seconds. Throws with what it said if it failed. */
function wathiq(args: readonly string[], input?: string): Run {
  const cpu = childrenCpu();
  const started = performance.now();
  const run = spawnSync(process.execPath, [WATHIQ, ...args], {
    input,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  const after = childrenCpu();
  if (run.status !== 0)
    throw new Error(
      `wathiq ${args.slice(0, 3).join(' ')}… failed (${String(run.status)}): ${run.stderr}`,
    );
  return { wall, cpu: cpu === null || after === null ? null : after - cpu };
}

/** Median wall and CPU seconds of a few runs, after one not counted. */
function timed(
  runs: number,
  once: () => Run,
): { wall: number; cpu: number | null; spread: string } {
  once();
  const all = Array.from({ length: runs }, once);
  const walls = all.map((r) => r.wall);
  const cpus = all.map((r) => r.cpu).filter((c): c is number => c !== null);
  return {
    wall: median(walls),
    cpu: cpus.length === all.length ? median(cpus) : null,
    spread: `${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)} s wall`,
  };
}

const seconds = (t: { wall: number; cpu: number | null }): string =>
  `${t.wall.toFixed(3)} s wall${t.cpu === null ? '' : `, ${t.cpu.toFixed(2)} s CPU`}`;
const mark = (ok: boolean): string => (ok ? 'met' : 'NOT MET');

/**
 * The library's rate over these documents in this process, knowledge loaded:
 * on its first pass, as cold as the command's (V8 optimises extraction's code
 * over the first thousand or two reports), and at its best of three passes.
 */
function libraryRates(documents: readonly Document[]): { first: number; best: number } {
  const knowledge = shippedKnowledge();
  const passes = Array.from({ length: 3 }, () => {
    const started = process.cpuUsage();
    for (const d of documents) JSON.stringify(extract(d, { knowledge }));
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1e6;
  });
  return {
    first: documents.length / (passes[0] ?? NaN),
    best: documents.length / Math.min(...passes),
  };
}

async function main(): Promise<void> {
  const { counts, texts } = benchArguments(COMMAND);
  const { runs, files: count } = counts;
  const work = mkdtempSync(join(tmpdir(), 'wathiq-bench-cli-'));
  const lines = [
    `wathiq bench: the command line, start-up included (median of ${String(runs)} runs)`,
  ];
  try {
    const line =
      generateReports(1, 11)[0]
        ?.split('\n')
        .find((l) => l.length > 40) ?? '';
    const start = timed(runs, () => wathiq(['extract', '-'], `${line}\n`));
    lines.push(
      `extract of one line, start to exit: ${seconds(start)} (${start.spread}; goal < ${String(GOAL_EXTRACT_START_S)} s wall) — ${mark(start.wall < GOAL_EXTRACT_START_S)}`,
    );

    const data = join(work, 'data');
    const stories = generateReports(20, 5).map((text, k) => {
      const path = join(work, `story-${String(k)}.txt`);
      writeFileSync(path, text);
      return path;
    });
    wathiq(['ingest', '--data', data, '--published', '2024-03-14', '--no-progress', ...stories]);
    const exported = timed(runs, () =>
      wathiq(['export', '--data', data, '--format', 'csv', '--out', join(work, 'out.csv')]),
    );
    lines.push(
      `export of a small embedded store, start to exit: ${seconds(exported)} (${exported.spread})`,
    );

    // A store of many events, made by copying the events of generated news (bench/fill.ts).
    const events = counts.events;
    const big = join(work, 'big');
    const db = await openStore({ dataDir: join(big, 'db') });
    const held = await fill(db, 600, events).finally(() => db.close());
    const store = `an embedded store of ${held.toLocaleString('en')} events`;
    // A day no event has: what is timed is the start, not the rows.
    const startExport = timed(runs, () =>
      wathiq([
        'export',
        '--data',
        big,
        '--format',
        'acled',
        '--from',
        '2100-01-01',
        '--out',
        join(work, 'none.csv'),
      ]),
    );
    const startReview = timed(runs, () => wathiq(['review', '--data', big, '--lang', 'en']));
    const startSearch = timed(runs, () =>
      wathiq(['search', '--data', big, '--limit', '20', 'قصف']),
    );
    const whole = timed(Math.max(1, Math.round(runs / 3)), () =>
      wathiq(['export', '--data', big, '--format', 'acled', '--out', join(work, 'all.csv')]),
    );
    lines.push(
      `export start-up on ${store} (no row matches), start to exit: ${seconds(startExport)} (${startExport.spread}; goal < ${String(GOAL_STORE_START_S)} s wall) — ${mark(startExport.wall < GOAL_STORE_START_S)}`,
      `review start-up on ${store} (its first 20), start to exit: ${seconds(startReview)} (${startReview.spread}; goal < ${String(GOAL_STORE_START_S)} s wall) — ${mark(startReview.wall < GOAL_STORE_START_S)}`,
      `search start-up on ${store} (its first 20 reports), start to exit: ${seconds(startSearch)} (${startSearch.spread}; goal < ${String(GOAL_STORE_START_S)} s wall) — ${mark(startSearch.wall < GOAL_STORE_START_S)}`,
      `export --format acled of all of them: ${seconds(whole)} (${whole.spread})`,
    );

    // Real reports when the shared corpus is there, else generated ones.
    const real = await realReports(texts.corpus ?? DEFAULT_CORPUS);
    const source: Document[] =
      real !== null && real.length > 0
        ? real
        : generateReports(200).map((text) => ({
            text,
            title: null,
            outlet: null,
            url: null,
            published: '2024-03-14',
          }));
    const documents = Array.from({ length: count }, (_, k) => source[k % source.length]).filter(
      (d): d is Document => d !== undefined,
    );
    const files = documents.map((d, k) => {
      const path = join(work, `report-${String(k).padStart(5, '0')}.txt`);
      writeFileSync(path, d.text);
      return path;
    });
    const library = libraryRates(documents);
    const cli = timed(Math.max(1, Math.round(runs / 3)), () =>
      wathiq(['extract', '--ndjson', '--published', '2024-03-14', ...files]),
    );
    const cliRate = count / (cli.cpu ?? cli.wall);
    lines.push(
      `extract --ndjson over ${String(count)} ${real === null ? 'generated' : 'real'} report files: ${seconds(cli)}, ${cliRate.toFixed(0)} reports/s of ${cli.cpu === null ? 'wall' : 'CPU'} time`,
      `  the library on the same reports, one process: ${library.first.toFixed(0)} reports/s of CPU on its first pass, ${library.best.toFixed(0)} at its best (warmed up)`,
      `  the command: ${((cliRate / library.first) * 100).toFixed(0)}% of the first pass (goal ≥ ${String(GOAL_CLI_SHARE * 100)}%) — ${mark(cliRate >= GOAL_CLI_SHARE * library.first)}; ${((cliRate / library.best) * 100).toFixed(0)}% of the best`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
