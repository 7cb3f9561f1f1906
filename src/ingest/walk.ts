import { readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';

/** A file the walk found: named on the command line, or met in a folder. */
export interface FoundFile {
  readonly path: string;
  readonly named: boolean;
  readonly size: number;
}

/** A path the walk could not go into or look at, with the reason in a few words. */
export interface WalkFailure {
  readonly path: string;
  readonly problem: string;
}

export type WalkEntry = { readonly file: FoundFile } | { readonly failure: WalkFailure };

/** Why a file or folder cannot be looked at, in words a person acts on. */
export function fsProblem(error: unknown, what: 'file or folder' | 'folder' | 'file'): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `no such ${what}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied: wathiq may not read this ${what}`;
    case 'ELOOP':
      return 'a symbolic link that leads back to itself';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Every file under the given paths, in a stable order: folders recursively,
 * hidden entries skipped. Symbolic links are followed, but each real folder and
 * file is visited once, so links that point back up the tree end the walk
 * instead of looping, and a linked folder is not read twice. What cannot be
 * looked at (no permission, a broken link) is yielded as a failure and the walk goes on.
 */
export async function* walkFiles(paths: readonly string[]): AsyncGenerator<WalkEntry> {
  const seen = new Set<string>();
  for (const path of paths) yield* visit(path, true, seen);
}

async function* visit(path: string, named: boolean, seen: Set<string>): AsyncGenerator<WalkEntry> {
  let info: Stats;
  let real: string;
  try {
    info = await stat(path);
    real = await realpath(path);
  } catch (error) {
    yield { failure: { path, problem: fsProblem(error, 'file or folder') } };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  if (!info.isDirectory()) {
    yield { file: { path, named, size: info.size } };
    return;
  }
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    yield { failure: { path, problem: fsProblem(error, 'folder') } };
    return;
  }
  for (const name of names.filter((n) => !n.startsWith('.')).sort())
    yield* visit(join(path, name), false, seen);
}
