import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PhraseIndex, loadLexicon, shippedDataDir } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/index.js';
import { knowledgeKey, readCached, shippedCacheDir, writeCached } from './knowledge-cache.js';
import type { KnowledgeData } from './knowledge-cache.js';
import { buildGazetteer, gazetteerFromData, userPlacesFile } from './gazetteer.js';
import type { Gazetteer } from './gazetteer.js';

/** The dictionaries and gazetteer extraction reads with; load once, extract many. */
export interface Knowledge {
  readonly lexicon: Lexicon;
  readonly gazetteer: Gazetteer;
}

let shipped: Knowledge | null = null;

/** The shipped dictionaries and gazetteer, loaded on first use. */
export function shippedKnowledge(): Knowledge {
  shipped ??= knowledgeWith([], shippedCacheDir());
  return shipped;
}

/** The shipped dictionaries, and the shipped gazetteer with the places of a user's data folder on top. */
export function loadKnowledge(dataDir: string): Knowledge {
  return knowledgeWith([userPlacesFile(dataDir)], shippedCacheDir(), dataDir);
}

/**
 * The knowledge from its cache when one was stored for exactly these files and
 * this code; else built from the files, and stored for the next start. The
 * shipped folder is written only where the build made it (not in a checkout's
 * sources); the user's data folder only when it holds places of theirs.
 */
export function knowledgeWith(
  userPlacesFiles: readonly string[],
  shippedDir: string,
  userDir?: string,
): Knowledge {
  const key = knowledgeKey(shippedDataDir(), userPlacesFiles);
  const dir = key === null ? null : cacheDir(userPlacesFiles, shippedDir, userDir);
  const cached = dir === null || key === null ? null : readCached(dir, key);
  if (cached !== null) return fromData(cached);
  const data: KnowledgeData = {
    lexicon: withIndexData(loadLexicon()),
    gazetteer: buildGazetteer({ userPlacesFiles }),
  };
  if (dir !== null && key !== null) writeCached(dir, key, data);
  return fromData(data);
}

/** The shipped folder when the user has no places of their own, else their data folder's. */
function cacheDir(
  userPlacesFiles: readonly string[],
  shippedDir: string,
  userDir: string | undefined,
): string | null {
  if (!userPlacesFiles.some((file) => existsSync(file)))
    return existsSync(shippedDir) ? shippedDir : null;
  return userDir === undefined ? null : join(userDir, 'knowledge-cache');
}

function withIndexData(lexicon: Lexicon): KnowledgeData['lexicon'] {
  return { ...lexicon, index: lexicon.index.toData() };
}

function fromData(data: KnowledgeData): Knowledge {
  return {
    lexicon: { ...data.lexicon, index: PhraseIndex.fromData(data.lexicon.index) },
    gazetteer: gazetteerFromData(data.gazetteer),
  };
}
