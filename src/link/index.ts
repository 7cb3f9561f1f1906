export { judgedAs, MAX_WINDOW_DAYS, sameAct, sameActScore, timeWindow } from './same-act.js';
export type { ActFacts, LinkIncident, SameAct } from './same-act.js';
export { clusterIncidents } from './cluster.js';
export type { ClusterMember, Decision, Edge } from './cluster.js';
export { eventId, reconcileEvent } from './reconcile.js';
export type { EventMemberInput } from './reconcile.js';
export {
  buildEvents,
  findLinks,
  forestByStrength,
  forestPositions,
  groupingMayRefuse,
  spanningForest,
} from './events.js';
export type { Link, StoredIncident } from './events.js';
