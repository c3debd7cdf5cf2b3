import type { Region } from '../../../../constructs/core/region';
import { PgDeployment } from '../../../../constructs/apps/pg-deployment';
import { DockerRegistry } from '../../../../constructs/services/docker-registry';
import { Grafana } from '../../../../constructs/services/grafana';
import { LokiCluster } from '../../../../constructs/services/loki-cluster';
import { MinioCluster } from '../../../../constructs/services/minio-cluster';
import { MonitoringCluster } from '../../../../constructs/services/monitoring-cluster';
import { NatsCluster } from '../../../../constructs/services/nats-cluster';
import { TempoCluster } from '../../../../constructs/services/tempo-cluster';
import type { Model } from '../../../model/model';
import { stableUid } from '../config';
import type { DashboardSpec, DatasourceRef, PanelSpec } from './model';
import { promString, reQuote } from './model';

/**
 * One dashboard per kind of component the region runs: a row per deployment or cluster with the
 * `up` of its scraped services (the `service` label Prometheus's consul-services job sets) and a
 * few of the metrics its exporter is known for.
 */

/** A kind of component: its instances in a region, the prefix of their Consul services and key metrics. */
interface Kind {
  readonly key: string;
  readonly title: string;
  instances(model: Model, region: Region): readonly { readonly name: string; readonly servicePrefix: string }[];
  /** Key metrics of one instance, given the matcher of its services. */
  metrics(sel: string): Omit<PanelSpec, 'datasource'>[];
}

const of = <T extends { region: Region }>(type: abstract new (...args: never[]) => T, name: (c: T) => string, prefix: (c: T) => string) =>
  (model: Model, region: Region) => model.ofType(type).filter((c) => c.region === region).map((c) => ({ name: name(c), servicePrefix: prefix(c) }));

const ts = (title: string, expr: string, unit = 'short', legend = '{{host}}'): Omit<PanelSpec, 'datasource'> => ({ title, kind: 'timeseries', unit, queries: [{ expr, legend }] });

const KINDS: readonly Kind[] = [
  {
    key: 'postgres',
    title: 'Postgres',
    instances: of(PgDeployment, (d) => d.deploymentName, (d) => `epl-pg-${d.deploymentName}`),
    metrics: (sel) => [
      ts('Postgres up (exporter)', `pg_up{${sel}}`),
      ts('Connections', `sum by (host) (pg_stat_database_numbackends{${sel}})`),
      ts('Transactions per second', `sum by (host) (rate(pg_stat_database_xact_commit{${sel}}[5m]))`, 'ops'),
      ts('HAProxy sessions', `sum by (host, proxy) (haproxy_frontend_current_sessions{${sel}})`, 'short', '{{host}} {{proxy}}'),
    ],
  },
  {
    key: 'minio',
    title: 'MinIO',
    instances: of(MinioCluster, (c) => c.clusterName, (c) => `epl-minio-${c.clusterName}`),
    metrics: (sel) => [
      ts('Usable free space', `minio_cluster_capacity_usable_free_bytes{${sel}}`, 'bytes'),
      ts('S3 requests', `sum by (host) (rate(minio_s3_requests_total{${sel}}[5m]))`, 'reqps'),
      ts('Offline drives', `minio_cluster_drive_offline_total{${sel}}`),
    ],
  },
  {
    key: 'nats',
    title: 'NATS',
    instances: of(NatsCluster, (c) => c.clusterName, (c) => `epl-nats-${c.clusterName}`),
    metrics: (sel) => [
      ts('Connections', `gnatsd_varz_connections{${sel}}`),
      ts('Messages in', `rate(gnatsd_varz_in_msgs{${sel}}[5m])`, 'ops'),
      ts('Messages out', `rate(gnatsd_varz_out_msgs{${sel}}[5m])`, 'ops'),
    ],
  },
  {
    key: 'loki',
    title: 'Loki',
    instances: of(LokiCluster, (c) => c.clusterName, (c) => `epl-loki-${c.clusterName}-`),
    metrics: (sel) => [
      ts('Lines received', `sum by (host) (rate(loki_distributor_lines_received_total{${sel}}[5m]))`, 'ops'),
      ts('Request latency (p99)', `histogram_quantile(0.99, sum by (le, route) (rate(loki_request_duration_seconds_bucket{${sel}}[5m])))`, 's', '{{route}}'),
    ],
  },
  {
    key: 'tempo',
    title: 'Tempo',
    instances: of(TempoCluster, (c) => c.clusterName, (c) => `epl-tempo-${c.clusterName}`),
    metrics: (sel) => [ts('Spans received', `sum by (host) (rate(tempo_distributor_spans_received_total{${sel}}[5m]))`, 'ops')],
  },
  {
    key: 'monitoring',
    title: 'Monitoring',
    instances: of(MonitoringCluster, (c) => c.clusterName, (c) => `epl-mon-${c.clusterName}-`),
    metrics: (sel) => [
      ts('Head series', `prometheus_tsdb_head_series{${sel}}`),
      ts('Alerts firing', `alertmanager_alerts{state="active",${sel}}`),
      ts('Targets down (all clusters)', 'count by (monitoring_cluster) (up == 0)', 'short', '{{monitoring_cluster}}'),
    ],
  },
  {
    key: 'docker-registry',
    title: 'Docker registry',
    instances: of(DockerRegistry, () => 'registry', () => 'epl-docker-registry'),
    metrics: (sel) => [ts('HTTP requests', `sum by (host) (rate(registry_http_requests_total{${sel}}[5m]))`, 'reqps')],
  },
  {
    key: 'grafana',
    title: 'Grafana',
    instances: of(Grafana, (g) => g.deploymentName, (g) => `epl-grafana-${g.deploymentName}`),
    metrics: (sel) => [ts('HTTP requests', `sum by (host) (rate(grafana_http_request_duration_seconds_count{${sel}}[5m]))`, 'reqps')],
  },
];

/** The per-component dashboards of a region: one for each kind it runs. */
export function componentDashboards(model: Model, region: Region, prom: DatasourceRef): DashboardSpec[] {
  return KINDS.flatMap((k) => {
    const instances = k.instances(model, region);
    if (instances.length === 0) return [];
    return [
      {
        uid: stableUid(`epl-${k.key}`, region.regionName),
        title: `${k.title} in ${region.regionName}`,
        tags: ['epl', 'components', k.key],
        description: `Every ${k.title} of the region (generated by epl).`,
        rows: instances.map((i) => {
          const sel = `service=~${promString(`${reQuote(i.servicePrefix)}.*`)}`;
          return {
            title: `${k.title} ${i.name}`,
            panels: [
              { title: 'Targets up', kind: 'timeseries' as const, datasource: prom, queries: [{ expr: `up{${sel}}`, legend: '{{service}} on {{host}}' }] },
              ...k.metrics(sel).map((p) => ({ ...p, datasource: prom })),
            ],
          };
        }),
      },
    ];
  });
}
