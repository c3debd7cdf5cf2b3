import { describe, it } from 'vitest';
import { Datacenter, DatacenterImplementation, Network, Region } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { addServer, platform, withInterface, withRoles, type Platform } from '../../helpers/platform';

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
      extend: ({ app }) => new Datacenter(new Region(app, 'eu'), 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS }),
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

  /** dc2 in region 'eu' with gateways gw-1 and gw-2; `public` says which have an internet interface. */
  function gatewayDatacenter(pub: { readonly 'gw-1': boolean; readonly 'gw-2': boolean }) {
    return ({ app, dc }: Platform) => {
      const dc2 = new Datacenter(new Region(app, 'eu'), 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS, defaultDiskKind: dc.defaultDiskKind });
      for (const [host, n] of [['gw-1', 10], ['gw-2', 11]] as const) {
        addServer(dc2, host, {
          interfaces: [
            { name: 'eth0', network: Network.LAN, address: `10.18.0.${n}/24` },
            ...(pub[host] ? [{ name: 'eth1', network: Network.INTERNET, address: `88.88.88.${n}/24` }] : []),
            { name: 'wg0', network: Network.VPN, address: `172.21.8.${n}/16` },
          ],
          roles: { vpnGateway: true },
        });
      }
    };
  }
  const noInternet = (p: Parameters<ReturnType<typeof withRoles>>[0]) => ({ ...p, interfaces: p.interfaces.filter((i) => i.network !== Network.INTERNET) });

  it('fails two paired gateways of different datacenters without an internet interface', () => {
    // server-c and gw-1 are their datacenters' first gateways by hostname, so they are paired.
    const p = platform({ servers: { 'server-c': noInternet }, extend: gatewayDatacenter({ 'gw-1': false, 'gw-2': true }) });
    expectPaths(p.app, 'vpn/gateway-pair-without-internet', [C]);
  });

  it('passes paired gateways of which one side has an internet interface', () => {
    const p = platform({ servers: { 'server-c': noInternet }, extend: gatewayDatacenter({ 'gw-1': true, 'gw-2': false }) });
    expectPaths(p.app, 'vpn/gateway-pair-without-internet', []);
  });
});
