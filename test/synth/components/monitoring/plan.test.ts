import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import app, { monDefault } from '../../../../examples/single-dc/epl';
import { AlertGroup, BackendDeployment, Grafana, LokiCluster, DockerRegistry, MinioCluster, MonitoringCluster, NatsCluster, PgDeployment, TempoCluster } from '../../../../constructs';
import { alertRulesYml } from '../../../../synth/plan/alert-files';
import { buildModel } from '../../../../synth/model/build-model';
import { planPlatform } from '../../../../synth/plan/platform';
import { planMonitoringCluster, prometheusYml } from '../../../../synth/components/monitoring';
import { alertRulesFile, escapeConsulTemplate } from '../../../../synth/components/monitoring/alerts';
import { monitoringInstances } from '../../../../synth/components/monitoring/instances';
import { monitoringCaStep } from '../../../../synth/components/monitoring/secrets';
import { monitoringClusterOf, monitoringTag } from '../../../../synth/components/monitoring/names';

const model = buildModel(app);
const plan = planMonitoringCluster(model, monDefault);
const job = plan.jobs[0]!.job;

describe('monitoring cluster plan (examples/single-dc default)', () => {
  it('is the region default, a service job mon-default with a group per instance pinned to its server and volume', () => {
    expect(monitoringClusterOf(model, monDefault.region)).toBe(monDefault);
    expect(job).toMatchObject({ name: 'mon-default', namespace: 'system', region: 'us-west', type: 'service' });
    expect(job.groups.map((g) => [g.name, g.constraints.find((c) => c.attribute === '${node.unique.name}')?.value, g.volumes[0]?.source])).toEqual([
      ['mon-1', 'server-a', 'mon-default'],
      ['mon-2', 'server-c', 'mon-default'],
      ['am-1', 'server-a', 'mon-am'],
      ['am-2', 'server-c', 'mon-am'],
      ['am-3', 'server-d', 'mon-am'],
    ]);
    expect(job.groups[0]!.constraints).toContainEqual({ attribute: '${meta.lock_epl-mon-default}', operator: '>', value: '0' });
    expect(job.groups[2]!.constraints).toContainEqual({ attribute: '${meta.lock_epl-mon-default-am}', operator: '>', value: '0' });
    expect(job.groups.map((g) => g.ports.map((p) => p.static))).toEqual([[9090, 9091], [9090, 9091], [9092, 9093], [9092, 9093], [9092, 9093]]);
  });

  it('registers its own daemons for scraping by itself, with health checks', () => {
    expect(job.groups[0]!.services.map((s) => [s.name, s.tags, s.meta?.metrics_path, s.checks[0]?.path])).toEqual([
      ['epl-mon-default-prometheus', ['epl-mon-default'], '/metrics', '/-/healthy'],
      ['epl-mon-default-victoriametrics', ['epl-mon-default'], '/metrics', '/health'],
    ]);
    expect(job.groups[2]!.services.map((s) => [s.name, s.checks[0]?.path])).toEqual([['epl-mon-default-alertmanager', '/-/healthy']]);
  });

  it('reserves ports, memory (768 + 256 per instance, 64 per Alertmanager) and locks, and uses the three images', () => {
    expect(plan.ports.map((p) => `${'server' in p.on ? p.on.server.hostname : '?'}:${p.port}`)).toEqual([
      'server-a:9090', 'server-a:9091', 'server-c:9090', 'server-c:9091',
      'server-a:9092', 'server-a:9093', 'server-c:9092', 'server-c:9093', 'server-d:9092', 'server-d:9093',
    ]);
    expect(plan.memory.map((m) => m.mib)).toEqual([1024, 1024, 64, 64, 64]);
    expect(plan.locks.map((l) => `${l.server.hostname} ${l.lock}`)).toEqual([
      'server-a epl-mon-default', 'server-c epl-mon-default', 'server-a epl-mon-default-am', 'server-c epl-mon-default-am', 'server-d epl-mon-default-am',
    ]);
    expect(plan.images.map((i) => i.set)).toEqual(['prometheus', 'victoria_metrics', 'alertmanager']);
    expect(plan.consulTokens[0]).toMatchObject({ name: 'epl-mon-default', vaultPath: 'system/mon-default/consul', field: 'token' });
  });

  it('VictoriaMetrics keeps 24 months; Alertmanagers gossip with each other', () => {
    const vm = job.groups[0]!.tasks.find((t) => t.name === 'victoriametrics')!;
    expect(vm.args).toContain('-retentionPeriod=24');
    const am = job.groups[2]!.tasks[0]!;
    expect(am.args!.filter((a) => a.startsWith('--cluster.peer='))).toEqual(['--cluster.peer=10.17.0.12:9093', '--cluster.peer=10.17.0.13:9093']);
  });

  it('copies the Nomad and Vault CAs into Vault for Prometheus in stage 10', () => {
    const step = monitoringCaStep(model, [monDefault])!;
    expect(step).toMatchObject({ stage: 10, name: 'provision-monitoring-cas' });
    expect(step.script).toContain('POST /v1/epl/data/system/mon-default/tls-ca');
  });
});

