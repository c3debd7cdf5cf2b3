import type { Tld } from '../../../constructs/core/tld';
import type { Model } from '../../model/model';
import { defineRule, type Report } from '../rule';
import { plural } from '../../../lib/text/plural';

const LABELS = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*$/;
const HOSTNAME = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const MAX_VALUES = 30;

type Kind = 'txt' | 'mx' | 'cname';
const PROP: Record<Kind, string> = { txt: 'txtRecords', mx: 'mxRecords', cname: 'cnameRecords' };

function eachSubdomain(tld: Tld): Array<{ kind: Kind; sub: string }> {
  return [
    ...Object.keys(tld.txtRecords).map((sub) => ({ kind: 'txt' as const, sub })),
    ...Object.keys(tld.mxRecords).map((sub) => ({ kind: 'mx' as const, sub })),
    ...Object.keys(tld.cnameRecords).map((sub) => ({ kind: 'cname' as const, sub })),
  ];
}

/** Names epl itself puts in a TLD's zone: name servers, region zones, the admin site. */
function reservedNames(model: Model, tld: Tld): Set<string> {
  const names = new Set<string>();
  const masterRegion = model.regions.find((r) => r.isDnsMaster);
  const dnsServers = masterRegion ? model.serversInRegion(masterRegion).filter((s) => s.roles.dnsMaster || s.roles.dnsSlave).length : 0;
  for (let i = 1; i <= Math.max(dnsServers, 1); i++) names.add(`ns${i}`);
  if (tld === model.adminTld) {
    names.add('admin');
    for (const r of model.regions) names.add(r.regionName);
  }
  return names;
}

export const invalidRecordSubdomain = defineRule({
  code: 'dns/invalid-record-subdomain',
  severity: 'error',
  title: "Custom record subdomains are '@' or DNS labels, without the TLD",
  doc: "Write a record's subdomain relative to its TLD: `'@'` for the domain itself, or labels such as `'mail'` or `'_dmarc'`. Including the TLD (`'mail.example.com'`) would create `mail.example.com.example.com`.",
  reference: ['DnsInvalidMiscTxtRecordSubdomain', 'DnsInvalidMiscCnameRecordSubdomain', 'DnsMiscSubdomainFullTldIsRedundant'],
  check(model, report) {
    for (const tld of model.tlds) {
      for (const { kind, sub } of eachSubdomain(tld)) {
        const prop = [PROP[kind], sub];
        if (sub === tld.domain || sub.endsWith(`.${tld.domain}`)) report(tld, `${kind.toUpperCase()} subdomain '${sub}' includes the TLD; write it relative to ${tld.domain}`, { prop });
        else if (sub !== '@' && !LABELS.test(sub)) report(tld, `${kind.toUpperCase()} subdomain '${sub}' is not '@' or a sequence of DNS labels`, { prop });
      }
    }
  },
});

export const forbiddenTxtSubdomain = defineRule({
  code: 'dns/forbidden-txt-subdomain',
  severity: 'error',
  title: 'No custom TXT record at _acme-challenge',
  doc: 'epl manages `_acme-challenge` records itself to obtain certificates; a custom record there would break renewals.',
  reference: ['DnsForbiddenMiscTxtRecord'],
  check(model, report) {
    for (const tld of model.tlds) {
      for (const sub of Object.keys(tld.txtRecords)) {
        if (sub === '_acme-challenge' || sub.startsWith('_acme-challenge.')) report(tld, `TXT record at '${sub}' is reserved for certificate challenges`, { prop: ['txtRecords', sub] });
      }
    }
  },
});

function checkCount(report: Report, tld: Tld, kind: Kind, sub: string, n: number): void {
  if (n === 0) report(tld, `${kind.toUpperCase()} record '${sub}' has no values`, { prop: [PROP[kind], sub] });
  if (n > MAX_VALUES) report(tld, `${kind.toUpperCase()} record '${sub}' has ${plural(n, 'value')}, at most ${MAX_VALUES} are allowed`, { prop: [PROP[kind], sub] });
}

export const txtRecordValues = defineRule({
  code: 'dns/txt-record-values',
  severity: 'error',
  title: 'A TXT record has 1 to 30 values of 1 to 253 printable ASCII characters',
  doc: 'TXT values are written as quoted strings in the zone; keep each to printable ASCII and split long data (DKIM keys) over several values.',
  reference: ['DnsMiscTxtRecordNoValues', 'DnsMiscTxtRecordInvalidValue', 'DnsMiscTxtRecordTooManyValues'],
  check(model, report) {
    for (const tld of model.tlds) {
      for (const [sub, values] of Object.entries(tld.txtRecords)) {
        checkCount(report, tld, 'txt', sub, values.length);
        values.forEach((v, i) => {
          if (!/^[\x20-\x7e]{1,253}$/.test(v)) report(tld, `TXT value ${i + 1} of '${sub}' must be 1 to 253 printable ASCII characters`, { prop: ['txtRecords', sub, i] });
        });
      }
    }
  },
});

