import { compareCodePoints, sortedStrings } from '../../../lib/text/order';
import type { Model } from '../../model/model';
import type { PlatformPlan } from '../platform';
import type { PlacementFinding } from './tally';

/**
 * Placement labels no server can carry: every key a workload is placed by must be declared in
 * the App's `serverLabels`, as server labels are, so a misspelt key is caught here instead of
 * leaving the workload unschedulable.
 */
export function findUndeclaredPlacementLabels(model: Model, plan: PlatformPlan): PlacementFinding[] {
  const declared = new Set(model.app.serverLabels);
  const findings: PlacementFinding[] = [];
  for (const m of plan.memory) {
    if (!('region' in m.on) || !m.on.labels || !m.origin) continue;
    for (const key of Object.keys(m.on.labels).sort(compareCodePoints)) {
      if (declared.has(key)) continue;
      findings.push({
        construct: m.origin.construct,
        ...((m.on.instancesProp ?? m.origin.prop) ? { prop: m.on.instancesProp ?? m.origin.prop } : {}),
        message: `'${m.owner}' is placed by label '${key}', which is not declared in the App's serverLabels (declared: ${sortedStrings(declared).join(', ') || 'none'})`,
        related: [{ construct: model.app, prop: ['serverLabels'], message: 'the declared server labels' }],
      });
    }
  }
  return findings;
}
