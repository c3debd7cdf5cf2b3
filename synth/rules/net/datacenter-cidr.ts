import { cidrContains, cidrInside, cidrsOverlap, formatCidr, isCanonical, parseIpv4Cidr } from '../../../lib/ip/ipv4';
import { Network } from '../../../constructs/core/network';
import { defineRule } from '../rule';
import { plural } from '../../../lib/text/plural';

const LAN = { network: 0x0a000000, prefix: 8 };

export const invalidDatacenterCidr = defineRule({
  code: 'net/invalid-datacenter-cidr',
  severity: 'error',
  title: 'A datacenter network CIDR parses as an IPv4 network',
  doc: 'Write the datacenter\'s range as `a.b.c.d/16`, for example `10.17.0.0/16`.',
  reference: ['InvalidDcIpV4Subnet'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const parsed = parseIpv4Cidr(dc.networkCidr);
      if (!parsed.ok) report(dc, `network CIDR '${dc.networkCidr}' is not an IPv4 network: ${parsed.error}`, { prop: ['networkCidr'] });
    }
  },
});

export const datacenterCidrNotCanonical = defineRule({
  code: 'net/datacenter-cidr-not-canonical',
  severity: 'error',
  title: 'A datacenter network CIDR has its host bits zero',
  doc: 'A network is written with its first address: `10.17.0.0/16`, not `10.17.3.1/16`. A non-zero host part usually means a typo in the prefix or the address.',
  reference: ['NetworkSubnetIsNotTruncated'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const cidr = model.datacenterCidr(dc);
      if (cidr && !isCanonical(cidr)) {
        report(dc, `network CIDR '${dc.networkCidr}' has host bits set; did you mean '${formatCidr(cidr)}'?`, { prop: ['networkCidr'] });
      }
    }
  },
});

export const datacenterCidrNotSlash16 = defineRule({
  code: 'net/datacenter-cidr-not-slash16',
  severity: 'error',
  title: 'A datacenter network is a /16',
  doc: 'Each datacenter owns one /16 of the lan network; its second octet identifies the datacenter in routing and reverse DNS.',
  reference: ['DatacenterLanNetworkMustHaveSlash16Prefix'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const cidr = model.datacenterCidr(dc);
      if (cidr && cidr.prefix !== 16) report(dc, `network CIDR '${dc.networkCidr}' has prefix /${cidr.prefix}, a datacenter network must be a /16`, { prop: ['networkCidr'] });
    }
  },
});

export const datacenterCidrOutsideLan = defineRule({
  code: 'net/datacenter-cidr-outside-lan',
  severity: 'error',
  title: 'A datacenter network lies inside the lan network 10.0.0.0/8',
  doc: `All private addresses of the platform are inside the lan network ${Network.LAN.cidr}; pick the datacenter's /16 there, e.g. \`10.17.0.0/16\`.`,
  reference: ['DatacenterNetworkDoesntBelongToGlobalLan'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const cidr = model.datacenterCidr(dc);
      if (cidr && !cidrInside(cidr, LAN)) report(dc, `network CIDR '${dc.networkCidr}' is not inside the lan network ${Network.LAN.cidr}`, { prop: ['networkCidr'] });
    }
  },
});

export const datacenterCidrClash = defineRule({
  code: 'net/datacenter-cidr-clash',
  severity: 'error',
  title: 'Datacenter networks do not overlap',
  doc: 'Every datacenter owns its own /16; two datacenters with overlapping ranges could not route to each other.',
  reference: ['DatacenterNetworkClash'],
  check(model, report) {
    const dcs = model.datacenters;
    for (let i = 0; i < dcs.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = model.datacenterCidr(dcs[j]!);
        const b = model.datacenterCidr(dcs[i]!);
        if (a && b && cidrsOverlap(a, b)) {
          report(dcs[i]!, `network CIDR '${dcs[i]!.networkCidr}' overlaps datacenter '${dcs[j]!.dcName}' (${dcs[j]!.networkCidr})`, {
            prop: ['networkCidr'],
            related: [{ construct: dcs[j]!, prop: ['networkCidr'], message: 'overlapping datacenter' }],
          });
        }
      }
    }
  },
});

export const datacenterSubnetTooFewHosts = defineRule({
  code: 'net/datacenter-subnet-too-few-hosts',
  severity: 'error',
  title: 'A datacenter with several lan subnets fills each with at least 100 servers',
  doc: 'Several lan /24 subnets in one datacenter need routers between them; that only pays off for large subnets. Keep small datacenters on one /24, or set `allowSmallSubnets: true` on the datacenter.',
  reference: ['DcSubnetHasTooFewHosts'],
  check(model, report) {
    for (const dc of model.datacenters) {
      const dcCidr = model.datacenterCidr(dc);
      if (dc.allowSmallSubnets || !dcCidr) continue;
      const counts = new Map<number, number>();
      for (const s of model.serversOf(dc)) {
        for (const i of model.interfacesOf(s)) {
          if (i.network === Network.LAN && i.subnet && cidrContains(dcCidr, i.subnet.network)) counts.set(i.subnet.network, (counts.get(i.subnet.network) ?? 0) + 1);
        }
      }
      if (counts.size < 2) continue;
      const small = [...counts].filter(([, n]) => n < 100).sort((a, b) => a[0] - b[0]);
      if (small.length > 0) {
        const list = small.map(([net, n]) => `${formatCidr({ network: net, prefix: 24 })} (${n})`).join(', ');
        report(dc, `datacenter '${dc.dcName}' has ${plural(counts.size, 'lan subnet')} and these have fewer than 100 servers: ${list}; use one subnet or set allowSmallSubnets`);
      }
    }
  },
});
