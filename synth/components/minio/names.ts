import type { MinioCluster } from '../../../constructs/services/minio-cluster';
import { jobSecretPath } from '../../plan/nomad/common';

/**
 * The names a MinIO cluster is known by outside its job: by the consumers of its buckets
 * (registry, apps, later Loki and Tempo), by L2 provisioning and by Vault.
 */

/** The Nomad job. */
export function minioJobName(c: MinioCluster): string {
  return `minio-${c.clusterName}`;
}

/** The Consul service of the instances' nginx load balancers: what consumers connect to. */
export function minioServiceName(c: MinioCluster): string {
  return `epl-minio-${c.clusterName}`;
}

/** Ports of an instance, consecutive from the API port (model.md §6.3). */
export function minioPorts(c: MinioCluster) {
  const api = c.apiPort;
  return { api, console: api + 1, lb: api + 2 };
}

/** The S3 endpoint consumers use: any instance's load balancer, through Consul DNS. */
export function minioEndpoint(c: MinioCluster): string {
  return `http://${minioServiceName(c)}.service.consul:${minioPorts(c).lb}`;
}

/** The lock pinning the cluster's instance groups to their servers. */
export function minioLock(c: MinioCluster): string {
  return `epl-minio-${c.clusterName}`;
}

/** Vault path of the cluster's root credentials (fields `user`, `password`). */
export function minioRootSecretPath(c: MinioCluster): string {
  return jobSecretPath(c.namespace, minioJobName(c), 'root');
}

/**
 * Vault path of a bucket user's password (field `password`), under the MinIO job's own path so
 * its bucket provisioner can read it; a consumer copies it to its own path.
 */
export function minioUserSecretPath(c: MinioCluster, user: string): string {
  return jobSecretPath(c.namespace, minioJobName(c), `user-${user}`);
}

/** The field holding a bucket user's password. */
export const MINIO_USER_PASSWORD_FIELD = 'password';
