import type { Region } from '../../../constructs/core/region';
import type { Server } from '../../../constructs/core/server';
import type { PortReservation } from '../../components/component';
import type { Model } from '../../model/model';
import type { PlatformPlan } from '../platform';
import { describeHolder, locate, tallyServers, type FindingRelated, type PlacementFinding } from './tally';

/** The same holder reserving the same port again (two groups of one job, say) is no clash. */
function sameHolder(a: PortReservation, b: PortReservation): boolean {
  return a.owner === b.owner && a.origin?.construct === b.origin?.construct;
}

function relatedOf(first: PortReservation, where: Server | Region): FindingRelated {
  const message = `${describeHolder(first.owner, first.origin)} holds port ${first.port}`;
  return first.origin ? { construct: first.origin.construct, ...(first.origin.prop ? { prop: first.origin.prop } : {}), message } : { construct: where, message };
}

/**
 * Ports reserved twice on one server. A region-wide reservation holds its port on every server
 * of the region that runs unassigned workloads (Nomad may place the workload on any of them), and
 * two region-wide reservations of one port clash even before a server is chosen. One finding per
 * pair of holders, at the later holder, naming the servers.
 */
export function findPortClashes(model: Model, plan: PlatformPlan): PlacementFinding[] {
  const findings: PlacementFinding[] = [];
  // Region-wide against region-wide.
  for (const region of model.regions) {
    const first = new Map<number, PortReservation>();
    for (const p of plan.ports) {
      if (!('region' in p.on) || p.on.region !== region) continue;
      const holder = first.get(p.port);
      if (!holder) first.set(p.port, p);
      else if (!sameHolder(holder, p)) {
        findings.push({
          ...locate(p.origin, region),
          message: `port ${p.port} of ${describeHolder(p.owner, p.origin)} is already reserved in region '${region.regionName}' by ${describeHolder(holder.owner, holder.origin)}`,
          related: [relatedOf(holder, region)],
        });
      }
    }
  }
  // On each server; grouped by (later, first holder) so a region-wide clash is one finding. Each
  // server has its own built-in reservation objects: holders are told apart by owner and origin.
  const holderKey = (p: PortReservation) => `${p.origin?.construct.node.path ?? ''}\0${p.owner}`;
  const clashes = new Map<PortReservation, Map<string, { holder: PortReservation; servers: Server[] }>>();
  for (const tally of tallyServers(model, plan).values()) {
    const first = new Map<number, { reservation: PortReservation; regionWide: boolean }>();
    for (const held of tally.ports) {
      const holder = first.get(held.reservation.port);
      if (!holder) first.set(held.reservation.port, held);
      else if (!sameHolder(holder.reservation, held.reservation) && !(holder.regionWide && held.regionWide)) {
        let byFirst = clashes.get(held.reservation);
        if (!byFirst) clashes.set(held.reservation, (byFirst = new Map()));
        const key = holderKey(holder.reservation);
        const group = byFirst.get(key) ?? { holder: holder.reservation, servers: [] };
        group.servers.push(tally.server);
        byFirst.set(key, group);
      }
    }
  }
  for (const [later, byFirst] of clashes) {
    for (const { holder, servers } of byFirst.values()) {
      const names = servers.map((s) => `'${s.hostname}'`).join(', ');
      findings.push({
        ...locate(later.origin, servers[0]!),
        message: `port ${later.port} of ${describeHolder(later.owner, later.origin)} is already taken by ${describeHolder(holder.owner, holder.origin)} on ${servers.length === 1 ? 'server' : 'servers'} ${names}`,
        related: [relatedOf(holder, servers[0]!)],
      });
    }
  }
  return findings;
}
