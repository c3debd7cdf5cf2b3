import { DatacenterImplementation } from '../../../constructs/core/enums';
import { Network } from '../../../constructs/core/network';
import { broadcastAddress, cidrContains, formatCidr, parseIpv4 } from '../../../lib/ip/ipv4';
import { defineRule } from '../rule';

const PROP = ['upstreamGateway'];

export const upstreamGatewayNotBareMetal = defineRule({
  code: 'datacenters/upstream-gateway-not-bare-metal',
  severity: 'error',
  title: 'Only bare-metal datacenters have an upstream gateway',
  doc: "On test VMs the hypervisor is every subnet's gateway, at the subnet's first host address; there is no provider router to name. Remove `upstreamGateway`.",
  reference: ['DatacenterImplementationInvalidSettings'],
  check(model, report) {
    for (const dc of model.datacenters) {
      if (dc.upstreamGateway !== undefined && dc.implementation !== DatacenterImplementation.BARE_METAL) {
        report(dc, `datacenter '${dc.dcName}' (${dc.implementation}) has an upstreamGateway; only bare-metal datacenters have one`, { prop: PROP });
      }
    }
  },
});

export const invalidUpstreamGateway = defineRule({
  code: 'datacenters/invalid-upstream-gateway',
  severity: 'error',
  title: 'An upstream gateway is an IPv4 address',
  doc: 'Write the upstream gateway as a plain address, `203.0.113.1`, without a prefix length: the prefix is that of the servers\' internet interfaces.',
  reference: ['DatacenterImplementationInvalidSettings'],
  check(model, report) {
    for (const dc of model.datacenters) {
      if (dc.upstreamGateway === undefined) continue;
      const parsed = parseIpv4(dc.upstreamGateway);
      if (!parsed.ok) report(dc, `upstreamGateway '${dc.upstreamGateway}' of datacenter '${dc.dcName}' is not an IPv4 address: ${parsed.error}`, { prop: PROP });
    }
  },
});

export const upstreamGatewayOutsideInternetSubnet = defineRule({
  code: 'datacenters/upstream-gateway-outside-internet-subnet',
  severity: 'error',
  title: "The upstream gateway is a host of every internet subnet of the datacenter's servers",
  doc: "Servers with an internet interface take their default route through the upstream gateway, and a route needs a gateway on a directly attached subnet: it must lie inside each such interface's subnet, and be neither its network nor its broadcast address nor the server's own address. (The reference's `bm_simple` puts the gateway in the lan subnet instead, because its public addresses are hidden behind the provider's NAT; epl's bare-metal servers carry their public addresses.)",
  reference: ['BmSimpleGatewayIpIsOutsideDatacenterNetwork', 'BmSimpleOnlySubnetDoesntContainGatewayIp'],
  check(model, report) {
    for (const dc of model.datacenters) {
      if (dc.upstreamGateway === undefined || dc.implementation !== DatacenterImplementation.BARE_METAL) continue;
      const gw = parseIpv4(dc.upstreamGateway);
      if (!gw.ok) continue;
      for (const s of model.serversOf(dc)) {
        for (const i of model.interfacesOf(s)) {
          if (i.network !== Network.INTERNET || !i.address || !i.subnet) continue;
          const { address, prefix } = i.address;
          const inside = cidrContains(i.subnet, gw.value) && (prefix >= 31 || (gw.value !== i.subnet.network && gw.value !== broadcastAddress(address, prefix)));
          const problem = !inside ? `is not a host of its subnet ${formatCidr(i.subnet)}` : gw.value === address ? 'is its own address' : undefined;
          if (!problem) continue;
          report(dc, `upstreamGateway ${dc.upstreamGateway} of datacenter '${dc.dcName}' cannot be the default route of '${s.hostname}': it ${problem} (interface ${i.name})`, {
            prop: PROP,
            related: [{ construct: s, prop: ['interfaces', i.index, 'address'], message: `internet interface of ${s.hostname}` }],
          });
        }
      }
    }
  },
});
