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
  // On each server. One finding per place the later holder was written (its construct and prop)
  // and first holder, listing the ports and servers: two Postgres deployments on one volume's
  // server clash on six ports, which is one mistake. Each server has its own built-in reservation
  // objects, so holders are told apart by owner and origin.
  const holderKey = (p: PortReservation) => (p.origin ? `${p.origin.construct.node.path}\0${JSON.stringify(p.origin.prop ?? [])}` : `\0${p.owner}`);
  const clashes = new Map<string, { later: PortReservation; holder: PortReservation; ports: number[]; servers: Server[] }>();
  for (const tally of tallyServers(model, plan).values()) {
    const first = new Map<number, { reservation: PortReservation; regionWide: boolean }>();
    for (const held of tally.ports) {
      const holder = first.get(held.reservation.port);
      if (!holder) first.set(held.reservation.port, held);
      else if (!sameHolder(holder.reservation, held.reservation) && !(holder.regionWide && held.regionWide)) {
        // The first holder by its construct alone: each Postgres instance holds 5432 from its own
        // prop, and an app on that port clashes with the deployment, once.
        const firstKey = holder.reservation.origin ? holder.reservation.origin.construct.node.path : `\0${holder.reservation.owner}`;
        const key = `${holderKey(held.reservation)}\0\0${firstKey}`;
        const group = clashes.get(key) ?? { later: held.reservation, holder: holder.reservation, ports: [], servers: [] };
        if (!group.ports.includes(held.reservation.port)) group.ports.push(held.reservation.port);
        if (!group.servers.includes(tally.server)) group.servers.push(tally.server);
        clashes.set(key, group);
      }
    }
  }
  for (const { later, holder, ports, servers } of clashes.values()) {
    const names = servers.map((s) => `'${s.hostname}'`).join(', ');
    const sorted = [...ports].sort((a, b) => a - b);
    const what = sorted.length === 1 ? `port ${sorted[0]} of ${describeHolder(later.owner, later.origin)} is` : `ports ${sorted.join(', ')} of ${describeHolder(later.owner, later.origin)} are`;
    findings.push({
      ...locate(later.origin, servers[0]!),
      message: `${what} already taken by ${describeHolder(holder.owner, holder.origin)} on ${servers.length === 1 ? 'server' : 'servers'} ${names}`,
      related: [relatedOf(holder, servers[0]!)],
    });
  }
  return findings;
}
