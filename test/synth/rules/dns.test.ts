import { describe, it } from 'vitest';
import { Network, Region, Tld } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform, withRoles } from '../../helpers/platform';

const publicInterface = (n: number) => ({ name: 'eth1', network: Network.INTERNET, address: `77.77.77.${n}/24` });

describe('TLD rules', () => {
  it('fails a TLD that is not name.suffix', () => {
    const app = platform({ tld: false, extend: ({ app: a }) => new Tld(a, 'sub.example.com') }).app;
    expectDiagnostics(app, [{ code: 'dns/invalid-tld', path: 'sub.example.com' }]);
  });

  it('fails a platform with servers and no TLD', () => {
    expectDiagnostics(platform({ tld: false }).app, [{ code: 'dns/no-tld', path: '' }]);
  });

  it('fails several TLDs none of which is the admin TLD', () => {
    const app = platform({ extend: ({ app: a }) => new Tld(a, 'example.org') }).app;
    expectDiagnostics(app, [{ code: 'dns/ambiguous-admin-tld', path: 'epl-infra.net' }]);
  });

  it('fails two admin TLDs', () => {
    const app = platform({ tld: { admin: true }, extend: ({ app: a }) => new Tld(a, 'example.org', { admin: true }) }).app;
    expectDiagnostics(app, [{ code: 'dns/ambiguous-admin-tld', path: 'example.org', prop: ['admin'] }]);
  });

  it('fails a single TLD marked not admin', () => {
    expectDiagnostics(platform({ tld: { admin: false } }).app, [{ code: 'dns/ambiguous-admin-tld', path: 'epl-infra.net', prop: ['admin'] }]);
  });

  it('passes one admin TLD among several', () => {
    const app = platform({ tld: { admin: true }, extend: ({ app: a }) => new Tld(a, 'example.org') }).app;
    expectDiagnostics(app, []);
  });
});

describe('DNS server rules', () => {
  it('fails a server that is both master and slave', () => {
    const app = platform({ servers: { 'server-c': withRoles({ dnsMaster: true }), 'server-d': withRoles({ dnsMaster: false, dnsSlave: true }) } }).app;
    expectDiagnostics(app, [{ code: 'dns/master-and-slave', path: 'us-west/dc1/server-c', prop: ['roles', 'dnsSlave'] }]);
  });

  it('fails a DNS master without an internet interface', () => {
    const app = platform({ servers: { 'server-a': withRoles({ dnsMaster: true }), 'server-d': withRoles({ dnsMaster: false }) } }).app;
    expectDiagnostics(app, [{ code: 'dns/master-without-internet-interface', path: 'us-west/dc1/server-a', prop: ['roles', 'dnsMaster'] }]);
  });

  it('fails a DNS slave without an internet interface', () => {
    const app = platform({ servers: { 'server-b': withRoles({ dnsSlave: true }) } }).app;
    expectDiagnostics(app, [{ code: 'dns/slave-without-internet-interface', path: 'us-west/dc1/server-b', prop: ['roles', 'dnsSlave'] }]);
  });

  it('fails a region without a DNS master', () => {
    const app = platform({ servers: { 'server-d': withRoles({ dnsMaster: false }) } }).app;
    expectDiagnostics(app, [{ code: 'dns/region-master-count', path: 'us-west' }]);
  });

  it('fails a region with two DNS masters', () => {
    const app = platform({ servers: { 'server-c': withRoles({ dnsMaster: true, dnsSlave: false }), 'server-b': (p) => ({ ...withRoles({ dnsSlave: true })(p), interfaces: [...p.interfaces, publicInterface(11)] }) } }).app;
    expectDiagnostics(app, [{ code: 'dns/region-master-count', path: 'us-west/dc1/server-d', prop: ['roles', 'dnsMaster'] }]);
  });

  it('fails a region without a DNS slave', () => {
    const app = platform({ servers: { 'server-c': withRoles({ dnsSlave: false }) } }).app;
    expectDiagnostics(app, [{ code: 'dns/region-slave-count', path: 'us-west' }]);
  });

  it('fails a region with three DNS slaves', () => {
    const slave = (n: number) => (p: Parameters<ReturnType<typeof withRoles>>[0]) => ({ ...withRoles({ dnsSlave: true })(p), interfaces: [...p.interfaces, publicInterface(n)] });
    const app = platform({ servers: { 'server-a': slave(10), 'server-b': slave(11) } }).app;
    expectDiagnostics(app, [{ code: 'dns/region-slave-count', path: 'us-west' }]);
  });

  it('passes a region with one master and two slaves', () => {
    const app = platform({ servers: { 'server-b': (p) => ({ ...withRoles({ dnsSlave: true })(p), interfaces: [...p.interfaces, publicInterface(11)] }) } }).app;
    expectDiagnostics(app, []);
  });

  it('fails a platform without a DNS master region', () => {
    expectDiagnostics(platform({ region: { isDnsMaster: false } }).app, [{ code: 'dns/master-region-count', path: 'us-west' }]);
  });

  it('fails two DNS master regions', () => {
    const app = platform({ extend: ({ app: a }) => new Region(a, 'eu', { isDnsMaster: true }) }).app;
    expectDiagnostics(app, [{ code: 'dns/master-region-count', path: 'eu', prop: ['isDnsMaster'] }]);
  });
});
