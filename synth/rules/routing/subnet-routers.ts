import type { Server } from '../../../constructs/core/server';
import { plural } from '../../../lib/text/plural';
import { defineRule } from '../rule';
import { lanSubnetsOf, type LanSubnet } from './lan-subnets';

/** The servers of a subnet that route it: declared routers and VPN gateways (which always route their subnet). */
function routersOf(subnet: LanSubnet): { readonly gateways: readonly Server[]; readonly routers: readonly Server[] } {
  const servers = [...new Set(subnet.interfaces.map((i) => i.server))];
  return { gateways: servers.filter((s) => s.roles.vpnGateway), routers: servers.filter((s) => s.roles.router && !s.roles.vpnGateway) };
}

export const subnetRouterCount = defineRule({
  code: 'routing/subnet-router-count',
  severity: 'error',
  title: 'Every lan subnet has exactly two routers',
  doc: "A subnet's two routers hold its floating gateway address between them (VRRP), so its servers keep their way out when one router is down. The datacenter's VPN gateways route their own subnet; every other subnet needs two servers with `roles.router`.",
  reference: ['DcRoutingSubnetMustHaveExactlyTwoRouters'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const subnets = lanSubnetsOf(model, dc);
      const gateways = model.serversOf(dc).filter((s) => s.roles.vpnGateway);
      const placed = new Set(subnets.flatMap((n) => n.interfaces.map((i) => i.server)));
      // Gateway-only subnets are judged only when the datacenter has its two gateways, each on
      // one of its lan subnets; otherwise `vpn/datacenter-gateway-count` or the interface rules
      // already report the cause.
      const gatewaysSettled = gateways.length === 2 && gateways.every((g) => placed.has(g));
      for (const subnet of subnets) {
        const { gateways: subnetGateways, routers } = routersOf(subnet);
        if (subnetGateways.length > 0 && routers.length > 0) continue; // a mix is its own finding
        if (subnetGateways.length > 0 && !gatewaysSettled) continue;
        const all = [...subnetGateways, ...routers];
        if (all.length === 2) continue;
        const names = all.map((s) => s.hostname).join(', ');
        report(dc, `lan subnet ${subnet.cidr} of datacenter '${dc.dcName}' has ${plural(all.length, 'router')}${names ? ` (${names})` : ''}, it needs exactly 2 (roles.router or roles.vpnGateway)`, {
          related: all.map((s) => ({ construct: s, prop: ['roles'], message: `router of ${subnet.cidr}` })),
        });
      }
    }
  },
});

export const subnetMixesGatewaysAndRouters = defineRule({
  code: 'routing/subnet-mixes-gateways-and-routers',
  severity: 'error',
  title: "A subnet's routers are either its VPN gateways or declared routers",
  doc: "The subnet holding the VPN gateways is routed by them; declared routers serve the datacenter's other subnets. Move the routers to a subnet without gateways, or drop `roles.router` from them.",
  reference: ['DcRoutingSubnetCannotMixDeclaredVpnGatewaysAndDeclaredRouters'],
  check(model, report) {
    for (const dc of model.datacenters) {
      for (const subnet of lanSubnetsOf(model, dc)) {
        const { gateways, routers } = routersOf(subnet);
        if (gateways.length === 0 || routers.length === 0) continue;
        for (const r of routers) {
          report(r, `server '${r.hostname}' is a router of lan subnet ${subnet.cidr}, which VPN gateways (${gateways.map((g) => g.hostname).join(', ')}) already route`, {
            prop: ['roles', 'router'],
            related: gateways.map((g) => ({ construct: g, prop: ['roles', 'vpnGateway'], message: `VPN gateway in ${subnet.cidr}` })),
          });
        }
      }
    }
  },
});
