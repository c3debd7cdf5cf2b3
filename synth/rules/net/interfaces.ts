import { Network } from '../../../constructs/core/network';
import {
  broadcastAddress,
  cidrContains,
  firstHostAddress,
  formatCidr,
  formatIpv4,
  isPrivateIpv4,
  octet,
  parseIpv4Cidr,
  parseIpv4WithPrefix,
} from '../../../lib/ip/ipv4';
import type { InterfaceModel } from '../../model/model';
import { defineRule } from '../rule';

const addressProp = (i: InterfaceModel) => ['interfaces', i.index, 'address'];
const nameProp = (i: InterfaceModel) => ['interfaces', i.index, 'name'];
const NETWORK_CIDR = new Map(
  [Network.LAN, Network.VPN, Network.INTERNET, Network.DCROUTER].map((n) => {
    const parsed = parseIpv4Cidr(n.cidr);
    if (!parsed.ok) throw new Error(`epl bug: ${n.cidr}`);
    return [n, parsed.value];
  }),
);

export const invalidInterfaceName = defineRule({
  code: 'net/invalid-interface-name',
  severity: 'error',
  title: 'Interface names are Linux interface names',
  doc: 'An interface name is what the OS calls the device (`eth0`, `enp1s0`, `wg0`): a letter, then letters, digits, `_`, `.` or `-`, at most 15 characters. Sub-interfaces (`eth0:1`) are not supported.',
  reference: ['InvalidServerInterfaceName', 'InvalidServerSubinterfaceIndex', 'InvalidServerSubinterface'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (!/^[A-Za-z][A-Za-z0-9_.-]{0,14}$/.test(i.name)) report(i.server, `interface name '${i.name}' is not a Linux interface name (a letter, then up to 14 of a-z, A-Z, 0-9, _ . -)`, { prop: nameProp(i) });
    }
  },
});

export const duplicateInterfaceName = defineRule({
  code: 'net/duplicate-interface-name',
  severity: 'error',
  title: 'A server does not have two interfaces of the same name',
  doc: 'Interface names are device names; each may be configured once per server.',
  check(model, report) {
    for (const s of model.servers) {
      const seen = new Set<string>();
      for (const i of model.interfacesOf(s)) {
        if (seen.has(i.name)) report(s, `interface '${i.name}' is defined more than once`, { prop: nameProp(i) });
        seen.add(i.name);
      }
    }
  },
});

export const invalidInterfaceAddress = defineRule({
  code: 'net/invalid-interface-address',
  severity: 'error',
  title: 'An interface address is an IPv4 address with a prefix length',
  doc: 'Write interface addresses as `a.b.c.d/p`, e.g. `10.17.0.10/24`.',
  reference: ['InvalidIpV4Address'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (!i.address) {
        const parsed = parseIpv4WithPrefix(i.addressText);
        report(i.server, `interface ${i.name} address '${i.addressText}' is invalid: ${parsed.ok ? '' : parsed.error}`, { prop: addressProp(i) });
      }
    }
  },
});

export const privateAddressOnInternet = defineRule({
  code: 'net/private-address-on-internet',
  severity: 'error',
  title: 'Interfaces on the internet network have public addresses',
  doc: 'The internet network is for public addresses; a private (RFC 1918) address there is usually an interface attached to the wrong network.',
  reference: ['InternetNetworkCannotHavePrivateIpAddresses'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.INTERNET && isPrivateIpv4(i.address.address)) {
        report(i.server, `interface ${i.name} is on the internet network but ${formatIpv4(i.address.address)} is a private address`, { prop: addressProp(i) });
      }
    }
  },
});

export const publicAddressOnPrivateNetwork = defineRule({
  code: 'net/public-address-on-private-network',
  severity: 'error',
  title: 'Interfaces on lan, vpn and dcrouter have private addresses',
  doc: 'Only the internet network carries public addresses; lan, vpn and dcrouter use RFC 1918 ranges.',
  reference: ['NonInternetNetworkCannotHavePublicIpAddresses'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network !== Network.INTERNET && !isPrivateIpv4(i.address.address)) {
        report(i.server, `interface ${i.name} is on the ${i.network.name} network but ${formatIpv4(i.address.address)} is a public address`, { prop: addressProp(i) });
      }
    }
  },
});

