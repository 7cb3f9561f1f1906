export { extract, shippedKnowledge } from './extract.js';
export type { ExtractOptions, Knowledge } from './extract.js';
export { fatalitiesOf, isPartyClaimant } from './build.js';
