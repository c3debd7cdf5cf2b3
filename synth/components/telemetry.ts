import type { EplConstruct } from '../../constructs/core/epl-construct';
import type { Region } from '../../constructs/core/region';
import type { MonitoringCluster } from '../../constructs/services/monitoring-cluster';
import type { LokiCluster } from '../../constructs/services/loki-cluster';
import type { TempoCluster } from '../../constructs/services/tempo-cluster';
import type { TelemetryUse } from './component';

/** A workload construct that may name the clusters its metrics, logs and traces go to. */
export interface ObservedConstruct extends EplConstruct {
  readonly region: Region;
  readonly monitoringCluster?: MonitoringCluster;
  readonly lokiCluster?: LokiCluster;
  readonly tracingCluster?: TempoCluster;
}

/**
 * What a workload sends and where (its named clusters, or its region's defaults): metrics and
 * logs for every component, traces for those that send them (applications).
 */
export function telemetryUse(c: ObservedConstruct, sends: { readonly traces?: boolean } = {}): TelemetryUse {
  return {
    origin: { construct: c },
    region: c.region,
    metrics: { cluster: c.monitoringCluster },
    logs: { cluster: c.lokiCluster },
    ...(sends.traces ? { traces: { cluster: c.tracingCluster } } : {}),
  };
}
