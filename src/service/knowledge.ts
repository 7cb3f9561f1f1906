import { join, resolve } from 'node:path';
import { loadGazetteer } from '../gazetteer/index.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Knowledge } from '../extract/index.js';

/** Where a user's wathiq keeps its own files: `--data DIR`, else `WATHIQ_DATA`, else `./wathiq-data`. */
export function dataDir(flag?: string): string {
  return resolve(flag ?? process.env.WATHIQ_DATA ?? 'wathiq-data');
}

/** The user's own places, which take precedence over the shipped gazetteer. */
export function userPlacesFile(dir: string): string {
  return join(dir, 'places.tsv');
}

/** The shipped dictionaries, and the shipped gazetteer with the user's places on top. */
export function loadKnowledge(dir: string): Knowledge {
  return {
    lexicon: loadLexicon(),
    gazetteer: loadGazetteer({ userPlacesFiles: [userPlacesFile(dir)] }),
  };
}
