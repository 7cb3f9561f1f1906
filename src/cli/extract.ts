import { err as pc } from './colors.js';
import { OUTPUT_SCHEMA_VERSION } from '../contracts/values.js';
import type { DocumentOutput } from '../contracts/index.js';
import { extract } from '../extract/index.js';
import { loadKnowledge } from '../gazetteer/index.js';
import { InputError, readDocuments } from '../ingest/index.js';
import { dataDir } from '../lexicon/index.js';
import { formatResult } from './format.js';
import { releaseYoungGeneration } from './heap.js';
import { currentLang, iso, say, wordsFor } from './i18n.js';
import type { Lang } from './i18n.js';
import { printable } from './terminal.js';
import { problem } from './problems.js';

export interface ExtractFlags {
  lang?: Lang;
  data?: string;
  published?: string;
  outlet?: string;
  url?: string;
  json?: boolean;
  ndjson?: boolean;
  explain?: boolean;
  maxSize?: number;
}

/** `wathiq extract`: each file's reports read and printed, as text, JSON or NDJSON. */
export async function runExtract(files: string[], flags: ExtractFlags): Promise<number> {
  const knowledge = loadKnowledge(dataDir(flags.data));
  // Held small while the knowledge loaded (holdYoungGeneration): reports are read as V8 would.
  releaseYoungGeneration();
  const words = wordsFor(flags.lang ?? currentLang(), knowledge.lexicon);
  const results: DocumentOutput[] = [];
  let failed = 0;
  // The reader has what it wanted (`| head`): the rest is not read.
  const readerGone = (): boolean => process.stdout.destroyed;
  for (const file of files) {
    if (readerGone()) break;
    // A feed or an NDJSON file gives a result per item; a bad item its line, and the rest still come.
    for await (const entry of readDocuments(file, {
      published: flags.published ?? null,
      outlet: flags.outlet ?? null,
      url: flags.url ?? null,
      onWarning: (source, w) =>
        process.stderr.write(
          `${pc.yellow(say('cli.warning'))} ${printable(`${iso(source)}: ${problem(w)}`)}\n`,
        ),
      ...(flags.maxSize === undefined ? {} : { maxBytes: flags.maxSize }),
    })) {
      if (readerGone()) break;
      try {
        if ('error' in entry) throw entry.error;
        const { document } = entry;
        const extracted = extract(document, { knowledge, published: flags.published ?? null });
        const result: DocumentOutput = {
          schema_version: OUTPUT_SCHEMA_VERSION,
          ...extracted,
          document: { ...extracted.document, sources: document.sources ?? {} },
        };
        if (flags.ndjson === true) process.stdout.write(`${JSON.stringify(result)}\n`);
        else if (flags.json === true) results.push(result);
        else
          process.stdout.write(
            `${formatResult(words, entry.source, result, flags.explain === true)}\n\n`,
          );
      } catch (error) {
        failed++;
        const message =
          error instanceof InputError
            ? `${iso(error.input)}: ${problem(error.problem)}`
            : `${iso(entry.source)}: ${problem(error instanceof Error ? error.message : String(error))}`;
        process.stderr.write(`${pc.red('wathiq:')} ${printable(message)}\n`);
      }
    }
  }
  // An array whatever the number of files: a script reads one shape.
  if (flags.json === true && flags.ndjson !== true)
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return failed > 0 ? 1 : 0;
}
