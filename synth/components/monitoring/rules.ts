import type { Server } from '../../../constructs/core/server';
import type { ServerVolume } from '../../../constructs/storage/volumes';
import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { plural } from '../../../lib/text/plural';
import type { Model } from '../../model/model';
import { defineRule, type Report } from '../../rules/rule';
import { spreadProblem } from '../../rules/regions/spread';
import { monitoringPorts } from './names';
import { notificationRules } from './notification-rules';
import { kebabNameRule, regionDefaultRule } from '../../rules/cluster-rules';

const clusters = (model: Model) => model.ofType(MonitoringCluster);

export const clusterName = kebabNameRule({
  code: 'monitoring/cluster-name',
  kind: 'monitoring cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: 'The name becomes the Nomad job (`mon-<name>`), the Consul tag components register with (`epl-mon-<name>`) and its services.',
  reference: ['MonitoringInstancesMustAtLeastTwoToThree', 'AlertmanagerInstancesMustBeThreeOrFive'],
});

export const instanceCount = defineRule({
  code: 'monitoring/instance-count',
  severity: 'error',
  title: 'A monitoring cluster has 2 or 3 Prometheus instances and 3 or 5 Alertmanagers',
  doc:
    'Every Prometheus scrapes everything and writes to every VictoriaMetrics, so a second instance keeps metrics and alerts through the loss of one; more than 3 only multiplies the scraping. ' +
    'Alertmanagers deduplicate notifications by gossip and need a majority: 3 survive the loss of one, 5 of two.',
  reference: ['MonitoringInstancesMustAtLeastTwoToThree', 'AlertmanagerInstancesMustBeThreeOrFive'],
  check(model, report) {
    for (const c of clusters(model)) {
      const n = c.instances.length;
      if (n < 2 || n > 3) report(c, `monitoring cluster '${c.clusterName}' has ${plural(n, 'instance')}, it needs 2 or 3`, { prop: ['instances'] });
      const a = c.alertmanagerInstances.length;
      if (a !== 3 && a !== 5) report(c, `monitoring cluster '${c.clusterName}' has ${plural(a, 'Alertmanager instance')}, it needs 3 or 5`, { prop: ['alertmanagerInstances'] });
    }
  },
});

function checkPlacement(model: Model, report: Report, c: MonitoringCluster, prop: 'instances' | 'alertmanagerInstances', volumes: readonly ServerVolume[]): void {
  const seen = new Map<Server, number>();
  volumes.forEach((v, i) => {
    const server = model.serverOf(v);
    const first = seen.get(server);
    if (server.datacenter.region !== c.region) {
      report(c, `${prop} ${i + 1} is on '${server.hostname}' in region '${server.datacenter.region.regionName}', not '${c.region.regionName}'`, { prop: [prop, i] });
    } else if (first !== undefined) {
      report(c, `${prop} ${first + 1} and ${i + 1} are both on server '${server.hostname}'`, { prop: [prop, i] });
    }
    if (first === undefined) seen.set(server, i);
  });
}

export const instancePlacement = defineRule({
  code: 'monitoring/instance-placement',
  severity: 'error',
  title: "A monitoring cluster's instances are on servers of its region, one of each kind per server",
  doc: 'The cluster scrapes and alerts for its region, so its instances are there. Two Prometheus instances (or two Alertmanagers) on one server fail together and take the same ports; a Prometheus and an Alertmanager may share a server.',
  reference: ['MonitoringInstanceIsOutsideSpecifiedRegion', 'UNIQUE(monitoring_server, cluster_name)', 'UNIQUE(alertmanager_server, cluster_name)'],
  check(model, report) {
    for (const c of clusters(model)) {
      checkPlacement(model, report, c, 'instances', c.instances);
      checkPlacement(model, report, c, 'alertmanagerInstances', c.alertmanagerInstances);
    }
  },
});

/** A numeric setting of a cluster and its range (inclusive). */
interface Setting {
  readonly prop: 'prometheusPort' | 'retentionMonths' | 'prometheusMemoryMb' | 'victoriaMetricsMemoryMb' | 'alertmanagerMemoryMb';
  readonly min: number;
  readonly max: number;
  readonly says: string;
}

const LAST_PORT_OFFSET = monitoringPorts({ prometheusPort: 0 }).alertmanagerCluster;

