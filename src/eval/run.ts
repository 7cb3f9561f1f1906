import { readdir, readFile } from 'node:fs/promises';
import type { DocumentResult } from '../contracts/index.js';
import { basename, join } from 'node:path';
import { extract, shippedKnowledge } from '../extract/index.js';
import type { Knowledge } from '../extract/index.js';
import { readDocument } from '../ingest/index.js';
import { zGold } from './gold.js';
import { scoreLinks } from './links.js';
import type { ExtractedReport, LinkScores } from './links.js';
import type { Gold } from './gold.js';
import { addScores, emptyScores, scoreDocument } from './score.js';
import type { Scores } from './score.js';

/** A corpus document that could not be scored, and why. */
export interface EvalFailure {
  readonly file: string;
  readonly problem: string;
}

export interface EvalRun {
  readonly scores: Scores;
  readonly failures: readonly EvalFailure[];
  /** Same-event decisions between reports, with `--link`. */
  readonly links?: LinkScores;
}

export interface EvalOptions {
  readonly knowledge?: Knowledge;
  /** Also link the reports into events and score the pairs against the manifests' clusters. */
  readonly link?: boolean;
}

async function goldFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => n.endsWith('.gold.json'))
    .sort()
    .map((n) => join(dir, n));
}

async function reportFor(goldPath: string, declared: string | undefined): Promise<string> {
  const dir = join(goldPath, '..');
  const stem = basename(goldPath, '.gold.json');
  const names = await readdir(dir);
  const candidates = [declared, `${stem}.txt`, `${stem}.html`, `${stem}.htm`].filter(
    (n): n is string => n !== undefined,
  );
  const found = candidates.find((n) => names.includes(n));
  if (found === undefined) throw new Error(`no report file next to ${basename(goldPath)}`);
  return join(dir, found);
}

/**
 * Runs extraction over every gold-annotated document of the folders and scores
 * it (shared/spec/gold.md). A document that fails is reported, not fatal.
 */
export async function evaluate(
  dirs: readonly string[],
  options: EvalOptions = {},
): Promise<EvalRun> {
  const knowledge = options.knowledge ?? shippedKnowledge();
  const scores = emptyScores();
  const failures: EvalFailure[] = [];
  const extracted: ExtractedReport[] = [];
  for (const dir of dirs) {
    let golds: string[];
    try {
      golds = await goldFiles(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem =
        code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : String(error);
      failures.push({ file: dir, problem });
      continue;
    }
    if (golds.length === 0)
      failures.push({
        file: dir,
        problem: 'no gold files (NAME.gold.json) here: nothing to score',
      });
    for (const goldPath of golds) {
      let gold: Gold | null = null;
      try {
        gold = zGold.parse(JSON.parse(await readFile(goldPath, 'utf8')));
        const reportPath = await reportFor(goldPath, gold.file);
        const document = await readDocument(reportPath, { published: gold.published ?? null });
        const result = extract(document, { published: gold.published ?? null, knowledge });
        addScores(scores, scoreDocument(result, gold));
        extracted.push({ dir, doc: basename(goldPath, '.gold.json'), result });
      } catch (error) {
        failures.push({
          file: goldPath,
          problem: error instanceof Error ? error.message : String(error),
        });
        // A document that fails counts as one where nothing was found, so a failure never flatters the score.
        if (gold !== null) addScores(scores, scoreDocument(emptyResult(), gold));
      }
    }
  }
  if (options.link !== true) return { scores, failures };
  return { scores, failures, links: await scoreLinks(extracted, knowledge.lexicon) };
}

function emptyResult(): DocumentResult {
  return {
    document: {
      id: '',
      title: null,
      outlet: null,
      url: null,
      published: null,
      language: 'ar',
      text: '',
    },
    incidents: [],
    tallies: [],
    warnings: [],
    coded_warnings: [],
  };
}
