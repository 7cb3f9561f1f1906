export { evaluate } from './run.js';
export type { EvalFailure, EvalRun } from './run.js';
export { emptyScores, f1, FIELDS, finalScore, ratio, scoreDocument } from './score.js';
export type { Counts, Field, Ratio, Scores } from './score.js';
export { zGold } from './gold.js';
export type { Gold, GoldFigure, GoldIncident } from './gold.js';
export { pairIncidents, sameAdmin1 } from './match.js';
export { belowBaseline, zBaseline } from './baseline.js';
export type { Baseline } from './baseline.js';
