import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { Server } from '../../../constructs/core/server';
import type { Model } from '../../model/model';
import { instanceAddress, pinnedInstances, type PinnedInstance } from '../../plan/nomad/pinned';

/** The Prometheus + VictoriaMetrics instances (groups `mon-<n>`), each pinned to its volume's server. */
export function monitoringInstances(model: Model, c: MonitoringCluster): PinnedInstance[] {
  return pinnedInstances(model, c.instances, 'mon');
}

/** The Alertmanager instances (groups `am-<n>`), each pinned to its volume's server. */
export function alertmanagerInstances(model: Model, c: MonitoringCluster): PinnedInstance[] {
  return pinnedInstances(model, c.alertmanagerInstances, 'am');
}

/** A server of the region whose L1 daemons the cluster scrapes, by its LAN address. */
export interface ScrapedServer {
  readonly server: Server;
  readonly address: string;
}

/** Every server of the cluster's region, by hostname: the L1 daemons' static scrape targets. */
export function scrapedServers(model: Model, c: MonitoringCluster): ScrapedServer[] {
  return [...model.serversInRegion(c.region)]
    .sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0))
    .map((server) => ({ server, address: instanceAddress(model, server) }));
}
