import { Network } from '../../../constructs/core/network';
import { broadcastAddress, cidrContains, firstHostAddress, formatIpv4, networkAddress, parseIpv4WithPrefix } from '../../../lib/ip/ipv4';
import type { Model } from '../../model/model';
import { declaredFloatingGateways, routedSubnets, usableDeclaration, type DeclaredFloatingGateway } from '../../plan/floating-gateways';
import { defineRule, type Report } from '../rule';

/**
 * The floating gateway address of each routed lan subnet (Datacenter `floatingGateways`, host .2
 * by default): what it may be. The plan (synth/plan/floating-gateways.ts) decides which address a
 * subnet gets; these rules say why a declared one cannot be it.
 */

const prop = (d: DeclaredFloatingGateway) => ['floatingGateways', d.index];

/** Reports each declaration `bad` holds for, among those that parse as a /24 (others have their own rules). */
function eachDeclared24(model: Model, report: Report, bad: (address: number) => boolean, what: (d: DeclaredFloatingGateway) => string): void {
  for (const d of declaredFloatingGateways(model)) {
    if (d.parsed && d.parsed.prefix === 24 && bad(d.parsed.address)) report(d.datacenter, what(d), { prop: prop(d) });
  }
}

export const invalidFloatingGateway = defineRule({
  code: 'net/invalid-floating-gateway',
  severity: 'error',
  title: 'A floating gateway address is an IPv4 address with a prefix length',
  doc: "Write a datacenter's `floatingGateways` entries as `a.b.c.d/24`, e.g. `10.17.0.254/24`: the address its subnet's servers route through, and the subnet it serves.",
  reference: ['InvalidSubnetRouterFloatingIp'],
  check(model, report) {
    for (const d of declaredFloatingGateways(model)) {
      if (d.parsed) continue;
      const p = parseIpv4WithPrefix(d.text);
      report(d.datacenter, `floating gateway '${d.text}' is invalid: ${p.ok ? '' : p.error}`, { prop: prop(d) });
    }
  },
});

export const floatingGatewayOutsideLan = defineRule({
  code: 'net/floating-gateway-outside-lan',
  severity: 'error',
  title: 'A floating gateway address lies in the lan network 10.0.0.0/8',
  doc: "A floating gateway serves one of the datacenter's lan /24 subnets, which lie inside 10.0.0.0/8.",
  reference: ['SubnetRouterFloatingIpDoesntBelongToLanNetwork'],
  check(model, report) {
    for (const d of declaredFloatingGateways(model)) {
      if (d.parsed && d.parsed.address >>> 24 !== 10) report(d.datacenter, `floating gateway ${d.text} is outside the lan network 10.0.0.0/8`, { prop: prop(d) });
    }
  },
});

export const floatingGatewayPrefixNot24 = defineRule({
  code: 'net/floating-gateway-prefix-not-24',
  severity: 'error',
  title: 'A floating gateway address has a /24 prefix',
  doc: 'Lan subnets are /24s; the prefix says which one the floating address serves. Write it as `a.b.c.d/24`.',
  reference: ['SubnetRouterFloatingIpInvalidPrefixLength'],
  check(model, report) {
    for (const d of declaredFloatingGateways(model)) {
      if (d.parsed && d.parsed.prefix !== 24) report(d.datacenter, `floating gateway ${d.text} has prefix /${d.parsed.prefix}, it must be /24 like the lan subnets`, { prop: prop(d) });
    }
  },
});

export const floatingGatewayIsNetworkAddress = defineRule({
  code: 'net/floating-gateway-is-network-address',
  severity: 'error',
  title: "A floating gateway address is not its subnet's network address",
  doc: 'The first address of a /24 (`10.17.0.0`) names the subnet and cannot be held by a host.',
  reference: ['SubnetRouterFloatingIpCannotBeNetworkAddress'],
  check(model, report) {
    eachDeclared24(model, report, (a) => a === networkAddress(a, 24), (d) => `floating gateway ${d.text} is the network address of its subnet`);
  },
});

export const floatingGatewayIsBroadcastAddress = defineRule({
  code: 'net/floating-gateway-is-broadcast-address',
  severity: 'error',
  title: "A floating gateway address is not its subnet's broadcast address",
  doc: 'The last address of a /24 (`10.17.0.255`) is its broadcast address and cannot be held by a host.',
  reference: ['SubnetRouterFloatingIpCannotBeBroadcastAddress'],
  check(model, report) {
    eachDeclared24(model, report, (a) => a === broadcastAddress(a, 24), (d) => `floating gateway ${d.text} is the broadcast address of its subnet`);
  },
});