function checkHostname(report: Report, tld: Tld, kind: 'mx' | 'cname', sub: string, value: string, prop: Array<string | number>): void {
  const label = kind.toUpperCase();
  if (!HOSTNAME.test(value)) report(tld, `${label} value '${value}' of '${sub}' is not a host name`, { prop });
  else if ((value.match(/\./g) ?? []).length >= 2 && !value.endsWith('.')) {
    report(tld, `${label} value '${value}' of '${sub}' has several dots but no trailing '.', so the zone would append ${tld.domain}; write '${value}.'`, { prop });
  }
}

export const mxRecordValues = defineRule({
  code: 'dns/mx-record-values',
  severity: 'error',
  title: 'An MX record has 1 to 30 host names with priorities 0 to 100',
  doc: "MX values are host names; a name with two or more dots must be fully qualified (end with '.') so the zone does not append the TLD to it.",
  reference: ['DnsMiscMxRecordNoValues', 'DnsMiscMxRecordInvalidValue', 'DnsMiscMxRecordWithAtLeastTwoPeriodsMustBeFqdn', 'DnsMiscMxRecordTooManyValues'],
  check(model, report) {
    for (const tld of model.tlds) {
      for (const [sub, values] of Object.entries(tld.mxRecords)) {
        checkCount(report, tld, 'mx', sub, values.length);
        values.forEach((v, i) => {
          checkHostname(report, tld, 'mx', sub, v.value, ['mxRecords', sub, i, 'value']);
          if (!Number.isInteger(v.priority) || v.priority < 0 || v.priority > 100) report(tld, `MX priority ${v.priority} of '${sub}' must be a whole number from 0 to 100`, { prop: ['mxRecords', sub, i, 'priority'] });
        });
      }
    }
  },
});

export const cnameRecordValue = defineRule({
  code: 'dns/cname-record-value',
  severity: 'error',
  title: 'A CNAME points at a host name, fully qualified when it has several dots',
  doc: "A CNAME's target is a host name; end it with '.' when it has two or more dots, or the zone appends the TLD.",
  reference: ['DnsMiscCnameRecordInvalidValue', 'DnsMiscCnameRecordWithAtLeastTwoPeriodsMustBeFqdn', 'DnsMiscCnameRecordNoValues'],
  check(model, report) {
    for (const tld of model.tlds) {
      for (const [sub, value] of Object.entries(tld.cnameRecords)) checkHostname(report, tld, 'cname', sub, value, ['cnameRecords', sub]);
    }
  },
});

export const cnameAtApex = defineRule({
  code: 'dns/cname-at-apex',
  severity: 'error',
  title: 'No CNAME at the apex of a TLD',
  doc: 'The apex holds the SOA and NS records, and a CNAME may not coexist with other records (RFC 1034).',
  reference: ['DnsForbiddenMiscCnameRecordSubdomain'],
  check(model, report) {
    for (const tld of model.tlds) if ('@' in tld.cnameRecords) report(tld, `a CNAME cannot be at the apex of ${tld.domain}`, { prop: ['cnameRecords', '@'] });
  },
});

export const cnameClash = defineRule({
  code: 'dns/cname-clash',
  severity: 'error',
  title: 'A CNAME does not share its name with other records',
  doc: "A name with a CNAME may hold no other record (RFC 1034): not a custom TXT or MX record, and not the name servers, regions or admin site epl places in the zone. On the admin TLD, names starting with 'adm-' are reserved for epl's admin services.",
  reference: ['DnsMiscCnameRecordClashSubdomain', 'DnsMiscCnameRecordReservedPrefix'],
  check(model, report) {
    for (const tld of model.tlds) {
      const reserved = reservedNames(model, tld);
      for (const sub of Object.keys(tld.cnameRecords)) {
        const prop = ['cnameRecords', sub];
        if (reserved.has(sub)) report(tld, `CNAME '${sub}' clashes with a name epl places in ${tld.domain}`, { prop });
        else if (sub in tld.txtRecords || sub in tld.mxRecords) report(tld, `CNAME '${sub}' clashes with a TXT or MX record of the same name`, { prop });
        else if (tld === model.adminTld && sub.startsWith('adm-')) report(tld, `CNAME '${sub}' uses the prefix 'adm-', reserved for admin services on the admin TLD`, { prop });
      }
    }
  },
});

export const slaveRegionCount = defineRule({
  code: 'dns/slave-region-count',
  severity: 'error',
  title: 'With several regions, one or two regions are DNS slave regions',
  doc: "When servers span several regions, the TLD zones need secondaries outside the master region: mark one or two other regions with `isDnsSlave: true`. The master region cannot also be a slave region.",
  reference: ['DnsNoSlaveRegionSpecified', 'DnsMoreThanTwoSlaveRegions'],
  check(model, report) {
    const active = model.regions.filter((r) => model.serversInRegion(r).length > 0);
    const slaves = model.regions.filter((r) => r.isDnsSlave);
    for (const r of slaves) if (r.isDnsMaster) report(r, `region '${r.regionName}' is both the DNS master region and a DNS slave region`, { prop: ['isDnsSlave'] });
    if (active.length > 1 && slaves.length === 0) report(active[0]!, `${active.length} regions have servers but none is a DNS slave region (isDnsSlave)`);
    if (slaves.length > 2) report(slaves[2]!, `${slaves.length} regions are DNS slave regions, at most 2 are allowed`, { prop: ['isDnsSlave'] });
  },
});
