import { Network } from '../../../constructs/core/network';
import { defineRule } from '../rule';

export const masterAndSlave = defineRule({
  code: 'dns/master-and-slave',
  severity: 'error',
  title: 'A server is not both DNS master and DNS slave',
  doc: 'A DNS secondary transfers its zones from the master; one server cannot be both.',
  check(model, report) {
    for (const s of model.servers) {
      if (s.roles.dnsMaster && s.roles.dnsSlave) report(s, `server '${s.hostname}' is both dnsMaster and dnsSlave`, { prop: ['roles', 'dnsSlave'] });
    }
  },
});

export const masterWithoutInternet = defineRule({
  code: 'dns/master-without-internet-interface',
  severity: 'error',
  title: 'A DNS master has an internet interface',
  doc: 'The DNS master answers queries for the platform\'s public zones, so it needs a public address.',
  reference: ['DnsMasterMustHaveInternetNetworkInterface'],
  check(model, report) {
    for (const s of model.servers) {
      if (s.roles.dnsMaster && !model.interfacesOf(s).some((i) => i.network === Network.INTERNET)) {
        report(s, `DNS master '${s.hostname}' has no interface on the internet network`, { prop: ['roles', 'dnsMaster'] });
      }
    }
  },
});

export const slaveWithoutInternet = defineRule({
  code: 'dns/slave-without-internet-interface',
  severity: 'error',
  title: 'A DNS slave has an internet interface',
  doc: 'DNS secondaries are listed as name servers of the public zones, so they need a public address.',
  reference: ['DnsSlaveMustHaveInternetNetworkInterface'],
  check(model, report) {
    for (const s of model.servers) {
      if (s.roles.dnsSlave && !model.interfacesOf(s).some((i) => i.network === Network.INTERNET)) {
        report(s, `DNS slave '${s.hostname}' has no interface on the internet network`, { prop: ['roles', 'dnsSlave'] });
      }
    }
  },
});

export const regionMasterCount = defineRule({
  code: 'dns/region-master-count',
  severity: 'error',
  title: 'Each region has exactly one DNS master',
  doc: 'The region\'s zones (`<region>.<tld>` and the reverse zones of its datacenters) have one primary server; set `roles.dnsMaster` on exactly one server of the region.',
  reference: ['DnsNoMasterServerSpecifiedInRegion', 'DnsHasMoreThanOneMaster'],
  check(model, report) {
    for (const region of model.regions) {
      const servers = model.serversInRegion(region);
      if (servers.length === 0) continue;
      const masters = servers.filter((s) => s.roles.dnsMaster);
      if (masters.length === 0) report(region, `region '${region.regionName}' has no DNS master (roles.dnsMaster)`);
      for (const extra of masters.slice(1)) {
        report(extra, `server '${extra.hostname}' is a second DNS master in region '${region.regionName}' (first: ${masters[0]!.hostname})`, {
          prop: ['roles', 'dnsMaster'],
          related: [{ construct: masters[0]!, message: 'first DNS master' }],
        });
      }
    }
  },
});

export const regionSlaveCount = defineRule({
  code: 'dns/region-slave-count',
  severity: 'error',
  title: 'Each region has one or two DNS slaves',
  doc: 'At least one secondary keeps the region\'s zones answering while the master is down; registrars accept a handful of name servers, and epl plans for at most two secondaries per region.',
  reference: ['DnsNoSlaveServersSpecifiedInRegion', 'DnsHasMoreThanTwoSlaves'],
  check(model, report) {
    for (const region of model.regions) {
      const servers = model.serversInRegion(region);
      if (servers.length === 0) continue;
      const slaves = servers.filter((s) => s.roles.dnsSlave);
      if (slaves.length === 0) report(region, `region '${region.regionName}' has no DNS slave (roles.dnsSlave), it needs 1 or 2`);
      if (slaves.length > 2) report(region, `region '${region.regionName}' has ${slaves.length} DNS slaves (${slaves.map((s) => s.hostname).join(', ')}), at most 2 are allowed`);
    }
  },
});

export const masterRegionCount = defineRule({
  code: 'dns/master-region-count',
  severity: 'error',
  title: 'Exactly one region is the DNS master region',
  doc: 'The root zones of the platform\'s TLDs are served by one region\'s DNS master; mark that region with `isDnsMaster: true`.',
  reference: ['DnsNoMasterRegionSpecified', 'DnsMoreThanOneMasterRegion'],
  check(model, report) {
    if (model.regions.length === 0) return;
    const masters = model.regions.filter((r) => r.isDnsMaster);
    if (masters.length === 0) report(model.regions[0]!, `no region is the DNS master region: set isDnsMaster: true on one region`);
    for (const extra of masters.slice(1)) {
      report(extra, `region '${extra.regionName}' is a second DNS master region (first: ${masters[0]!.regionName})`, {
        prop: ['isDnsMaster'],
        related: [{ construct: masters[0]!, message: 'first DNS master region' }],
      });
    }
  },
});
