import type { MinioCluster } from '../../../constructs/services/minio-cluster';
import type { VaultSecret } from '../component';
import { MINIO_USER_PASSWORD_FIELD, minioRootSecretPath, minioUserSecretPath } from './names';
import { MINIO_ROOT_USER, minioUsers } from './users';

/** Fields of the root secret (`minioRootSecretPath`). */
export const MINIO_ROOT_FIELDS = { user: 'user', password: 'password' } as const;

/**
 * A cluster's Vault secrets, made by L2 provisioning in stage 10 before the job runs: the root
 * credentials the daemons start with and `mc` provisions as, and a password per bucket user.
 * Generated passwords are 32 letters and digits: within MinIO's 8 to 40 characters for a secret
 * key, and safe in the env file and the files `mc` reads them from.
 */
export function minioVaultSecrets(c: MinioCluster): VaultSecret[] {
  const password = { generate: 'password' } as const;
  return [
    {
      region: c.region,
      path: minioRootSecretPath(c),
      // The root user's name is no secret; it lives beside the password so both come from one read.
      fields: { [MINIO_ROOT_FIELDS.user]: { compose: [MINIO_ROOT_USER] }, [MINIO_ROOT_FIELDS.password]: password },
    },
    ...minioUsers(c).map((u) => ({ region: c.region, path: minioUserSecretPath(c, u.user), fields: { [MINIO_USER_PASSWORD_FIELD]: password } })),
  ];
}