/** The least memory each daemon starts and scrapes a small region in, in MiB. */
export const MIN_MEMORY_MB = { prometheus: 256, victoriaMetrics: 64, alertmanager: 32 } as const;

const SETTINGS: readonly Setting[] = [
  { prop: 'prometheusPort', min: 1, max: 65535 - LAST_PORT_OFFSET, says: `a whole number from 1 to ${65535 - LAST_PORT_OFFSET} (VictoriaMetrics, Alertmanager and its gossip take the next three)` },
  { prop: 'retentionMonths', min: 1, max: 9999, says: 'a whole number of months from 1 to 9999' },
  { prop: 'prometheusMemoryMb', min: MIN_MEMORY_MB.prometheus, max: Number.MAX_SAFE_INTEGER, says: `a whole number of MiB, at least ${MIN_MEMORY_MB.prometheus}` },
  { prop: 'victoriaMetricsMemoryMb', min: MIN_MEMORY_MB.victoriaMetrics, max: Number.MAX_SAFE_INTEGER, says: `a whole number of MiB, at least ${MIN_MEMORY_MB.victoriaMetrics}` },
  { prop: 'alertmanagerMemoryMb', min: MIN_MEMORY_MB.alertmanager, max: Number.MAX_SAFE_INTEGER, says: `a whole number of MiB, at least ${MIN_MEMORY_MB.alertmanager}` },
];

export const settingRange = defineRule({
  code: 'monitoring/setting-range',
  severity: 'error',
  title: "A monitoring cluster's ports, retention and memory are in their ranges",
  doc:
    "Prometheus's port leaves room for the three consecutive ports after it (VictoriaMetrics, Alertmanager, Alertmanager's gossip); VictoriaMetrics keeps 1 to 9999 months; " +
    `Prometheus has at least ${MIN_MEMORY_MB.prometheus} MiB (its head block holds the last hours of every series), VictoriaMetrics ${MIN_MEMORY_MB.victoriaMetrics} MiB and Alertmanager ${MIN_MEMORY_MB.alertmanager} MiB.`,
  reference: ['monitoring_cluster column checks (model.md §6.6)'],
  check(model, report) {
    for (const c of clusters(model)) {
      for (const s of SETTINGS) {
        const v = c[s.prop];
        if (!Number.isInteger(v) || v < s.min || v > s.max) report(c, `${s.prop} is ${v}, it must be ${s.says}`, { prop: [s.prop] });
      }
    }
  },
});

export const regionDefault = regionDefaultRule({
  code: 'monitoring/region-default',
  kind: 'monitoring cluster',
  all: clusters,
  nameOf: (c) => c.clusterName,
  doc: "Every component of a region registers its metrics with the region's default monitoring cluster. A region's only cluster is its default; " +
    'with several, set `regionDefault: true` on exactly one of them.',
  reference: ['NoRegionDefaultMonitoringClusterSpecified', 'MoreThanOneDefaultMonitoringClusterFoundInRegion'],
});

export const datacenterSpread = defineRule({
  code: 'monitoring/datacenter-spread',
  severity: 'error',
  title: "In a multi-datacenter region, a monitoring cluster's Prometheus and Alertmanager instances span its datacenters evenly",
  doc:
    'A multi-datacenter region promises to survive the loss of a datacenter, and its monitoring must see it happen: two instances must be in two datacenters, more in at least three, ' +
    'and no datacenter may hold two more instances than another. Move an instance to a volume of a server in another datacenter.',
  reference: ['ApplicationInsideMultiDcRegionIsNotDistributedAcrossEnoughDatacenters', 'ApplicationInsideMultiDcRegionIsDistributedDistributedNonEqually'],
  check(model, report) {
    for (const c of clusters(model)) {
      for (const prop of ['instances', 'alertmanagerInstances'] as const) {
        const servers = c[prop].map((v) => model.serverOf(v)).filter((s) => s.datacenter.region === c.region);
        const problem = spreadProblem(c.region, servers);
        if (problem) report(c, `monitoring cluster '${c.clusterName}' ${prop === 'instances' ? 'Prometheus' : 'Alertmanager'}: ${problem}`, { prop: [prop] });
      }
    }
  },
});

export const monitoringComponentRules = [clusterName, instanceCount, instancePlacement, settingRange, regionDefault, datacenterSpread, ...notificationRules];
