import type { PgDatabase, PgDeployment } from '../../../constructs/apps/pg-deployment';
import { jobSecretPath } from '../../plan/nomad/common';

/**
 * The names a Postgres deployment is known by outside its job: by the apps that connect to it
 * (through HAProxy on every instance), by L2 provisioning and by Vault.
 */

/** The Nomad job, and the Consul service Patroni registers (`master.` / `replica.` tags). */
export function pgJobName(d: PgDeployment): string {
  return `pg-${d.deploymentName}`;
}

export function pgServiceName(d: PgDeployment): string {
  return `epl-pg-${d.deploymentName}`;
}

/** Ports of an instance, consecutive from the Postgres port (model.md §6.4). */
export function pgPorts(d: PgDeployment) {
  const pg = d.instancePgPort;
  return { pg, master: pg + 1, replica: pg + 2, patroni: pg + 3, haproxyMetrics: pg + 4, exporter: pg + 5 };
}

/** Vault path of the deployment's own secrets: superuser, replication, rewind, exporter passwords. */
export function pgAdminSecretPath(d: PgDeployment): string {
  return jobSecretPath(d.namespace, pgJobName(d), 'admin');
}

/** Vault path of a database's users' passwords (fields `rw_password`, `ro_password`). */
export function pgDatabaseSecretPath(db: PgDatabase): string {
  return jobSecretPath(db.deployment.namespace, pgJobName(db.deployment), `db-${db.databaseName}`);
}

/** The database's users: read-write owner and read-only. */
export function pgUsers(db: PgDatabase): { rw: string; ro: string } {
  return { rw: `${db.databaseName}_rw`, ro: `${db.databaseName}_ro` };
}

/** DNS name of the current leader (Patroni's Consul service tag), for provisioning. */
export function pgMasterHost(d: PgDeployment): string {
  return `master.${pgServiceName(d)}.service.consul`;
}
