export { tallyServers, kindMemoryOf, type PlacementFinding, type FindingRelated, type ServerTally, type PinnedMemory, type HeldPort } from './tally';
export { findPortClashes } from './ports';
export { findMemoryOverruns } from './memory';
export { placeStateless, eligibleServers, type StatelessPlacement, type PlacedInstance, type StatelessReservation } from './stateless';
export { findLockClashes } from './locks';
export { findUndeclaredPlacementLabels } from './labels';
export { assertJobInvariants, groupLocks } from './jobs';
