/**
 * The real reports of the shared corpus, read at run time for the benches and
 * the profile: never copied into the project. Each gold file names its report
 * and its publication date, as `wathiq eval` reads them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Document } from '../src/contracts/index.js';
import { readDocument } from '../src/ingest/index.js';

/** `../shared/corpus` beside the checkout (the benches run from `dist/bench`): the corpus without `--corpus`. */
export const DEFAULT_CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

/**
 * The reports of `corpus/dev` as documents, in file order; null when there is
 * no such folder (a checkout without the shared corpus).
 */
export async function realReports(corpus: string): Promise<Document[] | null> {
  const dir = join(corpus, 'dev');
  if (!existsSync(dir)) return null;
  const golds = readdirSync(dir)
    .filter((n) => n.endsWith('.gold.json'))
    .sort();
  const documents: Document[] = [];
  for (const name of golds) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
      file?: string;
      published?: string | null;
    };
    const file = gold.file ?? `${basename(name, '.gold.json')}.txt`;
    documents.push(await readDocument(join(dir, file), { published: gold.published ?? null }));
  }
  return documents;
}
