import { loadGazetteer, userPlacesFile } from '../gazetteer/index.js';
import type { Gazetteer } from '../gazetteer/index.js';
import { loadLexicon } from '../lexicon/index.js';
import type { Lexicon } from '../lexicon/index.js';

/** The dictionaries and gazetteer extraction reads with; load once, extract many. */
export interface Knowledge {
  readonly lexicon: Lexicon;
  readonly gazetteer: Gazetteer;
}

let shipped: Knowledge | null = null;

/** The shipped dictionaries and gazetteer, loaded on first use. */
export function shippedKnowledge(): Knowledge {
  shipped ??= { lexicon: loadLexicon(), gazetteer: loadGazetteer() };
  return shipped;
}

/** The shipped dictionaries, and the shipped gazetteer with the places of a user's data folder on top. */
export function loadKnowledge(dataDir: string): Knowledge {
  return {
    lexicon: loadLexicon(),
    gazetteer: loadGazetteer({ userPlacesFiles: [userPlacesFile(dataDir)] }),
  };
}