describe('prometheus.yml (examples/single-dc default)', () => {
  const [first] = monitoringInstances(model, monDefault);
  const config = parse(prometheusYml(model, monDefault, first!));
  const job = (name: string) => config.scrape_configs.find((j: { job_name: string }) => j.job_name === name);
  const targets = (name: string) => job(name).static_configs.map((s: { targets: string[]; labels: { host: string } }) => `${s.labels.host} ${s.targets[0]}`);
  const servers = ['server-a 10.17.0.10', 'server-b 10.17.0.11', 'server-c 10.17.0.12', 'server-d 10.17.0.13'];

  it('discovers the services tagged epl-mon-default through the local Consul agent, at their metrics_path', () => {
    const sd = job('consul-services');
    expect(sd.consul_sd_configs).toEqual([{ server: '127.0.0.1:8500', scheme: 'http', tags: ['epl-mon-default'], authorization: { type: 'Bearer', credentials_file: '/secrets/consul-token' } }]);
    expect(sd.relabel_configs[0]).toEqual({ source_labels: ['__meta_consul_service_metadata_metrics_path'], regex: '(.+)', target_label: '__metrics_path__' });
  });

  it("scrapes every server's node_exporter, cAdvisor, Consul and Nomad, and the Vault instances, Nomad and Vault over TLS", () => {
    expect(targets('node-exporter')).toEqual(servers.map((s) => `${s}:9100`));
    expect(targets('cadvisor')).toEqual(servers.map((s) => `${s}:9280`));
    expect(targets('consul')).toEqual(servers.map((s) => `${s}:8500`));
    expect(targets('nomad')).toEqual(servers.map((s) => `${s}:4646`));
    expect(targets('vault')).toEqual(['server-b 10.17.0.11:8200', 'server-c 10.17.0.12:8200', 'server-d 10.17.0.13:8200']);
    expect(job('nomad')).toMatchObject({ scheme: 'https', metrics_path: '/v1/metrics', params: { format: ['prometheus'] }, tls_config: { ca_file: '/secrets/nomad-ca.crt' } });
    expect(job('vault')).toMatchObject({ scheme: 'https', metrics_path: '/v1/sys/metrics', tls_config: { ca_file: '/secrets/vault-ca.crt' } });
  });

  it('writes to every VictoriaMetrics, alerts to every Alertmanager and loads the alert rules file', () => {
    expect(config.remote_write).toEqual([{ url: 'http://10.17.0.10:9091/api/v1/write' }, { url: 'http://10.17.0.12:9091/api/v1/write' }]);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['10.17.0.10:9092', '10.17.0.12:9092', '10.17.0.13:9092']);
    expect(config.rule_files).toEqual(['/local/alert_rules.yml']);
    // Every alert group of the platform, escaped for Nomad's template engine.
    expect(alertRulesFile(model, monDefault)).toBe(escapeConsulTemplate(alertRulesYml(model.ofType(AlertGroup))));
    expect(config.global.external_labels).toEqual({ monitoring_cluster: 'default', prometheus_replica: 'server-a' });
  });

  it("keeps alert annotations' templates from Nomad's template engine", () => {
    expect(escapeConsulTemplate('summary: "{{ $labels.host }} is down"')).toBe('summary: "{{ "{{" }} $labels.host {{ "}}" }} is down"');
  });
});

