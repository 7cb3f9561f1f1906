export { extract, readReportFrames } from './recipe.js';
export type { ExtractOptions, ReadReport } from './recipe.js';
export { loadKnowledge, shippedKnowledge } from './knowledge.js';
export type { Knowledge } from './knowledge.js';
export { fatalitiesOf } from './08-write/index.js';
export { isPartyClaimant } from './06-sides/index.js';
