import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `data/` folder shipped with wathiq. Found by walking up from this module,
 * so it works from the sources (tests) and from the compiled `dist/` alike.
 */
export function shippedDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'lexicon')) && existsSync(join(dir, 'package.json'))) {
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('wathiq: cannot find its data/ folder next to package.json');
    dir = parent;
  }
}

/** Where a user's wathiq keeps its own files: `--data DIR`, else `WATHIQ_DATA`, else `./wathiq-data`. */
export function dataDir(flag?: string): string {
  return resolve(flag ?? process.env.WATHIQ_DATA ?? 'wathiq-data');
}
