import type { Region } from '../../../constructs/core/region';
import { LokiCluster } from '../../../constructs/services/loki-cluster';
import type { Model } from '../../model/model';
import { jobSecretPath } from '../../plan/nomad/common';
import type { NomadJob } from '../../plan/nomad/job';

/**
 * The names a Loki cluster is known by outside its job: by every server's vector (the writers),
 * by Grafana later (the readers), by L2 provisioning (its Consul token) and by Vault.
 */

/** The three roles of simple scalable mode, each a Nomad group and Loki's `-target`. */
export const LOKI_ROLES = ['writer', 'reader', 'backend'] as const;
export type LokiRole = (typeof LOKI_ROLES)[number];

/** Loki's `-target` of a role. */
export const LOKI_TARGET: Record<LokiRole, 'write' | 'read' | 'backend'> = { writer: 'write', reader: 'read', backend: 'backend' };

/** The Nomad job. */
export function lokiJobName(c: LokiCluster): string {
  return `loki-${c.clusterName}`;
}

/** The Consul service of a role: `epl-loki-<cluster>-writer` is where logs are pushed. */
export function lokiServiceName(c: LokiCluster, role: LokiRole): string {
  return `epl-loki-${c.clusterName}-${role}`;
}

/** The six ports, consecutive from the writers' HTTP port (model.md §6.8). */
export function lokiPorts(c: Pick<LokiCluster, 'writerHttpPort'>): Record<LokiRole, { http: number; grpc: number }> {
  const p = c.writerHttpPort;
  return { writer: { http: p, grpc: p + 1 }, reader: { http: p + 2, grpc: p + 3 }, backend: { http: p + 4, grpc: p + 5 } };
}

/** How far the last port is from the first. */
export const LOKI_LAST_PORT_OFFSET = 5;

/** Where logs are pushed: the writers' HTTP port behind their Consul service (vector appends `/loki/api/v1/push`). */
export function lokiPushEndpoint(c: LokiCluster): string {
  return `http://${lokiServiceName(c, 'writer')}.service.consul:${lokiPorts(c).writer.http}`;
}

/** Where queries go (Grafana's datasource): the readers' HTTP port. */
export function lokiQueryEndpoint(c: LokiCluster): string {
  return `http://${lokiServiceName(c, 'reader')}.service.consul:${lokiPorts(c).reader.http}`;
}

/** The Consul KV prefix of the cluster's rings, the only keys its Consul token may write. */
export function lokiRingPrefix(c: LokiCluster): string {
  return `epl-loki/${c.clusterName}/`;
}

/** Vault path of the cluster's secret: the bucket user's password (a copy) and the Consul token. */
export function lokiSecretPath(c: LokiCluster): string {
  return jobSecretPath(c.namespace, lokiJobName(c), 'config');
}

/** Fields of the cluster's secret. */
export const LOKI_SECRET_FIELDS = { s3SecretKey: 's3_secret_key', consulToken: 'consul_token' } as const;

/** The Docker label naming the Loki cluster a container's logs go to (vector routes on it). */
export const LOKI_CLUSTER_LABEL = 'epl_loki_cluster';

/** The Loki clusters of a region, in declaration order. */
export function lokiClustersIn(model: Model, region: Region): LokiCluster[] {
  return model.ofType(LokiCluster).filter((c) => c.region === region);
}

/**
 * The Loki cluster a workload of `region` logs to: `explicit` when given, else the region's only
 * cluster, else the one marked `regionDefault` (the first, should several be: that is
 * loki/region-default's finding). Undefined when the region has none or none is the default.
 */
export function lokiClusterOf(model: Model, region: Region, explicit?: LokiCluster): LokiCluster | undefined {
  if (explicit) return explicit;
  const all = lokiClustersIn(model, region);
  if (all.length === 1) return all[0];
  return all.find((c) => c.regionDefault);
}

/**
 * The job with every container labelled with the Loki cluster its logs go to (`explicit`, or the
 * region's default), which vector routes on. Unchanged when the region has no Loki cluster
 * (loki/region-missing says so where that matters).
 */
export function withLogLabel(model: Model, job: NomadJob, region: Region, explicit?: LokiCluster): NomadJob {
  const c = lokiClusterOf(model, region, explicit);
  if (!c) return job;
  return {
    ...job,
    groups: job.groups.map((g) => ({ ...g, tasks: g.tasks.map((t) => ({ ...t, labels: { ...t.labels, [LOKI_CLUSTER_LABEL]: c.clusterName } })) })),
  };
}
