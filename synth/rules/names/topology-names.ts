import { defineRule, type Related } from '../rule';
import { DNS_LABEL, KEBAB_CASE, NAME_SERVER_LABEL } from '../patterns';
import type { EplConstruct } from '../../../constructs/core/epl-construct';

export const invalidRegionName = defineRule({
  code: 'names/invalid-region-name',
  severity: 'error',
  title: "Region names are kebab-case with 1 to 14 characters, and not a name server's or 'admin'",
  doc: "A region name becomes the Consul datacenter and Nomad region name and a DNS zone (`<region>.<tld>`) delegated from the TLD, so it must be short and kebab-case, and cannot be a name the TLD zone already uses: `ns1`, `ns2`, ... (its name servers) or `admin` (admin sites).",
  check(model, report) {
    for (const r of model.regions) {
      if (!KEBAB_CASE.test(r.regionName) || r.regionName.length > 14) {
        report(r, `region name '${r.regionName}' must be kebab-case (a-z, 0-9, -) with 1 to 14 characters`);
      } else if (NAME_SERVER_LABEL.test(r.regionName) || r.regionName === 'admin') {
        report(r, `region name '${r.regionName}' is a name the TLD zone uses itself (${r.regionName === 'admin' ? 'admin sites' : 'a name server'})`);
      }
    }
  },
});

export const invalidDatacenterName = defineRule({
  code: 'names/invalid-datacenter-name',
  severity: 'error',
  title: "Datacenter names are kebab-case with 1 to 14 characters and do not start with 'ns'",
  doc: "A datacenter name is part of server DNS names (`<host>.<dc>...`). Names starting with 'ns' are reserved for the name servers (`ns1`, `ns2`).",
  check(model, report) {
    for (const dc of model.datacenters) {
      const n = dc.dcName;
      if (!KEBAB_CASE.test(n) || n.length > 14) report(dc, `datacenter name '${n}' must be kebab-case (a-z, 0-9, -) with 1 to 14 characters`);
      else if (n.startsWith('ns')) report(dc, `datacenter name '${n}' starts with 'ns', which is reserved for name servers`);
    }
  },
});

function reportDuplicates<T extends EplConstruct>(items: readonly T[], name: (t: T) => string, report: (first: T, dup: T, n: string) => void): void {
  const seen = new Map<string, T>();
  for (const item of items) {
    const n = name(item);
    const first = seen.get(n);
    if (first) report(first, item, n);
    else seen.set(n, item);
  }
}

export const duplicateDatacenterName = defineRule({
  code: 'names/duplicate-datacenter-name',
  severity: 'error',
  title: 'Datacenter names are unique across regions',
  doc: 'Datacenter names identify the datacenter in Consul, Nomad and DNS across the whole platform, so two regions may not both have a datacenter of the same name.',
  check(model, report) {
    reportDuplicates(model.datacenters, (d) => d.dcName, (first, dup, n) => {
      const related: Related[] = [{ construct: first, message: 'first defined here' }];
      report(dup, `datacenter name '${n}' is already used in region '${first.region.regionName}'`, { related });
    });
  },
});

export const invalidHostname = defineRule({
  code: 'names/invalid-hostname',
  severity: 'error',
  title: "Hostnames are DNS labels, and not a name server's",
  doc: "A hostname is a DNS label in the platform's zones and the name of the machine: lower-case letters, digits and inner dashes, at most 63 characters. `ns1`, `ns2`, ... are the region zone's name servers.",
  check(model, report) {
    for (const s of model.servers) {
      if (!DNS_LABEL.test(s.hostname)) report(s, `hostname '${s.hostname}' is not a DNS label: use a-z, 0-9 and inner dashes, at most 63 characters`);
      else if (NAME_SERVER_LABEL.test(s.hostname)) report(s, `hostname '${s.hostname}' is the name of a name server in the region's zone; choose another`);
    }
  },
});

export const duplicateHostname = defineRule({
  code: 'names/duplicate-hostname',
  severity: 'error',
  title: 'Hostnames are unique across the platform',
  doc: 'Consul and Nomad identify nodes by hostname across datacenters, and secrets are keyed by it, so each server needs its own hostname.',
  check(model, report) {
    reportDuplicates(model.servers, (s) => s.hostname, (first, dup, n) => {
      report(dup, `hostname '${n}' is already used by a server in datacenter '${first.datacenter.dcName}'`, {
        related: [{ construct: first, message: 'first defined here' }],
      });
    });
  },
});
