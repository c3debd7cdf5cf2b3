import type { Grafana } from '../../../constructs/services/grafana';
import { jobSecretPath } from '../../plan/nomad/common';

/** The names a Grafana deployment is known by outside its job: by the monitoring cluster, L2 provisioning and Vault. */

/** The Nomad job. */
export function grafanaJobName(g: Grafana): string {
  return `grafana-${g.deploymentName}`;
}

/** The Consul services of Grafana (UI, API, metrics) and of its Promxy (metrics). */
export function grafanaServiceNames(g: Grafana) {
  const base = `epl-grafana-${g.deploymentName}`;
  return { grafana: base, promxy: `${base}-promxy` };
}

/** Grafana's port and Promxy's, the next one (model.md §6.7). */
export function grafanaPorts(g: Pick<Grafana, 'port'>) {
  return { grafana: g.port, promxy: g.port + 1 };
}

/** How far the last port is from the first. */
export const GRAFANA_LAST_PORT_OFFSET = 1;

/** Vault path of the deployment's secrets: the admin password and a copy of the database user's. */
export function grafanaSecretPath(g: Grafana): string {
  return jobSecretPath(g.namespace, grafanaJobName(g), 'config');
}

/** Fields of the deployment's secret. */
export const GRAFANA_SECRET_FIELDS = { adminPassword: 'admin_password', dbPassword: 'db_password' } as const;

/** Grafana's built-in administrator, whose password the secret holds (L2 provisioning logs in as it). */
export const GRAFANA_ADMIN_USER = 'admin';
