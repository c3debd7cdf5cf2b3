import { Network } from '../../../constructs/core/network';
import { formatIpv4, octet } from '../../../lib/ip/ipv4';
import type { InterfaceModel } from '../../model/model';
import { defineRule } from '../rule';
import { isSubnetRouter, lanSubnetsOf } from './lan-subnets';

const addressProp = (i: InterfaceModel) => ['interfaces', i.index, 'address'];

export const routerWithoutDcrouterInterface = defineRule({
  code: 'routing/router-without-dcrouter-interface',
  severity: 'error',
  title: 'A router has an interface on the dcrouter network',
  doc: "Routers of a datacenter's lan subnets exchange routes over the dcrouter network (`x.y.252.0/22` of the datacenter). Declared routers need an interface there, and so do the VPN gateways of a datacenter with several lan subnets, since they route their own subnet. Add e.g. `{ name: 'eth2', network: Network.DCROUTER, address: '10.17.252.10/22' }`. In epl the dcrouter network always exists, so a datacenter that needs routing between subnets is caught here, router by router.",
  reference: ['DcrouterServerMustHaveDcrouterInterface', 'IntraDcRoutingNeededButNoDcrouterNetworkExists'],
  check(model, report) {
    for (const s of model.servers) {
      if (!isSubnetRouter(model, s) || model.interfacesOf(s).some((i) => i.network === Network.DCROUTER)) continue;
      const why = s.roles.router
        ? 'is a router'
        : `is a VPN gateway of datacenter '${s.datacenter.dcName}', which has ${lanSubnetsOf(model, s.datacenter).length} lan subnets to route between,`;
      report(s, `server '${s.hostname}' ${why} but has no interface on the dcrouter network`, { prop: ['roles', s.roles.router ? 'router' : 'vpnGateway'] });
    }
  },
});

export const dcrouterInterfaceOnNonRouter = defineRule({
  code: 'routing/dcrouter-interface-on-non-router',
  severity: 'error',
  title: 'Only routers have dcrouter interfaces',
  doc: 'The dcrouter network links the routers of a datacenter\'s subnets; other servers reach other subnets through their subnet\'s routers. Set `roles.router` on the server or remove the interface. (VPN gateways count as routers only in datacenters with several lan subnets.)',
  reference: ['DcrouterInterfaceExistsButServerIsNotMarkedAsRouter'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.network === Network.DCROUTER && !isSubnetRouter(model, i.server)) {
        report(i.server, `server '${i.server.hostname}' has dcrouter interface ${i.name} but is not a router (roles.router)`, { prop: ['interfaces', i.index, 'network'] });
      }
    }
  },
});

export const dcrouterPrefixNot22 = defineRule({
  code: 'routing/dcrouter-prefix-not-22',
  severity: 'error',
  title: 'Dcrouter interfaces have a /22 prefix',
  doc: "A datacenter's routers share its dcrouter range `x.y.252.0/22` as one subnet.",
  reference: ['DcrouterInterfaceCidrIsNot22'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.DCROUTER && i.address.prefix !== 22) {
        report(i.server, `dcrouter interface ${i.name} has prefix /${i.address.prefix}, dcrouter interfaces must be /22`, { prop: addressProp(i) });
      }
    }
  },
});

export const dcrouterAddressOutsideRange = defineRule({
  code: 'routing/dcrouter-address-outside-range',
  severity: 'error',
  title: "Dcrouter addresses lie in the datacenter's x.y.252.0/22",
  doc: "The top /22 of every datacenter's /16 (third octet 252 to 255) is its dcrouter range; lan subnets take the rest, so a router's dcrouter address can never clash with a lan host.",
  reference: ['DcrouterInterfaceIsOutsideAllowedRange'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.DCROUTER && octet(i.address.address, 2) < 252) {
        const a = i.address.address;
        report(i.server, `dcrouter interface ${i.name} address ${formatIpv4(a)} is outside the dcrouter range ${octet(a, 0)}.${octet(a, 1)}.252.0/22`, { prop: addressProp(i) });
      }
    }
  },
});
