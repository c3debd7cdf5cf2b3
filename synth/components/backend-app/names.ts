import type { BackendDeployment } from '../../../constructs/apps/backend-application';
import type { PgDatabase } from '../../../constructs/apps/pg-deployment';
import { jobSecretPath } from '../../plan/nomad/common';
import { pgPorts, pgServiceName } from '../postgres/names';

/** The names a backend deployment is known by: its Nomad job, Consul service and Vault paths. */

export function appJobName(d: BackendDeployment): string {
  return `app-${d.deploymentName}`;
}

export function appServiceName(d: BackendDeployment): string {
  return `epl-app-${d.deploymentName}`;
}

/** Vault path of one shard's connection strings (fields `url`, `ro_url`), read by the app's job only. */
export function appPgSecretPath(d: BackendDeployment, shardName: string): string {
  return jobSecretPath(d.namespace, appJobName(d), `pg-${shardName}`);
}

/**
 * Where an application reaches a database: any live instance of the Postgres deployment (the
 * Consul service Patroni registers for every member), on HAProxy's ports. HAProxy on each
 * instance forwards the master port to the current leader and the replica port to the
 * replicas, so after a failover the app's next connection lands on the new leader without
 * waiting for DNS caches to forget the old `master.` address. Applications rarely share a
 * server with a Postgres instance, so a local address would not help.
 */
export function pgEndpoints(db: PgDatabase): { host: string; rwPort: number; roPort: number } {
  const ports = pgPorts(db.deployment);
  return { host: `${pgServiceName(db.deployment)}.service.consul`, rwPort: ports.master, roPort: ports.replica };
}

/** Vault path of the deployment's MinIO password for one app bucket (field `password`), read by the app's job only. */
export function appS3SecretPath(d: BackendDeployment, bucketName: string): string {
  return jobSecretPath(d.namespace, appJobName(d), `s3-${bucketName}`);
}

/** The field of `appS3SecretPath` holding the password. */
export const APP_S3_PASSWORD_FIELD = 'password';
