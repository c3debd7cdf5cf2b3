import { stringify } from 'yaml';
import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import type { Model } from '../../model/model';
import type { PinnedInstance } from '../../plan/nomad/pinned';
import { alertmanagerInstances, monitoringInstances, scrapedServers } from './instances';
import { monitoringPorts, monitoringTag } from './names';
import { lokiClustersIn } from '../loki/names';

/**
 * Prometheus's `prometheus.yml` for one instance
 * (https://prometheus.io/docs/prometheus/latest/configuration/configuration/). Every file it
 * names is rendered by Nomad into the task's directories, as these paths say.
 */
export const PROMETHEUS_FILES = {
  config: '/local/prometheus.yml',
  /** The alert rules: the hook the typed alerts fill (alerts.ts). */
  alertRules: '/local/alert_rules.yml',
  /** Its Consul token (service discovery, the agents' metrics), from Vault. */
  consulToken: '/secrets/consul-token',
  /** The CAs of Nomad's and Vault's TLS listeners, copied into Vault by the cluster's L2 step. */
  nomadCa: '/secrets/nomad-ca.crt',
  vaultCa: '/secrets/vault-ca.crt',
} as const;

/** The local Consul agent's plain-HTTP API on loopback (as Patroni uses it): no CA needed. */
export const CONSUL_AGENT = '127.0.0.1:8500';

/** The L1 daemons' ports (synth/components/l1-services/daemons.ts). */
export const L1_METRICS = { nodeExporter: 9100, cadvisor: 9280, vector: 9598, consulHttp: 8500, nomadHttps: 4646, vaultHttps: 8200 } as const;

/** How often everything is scraped and rules evaluated. */
export const SCRAPE_INTERVAL = '15s';

/** Prometheus's own retention: VictoriaMetrics keeps the history, Prometheus only what alerts look back on. */
export const PROMETHEUS_RETENTION = '15d';

type StaticConfig = { targets: string[]; labels: Record<string, string> };

/**
 * The scrape jobs of the L1 daemons, one static target per server of the region (labelled
 * `host`). L1 registers none of them in Consul, and their addresses are synth-time facts, so a
 * static list needs no Consul token and no agent on the server to be up.
 */
function l1ScrapeConfigs(model: Model, c: MonitoringCluster): object[] {
  const servers = scrapedServers(model, c);
  const on = (port: number, filter: (s: (typeof servers)[number]) => boolean = () => true): StaticConfig[] =>
    servers.filter(filter).map((s) => ({ targets: [`${s.address}:${port}`], labels: { host: s.server.hostname } }));
  const prometheusFormat = { format: ['prometheus'] };
  return [
    { job_name: 'node-exporter', static_configs: on(L1_METRICS.nodeExporter) },
    { job_name: 'cadvisor', static_configs: on(L1_METRICS.cadvisor) },
    // vector runs where the region has a Loki cluster to ship to.
    ...(lokiClustersIn(model, c.region).length > 0 ? [{ job_name: 'vector', static_configs: on(L1_METRICS.vector) }] : []),
    {
      // An agent's metrics need agent:read, which the cluster's Consul token has.
      job_name: 'consul',
      metrics_path: '/v1/agent/metrics',
      params: prometheusFormat,
      authorization: { type: 'Bearer', credentials_file: PROMETHEUS_FILES.consulToken },
      static_configs: on(L1_METRICS.consulHttp),
    },
    {
      // Nomad's HTTP API is TLS-only; the CA verifies the agents' certificates, which carry their LAN address.
      job_name: 'nomad',
      scheme: 'https',
      metrics_path: '/v1/metrics',
      params: prometheusFormat,
      tls_config: { ca_file: PROMETHEUS_FILES.nomadCa },
      static_configs: on(L1_METRICS.nomadHttps),
    },
    {
      // Vault serves its metrics without a token (listener telemetry `unauthenticated_metrics_access`).
      job_name: 'vault',
      scheme: 'https',
      metrics_path: '/v1/sys/metrics',
      params: prometheusFormat,
      tls_config: { ca_file: PROMETHEUS_FILES.vaultCa },
      static_configs: on(L1_METRICS.vaultHttps, (s) => s.server.roles.vaultInstance),
    },
  ];
}

/**
 * Every service registered with the cluster: Consul services tagged `epl-mon-<cluster>`, each at
 * its meta `metrics_path` (default `/metrics`), labelled with its service and host.
 */
function consulScrapeConfig(c: MonitoringCluster): object {
  return {
    job_name: 'consul-services',
    consul_sd_configs: [
      {
        server: CONSUL_AGENT,
        scheme: 'http',
        tags: [monitoringTag(c)],
        authorization: { type: 'Bearer', credentials_file: PROMETHEUS_FILES.consulToken },
      },
    ],
    relabel_configs: [
      { source_labels: ['__meta_consul_service_metadata_metrics_path'], regex: '(.+)', target_label: '__metrics_path__' },
      { source_labels: ['__meta_consul_service'], target_label: 'service' },
      { source_labels: ['__meta_consul_node'], target_label: 'host' },
    ],
  };
}

export function prometheusYml(model: Model, c: MonitoringCluster, instance: PinnedInstance): string {
  const ports = monitoringPorts(c);
  const config = {
    global: {
      scrape_interval: SCRAPE_INTERVAL,
      evaluation_interval: SCRAPE_INTERVAL,
      // Every instance scrapes the same targets; the replica label tells their series apart in VictoriaMetrics.
      external_labels: { monitoring_cluster: c.clusterName, prometheus_replica: instance.server.hostname },
    },
    rule_files: [PROMETHEUS_FILES.alertRules],
    alerting: {
      alertmanagers: [{ static_configs: [{ targets: alertmanagerInstances(model, c).map((a) => `${a.address}:${ports.alertmanager}`) }] }],
    },
    // Every instance writes to every VictoriaMetrics: each holds the whole history, so losing one loses none.
    remote_write: monitoringInstances(model, c).map((i) => ({ url: `http://${i.address}:${ports.victoriaMetrics}/api/v1/write` })),
    scrape_configs: [consulScrapeConfig(c), ...l1ScrapeConfigs(model, c)],
  };
  return `# Prometheus ${instance.name} of monitoring cluster ${c.clusterName}. Generated by epl; do not edit.\n${stringify(config)}`;
}