export const addressOutsideNetwork = defineRule({
  code: 'net/address-outside-network',
  severity: 'error',
  title: "An interface address lies inside its network's range",
  doc: 'lan and dcrouter addresses are inside 10.0.0.0/8 and vpn addresses inside 172.21.0.0/16.',
  reference: ['InterfaceIpIsNotInsideSubnet'],
  check(model, report) {
    for (const i of model.interfaces) {
      const range = NETWORK_CIDR.get(i.network)!;
      if (i.address && i.network !== Network.INTERNET && isPrivateIpv4(i.address.address) && !cidrContains(range, i.address.address)) {
        report(i.server, `interface ${i.name} address ${formatIpv4(i.address.address)} is not inside the ${i.network.name} network ${i.network.cidr}`, { prop: addressProp(i) });
      }
    }
  },
});

/** Interfaces with a subnet to speak of: a /32 is a single host and has no network or broadcast address. */
function subnetted(i: InterfaceModel): i is InterfaceModel & { address: NonNullable<InterfaceModel['address']> } {
  return !!i.address && i.address.prefix < 31;
}

export const addressIsNetworkAddress = defineRule({
  code: 'net/address-is-network-address',
  severity: 'error',
  title: "An interface address is not its subnet's network address",
  doc: 'The first address of a subnet (`10.17.0.0` in `10.17.0.0/24`) names the subnet itself and cannot be assigned to a host.',
  reference: ['ServerIpCannotBeNetworkAddress'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (subnetted(i) && i.address.address === i.subnet!.network) {
        report(i.server, `interface ${i.name} address ${formatIpv4(i.address.address)} is the network address of ${formatCidr(i.subnet!)}`, { prop: addressProp(i) });
      }
    }
  },
});

export const addressIsBroadcastAddress = defineRule({
  code: 'net/address-is-broadcast-address',
  severity: 'error',
  title: "An interface address is not its subnet's broadcast address",
  doc: 'The last address of a subnet (`10.17.0.255` in `10.17.0.0/24`) is its broadcast address and cannot be assigned to a host.',
  reference: ['ServerIpCannotBeBroadcastAddress'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (subnetted(i) && i.address.address === broadcastAddress(i.address.address, i.address.prefix)) {
        report(i.server, `interface ${i.name} address ${formatIpv4(i.address.address)} is the broadcast address of ${formatCidr(i.subnet!)}`, { prop: addressProp(i) });
      }
    }
  },
});

export const addressIsGateway = defineRule({
  code: 'net/address-is-gateway',
  severity: 'error',
  title: "An interface address is not its subnet's first host address",
  doc: 'epl reserves the first host address of every subnet (`10.17.0.1` in `10.17.0.0/24`) for the subnet\'s gateway; servers route through it.',
  reference: ['FirstIpInSubnetIsReservedToGateway'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (subnetted(i) && i.address.address === firstHostAddress(i.address.address, i.address.prefix)) {
        report(i.server, `interface ${i.name} address ${formatIpv4(i.address.address)} is reserved for the gateway of ${formatCidr(i.subnet!)}`, { prop: addressProp(i) });
      }
    }
  },
});

