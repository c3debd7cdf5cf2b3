import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Grafana } from '../../../constructs/services/grafana';
import { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { Model } from '../../model/model';
import { PRIVATE_IP, vaultField } from '../../plan/nomad/common';
import { lokiClustersIn, lokiQueryEndpoint } from '../loki/names';
import { monitoringInstances } from '../monitoring/instances';
import { monitoringPorts, monitoringServiceNames } from '../monitoring/names';
import { pgPorts, pgServiceName, pgUsers } from '../postgres/names';
import { tempoClustersIn, tempoQueryEndpoint } from '../tempo/names';
import { GRAFANA_ADMIN_USER, GRAFANA_SECRET_FIELDS, grafanaPorts, grafanaSecretPath, grafanaServiceNames } from './names';

/**
 * Grafana's and Promxy's configuration. Grafana 9.5 is configured by `GF_<SECTION>_<KEY>`
 * environment variables (docs/sources/setup-grafana/configure-grafana: "Override configuration
 * with environment variables"), its datasources by a provisioning file
 * (docs/sources/administration/provisioning); Promxy by its YAML file (cmd/promxy/config.yaml of
 * jacksontj/promxy v0.0.81) and flags.
 */

/** Where the task's provisioning directory is rendered (the docker driver mounts the task's `local/` at `/local`). */
export const GRAFANA_PROVISIONING_DIR = 'local/provisioning';
/** The datasources file, in the provisioning directory's `datasources/`. */
export const GRAFANA_DATASOURCES_FILE = `${GRAFANA_PROVISIONING_DIR}/datasources/epl.yaml`;
/** The secret environment (database and admin passwords): a `secrets/` file, 0600. */
export const GRAFANA_SECRET_ENV_FILE = 'secrets/grafana.env';
/** Promxy's configuration file. */
export const PROMXY_CONFIG_FILE = 'local/promxy.yaml';

/** A Grafana uid (at most 40 of `[a-zA-Z0-9-_]`) from a prefix and a kebab-case name; long names keep a hash of the whole. */
export function stableUid(prefix: string, name: string): string {
  const uid = `${prefix}-${name}`;
  if (uid.length <= 40) return uid;
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 8);
  return `${uid.slice(0, 31)}-${hash}`;
}

/** The monitoring clusters whose metrics Grafana shows: every cluster of its region, in declaration order. */
export function monitoringClustersIn(model: Model, g: Grafana): MonitoringCluster[] {
  return model.ofType(MonitoringCluster).filter((c) => c.region === g.region);
}

/** The uid of the Promxy datasource (every monitoring cluster of the region, deduplicated): the dashboards' Prometheus. */
export const PROMXY_DATASOURCE_UID = 'epl-promxy';

/** Non-secret settings, in the task's `env`. */
export function grafanaEnv(g: Grafana): Record<string, string> {
  const db = g.database;
  return {
    GF_SERVER_HTTP_ADDR: PRIVATE_IP,
    GF_SERVER_HTTP_PORT: String(grafanaPorts(g).grafana),
    GF_PATHS_PROVISIONING: `/${GRAFANA_PROVISIONING_DIR}`,
    // Postgres through HAProxy on the deployment's instances: the master port reaches the leader after a failover too.
    GF_DATABASE_TYPE: 'postgres',
    GF_DATABASE_HOST: `${pgServiceName(db.deployment)}.service.consul:${pgPorts(db.deployment).master}`,
    GF_DATABASE_NAME: db.databaseName,
    GF_DATABASE_USER: pgUsers(db).rw,
    GF_DATABASE_SSL_MODE: 'disable',
    GF_SECURITY_ADMIN_USER: GRAFANA_ADMIN_USER,
    GF_USERS_ALLOW_SIGN_UP: 'false',
    // Nothing from inside the platform calls grafana.com.
    GF_ANALYTICS_REPORTING_ENABLED: 'false',
    GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
    GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
    GF_LOG_MODE: 'console',
  };
}

/**
 * The secret environment as a consul-template template: the passwords from the job's Vault
 * secret (generated passwords are alphanumeric, so a dotenv line holds them as they are).
 */
export function grafanaSecretEnv(g: Grafana): string {
  const path = grafanaSecretPath(g);
  return [
    `GF_DATABASE_PASSWORD=${vaultField(path, GRAFANA_SECRET_FIELDS.dbPassword)}`,
    `GF_SECURITY_ADMIN_PASSWORD=${vaultField(path, GRAFANA_SECRET_FIELDS.adminPassword)}`,
    '',
  ].join('\n');
}

