import { describe, it } from 'vitest';
import { Datacenter, DatacenterImplementation, Region } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';
import { routedSubnet } from '../../helpers/routing';

const CIDR = { prop: ['networkCidr'] as const };

describe('datacenter network rules', () => {
  it('fails a CIDR that does not parse', () => {
    expectDiagnostics(platform({ dc: { networkCidr: '10.17.0.0' } }).app, [{ code: 'net/invalid-datacenter-cidr', path: 'us-west/dc1', ...CIDR }]);
    expectDiagnostics(platform({ dc: { networkCidr: '10.17.0.300/16' } }).app, [{ code: 'net/invalid-datacenter-cidr', path: 'us-west/dc1', ...CIDR }]);
  });

  it('fails a CIDR with host bits set', () => {
    expectDiagnostics(platform({ dc: { networkCidr: '10.17.3.0/16' } }).app, [{ code: 'net/datacenter-cidr-not-canonical', path: 'us-west/dc1', ...CIDR }]);
  });

  it('fails a CIDR that is not a /16', () => {
    expectDiagnostics(platform({ dc: { networkCidr: '10.16.0.0/15' } }).app, [{ code: 'net/datacenter-cidr-not-slash16', path: 'us-west/dc1', ...CIDR }]);
  });

  it('fails a CIDR outside the lan network', () => {
    const p = platform({ dc: { networkCidr: '192.168.0.0/16' } });
    expectPaths(p.app, 'net/datacenter-cidr-outside-lan', ['us-west/dc1']);
  });

  it('passes a canonical /16 inside 10.0.0.0/8', () => {
    expectDiagnostics(platform({ dc: { networkCidr: '10.17.0.0/16' } }).app, []);
  });

  it('fails two datacenters with the same /16', () => {
    const p = platform({
      extend: ({ app }) => new Datacenter(new Region(app, 'eu'), 'dc2', { networkCidr: '10.17.0.0/16', implementation: DatacenterImplementation.TEST_VMS }),
    });
    expectDiagnostics(p.app, [{ code: 'net/datacenter-cidr-clash', path: 'eu/dc2', ...CIDR }]);
  });

  it('passes two datacenters with different /16s', () => {
    const p = platform({
      extend: ({ app }) => new Datacenter(new Region(app, 'eu'), 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS }),
    });
    expectDiagnostics(p.app, []);
  });

  it('fails several small lan subnets in one datacenter', () => {
    const p = platform({ ...routedSubnet(), dc: {} });
    expectDiagnostics(p.app, [{ code: 'net/datacenter-subnet-too-few-hosts', path: 'us-west/dc1' }]);
  });

  it('passes several small lan subnets when allowed', () => {
    // allowSmallSubnets, with the routers a second subnet needs
    const p = platform(routedSubnet());
    expectDiagnostics(p.app, []);
  });
});
