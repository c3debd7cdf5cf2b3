import { describe, it } from 'vitest';
import { Datacenter, DatacenterImplementation, Network } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform, withInterface, withRoles } from '../../helpers/platform';

const C = 'us-west/dc1/server-c';
const withoutVpn = (p: Parameters<ReturnType<typeof withRoles>>[0]) => ({ ...p, interfaces: p.interfaces.filter((i) => i.network !== Network.VPN) });

describe('VPN gateway rules', () => {
  it('passes two gateways with wg0 interfaces', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fails a gateway without a vpn interface', () => {
    const app = platform({ servers: { 'server-c': withoutVpn } }).app;
    expectDiagnostics(app, [{ code: 'vpn/gateway-without-vpn-interface', path: C, prop: ['roles', 'vpnGateway'] }]);
  });

  it('fails a gateway whose vpn interface is not wg0', () => {
    const app = platform({ servers: { 'server-c': withInterface(2, { name: 'wg1' }) } }).app;
    expectDiagnostics(app, [{ code: 'vpn/gateway-interface-not-wg0', path: C, prop: ['interfaces', 2, 'name'] }]);
  });

  it('fails a vpn interface on a server that is not a gateway, and a datacenter with one gateway', () => {
    const app = platform({ servers: { 'server-c': withRoles({ vpnGateway: false }) } }).app;
    expectDiagnostics(app, [
      { code: 'vpn/interface-on-non-gateway', path: C, prop: ['interfaces', 2, 'network'] },
      { code: 'vpn/datacenter-gateway-count', path: 'us-west/dc1' },
    ]);
  });

  it('fails a datacenter with three gateways', () => {
    const app = platform({
      servers: {
        'server-b': (p) => ({
          ...p,
          roles: { ...p.roles, vpnGateway: true },
          interfaces: [...p.interfaces, { name: 'wg0', network: Network.VPN, address: '172.21.7.12/16' }],
        }),
      },
    }).app;
    expectDiagnostics(app, [{ code: 'vpn/datacenter-gateway-count', path: 'us-west/dc1' }]);
  });

  it('passes a datacenter without servers', () => {
    const p = platform({
      extend: ({ region }) => new Datacenter(region, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS }),
    });
    expectDiagnostics(p.app, []);
  });

  it('fails a vpn interface that is not a /16', () => {
    const app = platform({ servers: { 'server-c': withInterface(2, { address: '172.21.7.10/24' }) } }).app;
    expectDiagnostics(app, [
      { code: 'vpn/interface-prefix-not-16', path: C, prop: ['interfaces', 2, 'address'] },
      // the /24 lies inside server-d's /16
      { code: 'net/overlapping-interface-subnets', path: C, prop: ['interfaces', 2, 'address'] },
    ]);
  });

  it("fails a server taking the admin's VPN address", () => {
    const app = platform({ servers: { 'server-c': withInterface(2, { address: '172.21.7.254/16' }) } }).app;
    expectDiagnostics(app, [{ code: 'vpn/address-reserved-for-admin', path: C, prop: ['interfaces', 2, 'address'] }]);
  });
});
