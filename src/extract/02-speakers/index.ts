/** Who speaks: the actors and sources a report names, and which source speaks for each word. */
export { resolveEntities } from './entities.js';
export type { EntityMention } from './entities.js';
export { Attribution, readSpeakers } from './attribution.js';
export type { Source, Speakers } from './attribution.js';
