import { Network } from '../../constructs/core/network';
import type { Region } from '../../constructs/core/region';
import type { Server } from '../../constructs/core/server';
import { formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';
import { compareCodePoints } from '../../lib/text/order';

/** The server's lan address, which every control-plane service binds to. */
export function lanAddressOf(model: Model, server: Server): string {
  const lan = model.interfacesOf(server).find((i) => i.network === Network.LAN)?.address;
  if (!lan) throw new Error(`epl bug: ${server.hostname} has no lan address (rules should have caught it)`);
  return formatIpv4(lan.address);
}

type Role = 'consulMaster' | 'nomadMaster' | 'vaultInstance';
type Members = ReadonlyArray<{ readonly server: Server; readonly address: string }>;

/** Members per model, region and role: every server's configuration lists them. */
const memberCache = new WeakMap<Model, Map<Region, Map<Role, Members>>>();

/** Lan addresses of a region's members of a role, in hostname order. */
export function membersOf(model: Model, region: Region, role: Role): Members {
  let byRegion = memberCache.get(model);
  if (!byRegion) memberCache.set(model, (byRegion = new Map()));
  let byRole = byRegion.get(region);
  if (!byRole) byRegion.set(region, (byRole = new Map()));
  let members = byRole.get(role);
  if (!members) {
    // A member without a lan address is the network rules' finding; components plan while rules
    // run (the reservation rules read the plan), so it is left out here rather than thrown on.
    members = model
      .serversInRegion(region)
      .filter((s) => s.roles[role] && model.interfacesOf(s).some((i) => i.network === Network.LAN && i.address))
      .sort((a, b) => compareCodePoints(a.hostname, b.hostname))
      .map((server) => ({ server, address: lanAddressOf(model, server) }));
    byRole.set(role, members);
  }
  return members;
}

/** The server a region's bootstrap runs on: its first Consul server (hostname order). */
export function bootstrapHost(model: Model, region: Region): Members[number] | undefined {
  return membersOf(model, region, 'consulMaster')[0];
}
