/**
 * What act: the triggers of each clause, when it happened, whether it is news,
 * a past act, a tally or a general situation, and its ACLED type.
 */
export { readAct } from './acts.js';
export type { ActReading } from './acts.js';
export { inheritBackground, inheritHabitual, markTallies } from './status.js';
export type { Told } from './status.js';
export { asTheActBefore, baseType, namesAProtest, settleType, toldAsTheActBefore } from './type.js';
export type { BaseType, ChosenType, TypedAct, TypeSides } from './type.js';
