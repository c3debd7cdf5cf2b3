import type { BackendDeployment } from '../../../constructs/apps/backend-application';
import type { PgDatabase } from '../../../constructs/apps/pg-deployment';
import { sortedStrings } from '../../../lib/text/order';
import type { VaultSecret, VaultValue } from '../component';
import { pgDatabaseSecretPath, pgUsers } from '../postgres/names';
import { appPgSecretPath, appS3SecretPath, APP_S3_PASSWORD_FIELD, pgEndpoints } from './names';
import { MINIO_USER_PASSWORD_FIELD, minioUserSecretPath } from '../minio/names';
import { appBucketUser } from '../../../constructs/apps/backend-application';
import { wiredBuckets } from './wiring';

/**
 * A `postgres://` URL with the user's password taken from the database's Vault secret. Names
 * are snake_case (rules) and generated passwords URL-safe, so no part needs percent-encoding.
 */
function pgUrl(db: PgDatabase, role: 'rw' | 'ro'): VaultValue {
  const { host, rwPort, roPort } = pgEndpoints(db);
  const user = pgUsers(db)[role];
  return {
    compose: [`postgres://${user}:`, { path: pgDatabaseSecretPath(db), field: `${role}_password` }, `@${host}:${role === 'rw' ? rwPort : roPort}/${db.databaseName}`],
  };
}

/**
 * One secret per wired shard under the app job's own path, so its Vault policy reads nothing of
 * the Postgres deployment's: the connection strings are composed by L2 provisioning from the
 * database users' passwords.
 */
export function appPgSecrets(d: BackendDeployment): VaultSecret[] {
  return wiredShards(d).map(({ shard, db }) => ({ region: d.region, path: appPgSecretPath(d, shard), fields: { url: pgUrl(db, 'rw'), ro_url: pgUrl(db, 'ro') } }));
}

/**
 * The application's shards this deployment wires, by shard name. Wiring of names that are no
 * shard is a reported mistake (apps/pg-shard-wiring) and gets no secret.
 */
export function wiredShards(d: BackendDeployment): { shard: string; db: PgDatabase }[] {
  return sortedStrings(new Set(d.application.pgShards.map((s) => s.shardName)))
    .filter((name) => Object.hasOwn(d.pgShards, name))
    .map((shard) => ({ shard, db: d.pgShards[shard]! }));
}

/**
 * One secret per wired bucket under the app job's own path, holding a copy of the deployment's
 * MinIO user password, so the job's policy reads nothing of the MinIO job's paths. The MinIO
 * component generates that password for the grant the deployment made.
 */
export function appS3Secrets(d: BackendDeployment): VaultSecret[] {
  return wiredBuckets(d).flatMap(({ name, bucket }) => {
    const source = { path: minioUserSecretPath(bucket.cluster, appBucketUser(d.deploymentName)), field: MINIO_USER_PASSWORD_FIELD };
    return [{ region: d.region, path: appS3SecretPath(d, name), fields: { [APP_S3_PASSWORD_FIELD]: { copy: source } } }];
  });
}