export const duplicateAddress = defineRule({
  code: 'net/duplicate-address',
  severity: 'error',
  title: 'No two interfaces on a network share an address',
  doc: 'An address on a network belongs to one interface; two servers with the same address break routing for both. This holds for dcrouter addresses too, so two routers of a datacenter never share one.',
  reference: ['DuplicateIpFoundOnTheNetwork', 'DcrouterDuplicateRouterIpInsideDatacenterDetected'],
  check(model, report) {
    const seen = new Map<string, InterfaceModel>();
    for (const i of model.interfaces) {
      if (!i.address) continue;
      const key = `${i.network.name}/${i.address.address}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, i);
        continue;
      }
      const owner = first.server === i.server ? `interface ${first.name} of this server` : `${first.server.hostname} (${first.name})`;
      report(i.server, `interface ${i.name} address ${formatIpv4(i.address.address)} is already used by ${owner} on the ${i.network.name} network`, {
        prop: addressProp(i),
        related: [{ construct: first.server, prop: addressProp(first), message: 'first used here' }],
      });
    }
  },
});

export const overlappingInterfaceSubnets = defineRule({
  code: 'net/overlapping-interface-subnets',
  severity: 'error',
  title: 'Interface subnets on a network are identical or disjoint',
  doc: 'Two interfaces whose subnets overlap with different prefix lengths (`10.17.0.10/24` and `10.17.0.20/16`) disagree about which hosts are directly reachable; use the same prefix for the same subnet.',
  reference: ['SubnetOverlapAcrossInterfaces'],
  check(model, report) {
    const subnets = new Map<string, InterfaceModel>();
    for (const i of model.interfaces) {
      if (!i.subnet || i.network === Network.INTERNET) continue;
      subnets.set(`${i.network.name}/${formatCidr(i.subnet)}`, subnets.get(`${i.network.name}/${formatCidr(i.subnet)}`) ?? i);
    }
    const list = [...subnets.values()];
    for (const i of list) {
      for (const other of list) {
        if (other === i || other.network !== i.network || other.subnet!.prefix >= i.subnet!.prefix) continue;
        if (cidrContains(other.subnet!, i.subnet!.network)) {
          report(i.server, `interface ${i.name} subnet ${formatCidr(i.subnet!)} lies inside ${formatCidr(other.subnet!)} of ${other.server.hostname} (${other.name})`, {
            prop: addressProp(i),
            related: [{ construct: other.server, prop: addressProp(other), message: 'enclosing subnet' }],
          });
        }
      }
    }
  },
});

export const lanPrefixNot24 = defineRule({
  code: 'net/lan-prefix-not-24',
  severity: 'error',
  title: 'Lan interfaces have a /24 prefix',
  doc: 'A datacenter\'s lan is made of /24 subnets; routing, floating gateway addresses and reverse DNS zones are planned per /24.',
  reference: ['LanInterfaceCidrIsNot24'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.LAN && i.address.prefix !== 24) {
        report(i.server, `lan interface ${i.name} has prefix /${i.address.prefix}, lan interfaces must be /24`, { prop: addressProp(i) });
      }
    }
  },
});

export const lanAddressInDcrouterRange = defineRule({
  code: 'net/lan-address-in-dcrouter-range',
  severity: 'error',
  title: 'Lan addresses have a third octet below 252',
  doc: 'The top /22 of every datacenter (`x.y.252.0/22`) is reserved for the dcrouter network that links the routers of its subnets.',
  reference: ['LanInterfaceIsInsideForbiddenDcrouterRange'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (i.address && i.network === Network.LAN && octet(i.address.address, 2) >= 252) {
        report(i.server, `lan interface ${i.name} address ${formatIpv4(i.address.address)} is in the dcrouter range x.y.252.0/22`, { prop: addressProp(i) });
      }
    }
  },
});

export const addressOutsideDatacenter = defineRule({
  code: 'net/address-outside-datacenter',
  severity: 'error',
  title: "Lan and dcrouter addresses lie inside the server's datacenter network",
  doc: 'Each datacenter owns a /16; its servers take their lan and dcrouter addresses from it.',
  reference: ['InterfaceIpIsNotInsideDatacenterSubnet'],
  check(model, report) {
    for (const i of model.interfaces) {
      if (!i.address || (i.network !== Network.LAN && i.network !== Network.DCROUTER)) continue;
      const dc = i.server.datacenter;
      const cidr = model.datacenterCidr(dc);
      if (cidr && !cidrContains(cidr, i.address.address)) {
        report(i.server, `${i.network.name} interface ${i.name} address ${formatIpv4(i.address.address)} is not inside datacenter '${dc.dcName}' network ${formatCidr(cidr)}`, { prop: addressProp(i) });
      }
    }
  },
});

export const serverWithoutLanInterface = defineRule({
  code: 'net/server-without-lan-interface',
  severity: 'error',
  title: 'Every server has a lan interface',
  doc: 'Consul, Nomad and all workloads talk over the lan; a server without a lan interface could not join the cluster.',
  check(model, report) {
    for (const s of model.servers) {
      if (!model.interfacesOf(s).some((i) => i.network === Network.LAN)) report(s, `server '${s.hostname}' has no interface on the lan network`, { prop: ['interfaces'] });
    }
  },
});
