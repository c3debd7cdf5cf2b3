import { describe, it } from 'vitest';
import { Datacenter, DatacenterImplementation, Region } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform, type PlatformOptions } from '../../helpers/platform';
import { bareMetal, routedSubnet } from '../../helpers/routing';

const DC = 'us-west/dc1';
const GW = { prop: ['upstreamGateway'] };

/** The bare-metal platform with the given upstream gateway. */
const upstream = (upstreamGateway: string, more: PlatformOptions['dc'] = {}) => platform(bareMetal({ upstreamGateway, ...more })).app;

describe('datacenter implementation rules', () => {
  it('fails test-VM datacenters in a platform with bare-metal ones', () => {
    const p = platform({ extend: ({ app }) => new Datacenter(new Region(app, 'eu'), 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.BARE_METAL }) });
    expectDiagnostics(p.app, [{ code: 'datacenters/test-vms-mixed-with-production', path: DC, prop: ['implementation'] }]);
  });

  it('passes a platform of test-VM datacenters only', () => {
    const p = platform({ extend: ({ app }) => new Datacenter(new Region(app, 'eu'), 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS }) });
    expectDiagnostics(p.app, []);
  });

  it('fails a bare-metal datacenter with two lan subnets', () => {
    const routed = routedSubnet();
    const app = platform({ ...bareMetal({ allowSmallSubnets: true }, routed.servers), extend: routed.extend }).app;
    expectDiagnostics(app, [{ code: 'datacenters/bare-metal-several-subnets', path: DC, prop: ['implementation'] }]);
  });

  it('passes a bare-metal datacenter with one subnet', () => {
    expectDiagnostics(platform(bareMetal()).app, []);
  });
});

describe('upstream gateway rules', () => {
  it('passes an upstream gateway inside the internet subnet of the gateways', () => {
    expectDiagnostics(upstream('77.77.77.254'), []);
  });

  it('fails an upstream gateway on a test-VM datacenter', () => {
    expectDiagnostics(platform({ dc: { upstreamGateway: '77.77.77.254' } }).app, [{ code: 'datacenters/upstream-gateway-not-bare-metal', path: DC, ...GW }]);
  });

  it('fails an upstream gateway that is not an IPv4 address', () => {
    expectDiagnostics(upstream('77.77.77.1/24'), [{ code: 'datacenters/invalid-upstream-gateway', path: DC, ...GW }]);
  });

  it("fails an upstream gateway outside the servers' internet subnet, once per server", () => {
    expectDiagnostics(upstream('77.77.78.1'), [
      { code: 'datacenters/upstream-gateway-outside-internet-subnet', path: DC, ...GW },
      { code: 'datacenters/upstream-gateway-outside-internet-subnet', path: DC, ...GW },
    ]);
  });

  it("fails an upstream gateway that is the subnet's broadcast address or a server's own", () => {
    expectDiagnostics(upstream('77.77.77.255'), [
      { code: 'datacenters/upstream-gateway-outside-internet-subnet', path: DC, ...GW },
      { code: 'datacenters/upstream-gateway-outside-internet-subnet', path: DC, ...GW },
    ]);
    expectDiagnostics(upstream('77.77.77.12'), [{ code: 'datacenters/upstream-gateway-outside-internet-subnet', path: DC, ...GW }]);
  });
});
