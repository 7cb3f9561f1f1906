/**
 * The mutation check, repeatable: is each extraction rule (or piece of
 * knowledge) in a sample held by some test? Each mutation in the list disables
 * one rule, drops one word from a lexicon list or changes one weight; the tests
 * are run on the mutated tree, and the mutation is reverted before the next.
 * A rule is "held" when some test fails without it, "untested" when none does.
 *
 *   npm run mutations [-- --list scripts/mutation-sample.json --only ID,ID --check]
 *
 * `--list` is read from the repository's root unless absolute. `--check` only verifies that every mutation still applies (its `find` text
 * occurs exactly once), without running tests. The files are restored byte for
 * byte after each mutation, on Ctrl-C too; after a `kill -9`, run
 * `git checkout -- src data`. Vitest reads the TypeScript sources, so no
 * rebuild is needed between mutations.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '..', '..');

/** Replace text that occurs exactly once in a source file. */
const TextMutation = z.object({
  id: z.string().min(1),
  file: z.string().min(1),
  find: z.string().min(1),
  replace: z.string(),
});
/** Drop one entry from a list in a JSON data file (`key` is a dotted path). */
const ListMutation = z.object({
  id: z.string().min(1),
  file: z.string().min(1),
  key: z.string().min(1),
  drop: z.string().min(1),
});
const Mutation = z.union([TextMutation, ListMutation]);
type Mutation = z.infer<typeof Mutation>;
const MutationList = z.object({
  $comment: z.string().optional(),
  tests: z.array(z.string().min(1)).min(1),
  mutations: z.array(Mutation).min(1),
});

type Outcome =
  | { readonly verdict: 'held'; readonly by: string }
  | { readonly verdict: 'untested' }
  | { readonly verdict: 'broken'; readonly why: string }
  | { readonly verdict: 'not applied'; readonly why: string }
  | { readonly verdict: 'applies' };

/** The file's text with the mutation applied, or why it cannot be. */
function mutated(m: Mutation, original: string): { text: string } | { why: string } {
  if ('find' in m) {
    const at = original.indexOf(m.find);
    if (at < 0) return { why: `${m.file} no longer contains the text to change` };
    if (original.indexOf(m.find, at + 1) >= 0)
      return { why: `${m.file} contains the text to change more than once` };
    return { text: original.slice(0, at) + m.replace + original.slice(at + m.find.length) };
  }
  const data: unknown = JSON.parse(original);
  let holder: unknown = data;
  for (const part of m.key.split('.')) {
    holder =
      typeof holder === 'object' && holder !== null
        ? (holder as Record<string, unknown>)[part]
        : undefined;
  }
  if (!Array.isArray(holder)) return { why: `${m.file} has no list at ${m.key}` };
  const at = holder.indexOf(m.drop);
  if (at < 0) return { why: `${m.file} ${m.key} no longer lists «${m.drop}»` };
  holder.splice(at, 1);
  return { text: `${JSON.stringify(data, null, 2)}\n` };
}

interface VitestReport {
  readonly numFailedTests: number;
  readonly numFailedTestSuites: number;
  readonly testResults: readonly {
    readonly name: string;
    readonly message?: string;
    readonly assertionResults: readonly { readonly status: string; readonly fullName: string }[];
  }[];
}

