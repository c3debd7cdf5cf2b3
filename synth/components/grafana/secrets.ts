import type { Grafana } from '../../../constructs/services/grafana';
import type { VaultSecret } from '../component';
import { PG_DATABASE_FIELDS } from '../postgres/secrets';
import { pgDatabaseSecretPath } from '../postgres/names';
import { GRAFANA_SECRET_FIELDS, grafanaSecretPath } from './names';

/**
 * The deployment's secret, under its own job's Vault path so its workload identity reads nothing
 * of the Postgres deployment's: the admin password (generated once) and a copy of the database's
 * read-write user's password, which the Postgres component generates for every database.
 * Nothing when `database` is not a database (a props finding).
 */
export function grafanaVaultSecrets(g: Grafana): VaultSecret[] {
  if (!hasDatabase(g)) return [];
  return [
    {
      region: g.region,
      path: grafanaSecretPath(g),
      fields: {
        [GRAFANA_SECRET_FIELDS.adminPassword]: { generate: 'password' },
        [GRAFANA_SECRET_FIELDS.dbPassword]: { copy: { path: pgDatabaseSecretPath(g.database), field: PG_DATABASE_FIELDS.rw } },
      },
    },
  ];
}

/** Whether `database` is a Postgres database with its deployment (anything else is a props finding). */
export function hasDatabase(g: Grafana): boolean {
  return typeof g.database?.databaseName === 'string' && typeof g.database.deployment?.deploymentName === 'string';
}
