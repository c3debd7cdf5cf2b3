import type { PgDeployment } from '../../../constructs/apps/pg-deployment';
import type { ConsulToken, VaultSecret } from '../component';
import { pgAdminSecretPath, pgDatabaseSecretPath, pgServiceName } from './names';

/**
 * A deployment's secrets: what Patroni, the exporter and L2 provisioning (provision.ts) agree on.
 * Every password is generated once in Vault by L2 provisioning; synth never sees one.
 */

/** Fields of the admin secret (`pgAdminSecretPath`). */
export const PG_ADMIN_FIELDS = {
  superuser: 'superuser_password',
  replication: 'replication_password',
  rewind: 'rewind_password',
  exporter: 'exporter_password',
  /** Guards Patroni's unsafe REST endpoints (switchover, restart, config changes). */
  restApi: 'patroni_api_password',
  /** Patroni's Consul ACL token, written by provisioning (`consulTokens`). */
  consulToken: 'consul_token',
} as const;

/** Fields of a database's secret (`pgDatabaseSecretPath`). */
export const PG_DATABASE_FIELDS = { rw: 'rw_password', ro: 'ro_password' } as const;

/** The roles Patroni creates at bootstrap, and the exporter's (created by provisioning). */
export const PG_ROLES = {
  superuser: 'postgres',
  replication: 'replicator',
  rewind: 'rewind_user',
  exporter: 'postgres_exporter',
  /** Not a Postgres role: the user of Patroni's REST API. */
  restApi: 'patroni',
} as const;

/** The deployment's Vault secrets: the admin passwords, and each database's users' passwords. */
export function pgVaultSecrets(d: PgDeployment): VaultSecret[] {
  const password = { generate: 'password' } as const;
  return [
    {
      region: d.region,
      path: pgAdminSecretPath(d),
      fields: {
        [PG_ADMIN_FIELDS.superuser]: password,
        [PG_ADMIN_FIELDS.replication]: password,
        [PG_ADMIN_FIELDS.rewind]: password,
        [PG_ADMIN_FIELDS.exporter]: password,
        [PG_ADMIN_FIELDS.restApi]: password,
      },
    },
    ...d.databases.map((db) => ({
      region: d.region,
      path: pgDatabaseSecretPath(db),
      fields: { [PG_DATABASE_FIELDS.rw]: password, [PG_DATABASE_FIELDS.ro]: password },
    })),
  ];
}

/**
 * Patroni's Consul token: it registers the deployment's service (tags `master`/`primary` and
 * `replica`), keeps the cluster state under KV `service/<scope>/` (Patroni's default namespace
 * `/service/`) and holds the leader lock as a session on its node.
 */
export function pgConsulToken(d: PgDeployment): ConsulToken {
  const scope = pgServiceName(d);
  return {
    region: d.region,
    name: `epl-patroni-${d.deploymentName}`,
    rules: [
      `service_prefix ${JSON.stringify(scope)} { policy = "write" }`,
      `key_prefix ${JSON.stringify(`service/${scope}/`)} { policy = "write" }`,
      'session_prefix "" { policy = "write" }',
      // Registering a service with a check on the local agent reads the node.
      'node_prefix "" { policy = "read" }',
      '',
    ].join('\n'),
    vaultPath: pgAdminSecretPath(d),
    field: PG_ADMIN_FIELDS.consulToken,
  };
}
