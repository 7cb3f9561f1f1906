import { belowBaseline, evaluate, f1, FIELDS, finalScore, ratio } from '../eval/index.js';
import type { Counts, EvalRun, Ratio } from '../eval/index.js';
import { err as pc } from './colors.js';
import { readBaseline } from './baseline.js';
import { iso, say } from './i18n.js';
import type { Key } from './i18n.js';
import { problem } from './problems.js';
import { printable } from './terminal.js';

export interface EvalFlags {
  verbose?: boolean;
  link?: boolean;
  baseline?: string;
}

const fmt = (n: number): string => n.toFixed(3);

function countsLine(name: Key, c: Counts): string {
  const r = f1(c);
  return say('eval.counts', {
    name: say(name),
    p: fmt(r.p),
    r: fmt(r.r),
    f1: fmt(r.f1),
    tp: c.tp,
    fp: c.fp,
    fn: c.fn,
  });
}

function ratioLine(name: Key, r: Ratio): string {
  return say('eval.ratio', { name: say(name), value: fmt(ratio(r)), hit: r.hit, total: r.total });
}

/**
 * The printed report, in the language of the run: one line per score, then
 * the score. The misses `--verbose` lists are the scorer's own notes, shown as
 * they are.
 */
export function formatEval(run: EvalRun, verbose: boolean): string {
  const s = run.scores;
  const lines: string[] = [];
  if (verbose) lines.push(...(run.links?.misses ?? []), ...s.misses, '');
  for (const f of run.failures)
    lines.push(say('eval.failed', { file: iso(f.file), problem: problem(f.problem) }));
  lines.push(say('eval.documents', { count: s.documents }));
  // With nothing scored there is no score: not a perfect one.
  if (s.documents === 0) return [...lines, say('eval.none')].join('\n');
  lines.push(countsLine('eval.incidents', s.incidents));
  lines.push(ratioLine('eval.background', s.background));
  for (const field of FIELDS) lines.push(ratioLine(`eval.${field}`, s.fields[field]));
  lines.push(countsLine('eval.figures', s.figures));
  lines.push(countsLine('eval.figuresLoose', s.figuresLoose));
  lines.push(say('eval.tallies', { found: s.tallies.found, gold: s.tallies.gold }));
  if (run.links !== undefined) lines.push(countsLine('eval.links', run.links));
  lines.push(say('eval.score', { value: fmt(finalScore(s)) }));
  return lines.join('\n');
}

/** `wathiq eval`: scores the folders' gold documents; status 1 on a failure or a fall below the baseline. */
export async function runEval(dirs: readonly string[], flags: EvalFlags): Promise<number> {
  const baseline = flags.baseline === undefined ? null : await readBaseline(flags.baseline);
  const run = await evaluate(dirs, { link: flags.link === true });
  // Each line made printable: a folder's name could hold a terminal's escape codes.
  const report = formatEval(run, flags.verbose === true)
    .split('\n')
    .map(printable);
  process.stdout.write(`${report.join('\n')}\n`);
  const fallen = baseline === null ? [] : belowBaseline(run, baseline);
  for (const line of fallen)
    process.stderr.write(
      `${pc.red('wathiq:')} ${problem(line)} (${iso(String(flags.baseline))})\n`,
    );
  return run.failures.length > 0 || fallen.length > 0 ? 1 : 0;
}
