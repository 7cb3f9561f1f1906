/**
 * Reading a report: normalized tokens, dictionary phrases, dates, sentences and
 * clauses, and the grammar words the later families lean on.
 */
export {
  analyze,
  anyWithin,
  cueAt,
  endsOf,
  firstAt,
  firstFrom,
  hasCue,
  inADate,
  inTextOrder,
  someAt,
  startingIn,
  startsOf,
  textOf,
  within,
} from './analysis.js';
export type { Analysis, Annotation, Annotations, EntityEntry } from './analysis.js';
export { grievances, splitClauses } from './clauses.js';
export type { Clause } from './clauses.js';
export { because } from './evidence.js';
export { RecentMemo } from './recent.js';
export { insideAName, isDefinite, isIn, keysAt } from './query.js';
export type { RuleUse } from './evidence.js';
export * from './grammar.js';