/** A datasource of the provisioning file (keys of Grafana 9.5's provisioning documentation). */
export interface Datasource {
  readonly name: string;
  readonly type: 'prometheus' | 'loki' | 'tempo';
  readonly access: 'proxy';
  readonly uid: string;
  readonly url: string;
  readonly isDefault: boolean;
  readonly editable: boolean;
  readonly jsonData?: Readonly<Record<string, unknown>>;
}

/**
 * The datasources: Promxy (every monitoring cluster of the region, the default), each cluster's
 * Prometheus and VictoriaMetrics (its long-term store), each Loki cluster's readers and each Tempo
 * cluster of the region. URLs are Consul service names, so any healthy instance answers.
 */
export function grafanaDatasources(model: Model, g: Grafana): Datasource[] {
  const ds = (name: string, type: Datasource['type'], uid: string, url: string, jsonData?: Record<string, unknown>): Datasource => ({
    name,
    type,
    access: 'proxy',
    uid,
    url,
    isDefault: uid === PROMXY_DATASOURCE_UID,
    editable: false,
    ...(jsonData ? { jsonData } : {}),
  });
  const promxyUrl = `http://${grafanaServiceNames(g).promxy}.service.consul:${grafanaPorts(g).promxy}`;
  const out: Datasource[] = [ds('Prometheus (all clusters)', 'prometheus', PROMXY_DATASOURCE_UID, promxyUrl, { httpMethod: 'POST' })];
  for (const c of monitoringClustersIn(model, g)) {
    const s = monitoringServiceNames(c);
    const p = monitoringPorts(c);
    out.push(ds(`Prometheus ${c.clusterName}`, 'prometheus', stableUid('epl-prom', c.clusterName), `http://${s.prometheus}.service.consul:${p.prometheus}`, { httpMethod: 'POST' }));
    out.push(ds(`VictoriaMetrics ${c.clusterName}`, 'prometheus', stableUid('epl-vm', c.clusterName), `http://${s.victoriaMetrics}.service.consul:${p.victoriaMetrics}`, { httpMethod: 'POST' }));
  }
  for (const c of lokiClustersIn(model, g.region)) out.push(ds(`Loki ${c.clusterName}`, 'loki', lokiDatasourceUid(c.clusterName), lokiQueryEndpoint(c)));
  for (const c of tempoClustersIn(model, g.region)) out.push(ds(`Tempo ${c.clusterName}`, 'tempo', stableUid('epl-tempo', c.clusterName), tempoQueryEndpoint(c)));
  return out;
}

/** The uid of a Loki cluster's datasource (dashboards' log panels name it). */
export function lokiDatasourceUid(clusterName: string): string {
  return stableUid('epl-loki', clusterName);
}

/** The datasources file (`apiVersion: 1`). Holds no `{{`, so Nomad's template renders it as it is. */
export function grafanaDatasourcesYml(model: Model, g: Grafana): string {
  return stringify({ apiVersion: 1, datasources: grafanaDatasources(model, g) });
}

/** Samples of two Prometheus replicas closer than this are one sample (Promxy's `anti_affinity`): half a scrape interval. */
export const PROMXY_ANTI_AFFINITY = '10s';

/**
 * Promxy's configuration: a server group per monitoring cluster of the region, its Prometheus
 * instances as static targets (their servers' LAN addresses; they are pinned to their volumes), so
 * the replicas' samples merge into one series and the cluster's series carry
 * `epl_monitoring_cluster`. Promxy evaluates no rules and sends no alerts.
 */
export function promxyConfigData(model: Model, g: Grafana) {
  return {
    promxy: {
      server_groups: monitoringClustersIn(model, g).map((c) => ({
        static_configs: [{ targets: monitoringInstances(model, c).map((i) => `${i.address}:${monitoringPorts(c).prometheus}`) }],
        labels: { epl_monitoring_cluster: c.clusterName },
        anti_affinity: PROMXY_ANTI_AFFINITY,
        scheme: 'http',
        // A cluster that is down leaves the others' metrics visible.
        ignore_error: true,
      })),
    },
  };
}

export function promxyConfigYml(model: Model, g: Grafana): string {
  return stringify(promxyConfigData(model, g));
}

/** Promxy's flags (cmd/promxy/main.go v0.0.81): its file and where it listens. */
export function promxyArgs(g: Grafana): string[] {
  return [`--config=/${PROMXY_CONFIG_FILE}`, `--bind-addr=${PRIVATE_IP}:${grafanaPorts(g).promxy}`, '--access-log-destination=none'];
}
