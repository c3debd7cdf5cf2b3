import { Network } from '../../../constructs/core/network';
import { formatIpv4, parseIpv4 } from '../../../lib/ip/ipv4';
import { defineRule } from '../rule';
import { plural } from '../../../lib/text/plural';

const ADMIN_VPN_ADDRESS = parseIpv4('172.21.7.254');

export const gatewayWithoutVpnInterface = defineRule({
  code: 'vpn/gateway-without-vpn-interface',
  severity: 'error',
  title: 'A VPN gateway has an interface on the vpn network',
  doc: 'A VPN gateway terminates the WireGuard mesh on its vpn interface (`wg0`); give it one, e.g. `{ name: \'wg0\', network: Network.VPN, address: \'172.21.7.10/16\' }`.',
  reference: ['VpnGatewayServerMustHaveVpnInterface'],
  check(model, report) {
    for (const s of model.servers) {
      if (s.roles.vpnGateway && !model.interfacesOf(s).some((i) => i.network === Network.VPN)) {
        report(s, `server '${s.hostname}' is a VPN gateway but has no interface on the vpn network`, { prop: ['roles', 'vpnGateway'] });
      }
    }
  },
});

export const gatewayInterfaceNotWg0 = defineRule({
  code: 'vpn/gateway-interface-not-wg0',
  severity: 'error',
  title: "A VPN gateway's vpn interface is named wg0",
  doc: 'The WireGuard device that epl configures on gateways is `wg0`.',
  reference: ['VpnGatewayServerVpnInterfaceNameMustBeWg0'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.network === Network.VPN && i.server.roles.vpnGateway && i.name !== 'wg0') {
        report(i.server, `vpn interface '${i.name}' of VPN gateway '${i.server.hostname}' must be named wg0`, { prop: ['interfaces', i.index, 'name'] });
      }
    }
  },
});

export const vpnInterfaceOnNonGateway = defineRule({
  code: 'vpn/interface-on-non-gateway',
  severity: 'error',
  title: 'Only VPN gateways have vpn interfaces',
  doc: 'Other servers reach other datacenters through their datacenter\'s gateways; set `roles.vpnGateway` on the server or remove the interface.',
  reference: ['VpnInterfaceExistsButServerIsNotMarkedVpnGateway'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.network === Network.VPN && !i.server.roles.vpnGateway) {
        report(i.server, `server '${i.server.hostname}' has vpn interface ${i.name} but is not a VPN gateway (roles.vpnGateway)`, { prop: ['interfaces', i.index, 'network'] });
      }
    }
  },
});

export const datacenterGatewayCount = defineRule({
  code: 'vpn/datacenter-gateway-count',
  severity: 'error',
  title: 'Every datacenter with servers has exactly two VPN gateways',
  doc: 'Two gateways per datacenter keep the WireGuard mesh and the admin VPN up when one of them is down; the pair also routes the datacenter\'s private servers.',
  reference: ['DcMustHaveExactlyTwoVpnGateways'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const servers = model.serversOf(dc);
      if (servers.length === 0) continue;
      const gateways = servers.filter((s) => s.roles.vpnGateway);
      if (gateways.length !== 2) {
        const names = gateways.map((g) => g.hostname).join(', ');
        report(dc, `datacenter '${dc.dcName}' has ${plural(gateways.length, 'VPN gateway')}${names ? ` (${names})` : ''}, it needs exactly 2`);
      }
    }
  },
});

export const vpnPrefixNot16 = defineRule({
  code: 'vpn/interface-prefix-not-16',
  severity: 'error',
  title: 'VPN interfaces have a /16 prefix',
  doc: 'All gateways share the vpn network 172.21.0.0/16 as one subnet.',
  reference: ['VpnInterfaceCidrIsNot16'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.VPN && i.address.prefix !== 16) {
        report(i.server, `vpn interface ${i.name} has prefix /${i.address.prefix}, vpn interfaces must be /16`, { prop: ['interfaces', i.index, 'address'] });
      }
    }
  },
});

export const addressReservedForAdmin = defineRule({
  code: 'vpn/address-reserved-for-admin',
  severity: 'error',
  title: 'No server takes the admin VPN address 172.21.7.254',
  doc: 'The admin\'s own WireGuard peer uses 172.21.7.254 on the vpn network.',
  reference: ['VpnAddressReservedForAdmin'],
  check(model, report) {
    if (!ADMIN_VPN_ADDRESS.ok) throw new Error('epl bug: admin vpn address');
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.VPN && i.address.address === ADMIN_VPN_ADDRESS.value) {
        report(i.server, `vpn interface ${i.name} address ${formatIpv4(i.address.address)} is reserved for the admin's VPN peer`, { prop: ['interfaces', i.index, 'address'] });
      }
    }
  },
});
