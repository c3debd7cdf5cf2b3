import { DatacenterImplementation } from '../../constructs/core/enums';
import { Network } from '../../constructs/core/network';
import type { Server } from '../../constructs/core/server';
import { firstHostAddress, formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';

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
   * datacenter's `upstreamGateway`, else the subnet's first host), else the lan's.
   */
  readonly defaultGateway: { readonly address: string; readonly interfaceName: string } | undefined;
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
  const gatewayVia = interfaces.find((i) => i.network === Network.INTERNET) ?? interfaces.find((i) => i.network === Network.LAN);
  // A bare-metal provider's router need not be the first host of the internet subnet; the
  // datacenter names it (rules hold it inside every internet subnet of its servers).
  const upstream = server.datacenter.implementation === DatacenterImplementation.BARE_METAL ? server.datacenter.upstreamGateway : undefined;
  return {
    addresses,
    defaultGateway: gatewayVia?.address && {
      address: gatewayVia.network === Network.INTERNET && upstream ? upstream : formatIpv4(firstHostAddress(gatewayVia.address.address, gatewayVia.address.prefix)),
      interfaceName: gatewayVia.name,
    },
    trustedInterfaces: interfaces.filter((i) => i.network !== Network.INTERNET).map((i) => i.name),
    publicInterface: interfaces.find((i) => i.network === Network.INTERNET)?.name,
    sshInterface: interfaces.find((i) => i.ssh)?.name,
  };
}
