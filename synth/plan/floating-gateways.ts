import type { Datacenter } from '../../constructs/core/datacenter';
import { Network } from '../../constructs/core/network';
import type { Server } from '../../constructs/core/server';
import { broadcastAddress, cidrContains, firstHostAddress, formatCidr, formatIpv4, networkAddress, parseIpv4WithPrefix, type Ipv4WithPrefix } from '../../lib/ip/ipv4';
import { compareCodePoints } from '../../lib/text/order';
import type { InterfaceModel, Model } from '../model/model';

/**
 * The floating gateway address of each lan subnet that has routing servers: the address its
 * private servers send everything beyond their subnet to, held by one of the subnet's two
 * routing servers at a time (VRRP, see the keepalived section) so the subnet keeps its way out
 * when either one fails.
 */

/** The host part of a subnet's derived floating gateway address (`10.17.0.2` of `10.17.0.0/24`). */
export const DEFAULT_FLOATING_HOST = 2;

/** A floating gateway address as declared in a Datacenter's `floatingGateways`. */
export interface DeclaredFloatingGateway {
  readonly datacenter: Datacenter;
  /** Position in `floatingGateways`, for diagnostics. */
  readonly index: number;
  readonly text: string;
  /** The parsed address, or undefined when it does not parse. */
  readonly parsed: Ipv4WithPrefix | undefined;
}

/** One routed lan subnet: its routing servers and the floating address they share. */
export interface RoutedSubnet {
  readonly datacenter: Datacenter;
  /** The subnet's network address. */
  readonly network: number;
  readonly prefix: number;
  /** `10.17.0.0/24` */
  readonly cidr: string;
  /**
   * The servers that route the subnet, in hostname order: its declared routers (`roles.router`)
   * if it has any, else its VPN gateways. VRRP runs only when there are exactly two (rules hold
   * a subnet to that).
   */
  readonly routers: readonly Server[];
  /** Each router's interface on the subnet, in the order of `routers`. */
  readonly routerInterfaces: readonly InterfaceModel[];
  /** The floating gateway address: the declared one, else host .2 of the subnet. */
  readonly floating: number;
  /** `10.17.0.2` */
  readonly floatingText: string;
  /** The declaration it came from, if declared. */
  readonly declared: DeclaredFloatingGateway | undefined;
}

const declaredMemo = new WeakMap<Model, readonly DeclaredFloatingGateway[]>();
const routedMemo = new WeakMap<Model, readonly RoutedSubnet[]>();

/** Every declared floating gateway address, parsed. */
export function declaredFloatingGateways(model: Model): readonly DeclaredFloatingGateway[] {
  let found = declaredMemo.get(model);
  if (!found) {
    found = model.datacenters.flatMap((datacenter) =>
      datacenter.floatingGateways.map((text, index) => {
        const p = parseIpv4WithPrefix(text);
        return { datacenter, index, text, parsed: p.ok ? p.value : undefined };
      }),
    );
    declaredMemo.set(model, found);
  }
  return found;
}

/**
 * A declared address fit to be its subnet's floating gateway: a /24 inside 10.0.0.0/8, not the
 * subnet's network, broadcast or first address (rules report the others, which are not used).
 */
export function usableDeclaration(d: DeclaredFloatingGateway): boolean {
  const a = d.parsed;
  if (!a || a.prefix !== 24 || a.address >>> 24 !== 10) return false;
  return a.address !== networkAddress(a.address, 24) && a.address !== broadcastAddress(a.address, 24) && a.address !== firstHostAddress(a.address, 24);
}

/** The lan interfaces on a subnet, by network address. */
function lanSubnetsOf(model: Model, dc: Datacenter): Map<number, InterfaceModel[]> {
  const subnets = new Map<number, InterfaceModel[]>();
  for (const s of model.serversOf(dc)) {
    for (const i of model.interfacesOf(s)) {
      if (i.network !== Network.LAN || !i.subnet || i.subnet.prefix !== 24) continue;
      subnets.set(i.subnet.network, [...(subnets.get(i.subnet.network) ?? []), i]);
    }
  }
  return subnets;
}

/** The routing servers' interfaces of a subnet: declared routers if any, else VPN gateways. */
function routerInterfacesOf(onSubnet: readonly InterfaceModel[]): InterfaceModel[] {
  const routers = onSubnet.filter((i) => i.server.roles.router);
  const chosen = routers.length > 0 ? routers : onSubnet.filter((i) => i.server.roles.vpnGateway);
  const seen = new Set<Server>();
  return chosen
    .filter((i) => !seen.has(i.server) && seen.add(i.server))
    .sort((a, b) => compareCodePoints(a.server.hostname, b.server.hostname));
}

/**
 * Every lan /24 (of every datacenter) that has routing servers, with its floating gateway
 * address, in datacenter then address order.
 */
export function routedSubnets(model: Model): readonly RoutedSubnet[] {
  let found = routedMemo.get(model);
  if (found) return found;
  const declared = declaredFloatingGateways(model).filter(usableDeclaration);
  found = model.datacenters.flatMap((datacenter) =>
    [...lanSubnetsOf(model, datacenter)]
      .sort(([a], [b]) => a - b)
      .flatMap(([network, onSubnet]) => {
        const routerInterfaces = routerInterfacesOf(onSubnet);
        if (routerInterfaces.length === 0) return [];
        const subnet = { network, prefix: 24 };
        const decl = declared.find((d) => d.datacenter === datacenter && cidrContains(subnet, d.parsed!.address));
        const floating = decl ? decl.parsed!.address : network + DEFAULT_FLOATING_HOST;
        return [
          {
            datacenter,
            network,
            prefix: 24,
            cidr: formatCidr(subnet),
            routers: routerInterfaces.map((i) => i.server),
            routerInterfaces,
            floating,
            floatingText: formatIpv4(floating),
            declared: decl,
          },
        ];
      }),
  );
  routedMemo.set(model, found);
  return found;
}

/** The routed subnet a server routes (it is one of the subnet's routers), if any. */
export function subnetsRoutedBy(model: Model, server: Server): readonly RoutedSubnet[] {
  return routedSubnets(model).filter((r) => r.routers.includes(server));
}

/**
 * Where a server that routes nothing itself sends traffic beyond its subnet: its lan subnet's
 * floating gateway, through its interface on that subnet. Undefined for routing servers and for
 * servers whose subnet has no routers.
 */
export function floatingGatewayOf(model: Model, server: Server): { readonly address: string; readonly interfaceName: string } | undefined {
  if (server.roles.router || server.roles.vpnGateway) return undefined;
  for (const i of model.interfacesOf(server)) {
    if (i.network !== Network.LAN || !i.subnet) continue;
    const routed = routedSubnets(model).find((r) => r.datacenter === server.datacenter && r.network === i.subnet!.network);
    if (routed) return { address: routed.floatingText, interfaceName: i.name };
  }
  return undefined;
}
