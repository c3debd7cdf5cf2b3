import type { DockerRegistry } from '../../../constructs/services/docker-registry';
import type { VaultSecret } from '../component';
import { jobSecretPath } from '../../plan/nomad/common';
import { MINIO_USER_PASSWORD_FIELD, minioUserSecretPath } from '../minio/names';
import { REGISTRY_JOB, REGISTRY_NAMESPACE } from './names';

/**
 * The registry's secrets, under its own job's Vault path so its workload identity reads nothing
 * of MinIO's: the HTTP secret (signs upload state; one value for every instance) and a copy of
 * the password of its MinIO bucket user.
 */

/** Fields of the registry's secret. */
export const REGISTRY_SECRET_FIELDS = { httpSecret: 'http_secret', s3SecretKey: 's3_secret_key' } as const;

/** Vault path of the registry's secret. */
export function registrySecretPath(): string {
  return jobSecretPath(REGISTRY_NAMESPACE, REGISTRY_JOB, 'storage');
}

/**
 * The MinIO user the registry's bucket grant made (constructs/services/docker-registry.ts adds
 * it), or undefined when the bucket is not a MinIO bucket (a props finding).
 */
export function registryBucketUser(r: DockerRegistry): string | undefined {
  const grants = typeof r.bucket?.grants === 'object' ? r.bucket.grants : [];
  return grants.find((g) => g.consumer === r)?.user;
}

/**
 * The registry's secret: its HTTP secret and a copy of its bucket user's password, which the
 * MinIO component generates for the registry's grant (minio/names.ts `minioUserSecretPath`).
 */
export function registryVaultSecrets(r: DockerRegistry): VaultSecret[] {
  const user = registryBucketUser(r);
  if (!user) return [];
  const cluster = r.bucket.cluster;
  const source = { path: minioUserSecretPath(cluster, user), field: MINIO_USER_PASSWORD_FIELD };
  return [
    {
      region: r.region,
      path: registrySecretPath(),
      fields: { [REGISTRY_SECRET_FIELDS.httpSecret]: { generate: 'password' }, [REGISTRY_SECRET_FIELDS.s3SecretKey]: { copy: source } },
    },
  ];
}
