import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { InputError } from './errors.js';
import { factsOf } from './facts.js';
import { csv } from './lazy.js';
import type { KnownFacts } from './facts.js';
import { fsProblem } from './walk.js';

/** The sidecars a report may have: `NAME.meta.json` beside `NAME.txt`, or `NAME.txt.meta.json`. */
function sidecarPaths(path: string): string[] {
  const ext = extname(path);
  return [`${path.slice(0, path.length - ext.length)}.meta.json`, `${path}.meta.json`];
}

/**
 * The facts of a report's sidecar file, or none when it has none. Throws when
 * the sidecar is there but is not JSON of names and values.
 */
export async function sidecarFacts(path: string): Promise<KnownFacts> {
  for (const sidecar of sidecarPaths(path)) {
    // Most reports have none: asking whether it is there costs far less than a failed read.
    if (!existsSync(sidecar)) continue;
    let text: string;
    try {
      text = await readFile(sidecar, 'utf8');
    } catch {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new InputError(sidecar, `not JSON (${(error as Error).message})`);
    }
    return factsOf(sidecar, value, 'sidecar');
  }
  return {};
}

/** A manifest's facts by report, each report by its absolute path. */
export type Manifest = ReadonlyMap<string, KnownFacts>;

/**
 * Reads a CSV or TSV manifest: a header row naming `file` and any of `url`,
 * `outlet`, `published`, `title`, then a row per report. Files are named
 * relative to the manifest's folder. Throws an InputError naming the manifest
 * and its row for a row it cannot use.
 */
export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new InputError(path, fsProblem(error, 'file'));
  }
  const header = text.split('\n', 1)[0] ?? '';
  const delimiter = extname(path).toLowerCase() === '.tsv' || header.includes('\t') ? '\t' : ',';
  let rows: Record<string, string>[];
  try {
    rows = csv().parse<Record<string, string>>(text, {
      columns: (names: string[]) => names.map((n) => n.trim().toLowerCase()),
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new InputError(path, (error as Error).message);
  }
  if (
    !header
      .toLowerCase()
      .split(delimiter)
      .some((n) => n.trim() === 'file')
  )
    throw new InputError(path, 'no `file` column (expected file, url, outlet, published)');
  const folder = dirname(path);
  const manifest = new Map<string, KnownFacts>();
  rows.forEach((row, k) => {
    const file = row.file ?? '';
    const where = `${path} row ${String(k + 2)}`;
    if (file === '') throw new InputError(where, 'no file named');
    const facts = factsOf(where, { ...row, file: undefined }, 'manifest');
    manifest.set(resolve(join(folder, file)), facts);
  });
  return manifest;
}
