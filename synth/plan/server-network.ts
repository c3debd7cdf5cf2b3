import { DatacenterImplementation } from '../../constructs/core/enums';
import { Network } from '../../constructs/core/network';
import type { Server } from '../../constructs/core/server';
import { firstHostAddress, formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';
import { floatingGatewayOf } from './floating-gateways';

/** An interface address as it is configured on the host. */
export interface PlannedAddress {
  readonly interfaceName: string;
  readonly network: Network;
  readonly address: string;
  readonly prefix: number;
}

/** Network facts of one server that its NixOS configuration needs. */
export interface ServerNetworkPlan {
  /** Statically configured addresses (vpn interfaces are brought up by WireGuard instead). */
  readonly addresses: readonly PlannedAddress[];
  /**
   * The default route: via the internet subnet's gateway if the server is public (a bare-metal
   * datacenter's `upstreamGateway`, else the subnet's first host), else via its lan subnet's
   * floating gateway (held by the subnet's routers), else via the lan's host .1.
   */
  readonly defaultGateway: { readonly address: string; readonly interfaceName: string } | undefined;
  /**
   * Routes beyond the default: 10.0.0.0/8 (every datacenter's private range) through the floating
   * gateway, for servers that route through one.
   */
  readonly routes: readonly { readonly address: string; readonly prefix: number; readonly via: string; readonly interfaceName: string }[];
  /** Interfaces whose traffic is trusted by the firewall (lan, dcrouter, vpn). */
  readonly trustedInterfaces: readonly string[];
  /** The public interface, if any; its firewall opens only the ports the server's roles need. */
  readonly publicInterface: string | undefined;
  readonly sshInterface: string | undefined;
}

/** Plans a server's addresses and routes. Assumes the rules passed. */
export function planServerNetwork(model: Model, server: Server): ServerNetworkPlan {
  const interfaces = model.interfacesOf(server);
  const addresses = interfaces
    .filter((i) => i.network !== Network.VPN && i.address)
    .map((i) => ({ interfaceName: i.name, network: i.network, address: formatIpv4(i.address!.address), prefix: i.address!.prefix }));
  const internet = interfaces.find((i) => i.network === Network.INTERNET);
  // A public server leaves through its own internet interface; the others through their
  // subnet's routers, which masquerade them (see the vpn-nat section).
  const floating = internet ? undefined : floatingGatewayOf(model, server);
  const gatewayVia = internet ?? interfaces.find((i) => i.network === Network.LAN);
  // A bare-metal provider's router need not be the first host of the internet subnet; the
  // datacenter names it (rules hold it inside every internet subnet of its servers).
  const upstream = internet && server.datacenter.implementation === DatacenterImplementation.BARE_METAL ? server.datacenter.upstreamGateway : undefined;
  // A router without an internet interface learns its default route from the gateways over
  // OSPF; a static one would win over it and send everything to the lan's host .1.
  const learnsDefault = !internet && server.roles.router;
  return {
    addresses,
    defaultGateway: learnsDefault
      ? undefined
      : floating ??
      (gatewayVia?.address && {
        address: upstream ?? formatIpv4(firstHostAddress(gatewayVia.address.address, gatewayVia.address.prefix)),
        interfaceName: gatewayVia.name,
      }),
    routes: floating ? [{ address: '10.0.0.0', prefix: 8, via: floating.address, interfaceName: floating.interfaceName }] : [],
    trustedInterfaces: interfaces.filter((i) => i.network !== Network.INTERNET).map((i) => i.name),
    publicInterface: interfaces.find((i) => i.network === Network.INTERNET)?.name,
    sshInterface: interfaces.find((i) => i.ssh)?.name,
  };
}