describe('every component of examples/single-dc is scraped by the default cluster', () => {
  const jobs = planPlatform(model).jobs.map((j) => j.job);
  const metricsServices = jobs.flatMap((j) => j.groups.flatMap((g) => g.services.filter((s) => s.meta?.metrics_path).map((s) => ({ job: j.name, service: s }))));

  it('every metrics service carries epl-mon-default', () => {
    expect(metricsServices.length).toBeGreaterThan(0);
    for (const { job, service } of metricsServices) expect([job, service.name, service.tags]).toEqual([job, service.name, [monitoringTag(monDefault)]]);
  });

  it('every component in the model has a metrics service', () => {
    const jobsWithMetrics = new Set(metricsServices.map((m) => m.job));
    const components = [
      ...model.ofType(PgDeployment).map((d) => `pg-${d.deploymentName}`),
      ...model.ofType(MinioCluster).map((c) => `minio-${c.clusterName}`),
      ...model.ofType(NatsCluster).map((c) => `nats-${c.clusterName}`),
      ...model.ofType(DockerRegistry).map(() => 'docker-registry'),
      ...model.ofType(BackendDeployment).map((d) => `app-${d.deploymentName}`),
      ...model.ofType(MonitoringCluster).map((c) => `mon-${c.clusterName}`),
      ...model.ofType(LokiCluster).map((c) => `loki-${c.clusterName}`),
      ...model.ofType(TempoCluster).map((c) => `tempo-${c.clusterName}`),
      ...model.ofType(Grafana).map((g) => `grafana-${g.deploymentName}`),
    ];
    expect(components).toHaveLength(9);
    expect(components.filter((c) => !jobsWithMetrics.has(c))).toEqual([]);
    // And every job of the platform belongs to one of them.
    expect(jobs.map((j) => j.name).filter((n) => !components.includes(n))).toEqual([]);
  });

  it('lists the scraped services', () => {
    expect([...new Set(metricsServices.map((m) => m.service.name))].sort()).toEqual([
      'epl-app-test-hello-world',
      'epl-docker-registry-metrics',
      'epl-grafana-main',
      'epl-grafana-main-promxy',
      'epl-loki-main-backend',
      'epl-loki-main-reader',
      'epl-loki-main-writer',
      'epl-minio-global-api',
      'epl-mon-default-alertmanager',
      'epl-mon-default-prometheus',
      'epl-mon-default-victoriametrics',
      'epl-nats-main-nats-exp',
      'epl-pg-testdb-hap-exp',
      'epl-pg-testdb-pg-exp',
      'epl-tempo-us-west',
    ]);
  });
});

describe('images that do not run as root (examples/single-dc)', () => {
  const tasks = planPlatform(model).jobs.flatMap((j) => j.job.groups.flatMap((g) => g.tasks.map((t) => ({ job: j.job.name, t }))));
  it("runs bitnami's Prometheus and Alertmanager as root: their host volumes and private files are root's", () => {
    const bitnami = tasks.filter(({ t }) => t.image.includes('bitnami/'));
    expect(bitnami.map(({ t }) => [t.name, t.user])).toEqual([...bitnami.map(({ t }) => [t.name, 'root'])]);
    expect(new Set(bitnami.map(({ t }) => t.name))).toEqual(new Set(['prometheus', 'alertmanager']));
  });
  it("gives Loki's and Tempo's private configs to their image's user 10001", () => {
    const grafanaLabs = tasks.filter(({ t }) => /grafana\/(loki|tempo)@/.test(t.image));
    expect(grafanaLabs.length).toBe(4);
    for (const { t } of grafanaLabs) {
      for (const tpl of t.templates.filter((x) => x.perms === '0600')) expect([t.name, tpl.uid, tpl.gid]).toEqual([t.name, 10001, 10001]);
    }
  });
});
