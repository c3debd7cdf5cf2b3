import { describe, it } from 'vitest';
import { AvailabilityMode, Datacenter, DatacenterImplementation, Network, Region } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { addServer, platform } from '../../helpers/platform';

describe('name rules', () => {
  it('fails a region name that is too long or not kebab-case', () => {
    const p = platform({
      extend: ({ app }) => {
        new Region(app, 'a-very-long-region');
        new Region(app, 'Europe');
      },
    });
    expectDiagnostics(p.app, [
      { code: 'names/invalid-region-name', path: 'a-very-long-region' },
      { code: 'names/invalid-region-name', path: 'Europe' },
    ]);
  });

  it('passes a 14-character kebab-case region name', () => {
    expectDiagnostics(platform({ extend: ({ app }) => new Region(app, 'eu-central-123') }).app, []);
  });

  it("fails datacenter names that are too long, not kebab-case or start with 'ns'", () => {
    const p = platform({
      extend: ({ app }) => {
        const eu = new Region(app, 'eu', { availabilityMode: AvailabilityMode.MULTI_DC });
        new Datacenter(eu, 'ns3', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
        new Datacenter(eu, 'DC_2', { networkCidr: '10.19.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
        new Datacenter(eu, 'a-datacenter-name', { networkCidr: '10.20.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
      },
    });
    expectDiagnostics(p.app, [
      { code: 'names/invalid-datacenter-name', path: 'eu/ns3' },
      { code: 'names/invalid-datacenter-name', path: 'eu/DC_2' },
      { code: 'names/invalid-datacenter-name', path: 'eu/a-datacenter-name' },
    ]);
  });

  it('fails a datacenter name used in two regions', () => {
    const p = platform({
      extend: ({ app }) => {
        const eu = new Region(app, 'eu');
        new Datacenter(eu, 'dc1', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
      },
    });
    expectDiagnostics(p.app, [{ code: 'names/duplicate-datacenter-name', path: 'eu/dc1' }]);
  });

  it('passes distinct datacenter names across regions', () => {
    const p = platform({
      extend: ({ app }) => {
        const eu = new Region(app, 'eu');
        new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
      },
    });
    expectDiagnostics(p.app, []);
  });

  it('fails hostnames that are not DNS labels', () => {
    const p = platform({
      extend: ({ app }) => {
        const eu = new Region(app, 'eu');
        const dc = new Datacenter(eu, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
        addServer(dc, 'Server_E', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] });
        addServer(dc, '-server-f', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.11/24' }] });
      },
    });
    expectPaths(p.app, 'names/invalid-hostname', ['eu/dc2/Server_E', 'eu/dc2/-server-f']);
  });

  it('fails a hostname used in two datacenters', () => {
    const p = platform({
      extend: ({ region }) => {
        const dc2 = new Datacenter(region, 'dc2', { networkCidr: '10.18.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
        addServer(dc2, 'server-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.18.0.10/24' }] });
      },
    });
    expectPaths(p.app, 'names/duplicate-hostname', ['us-west/dc2/server-a']);
  });

  it('passes distinct hostnames', () => {
    expectDiagnostics(platform().app, []);
  });
});

