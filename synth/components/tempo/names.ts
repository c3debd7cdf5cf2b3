import type { Region } from '../../../constructs/core/region';
import { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { Model } from '../../model/model';
import { jobSecretPath } from '../../plan/nomad/common';
import { regionClusterOf } from '../region-default';

/**
 * The names a Tempo cluster is known by outside its job: by the applications (OTLP receivers),
 * by Grafana (its query API) and by the monitoring cluster (its metrics).
 */

/** The Nomad job. */
export function tempoJobName(c: TempoCluster): string {
  return `tempo-${c.clusterName}`;
}

/** The Consul service of the instances (HTTP API, queries and metrics). */
export function tempoServiceName(c: TempoCluster): string {
  return `epl-tempo-${c.clusterName}`;
}

/** The Consul service of the OTLP receivers, where applications send their traces. */
export function tempoOtlpServiceName(c: TempoCluster): string {
  return `epl-tempo-${c.clusterName}-otlp`;
}

/** The Consul service of the instances' memberlist ports, through which they find each other (the rings). */
export function tempoMemberlistServiceName(c: TempoCluster): string {
  return `epl-tempo-${c.clusterName}-memberlist`;
}

/** Vault path of the cluster's secret: a copy of its bucket user's password. */
export function tempoSecretPath(c: TempoCluster): string {
  return jobSecretPath(c.namespace, tempoJobName(c), 'config');
}

/** Fields of the cluster's secret. */
export const TEMPO_SECRET_FIELDS = { s3SecretKey: 's3_secret_key' } as const;

/** The five ports, consecutive from the HTTP port (model.md §6.9). */
export function tempoPorts(c: Pick<TempoCluster, 'httpPort'>) {
  const http = c.httpPort;
  return { http, grpc: http + 1, memberlist: http + 2, otlpHttp: http + 3, otlpGrpc: http + 4 };
}

/** How far the last port is from the first. */
export const TEMPO_LAST_PORT_OFFSET = 4;

/** Where applications send traces: OTLP over HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
export function tempoOtlpHttpEndpoint(c: TempoCluster): string {
  return `http://${tempoOtlpServiceName(c)}.service.consul:${tempoPorts(c).otlpHttp}`;
}

/** Where queries go (Grafana's datasource): the instances' HTTP API. */
export function tempoQueryEndpoint(c: TempoCluster): string {
  return `http://${tempoServiceName(c)}.service.consul:${tempoPorts(c).http}`;
}

/** The Tempo clusters of a region, in declaration order. */
export function tempoClustersIn(model: Model, region: Region): TempoCluster[] {
  return model.ofType(TempoCluster).filter((c) => c.region === region);
}

/**
 * The Tempo cluster a workload of `region` sends traces to: `explicit` when given, else the
 * region's only cluster, else the one marked `regionDefault`. Undefined when the region has none
 * or no default (the presence and default rules say why).
 */
export function tempoClusterOf(model: Model, region: Region, explicit?: TempoCluster): TempoCluster | undefined {
  return regionClusterOf(model.ofType(TempoCluster), region, explicit);
}
