import type { Region } from '../../../constructs/core/region';
import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { Model } from '../../model/model';
import { regionClusterOf } from '../region-default';

/** The names a monitoring cluster is known by outside its job, and how components register with it. */

/** The Nomad job. */
export function monitoringJobName(c: MonitoringCluster): string {
  return `mon-${c.clusterName}`;
}

/** The Consul tag a service carries to be scraped by cluster `c` (its meta `metrics_path` says where). */
export function monitoringTag(c: MonitoringCluster): string {
  return `epl-mon-${c.clusterName}`;
}

/** The Consul services of the cluster's own daemons. */
export function monitoringServiceNames(c: MonitoringCluster) {
  const base = `epl-mon-${c.clusterName}`;
  return { prometheus: `${base}-prometheus`, victoriaMetrics: `${base}-victoriametrics`, alertmanager: `${base}-alertmanager` };
}

/** Ports, consecutive from Prometheus's (model.md §6.6). */
export function monitoringPorts(c: Pick<MonitoringCluster, 'prometheusPort'>) {
  const prometheus = c.prometheusPort;
  return { prometheus, victoriaMetrics: prometheus + 1, alertmanager: prometheus + 2, alertmanagerCluster: prometheus + 3 };
}

/** The locks pinning the Prometheus/VictoriaMetrics groups and the Alertmanager groups to their servers. */
export function monitoringLocks(c: MonitoringCluster) {
  return { instance: `epl-mon-${c.clusterName}`, alertmanager: `epl-mon-${c.clusterName}-am` };
}

/**
 * The monitoring cluster that scrapes a component of `region`: the one it names (`explicit`), or
 * the region's default — the one marked `regionDefault`, or the region's only cluster. Undefined
 * when there is none (monitoring/region-default and monitoring/region-missing say why).
 */
export function monitoringClusterOf(model: Model, region: Region, explicit?: MonitoringCluster): MonitoringCluster | undefined {
  return regionClusterOf(model.ofType(MonitoringCluster), region, explicit);
}

/** The tags and meta of a scraped Nomad service. */
export interface Scrape {
  readonly tags: readonly string[];
  readonly meta: { readonly metrics_path: string };
}

/**
 * What a component's metrics service carries to be scraped (outputs.md §4.2): the tag of the
 * monitoring cluster of its region (or the one it names) and the path of its metrics. Spread
 * into a Nomad service: `{ name, port, ...scrapedBy(model, region, '/metrics'), checks }`.
 * Without a monitoring cluster the service has no tag and nothing scrapes it.
 */
export function scrapedBy(model: Model, region: Region, metricsPath: string, explicit?: MonitoringCluster): Scrape {
  const c = monitoringClusterOf(model, region, explicit);
  return { tags: c ? [monitoringTag(c)] : [], meta: { metrics_path: metricsPath } };
}
