/** Which sides: every doer, target and victim-side rule, clause by clause and for a whole incident. */
export { partyClaims, sideOf, weighRoles } from './roles.js';
export type { RoleCandidate, RoleInputs, Vote } from './roles.js';
export {
  chooseSides,
  victimSide,
  weighSides,
  withCivilianTarget,
  withEarlierDoer,
} from './choose.js';
export type { Sides, SidedAct, Weights } from './choose.js';
