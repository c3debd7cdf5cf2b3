import { AvailabilityMode } from '../../../constructs/core/enums';
import { plural } from '../../../lib/text/plural';
import { defineRule } from '../rule';

export const singleDcRegionDatacenterCount = defineRule({
  code: 'regions/single-dc-region-datacenter-count',
  severity: 'error',
  title: 'A single-datacenter region has one datacenter',
  doc: "A region in `AvailabilityMode.SINGLE_DC` places quorums and replicas with no regard to datacenters; a second datacenter would hold an arbitrary share of them and could take the region down with it. Set `availabilityMode: AvailabilityMode.MULTI_DC` on the region (and give it at least three datacenters), or put the datacenter in a region of its own. A region with no datacenter yet is accepted.",
  reference: ['SingleDcRegionMustHaveOnlyOneDatacenter'],
  check(model, report) {
    for (const r of model.regions) {
      const dcs = model.datacentersOf(r);
      if (r.availabilityMode !== AvailabilityMode.SINGLE_DC || dcs.length <= 1) continue;
      for (const dc of dcs.slice(1)) {
        report(dc, `region '${r.regionName}' is a single-datacenter region (availabilityMode) but has ${plural(dcs.length, 'datacenter')}: ${dcs.map((d) => d.dcName).join(', ')}`, {
          related: [{ construct: r, prop: ['availabilityMode'], message: 'the region' }],
        });
      }
    }
  },
});

export const multiDcRegionDatacenterCount = defineRule({
  code: 'regions/multi-dc-region-datacenter-count',
  severity: 'error',
  title: 'A multi-datacenter region has at least three datacenters',
  doc: 'Quorums of 3 or 5 spread over the datacenters of a `MULTI_DC` region survive losing one datacenter only when there are at least three: with two, one of them holds a majority. Add datacenters, or make the region `SINGLE_DC` with one datacenter.',
  reference: ['MultiDcRegionMustHaveAtLeastThreeDatacenters'],
  check(model, report) {
    for (const r of model.regions) {
      const dcs = model.datacentersOf(r);
      if (r.availabilityMode !== AvailabilityMode.MULTI_DC || dcs.length >= 3) continue;
      report(r, `region '${r.regionName}' is a multi-datacenter region but has ${plural(dcs.length, 'datacenter')}${dcs.length ? ` (${dcs.map((d) => d.dcName).join(', ')})` : ''}, it needs at least 3`, { prop: ['availabilityMode'] });
    }
  },
});
