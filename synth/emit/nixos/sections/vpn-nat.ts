import { Network } from '../../../../constructs/core/network';
import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { subnetsRoutedBy } from '../../../plan/floating-gateways';
import { ADMIN_VPN_ADDRESS, WIREGUARD_INTERFACE } from '../../../plan/vpn';
import type { EmitContext } from '../../context';

/** The nftables table of VPN gateways that masquerades the admin, and private servers on the internet. */
export const VPN_NAT_TABLE = 'epl-nat';

/** The range of every datacenter's private servers. */
export const PRIVATE_RANGE = '10.0.0.0/8';

/**
 * The body of table `ip epl-nat`. First, what arrives from the admin over WireGuard and leaves towards
 * the datacenter's own network takes the gateway's address there.
 *
 * Servers behind the gateway have no route to the vpn range (172.21.0.0/16): they would send
 * their replies to the admin to their default gateway, and a gateway that is itself on wg0 would
 * answer through its own tunnel, where the admin's WireGuard drops them. With the gateway's lan
 * address as the source, replies come back to the gateway, whose connection tracking returns them
 * to the admin. Only the admin's address is masqueraded: the paired gateways of other datacenters
 * route each other's ranges over wg0 and keep their source addresses.
 *
 * Second, on a gateway with an internet interface: what leaves there from a private address (a
 * server of this datacenter routing through the subnet's floating gateway, or of another one
 * through the VPN) takes the gateway's public address, the only one the internet routes back.
 */
export function vpnNatTableContent(lanInterfaces: readonly string[], internetInterface?: string): string {
  const names = lanInterfaces.map((n) => `"${n}"`);
  const oif = names.length === 1 ? names[0]! : `{ ${names.join(', ')} }`;
  return (
    [
      'chain postrouting {',
      '  type nat hook postrouting priority srcnat; policy accept;',
      `  iifname "${WIREGUARD_INTERFACE}" oifname ${oif} ip saddr ${ADMIN_VPN_ADDRESS} masquerade`,
      ...(internetInterface ? [`  oifname "${internetInterface}" ip saddr ${PRIVATE_RANGE} masquerade`] : []),
      '}',
    ].join('\n') + '\n'
  );
}

/**
 * On the servers that route (VPN gateways and the routers of lan subnets): forwarding on, and
 * reverse-path filtering off, since a router's traffic is asymmetric by design: a subnet's
 * floating address moves between its two routers, and a reply may come back through the other one
 * or over another interface than the request left by.
 */
function routingSysctls(n: NixAttrs): NixAttrs {
  return n
    .set(
      ['boot', 'kernel', 'sysctl', 'net.ipv4.conf.all.forwarding'],
      true,
      "a gateway forwards between wg0, the lan and the internet; NixOS's Docker module sets this too, but a gateway must not depend on Docker",
    )
    .set(['boot', 'kernel', 'sysctl', 'net.ipv4.conf.all.rp_filter'], 0, 'routes here are asymmetric: see checkReversePath')
    .set(['boot', 'kernel', 'sysctl', 'net.ipv4.conf.default.rp_filter'], 0)
    .set(['networking', 'firewall', 'checkReversePath'], false, 'a reply may arrive through the other router of a subnet');
}

/**
 * On routing servers: forwarding on, reverse-path filtering off. On VPN gateways also: the admin
 * masqueraded into the datacenter's network, private servers masqueraded to the internet.
 */
export function vpnNatSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  const routes = server.roles.vpnGateway || server.roles.router || subnetsRoutedBy(ctx.model, server).length > 0;
  if (!routes) return n;
  routingSysctls(n);
  if (!server.roles.vpnGateway) return n;
  // lan and dcrouter both carry the datacenter's own addresses, whose hosts route 172.21.0.0/16
  // to their default gateway rather than to this one.
  const lan = ctx.model
    .interfacesOf(server)
    .filter((i) => i.network === Network.LAN || i.network === Network.DCROUTER)
    .map((i) => i.name);
  if (lan.length === 0) return n;
  const internet = ctx.model.interfacesOf(server).find((i) => i.network === Network.INTERNET)?.name;
  return n.set(
    ['networking', 'nftables', 'tables', VPN_NAT_TABLE],
    nix.attrs({ family: 'ip', content: nix.multiline(vpnNatTableContent(lan, internet)) }),
    `the admin (${ADMIN_VPN_ADDRESS}) reaches every lan address through this gateway, with this gateway's lan address as its source` +
      (internet ? `; private servers reach the internet with its ${internet} address` : ''),
  );
}