/** Runs the tests once, stopping at the first failure, and says what failed. */
function runTests(tests: readonly string[], scratch: string): Outcome {
  const out = join(scratch, 'report.json');
  rmSync(out, { force: true });
  const run = spawnSync(
    'nice',
    [
      '-n',
      '10',
      'npx',
      'vitest',
      'run',
      '--bail=1',
      '--reporter=json',
      `--outputFile=${out}`,
      ...tests,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let report: VitestReport;
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as VitestReport;
  } catch {
    const tail = run.stderr.trim().split('\n').at(-1) ?? '';
    return { verdict: 'broken', why: `vitest wrote no report (exit ${run.status}): ${tail}` };
  }
  if (report.numFailedTests > 0) {
    for (const file of report.testResults) {
      const failed = file.assertionResults.find((a) => a.status === 'failed');
      if (failed !== undefined)
        return { verdict: 'held', by: `${relative(ROOT, file.name)} › ${failed.fullName}` };
    }
    return { verdict: 'held', by: 'a test' };
  }
  // A test file that fails with no failing test did not load: the mutation broke the code.
  if (report.numFailedTestSuites > 0) {
    const file = report.testResults.find((f) => f.message !== undefined && f.message !== '');
    const why = file?.message?.split('\n')[0] ?? 'a test file failed to load';
    return { verdict: 'broken', why };
  }
  return { verdict: 'untested' };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      list: { type: 'string', default: join('scripts', 'mutation-sample.json') },
      only: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const listPath = resolve(ROOT, values.list);
  let parsed: z.infer<typeof MutationList>;
  try {
    parsed = MutationList.parse(JSON.parse(readFileSync(listPath, 'utf8')));
  } catch (error) {
    const why =
      error instanceof z.ZodError ? z.prettifyError(error).replace(/\n/g, '; ') : String(error);
    console.error(`mutation list ${values.list}: ${why}`);
    return 1;
  }
  const only =
    values.only === undefined ? null : new Set(values.only.split(',').map((s) => s.trim()));
  const chosen = parsed.mutations.filter((m) => only === null || only.has(m.id));
  if (only !== null) {
    const unknown = [...only].filter((id) => !chosen.some((m) => m.id === id));
    if (unknown.length > 0) {
      console.error(`mutation list ${values.list}: no mutation named ${unknown.join(', ')}`);
      return 1;
    }
  }

  // Whatever happens, the files go back as they were.
  const originals = new Map<string, string>();
  const restore = (): void => {
    for (const [file, text] of originals) writeFileSync(join(ROOT, file), text);
    originals.clear();
  };
  const interrupted = (): void => {
    restore();
    process.exit(130);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);

  const scratch = mkdtempSync(join(tmpdir(), 'wathiq-mutations-'));
  try {
    if (!values.check) {
      const before = runTests(parsed.tests, scratch);
      if (before.verdict !== 'untested') {
        console.error(
          `the tests fail before any mutation (${before.verdict === 'held' ? before.by : 'see vitest'}): fix them first`,
        );
        return 1;
      }
    }
    const results: { id: string; outcome: Outcome }[] = [];
    for (const m of chosen) {
      const original = readFileSync(join(ROOT, m.file), 'utf8');
      const change = mutated(m, original);
      let outcome: Outcome;
      if ('why' in change) outcome = { verdict: 'not applied', why: change.why };
      else if (values.check) outcome = { verdict: 'applies' };
      else {
        originals.set(m.file, original);
        writeFileSync(join(ROOT, m.file), change.text);
        try {
          outcome = runTests(parsed.tests, scratch);
        } finally {
          restore();
        }
      }
      results.push({ id: m.id, outcome });
      const o = outcome;
      const detail =
        o.verdict === 'held'
          ? ` — ${o.by}`
          : o.verdict === 'broken' || o.verdict === 'not applied'
            ? ` — ${o.why}`
            : '';
      console.log(`${o.verdict.padEnd(11)} ${m.id}${detail.replace(/\s+/g, ' ')}`);
    }
    const count = (v: Outcome['verdict']): number =>
      results.filter((r) => r.outcome.verdict === v).length;
    const notApplied = count('not applied');
    if (values.check) {
      console.log(`${count('applies')} of ${results.length} mutations apply`);
      return notApplied > 0 ? 1 : 0;
    }
    console.log(
      `${count('held')} held, ${count('untested')} untested, ${count('broken')} broken, ${notApplied} not applied, of ${results.length}`,
    );
    return count('untested') + count('broken') + notApplied > 0 ? 1 : 0;
  } finally {
    restore();
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
