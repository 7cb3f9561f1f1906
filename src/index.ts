/**
 * wathiq as a library: `extract` reads one Arabic report into incident records
 * (shared/spec/incidents.md), and the contract schemas check what it returns.
 * The store, the server and the command line are reached through `wathiq` the
 * command, not from here, so importing the library loads no database.
 */
export { extract, shippedKnowledge } from './extract/index.js';
export type { ExtractOptions, Knowledge } from './extract/index.js';
export * from './contracts/index.js';
