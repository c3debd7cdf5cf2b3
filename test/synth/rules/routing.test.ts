import { describe, it } from 'vitest';
import { Network } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { addServer, platform, withRoles } from '../../helpers/platform';
import { addSubnetRouters, routedSubnet, withDcrouter } from '../../helpers/routing';

const DC = 'us-west/dc1';
const C = 'us-west/dc1/server-c';
const base = routedSubnet();

describe('subnet routing rules', () => {
  it('passes a second subnet routed by two routers, the gateways routing the first', () => {
    expectDiagnostics(platform(routedSubnet()).app, []);
  });

  it('fails a routed subnet with one router', () => {
    const app = platform({ ...base, extend: (p) => addSubnetRouters(p, 1) }).app;
    expectDiagnostics(app, [{ code: 'routing/subnet-router-count', path: DC }]);
  });

  it('fails a subnet with no router at all', () => {
    const app = platform({ ...base, extend: ({ dc }) => addServer(dc, 'server-e', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.1.10/24' }] }) }).app;
    expectDiagnostics(app, [{ code: 'routing/subnet-router-count', path: DC }]);
  });

  it('fails a router in the subnet of the VPN gateways', () => {
    const app = platform({ ...base, servers: { ...base.servers, 'server-a': (p) => withDcrouter('10.17.252.10/22')(withRoles({ router: true })(p)) } }).app;
    expectDiagnostics(app, [{ code: 'routing/subnet-mixes-gateways-and-routers', path: 'us-west/dc1/server-a', prop: ['roles', 'router'] }]);
  });

  it('fails a router without a dcrouter interface', () => {
    const app = platform({
      ...base,
      extend: (p) => {
        addSubnetRouters(p, 1);
        addServer(p.dc, 'router-2', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.1.11/24' }], roles: { router: true } });
      },
    }).app;
    expectDiagnostics(app, [{ code: 'routing/router-without-dcrouter-interface', path: 'us-west/dc1/router-2', prop: ['roles', 'router'] }]);
  });

  it('fails a VPN gateway of a datacenter with two subnets without a dcrouter interface', () => {
    const app = platform({ ...base, servers: { 'server-d': withDcrouter('10.17.252.13/22') } }).app;
    expectDiagnostics(app, [{ code: 'routing/router-without-dcrouter-interface', path: C, prop: ['roles', 'vpnGateway'] }]);
  });

  it('fails a dcrouter interface on a server that is not a router', () => {
    const app = platform({ servers: { 'server-a': withDcrouter('10.17.252.10/22') } }).app;
    expectDiagnostics(app, [{ code: 'routing/dcrouter-interface-on-non-router', path: 'us-west/dc1/server-a', prop: ['interfaces', 1, 'network'] }]);
  });

  it('fails a dcrouter interface on a VPN gateway of a one-subnet datacenter', () => {
    const app = platform({ servers: { 'server-c': withDcrouter('10.17.252.12/22') } }).app;
    expectDiagnostics(app, [{ code: 'routing/dcrouter-interface-on-non-router', path: C, prop: ['interfaces', 3, 'network'] }]);
  });

  it('fails a dcrouter interface that is not a /22', () => {
    const app = platform({ ...base, servers: { ...base.servers, 'server-c': withDcrouter('10.17.252.12/24') } }).app;
    expectDiagnostics(app, [
      { code: 'routing/dcrouter-prefix-not-22', path: C, prop: ['interfaces', 3, 'address'] },
      // the /24 lies inside the other routers' /22
      { code: 'net/overlapping-interface-subnets', path: C, prop: ['interfaces', 3, 'address'] },
    ]);
  });

  it("fails a dcrouter address outside the datacenter's x.y.252.0/22", () => {
    const app = platform({ ...base, servers: { ...base.servers, 'server-c': withDcrouter('10.17.248.12/22') } }).app;
    expectDiagnostics(app, [{ code: 'routing/dcrouter-address-outside-range', path: C, prop: ['interfaces', 3, 'address'] }]);
  });

  it('fails two routers of a datacenter sharing a dcrouter address', () => {
    const app = platform({ ...base, servers: { ...base.servers, 'server-d': withDcrouter('10.17.252.12/22') } }).app;
    expectDiagnostics(app, [{ code: 'net/duplicate-address', path: 'us-west/dc1/server-d', prop: ['interfaces', 3, 'address'] }]);
  });
});
