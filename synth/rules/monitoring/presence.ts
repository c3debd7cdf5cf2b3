import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { planPlatform } from '../../plan/platform';
import { defineRule } from '../rule';

/**
 * Whether a region has a monitoring cluster. The reference requires one in every region with
 * servers (NoMonitoringClusterInsideRegion); epl requires it where the region runs workloads
 * (any Nomad job: Postgres, MinIO, NATS, the registry, apps), whose metrics must go somewhere. A
 * region of bare servers (L1 only: Consul, Nomad, Vault) may go without while it is being built;
 * its daemons are scraped once a cluster is declared. Checked over the merged plan, so a new
 * component needs no change here.
 */
export const regionMissing = defineRule({
  code: 'monitoring/region-missing',
  severity: 'error',
  title: 'A region that runs workloads has a monitoring cluster',
  doc:
    "Every component registers its metrics with its region's default monitoring cluster, which also scrapes the servers' daemons and evaluates the alerts; " +
    'without one nothing in the region is watched. Add `new MonitoringCluster(region, ..., { instances, alertmanagerInstances })` on volumes of the region. ' +
    'A region that runs no Nomad job yet (only its servers) may go without one; `App.requireRegionMonitoring: false` turns the rule off for a platform under construction.',
  reference: ['NoMonitoringClusterInsideRegion'],
  check(model, report) {
    if (!model.app.requireRegionMonitoring) return;
    const covered = new Set(model.ofType(MonitoringCluster).map((c) => c.region));
    const plan = planPlatform(model);
    for (const region of model.regions) {
      if (covered.has(region)) continue;
      const jobs = plan.jobs.filter((j) => j.job.region === region.regionName);
      if (jobs.length === 0) continue;
      const names = [...new Set(jobs.map((j) => j.job.name))].sort();
      report(region, `region '${region.regionName}' runs ${names.length === 1 ? 'the job' : 'the jobs'} ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''} but has no MonitoringCluster to scrape them`, {
        related: [...new Set(jobs.map((j) => j.origin.construct))].slice(0, 3).map((construct) => ({ construct, message: 'its metrics have no monitoring cluster' })),
      });
    }
  },
});
