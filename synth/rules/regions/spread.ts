import type { Datacenter } from '../../../constructs/core/datacenter';
import { AvailabilityMode } from '../../../constructs/core/enums';
import type { Region } from '../../../constructs/core/region';
import type { Server } from '../../../constructs/core/server';
import { compareCodePoints } from '../../../lib/text/order';

/**
 * Why the instances of a replicated service on `servers` are not spread over the datacenters of
 * a multi-datacenter region (undefined when they are, or the region is single-datacenter). Two
 * instances need two datacenters and more need three, so losing one datacenter leaves a majority;
 * no datacenter may hold two more instances than another, or losing it costs more than its share.
 */
export function spreadProblem(region: Region, servers: readonly Server[]): string | undefined {
  if (region.availabilityMode !== AvailabilityMode.MULTI_DC || servers.length < 2) return undefined;
  const counts = new Map<Datacenter, number>();
  for (const s of servers) counts.set(s.datacenter, (counts.get(s.datacenter) ?? 0) + 1);
  const where = [...counts].map(([dc, n]) => `${n} in ${dc.dcName}`).sort(compareCodePoints).join(', ');
  const need = servers.length === 2 ? 2 : 3;
  if (counts.size < need) return `its ${servers.length} instances are in ${counts.size === 1 ? 'one datacenter' : `${counts.size} datacenters`} (${where}); in a multi-datacenter region they must be in at least ${need}`;
  const values = [...counts.values()];
  if (Math.max(...values) - Math.min(...values) > 1) return `its instances are spread unevenly (${where}); per datacenter the counts may differ by one at most`;
  return undefined;
}
