import { DatacenterImplementation } from '../../../constructs/core/enums';
import { defineRule } from '../rule';
import { lanSubnetsOf } from '../routing/lan-subnets';

export const testVmsMixedWithProduction = defineRule({
  code: 'datacenters/test-vms-mixed-with-production',
  severity: 'error',
  title: 'Test-VM datacenters are not mixed with production datacenters',
  doc: 'Test VMs are a local development platform: their hypervisor is every subnet\'s gateway and they share one admin machine. A platform is either all test VMs or all real machines; describe the test platform in an App of its own.',
  reference: ['TestVmsDatacentersCannotBeMixedWithProductionDatacenters'],
  check(model, report) {
    const testVms = model.datacenters.filter((d) => d.implementation === DatacenterImplementation.TEST_VMS);
    const production = model.datacenters.filter((d) => d.implementation !== DatacenterImplementation.TEST_VMS);
    if (testVms.length === 0 || production.length === 0) return;
    for (const dc of testVms) {
      report(dc, `datacenter '${dc.dcName}' runs on test VMs but the platform also has production datacenters: ${production.map((d) => `'${d.dcName}' (${d.implementation})`).join(', ')}`, {
        prop: ['implementation'],
        related: production.map((d) => ({ construct: d, prop: ['implementation'], message: `production datacenter '${d.dcName}'` })),
      });
    }
  },
});

export const bareMetalSeveralSubnets = defineRule({
  code: 'datacenters/bare-metal-several-subnets',
  severity: 'error',
  title: 'A bare-metal datacenter has one lan subnet',
  doc: "A bare-metal datacenter (`DatacenterImplementation.BARE_METAL`) is one plain network behind the provider's router, as the reference's `bm_simple`: epl does not route between several lan subnets there. Put its servers in one /24.",
  reference: ['DatacenterImplementationDoesntAllowMoreThanOneSubnet'],
  check(model, report) {
    for (const dc of model.datacenters) {
      if (dc.implementation !== DatacenterImplementation.BARE_METAL) continue;
      const subnets = lanSubnetsOf(model, dc);
      if (subnets.length <= 1) continue;
      report(dc, `bare-metal datacenter '${dc.dcName}' has ${subnets.length} lan subnets (${subnets.map((s) => s.cidr).join(', ')}), it allows one`, {
        prop: ['implementation'],
        related: subnets.slice(1).map((s) => ({ construct: s.interfaces[0]!.server, prop: ['interfaces', s.interfaces[0]!.index, 'address'], message: `first server in ${s.cidr}` })),
      });
    }
  },
});
