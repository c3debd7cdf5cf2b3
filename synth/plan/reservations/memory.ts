import type { Model } from '../../model/model';
import type { PlatformPlan } from '../platform';
import { describeHolder, locate, tallyServers, type FindingRelated, type PlacementFinding } from './tally';

/**
 * Servers whose pinned memory (L1 daemons and workloads bound to the server) reaches the kind's
 * memory: the total must stay strictly below it. One finding per server, at the reservation that
 * crosses the line (the server's kind when the built-ins alone do). Servers without a valid kind
 * are left to the server rules, and so are kinds below `floorMiB` (a check of its own says those
 * are too small for any server).
 */
export function findMemoryOverruns(model: Model, plan: PlatformPlan, floorMiB = 0): PlacementFinding[] {
  const findings: PlacementFinding[] = [];
  for (const t of tallyServers(model, plan).values()) {
    const kind = t.server.effectiveKind;
    if (t.kindMiB === undefined || !kind || t.kindMiB < floorMiB || t.pinnedMiB < t.kindMiB) continue;
    let sum = 0;
    const crossing = t.pinned.find((m) => (sum += m.mib) >= t.kindMiB!)!;
    const builtin = t.pinned.filter((m) => !m.origin).reduce((s, m) => s + m.mib, 0);
    const related: FindingRelated[] = [{ construct: kind, prop: ['memoryMiB'], message: `kind '${kind.kindName}' has ${t.kindMiB} MiB` }];
    for (const m of t.pinned) if (m.origin && m !== crossing) related.push({ construct: m.origin.construct, ...(m.origin.prop ? { prop: m.origin.prop } : {}), message: `'${m.owner}' reserves ${m.mib} MiB` });
    findings.push({
      ...locate(crossing.origin, t.server, ['kind']),
      message: `server '${t.server.hostname}' cannot reserve ${crossing.mib} MiB for ${describeHolder(crossing.owner, crossing.origin)}: ${t.pinnedMiB} MiB would be reserved (built-in services ${builtin} MiB, workloads ${t.pinnedMiB - builtin} MiB), which must stay below the ${t.kindMiB} MiB of kind '${kind.kindName}'`,
      related,
    });
  }
  return findings;
}
