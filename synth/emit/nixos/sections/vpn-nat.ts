import { Network } from '../../../../constructs/core/network';
import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { ADMIN_VPN_ADDRESS, WIREGUARD_INTERFACE } from '../../../plan/vpn';
import type { EmitContext } from '../../context';

/** The nftables table that masquerades the admin on VPN gateways. */
export const VPN_NAT_TABLE = 'epl-nat';

/**
 * The body of table `ip epl-nat`: what arrives from the admin over WireGuard and leaves towards
 * the datacenter's own network takes the gateway's address there.
 *
 * Servers behind the gateway have no route to the vpn range (172.21.0.0/16): they would send
 * their replies to the admin to their default gateway, and a gateway that is itself on wg0 would
 * answer through its own tunnel, where the admin's WireGuard drops them. With the gateway's lan
 * address as the source, replies come back to the gateway, whose connection tracking returns them
 * to the admin. Only the admin's address is masqueraded: the paired gateways of other datacenters
 * route each other's ranges over wg0 and keep their source addresses.
 */
export function vpnNatTableContent(lanInterfaces: readonly string[]): string {
  const names = lanInterfaces.map((n) => `"${n}"`);
  const oif = names.length === 1 ? names[0]! : `{ ${names.join(', ')} }`;
  return (
    [
      'chain postrouting {',
      '  type nat hook postrouting priority srcnat; policy accept;',
      `  iifname "${WIREGUARD_INTERFACE}" oifname ${oif} ip saddr ${ADMIN_VPN_ADDRESS} masquerade`,
      '}',
    ].join('\n') + '\n'
  );
}

/** On VPN gateways: forwarding on, and the admin masqueraded into the datacenter's network. */
export function vpnNatSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  if (!server.roles.vpnGateway) return n;
  // lan and dcrouter both carry the datacenter's own addresses, whose hosts route 172.21.0.0/16
  // to their default gateway rather than to this one.
  const lan = ctx.model
    .interfacesOf(server)
    .filter((i) => i.network === Network.LAN || i.network === Network.DCROUTER)
    .map((i) => i.name);
  if (lan.length === 0) return n;
  return n
    .set(
      ['boot', 'kernel', 'sysctl', 'net.ipv4.conf.all.forwarding'],
      true,
      "a gateway forwards between wg0 and the lan; NixOS's Docker module sets this too, but a gateway must not depend on Docker",
    )
    .set(
      ['networking', 'nftables', 'tables', VPN_NAT_TABLE],
      nix.attrs({ family: 'ip', content: nix.multiline(vpnNatTableContent(lan)) }),
      `the admin (${ADMIN_VPN_ADDRESS}) reaches every lan address through this gateway, with this gateway's lan address as its source`,
    );
}
