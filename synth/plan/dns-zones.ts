import { Network } from '../../constructs/core/network';
import type { Server } from '../../constructs/core/server';
import { txtStrings } from '../../lib/formats/dns';
import { formatIpv4, octet } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';

/** One resource record; `name` is relative to the zone ('@' for the apex). */
export interface DnsRecord {
  readonly name: string;
  readonly type: 'A' | 'NS' | 'PTR' | 'DS' | 'TXT' | 'MX' | 'CNAME';
  readonly value: string;
}

/** A zone epl serves, with its primary and secondaries. */
export interface DnsZone {
  /** Zone name without the trailing dot (`us-west.epl-infra.net`, `17.10.in-addr.arpa`). */
  readonly name: string;
  readonly master: Server | undefined;
  readonly slaves: readonly Server[];
  readonly records: readonly DnsRecord[];
  /** Child zones delegated from this one; their DS records are published here. */
  readonly children: readonly string[];
  /** Whether the zone is signed with DNSSEC. */
  readonly signed: boolean;
}

function lanAddress(model: Model, s: Server): number | undefined {
  return model.interfacesOf(s).find((i) => i.network === Network.LAN)?.address?.address;
}

function publicAddress(model: Model, s: Server): number | undefined {
  return model.interfacesOf(s).find((i) => i.network === Network.INTERNET)?.address?.address;
}

/** The server's name in DNS: `<hostname>.<region>.<admin tld>`. */
export function serverFqdn(model: Model, s: Server): string {
  return `${s.hostname}.${s.datacenter.region.regionName}.${model.adminTld?.domain ?? 'invalid'}`;
}

/** Name servers of a set of DNS servers: `ns1`, `ns2`, ... in master-then-slaves order. */
function nameServers(model: Model, master: Server | undefined, slaves: readonly Server[]): Array<{ label: string; address: number | undefined }> {
  return [master, ...slaves].filter((s): s is Server => !!s).map((s, i) => ({ label: `ns${i + 1}`, address: publicAddress(model, s) ?? lanAddress(model, s) }));
}

/**
 * The zones of the platform: each TLD, each region's zone under the admin TLD (A records of its
 * servers), `10.in-addr.arpa` and one reverse zone per datacenter (PTR records).
 * Assumes the DNS rules passed.
 */
export function dnsZonesOf(model: Model): DnsZone[] {
  const masterRegion = model.regions.find((r) => r.isDnsMaster);
  const dnsServers = (region: typeof masterRegion) => {
    const servers = region ? model.serversInRegion(region) : [];
    return { master: servers.find((s) => s.roles.dnsMaster), slaves: servers.filter((s) => s.roles.dnsSlave) };
  };
  const masterServers = dnsServers(masterRegion);
  // Slave regions' DNS masters are secondaries of the TLD zones too.
  const slaveRegionMasters = model.regions
    .filter((r) => r.isDnsSlave && r !== masterRegion)
    .map((r) => dnsServers(r).master)
    .filter((s): s is Server => !!s);
  const root = { master: masterServers.master, slaves: [...masterServers.slaves, ...slaveRegionMasters] };
  const zones: DnsZone[] = [];
  const admin = model.adminTld?.domain;
  const adminSigned = model.adminTld?.dnssec ?? false;
  const regionsWithServers = model.regions.filter((r) => model.serversInRegion(r).length > 0);

  for (const tld of model.tlds) {
    const ns = nameServers(model, root.master, root.slaves);
    const records: DnsRecord[] = ns.map((n) => ({ name: '@', type: 'NS' as const, value: `${n.label}.${tld.domain}.` }));
    for (const n of ns) if (n.address !== undefined) records.push({ name: n.label, type: 'A', value: formatIpv4(n.address) });
    for (const [sub, values] of Object.entries(tld.txtRecords)) for (const v of values) records.push({ name: sub, type: 'TXT', value: txtStrings(v) });
    for (const [sub, values] of Object.entries(tld.mxRecords)) for (const v of values) records.push({ name: sub, type: 'MX', value: `${v.priority} ${v.value}` });
    for (const [sub, value] of Object.entries(tld.cnameRecords)) records.push({ name: sub, type: 'CNAME', value });
    const children: string[] = [];
    if (tld.domain === admin) {
      for (const region of regionsWithServers) {
        const { master, slaves } = dnsServers(region);
        const child = `${region.regionName}.${tld.domain}`;
        children.push(child);
        for (const n of nameServers(model, master, slaves)) {
          records.push({ name: region.regionName, type: 'NS', value: `${n.label}.${child}.` });
          // The name servers are inside the delegated zone: resolvers need their addresses here (glue).
          if (n.address !== undefined) records.push({ name: `${n.label}.${region.regionName}`, type: 'A', value: formatIpv4(n.address) });
        }
      }
    }
    zones.push({ name: tld.domain, master: root.master, slaves: root.slaves, records, children, signed: tld.dnssec });
  }

  if (admin) {
    for (const region of regionsWithServers) {
      const { master, slaves } = dnsServers(region);
      const name = `${region.regionName}.${admin}`;
      const ns = nameServers(model, master, slaves);
      const records: DnsRecord[] = ns.map((n) => ({ name: '@', type: 'NS' as const, value: `${n.label}.${name}.` }));
      for (const n of ns) if (n.address !== undefined) records.push({ name: n.label, type: 'A', value: formatIpv4(n.address) });
      for (const s of model.serversInRegion(region)) {
        const ip = lanAddress(model, s);
        if (ip !== undefined) records.push({ name: s.hostname, type: 'A', value: formatIpv4(ip) });
      }
      zones.push({ name, master, slaves, records, children: [], signed: adminSigned });
    }
  }

  const dcs = model.datacenters.filter((dc) => model.serversOf(dc).length > 0 && model.datacenterCidr(dc));
  if (dcs.length > 0 && admin) {
    const ns = nameServers(model, root.master, root.slaves);
    const records: DnsRecord[] = ns.map((n) => ({ name: '@', type: 'NS' as const, value: `${n.label}.${admin}.` }));
    const children: string[] = [];
    for (const dc of dcs) {
      const second = octet(model.datacenterCidr(dc)!.network, 1);
      const { master, slaves } = dnsServers(dc.region);
      const child = `${second}.10.in-addr.arpa`;
      children.push(child);
      for (const n of nameServers(model, master, slaves)) records.push({ name: String(second), type: 'NS', value: `${n.label}.${dc.region.regionName}.${admin}.` });
    }
    zones.push({ name: '10.in-addr.arpa', master: root.master, slaves: root.slaves, records, children, signed: adminSigned });
    for (const dc of dcs) {
      const second = octet(model.datacenterCidr(dc)!.network, 1);
      const { master, slaves } = dnsServers(dc.region);
      const recs: DnsRecord[] = nameServers(model, master, slaves).map((n) => ({ name: '@', type: 'NS' as const, value: `${n.label}.${dc.region.regionName}.${admin}.` }));
      for (const s of model.serversOf(dc)) {
        const ip = lanAddress(model, s);
        if (ip !== undefined) recs.push({ name: `${octet(ip, 3)}.${octet(ip, 2)}`, type: 'PTR', value: `${serverFqdn(model, s)}.` });
      }
      zones.push({ name: `${second}.10.in-addr.arpa`, master, slaves, records: recs, children: [], signed: adminSigned });
    }
  }
  return zones;
}
