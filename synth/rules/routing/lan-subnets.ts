import type { Datacenter } from '../../../constructs/core/datacenter';
import { Network } from '../../../constructs/core/network';
import type { Server } from '../../../constructs/core/server';
import { cidrContains, formatCidr, octet } from '../../../lib/ip/ipv4';
import type { InterfaceModel, Model } from '../../model/model';

/** One lan subnet of a datacenter and the servers' interfaces on it. */
export interface LanSubnet {
  /** `10.17.0.0/24` */
  readonly cidr: string;
  readonly interfaces: readonly InterfaceModel[];
}

const memo = new WeakMap<Model, Map<Datacenter, readonly LanSubnet[]>>();

/**
 * The lan subnets of a datacenter that hold at least one of its servers, in address order.
 * Interfaces outside the datacenter's /16 or inside its dcrouter range are left out:
 * `net/address-outside-datacenter` and `net/lan-address-in-dcrouter-range` report them, and
 * counting them here would only repeat those findings as routing ones.
 */
export function lanSubnetsOf(model: Model, dc: Datacenter): readonly LanSubnet[] {
  let byDc = memo.get(model);
  if (!byDc) memo.set(model, (byDc = new Map()));
  const cached = byDc.get(dc);
  if (cached) return cached;
  const dcCidr = model.datacenterCidr(dc);
  const groups = new Map<number, { prefix: number; interfaces: InterfaceModel[] }>();
  for (const s of model.serversOf(dc)) {
    for (const i of model.interfacesOf(s)) {
      if (i.network !== Network.LAN || !i.subnet || (dcCidr && !cidrContains(dcCidr, i.subnet.network)) || octet(i.subnet.network, 2) >= 252) continue;
      const group = groups.get(i.subnet.network) ?? { prefix: i.subnet.prefix, interfaces: [] };
      group.interfaces.push(i);
      groups.set(i.subnet.network, group);
    }
  }
  const subnets = [...groups]
    .sort((a, b) => a[0] - b[0])
    .map(([network, g]) => ({ cidr: formatCidr({ network, prefix: g.prefix }), interfaces: g.interfaces }));
  byDc.set(dc, subnets);
  return subnets;
}

/**
 * Whether a server routes between the lan subnets of its datacenter: a declared router, or a VPN
 * gateway of a datacenter with several subnets (gateways route their own subnet, as in the
 * reference, so they join the routers on the dcrouter network there).
 */
export function isSubnetRouter(model: Model, server: Server): boolean {
  return server.roles.router || (server.roles.vpnGateway && lanSubnetsOf(model, server.datacenter).length > 1);
}