export const floatingGatewayIsFirstAddress = defineRule({
  code: 'net/floating-gateway-is-first-address',
  severity: 'error',
  title: "A floating gateway address is not its subnet's first host address",
  doc: "Host .1 of every subnet is reserved for the network's own gateway (the hypervisor on test VMs, the upstream router on bare metal); the floating gateway is a different address, host .2 by default.",
  reference: ['SubnetRouterFloatingIpCannotBeFirstAddressInNetwork'],
  check(model, report) {
    eachDeclared24(model, report, (a) => a === firstHostAddress(a, 24), (d) => `floating gateway ${d.text} is host .1 of its subnet, which is reserved for the network's own gateway`);
  },
});

export const twoFloatingGatewaysForSubnet = defineRule({
  code: 'net/two-floating-gateways-for-subnet',
  severity: 'error',
  title: 'A subnet has at most one floating gateway address',
  doc: 'One VRRP address per subnet is what its servers route through; keep one of the declarations.',
  reference: ['SubnetRouterTwoFloatingIpsFoundForNetwork'],
  check(model, report) {
    const first = new Map<string, DeclaredFloatingGateway>();
    for (const d of declaredFloatingGateways(model)) {
      if (!d.parsed || d.parsed.prefix !== 24) continue;
      const key = `${d.datacenter.node.path} ${networkAddress(d.parsed.address, 24)}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, d);
        continue;
      }
      report(d.datacenter, `floating gateway ${d.text} is the second for its subnet, after ${earlier.text}`, {
        prop: prop(d),
        related: [{ construct: earlier.datacenter, prop: prop(earlier), message: 'the first floating gateway of the subnet' }],
      });
    }
  },
});

export const floatingGatewayUnused = defineRule({
  code: 'net/floating-gateway-unused',
  severity: 'error',
  title: 'A declared floating gateway address serves a subnet with routers or VPN gateways',
  doc: "Only a lan subnet of the datacenter with routing servers (declared routers, or the VPN gateways) has a floating gateway; a declaration for any other subnet is a mistake (a typo in the third octet, say). Remove it or correct the subnet.",
  reference: ['SubnetRouterFloatingIpDefinedButNeverUsed'],
  check(model, report) {
    const routed = routedSubnets(model);
    for (const d of declaredFloatingGateways(model)) {
      if (!usableDeclaration(d)) continue;
      if (!routed.some((r) => r.datacenter === d.datacenter && cidrContains(r, d.parsed!.address))) {
        report(d.datacenter, `floating gateway ${d.text} is for a subnet of datacenter '${d.datacenter.dcName}' without routers or VPN gateways`, { prop: prop(d) });
      }
    }
  },
});

export const floatingGatewayClashesWithServer = defineRule({
  code: 'net/floating-gateway-clash-with-server',
  severity: 'error',
  title: "A floating gateway address is no server's address",
  doc: "The floating address moves between the subnet's routing servers; a server configured with the same address would fight them for it. Give the server or the floating gateway another address.",
  reference: ['SubnetRouterFloatingIpClashWithServerIp'],
  check(model, report) {
    for (const d of declaredFloatingGateways(model)) {
      if (!usableDeclaration(d)) continue;
      for (const s of model.serversOf(d.datacenter)) {
        for (const i of model.interfacesOf(s)) {
          if (i.network === Network.LAN && i.address?.address === d.parsed!.address) {
            report(d.datacenter, `floating gateway ${d.text} is also the address of server '${s.hostname}' (${i.name})`, {
              prop: prop(d),
              related: [{ construct: s, prop: ['interfaces', i.index, 'address'], message: 'the server with this address' }],
            });
          }
        }
      }
    }
  },
});

export const floatingGatewayNeeded = defineRule({
  code: 'net/floating-gateway-needed',
  severity: 'error',
  title: 'A subnet whose default floating gateway (host .2) is taken declares one',
  doc: "Every lan subnet with routers or VPN gateways has a floating gateway address, host .2 by default. When a server already has that address, declare another in the datacenter's `floatingGateways` (`['10.17.0.254/24']`), or move the server.",
  reference: ['SubnetRouterFloatingIpForSubnetNotFound'],
  check(model, report) {
    for (const r of routedSubnets(model)) {
      if (r.declared) continue;
      for (const s of model.serversOf(r.datacenter)) {
        for (const i of model.interfacesOf(s)) {
          if (i.network !== Network.LAN || i.address?.address !== r.floating) continue;
          report(r.datacenter, `subnet ${r.cidr} needs a floating gateway address: the default ${formatIpv4(r.floating)} is server '${s.hostname}''s address; declare one in floatingGateways`, {
            related: [{ construct: s, prop: ['interfaces', i.index, 'address'], message: 'the server with the default address' }],
          });
        }
      }
    }
  },
});
