import type { Server } from '../../../constructs/core/server';
import type { ServerLock } from '../../components/component';
import type { PlatformPlan } from '../platform';
import type { PlacementFinding } from './tally';

/**
 * Locks taken twice on one server. A lock stands for one instance of a stateful deployment, and
 * its job's groups are pinned to servers with `meta.lock_<lock>`: two instances on one server
 * would be one group with nowhere to go, and no redundancy. Reported at the second holder.
 */
export function findLockClashes(plan: PlatformPlan): PlacementFinding[] {
  const findings: PlacementFinding[] = [];
  const held = new Map<Server, Map<string, ServerLock>>();
  for (const l of plan.locks) {
    let locks = held.get(l.server);
    if (!locks) held.set(l.server, (locks = new Map()));
    const first = locks.get(l.lock);
    if (!first) {
      locks.set(l.lock, l);
      continue;
    }
    findings.push({
      construct: l.origin.construct,
      ...(l.origin.prop ? { prop: l.origin.prop } : {}),
      message: `server '${l.server.hostname}' is already locked with '${l.lock}' by ${first.origin.construct.node.path}: a stateful deployment runs at most one instance per server`,
      related: [{ construct: first.origin.construct, ...(first.origin.prop ? { prop: first.origin.prop } : {}), message: `took lock '${l.lock}' on '${l.server.hostname}'` }],
    });
  }
  return findings;
}
