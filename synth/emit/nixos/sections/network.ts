import { createHash } from 'node:crypto';
import type { Server } from '../../../../constructs/core/server';
import { nix, NixAttrs } from '../../../../lib/nix/value';
import { lanAddressOf } from '../../../plan/control-plane';
import { planServerNetwork } from '../../../plan/server-network';
import type { EmitContext } from '../../context';
import { compareCodePoints } from '../../../../lib/text/order';

/** `networking.hostId`: 8 hex digits, stable per hostname (ZFS requires one). */
export function hostIdOf(hostname: string): string {
  return createHash('sha256').update(hostname).digest('hex').slice(0, 8);
}

/** Hostname, static addresses, default route and the firewall. */
export function networkSection(ctx: EmitContext, server: Server): NixAttrs {
  const plan = planServerNetwork(ctx.model, server);
  const n = new NixAttrs()
    .set(['networking', 'hostName'], server.hostname)
    .set(['networking', 'hostId'], hostIdOf(server.hostname))
    .set(['networking', 'useDHCP'], false);
  for (const name of [...new Set(plan.addresses.map((a) => a.interfaceName))]) {
    const addrs = plan.addresses.filter((a) => a.interfaceName === name).map((a) => nix.attrs({ address: a.address, prefixLength: a.prefix }));
    n.set(['networking', 'interfaces', name, 'ipv4', 'addresses'], addrs);
    const routes = plan.routes.filter((r) => r.interfaceName === name).map((r) => nix.attrs({ address: r.address, prefixLength: r.prefix, via: r.via }));
    if (routes.length > 0) n.set(['networking', 'interfaces', name, 'ipv4', 'routes'], routes, 'every datacenter\'s private range through the subnet\'s floating gateway');
  }
  // Every server resolves through its region's DNS servers, which forward `consul.` to Consul.
  const regionDns = ctx.model
    .serversInRegion(server.datacenter.region)
    .filter((s) => s.roles.dnsMaster || s.roles.dnsSlave)
    .sort((a, b) => Number(b.roles.dnsMaster) - Number(a.roles.dnsMaster) || compareCodePoints(a.hostname, b.hostname))
    .map((s) => (s === server ? '127.0.0.1' : lanAddressOf(ctx.model, s)));
  if (regionDns.length > 0) n.set(['networking', 'nameservers'], regionDns);
  if (plan.defaultGateway) {
    n.set(['networking', 'defaultGateway'], nix.attrs({ address: plan.defaultGateway.address, interface: plan.defaultGateway.interfaceName }));
  }
  const firewall = new NixAttrs().set('enable', true).set('allowPing', true).set('trustedInterfaces', [...plan.trustedInterfaces]);
  if (plan.publicInterface) {
    const r = server.roles;
    const tcp = [22, ...(r.ingress ? [80, 443] : []), ...(r.dnsMaster || r.dnsSlave ? [53] : [])];
    const udp = [...(r.dnsMaster || r.dnsSlave ? [53] : []), ...(r.vpnGateway ? [51820] : [])];
    firewall.set(['interfaces', plan.publicInterface], nix.attrs({ allowedTCPPorts: tcp.sort((a, b) => a - b), allowedUDPPorts: udp.sort((a, b) => a - b) }));
  }
  n.set(['networking', 'firewall'], firewall, 'lan, dcrouter and vpn are trusted; the public interface opens only what the roles need');
  return n;
}
