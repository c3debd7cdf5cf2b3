import { describe, it } from 'vitest';
import { Datacenter, DatacenterImplementation, Network, Region, type App, type TldProps } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { addServer, platform } from '../../helpers/platform';

const T = 'epl-infra.net';
const tld = (props: TldProps) => platform({ tld: { automaticCertificates: false, ...props } }).app;

describe('custom DNS record rules', () => {
  it('passes TXT, MX and CNAME records', () => {
    expectDiagnostics(
      tld({
        txtRecords: { '@': ['v=spf1 mx -all', 'say "hi"'], _dmarc: ['v=DMARC1; p=reject'] },
        mxRecords: { '@': [{ priority: 10, value: 'mail.epl-infra.net.' }, { priority: 20, value: 'mx2' }] },
        cnameRecords: { docs: 'example.github.io.', www2: 'www' },
      }),
      [],
    );
  });

  it('fails subdomains that are not labels or include the TLD', () => {
    expectDiagnostics(tld({ txtRecords: { 'Bad Label': ['x'], 'mail.epl-infra.net': ['y'] } }), [
      { code: 'dns/invalid-record-subdomain', path: T, prop: ['txtRecords', 'Bad Label'] },
      { code: 'dns/invalid-record-subdomain', path: T, prop: ['txtRecords', 'mail.epl-infra.net'] },
    ]);
  });

  it('fails a TXT record at _acme-challenge', () => {
    expectDiagnostics(tld({ txtRecords: { _acme_challenge_ok: ['x'], '_acme-challenge': ['token'] } }), [
      { code: 'dns/forbidden-txt-subdomain', path: T, prop: ['txtRecords', '_acme-challenge'] },
    ]);
  });

  it('fails TXT records without values, with too many, or with non-ASCII or long values', () => {
    expectDiagnostics(tld({ txtRecords: { a: [], b: Array.from({ length: 31 }, (_, i) => `v${i}`), c: ['zürich', 'x'.repeat(254)] } }), [
      { code: 'dns/txt-record-values', path: T, prop: ['txtRecords', 'a'] },
      { code: 'dns/txt-record-values', path: T, prop: ['txtRecords', 'b'] },
      { code: 'dns/txt-record-values', path: T, prop: ['txtRecords', 'c', 0] },
      { code: 'dns/txt-record-values', path: T, prop: ['txtRecords', 'c', 1] },
    ]);
  });

  it('fails MX records with bad host names, unqualified long names or priorities out of range', () => {
    expectDiagnostics(tld({ mxRecords: { '@': [{ priority: 10, value: 'mail server' }, { priority: 10, value: 'mail.example.com' }, { priority: 101, value: 'mx' }], b: [] } }), [
      { code: 'dns/mx-record-values', path: T, prop: ['mxRecords', '@', 0, 'value'] },
      { code: 'dns/mx-record-values', path: T, prop: ['mxRecords', '@', 1, 'value'] },
      { code: 'dns/mx-record-values', path: T, prop: ['mxRecords', '@', 2, 'priority'] },
      { code: 'dns/mx-record-values', path: T, prop: ['mxRecords', 'b'] },
    ]);
  });

  it('fails CNAME targets that are not host names or not fully qualified', () => {
    expectDiagnostics(tld({ cnameRecords: { a: 'not a host', b: 'example.github.io' } }), [
      { code: 'dns/cname-record-value', path: T, prop: ['cnameRecords', 'a'] },
      { code: 'dns/cname-record-value', path: T, prop: ['cnameRecords', 'b'] },
    ]);
  });

  it('fails a CNAME at the apex', () => {
    expectDiagnostics(tld({ cnameRecords: { '@': 'example.org.' } }), [{ code: 'dns/cname-at-apex', path: T, prop: ['cnameRecords', '@'] }]);
  });

  it('fails CNAMEs clashing with name servers, regions, the admin site, other records or the adm- prefix', () => {
    expectDiagnostics(tld({ cnameRecords: { ns1: 'x.org.', 'us-west': 'x.org.', admin: 'x.org.', mail: 'x.org.', 'adm-grafana': 'x.org.' }, mxRecords: { mail: [{ priority: 1, value: 'mx' }] } }), [
      { code: 'dns/cname-clash', path: T, prop: ['cnameRecords', 'ns1'] },
      { code: 'dns/cname-clash', path: T, prop: ['cnameRecords', 'us-west'] },
      { code: 'dns/cname-clash', path: T, prop: ['cnameRecords', 'admin'] },
      { code: 'dns/cname-clash', path: T, prop: ['cnameRecords', 'mail'] },
      { code: 'dns/cname-clash', path: T, prop: ['cnameRecords', 'adm-grafana'] },
    ]);
  });
});

describe('DNS slave region rule', () => {
  const twoRegions = (eu: { isDnsSlave?: boolean; isDnsMaster?: boolean }, extra = false) =>
    platform({
      region: { isDnsMaster: true, isDnsSlave: extra },
      extend: ({ app, dc }) => {
        const r = new Region(app, 'eu', eu);
        const d = new Datacenter(r, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: dc.defaultDiskKind });
        addServer(d, 'eu-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] });
      },
    }).app;

  it('fails several regions without a slave region', () => {
    expectDiagnosticsOf(twoRegions({}), ['us-west']);
  });

  it('fails a region that is both master and slave region', () => {
    expectDiagnosticsOf(twoRegions({ isDnsSlave: true }, true), ['us-west']);
  });

  it('passes one slave region', () => {
    expectDiagnosticsOf(twoRegions({ isDnsSlave: true }), []);
  });
});

/** The other region has no control plane, so only this rule's findings are compared. */
function expectDiagnosticsOf(app: App, paths: string[]): void {
  expectPaths(app, 'dns/slave-region-count', paths);
}
