export { extract, readReportFrames } from './recipe.js';
export type { ExtractOptions, ReadReport } from './recipe.js';
export { loadKnowledge, shippedKnowledge } from '../gazetteer/index.js';
export type { Knowledge } from '../gazetteer/index.js';
