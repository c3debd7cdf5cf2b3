import { vpnGateways } from '../../plan/vpn';
import { defineRule } from '../rule';

export const gatewayPairWithoutInternet = defineRule({
  code: 'vpn/gateway-pair-without-internet',
  severity: 'error',
  title: 'Of two paired VPN gateways, at least one has an internet interface',
  doc: "Each VPN gateway keeps a WireGuard tunnel to the gateway of the same rank (by hostname) in every other datacenter. One side of a tunnel has to be reachable: a WireGuard peer with no public address can dial out but cannot be dialled, so two such peers never meet. Give one gateway of the pair an interface on `Network.INTERNET`.",
  reference: ['VpnGatewayServerPairMustHaveAtLeastOneInternetInterface'],
  check(model, report) {
    const all = vpnGateways(model);
    for (const [n, left] of all.entries()) {
      for (const right of all.slice(n + 1)) {
        if (left.server.datacenter === right.server.datacenter || left.index !== right.index) continue;
        // Datacenters without exactly two gateways are reported by `vpn/datacenter-gateway-count`.
        if (left.publicAddress || right.publicAddress) continue;
        report(left.server, `VPN gateways '${left.server.hostname}' and '${right.server.hostname}' are paired across datacenters '${left.server.datacenter.dcName}' and '${right.server.datacenter.dcName}' but neither has an internet interface`, {
          prop: ['interfaces'],
          related: [{ construct: right.server, prop: ['interfaces'], message: 'the other gateway of the pair' }],
        });
      }
    }
  },
});
