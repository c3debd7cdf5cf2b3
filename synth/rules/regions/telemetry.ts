import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { Region } from '../../../constructs/core/region';
import { planPlatform } from '../../plan/platform';
import { defineRule } from '../rule';

/** The signals a workload sends, the prop that names each one's cluster, and what the cluster is called. */
const SIGNALS = [
  { key: 'metrics', prop: 'monitoringCluster', what: 'monitoring cluster' },
  { key: 'logs', prop: 'lokiCluster', what: 'Loki cluster' },
  { key: 'traces', prop: 'tracingCluster', what: 'Tempo cluster' },
] as const;

/**
 * A workload's named monitoring, Loki or Tempo cluster is in its own region. Read from every
 * component's telemetry contributions, so a new component needs no change here.
 */
export const telemetryClusterRegion = defineRule({
  code: 'regions/telemetry-cluster-region',
  severity: 'error',
  title: "A workload's monitoring, Loki and Tempo clusters are in its region",
  doc:
    "A component sends its metrics, logs and traces to clusters of its own region: the ones its `monitoringCluster`, `lokiCluster` and `tracingCluster` props name, or the region's defaults. " +
    'A cluster of another region would carry them over the wide-area network and fail with it. Name a cluster of the same region, or leave the prop out.',
  reference: [
    'PgDeploymentMonitoringClusterDoesntExistInRegion',
    'PgDeploymentLoggingClusterDoesntExistInRegion',
    'ApplicationMonitoringClusterDoesntExistInRegion',
    'ApplicationLoggingClusterDoesntExistInRegion',
    'ApplicationTracingClusterDoesntExistInRegion',
    'MinIOMonitoringClusterDoesntExistInRegion',
    'MinIOLoggingClusterDoesntExistInRegion',
    'NatsMonitoringClusterDoesntExistInRegion',
    'NatsLoggingClusterDoesntExistInRegion',
    'LokiMonitoringClusterDoesntExistInRegion',
    'LokiLoggingClusterDoesntExistInRegion',
    'TempoMonitoringClusterDoesntExistInRegion',
    'TempoLoggingClusterDoesntExistInRegion',
    'GrafanaMonitoringClusterDoesntExistInRegion',
    'GrafanaLoggingClusterDoesntExistInRegion',
  ],
  check(model, report) {
    for (const use of planPlatform(model).telemetry) {
      for (const s of SIGNALS) {
        const cluster = use[s.key]?.cluster as (EplConstruct & { region?: Region; clusterName?: string }) | undefined;
        if (!cluster || !cluster.region || cluster.region === use.region) continue;
        report(use.origin.construct, `its ${s.what} '${cluster.clusterName ?? cluster.node.id}' is in region '${cluster.region.regionName}', not in its own region '${use.region.regionName}'`, {
          prop: [s.prop],
          related: [{ construct: cluster, message: `the ${s.what}` }],
        });
      }
    }
  },
});
