import type { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { VaultSecret } from '../component';
import { MINIO_USER_PASSWORD_FIELD, minioUserSecretPath } from '../minio/names';
import { TEMPO_SECRET_FIELDS, tempoSecretPath } from './names';

/**
 * A Tempo cluster's secret, under its own job's Vault path so its workload identity reads nothing
 * of MinIO's: a copy of its bucket user's password. Its rings gossip over memberlist, so unlike
 * Loki it needs no Consul token.
 */

/**
 * The MinIO user the cluster's bucket grant made (constructs/services/tempo-cluster.ts adds it),
 * or undefined when the bucket is not a MinIO bucket (a props finding).
 */
export function tempoBucketUserOf(c: TempoCluster): string | undefined {
  const grants = typeof c.bucket?.grants === 'object' ? c.bucket.grants : [];
  return grants.find((g) => g.consumer === c)?.user;
}

/** The copy of the bucket user's password, which the MinIO component generates for the grant. */
export function tempoVaultSecrets(c: TempoCluster): VaultSecret[] {
  const user = tempoBucketUserOf(c);
  if (!user) return [];
  const source = { path: minioUserSecretPath(c.bucket.cluster, user), field: MINIO_USER_PASSWORD_FIELD };
  return [{ region: c.region, path: tempoSecretPath(c), fields: { [TEMPO_SECRET_FIELDS.s3SecretKey]: { copy: source } } }];
}
