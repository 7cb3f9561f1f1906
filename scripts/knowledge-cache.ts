/**
 * `npm run build` ends here: it stores the shipped dictionaries and gazetteer,
 * built, in dist/knowledge-cache, so that a command's first start reads them
 * instead of building them (see src/gazetteer/knowledge-cache.ts). A key that is
 * already stored is kept as it is.
 */
import { mkdirSync } from 'node:fs';
import { shippedCacheDir, shippedKnowledge } from '../src/gazetteer/index.js';

mkdirSync(shippedCacheDir(), { recursive: true });
shippedKnowledge();
