import type { LokiCluster } from '../../../constructs/services/loki-cluster';
import type { ConsulToken, VaultSecret } from '../component';
import { MINIO_USER_PASSWORD_FIELD, minioUserSecretPath } from '../minio/names';
import { LOKI_SECRET_FIELDS, lokiJobName, lokiRingPrefix, lokiSecretPath } from './names';

/**
 * A Loki cluster's secrets, under its own job's Vault path so its workload identity reads nothing
 * of MinIO's: a copy of its bucket user's password, and its Consul ACL token for the rings.
 */

/**
 * The MinIO user the cluster's bucket grant made (constructs/services/loki-cluster.ts adds it),
 * or undefined when the bucket is not a MinIO bucket (a props finding).
 */
export function lokiBucketUserOf(c: LokiCluster): string | undefined {
  const grants = typeof c.bucket?.grants === 'object' ? c.bucket.grants : [];
  return grants.find((g) => g.consumer === c)?.user;
}

/** The copy of the bucket user's password, which the MinIO component generates for the grant. */
export function lokiVaultSecrets(c: LokiCluster): VaultSecret[] {
  const user = lokiBucketUserOf(c);
  if (!user) return [];
  const source = { path: minioUserSecretPath(c.bucket.cluster, user), field: MINIO_USER_PASSWORD_FIELD };
  return [{ region: c.region, path: lokiSecretPath(c), fields: { [LOKI_SECRET_FIELDS.s3SecretKey]: { copy: source } } }];
}

/**
 * The cluster's Consul token: every ring (ingesters, distributors, query schedulers, compactor,
 * index gateways, ruler) is a key under the cluster's own KV prefix, read with blocking queries
 * and written with check-and-set; Loki uses no sessions or services of Consul.
 */
export function lokiConsulToken(c: LokiCluster): ConsulToken {
  return {
    region: c.region,
    name: `epl-${lokiJobName(c)}`,
    rules: `key_prefix ${JSON.stringify(lokiRingPrefix(c))} { policy = "write" }\n`,
    vaultPath: lokiSecretPath(c),
    field: LOKI_SECRET_FIELDS.consulToken,
  };
}
