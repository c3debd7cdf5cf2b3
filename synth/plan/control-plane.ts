import { Network } from '../../constructs/core/network';
import type { Region } from '../../constructs/core/region';
import type { Server } from '../../constructs/core/server';
import { formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';

/** The server's lan address, which every control-plane service binds to. */
export function lanAddressOf(model: Model, server: Server): string {
  const lan = model.interfacesOf(server).find((i) => i.network === Network.LAN)?.address;
  if (!lan) throw new Error(`epl bug: ${server.hostname} has no lan address (rules should have caught it)`);
  return formatIpv4(lan.address);
}

/** Lan addresses of a region's members of a role, in hostname order. */
export function membersOf(model: Model, region: Region, role: 'consulMaster' | 'nomadMaster' | 'vaultInstance'): Array<{ server: Server; address: string }> {
  return model
    .serversInRegion(region)
    .filter((s) => s.roles[role])
    .sort((a, b) => a.hostname.localeCompare(b.hostname))
    .map((server) => ({ server, address: lanAddressOf(model, server) }));
}
