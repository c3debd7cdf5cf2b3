import { Network } from '../../constructs/core/network';
import type { Server } from '../../constructs/core/server';
import { formatCidr, formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';
import { compareCodePoints } from '../../lib/text/order';

/** The vpn network every gateway and the admin share. */
export const VPN_RANGE = '172.21.0.0/16';

/** The admin's own address on the vpn network. */
export const ADMIN_VPN_ADDRESS = '172.21.7.254';
/** The WireGuard device on gateways (rule `vpn/gateway-interface-not-wg0` holds them to it). */
export const WIREGUARD_INTERFACE = 'wg0';
export const WIREGUARD_PORT = 51820;

export interface VpnGateway {
  readonly server: Server;
  /** `172.21.7.10/16` */
  readonly vpnAddress: string;
  readonly publicAddress: string | undefined;
  /** The datacenter's lan range, routed through this gateway by its peers. */
  readonly datacenterCidr: string;
  /** 0 or 1: gateways are paired with the gateway of the same index in every other datacenter. */
  readonly index: number;
}

/** VPN gateways of every datacenter, two per datacenter, in hostname order. */
export function vpnGateways(model: Model): VpnGateway[] {
  return model.datacenters.flatMap((dc) =>
    model
      .serversOf(dc)
      .filter((s) => s.roles.vpnGateway)
      .sort((a, b) => compareCodePoints(a.hostname, b.hostname))
      .map((server, index) => {
        const ifs = model.interfacesOf(server);
        const vpn = ifs.find((i) => i.network === Network.VPN)?.address;
        const pub = ifs.find((i) => i.network === Network.INTERNET)?.address;
        const cidr = model.datacenterCidr(dc);
        return {
          server,
          vpnAddress: vpn ? `${formatIpv4(vpn.address)}/${vpn.prefix}` : '',
          publicAddress: pub ? formatIpv4(pub.address) : undefined,
          datacenterCidr: cidr ? formatCidr(cidr) : '',
          index,
        };
      }),
  );
}
