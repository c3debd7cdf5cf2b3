import { describe, it } from 'vitest';
import { AvailabilityMode, Datacenter, DatacenterImplementation } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';

const dc = (n: number) => ({ networkCidr: `10.${16 + n}.0.0/16`, implementation: DatacenterImplementation.TEST_VMS });

describe('region datacenter-count rules', () => {
  it('passes a single-datacenter region with one datacenter', () => {
    expectDiagnostics(platform().app, []);
  });

  it('fails a single-datacenter region with a second datacenter', () => {
    const p = platform({ extend: ({ region }) => new Datacenter(region, 'dc2', dc(2)) });
    expectDiagnostics(p.app, [{ code: 'regions/single-dc-region-datacenter-count', path: 'us-west/dc2' }]);
  });

  it('fails a multi-datacenter region with two datacenters', () => {
    const p = platform({
      region: { isDnsMaster: true, availabilityMode: AvailabilityMode.MULTI_DC },
      extend: ({ region }) => new Datacenter(region, 'dc2', dc(2)),
    });
    expectPaths(p.app, 'regions/multi-dc-region-datacenter-count', ['us-west']);
  });

  it('passes a multi-datacenter region with three datacenters', () => {
    const p = platform({
      region: { isDnsMaster: true, availabilityMode: AvailabilityMode.MULTI_DC },
      extend: ({ region }) => [new Datacenter(region, 'dc2', dc(2)), new Datacenter(region, 'dc3', dc(3))],
    });
    expectPaths(p.app, 'regions/multi-dc-region-datacenter-count', []);
  });
});
