import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import example, { mainLoki, mainTempo, monDefault } from '../../../../examples/single-dc/epl';
import { BackendApplication, BackendDeployment, LokiCluster, MonitoringCluster, type TempoCluster } from '../../../../constructs';
import { buildModel } from '../../../../synth/model/build-model';
import { component } from '../../../../synth/components/tempo';
import { component as backendApp } from '../../../../synth/components/backend-app';
import { tempoClusterOf, tempoOtlpHttpEndpoint, tempoQueryEndpoint } from '../../../../synth/components/tempo/names';
import { minioUserSecretPath, MINIO_USER_PASSWORD_FIELD } from '../../../../synth/components/minio/names';
import { addTempo } from '../../../helpers/tempo';
import { platform } from '../../../helpers/platform';

/** The config template with its consul-template expressions replaced, as Nomad would render it. */
function rendered(template: string): any {
  return parse(template.replace(/\{\{ with secret [^}]*\}\}\{\{ \.Data\.data\.(\w+) \| toJSON \}\}\{\{ end \}\}/g, '"<$1>"').replace(/\{\{ env "meta\.private_ip" \}\}/g, '10.17.0.10'));
}

const model = buildModel(example);
const plan = component.plan(model);
const { job, stage } = plan.jobs![0]!;
const group = job.groups[0]!;
const task = group.tasks[0]!;
const config = rendered(task.templates[0]!.data);

describe('tempo plan (examples/single-dc us-west)', () => {
  it('runs one group of 2 instances on distinct unassigned-workload servers, rolling', () => {
    expect(stage).toBe('system');
    expect(job).toMatchObject({ name: 'tempo-us-west', namespace: 'system', region: 'us-west', type: 'service' });
    expect(job.update).toMatchObject({ maxParallel: 1 });
    expect([group.name, group.count]).toEqual(['tempo', 2]);
    expect(group.constraints).toContainEqual({ attribute: '${meta.run_unassigned_workloads}', operator: '>', value: '0' });
    expect(group.constraints).toContainEqual({ attribute: '', operator: 'distinct_hosts', value: 'true' });
    expect(group.ports.map((p) => [p.label, p.static])).toEqual([
      ['http', 4310],
      ['grpc', 4311],
      ['memberlist', 4312],
      ['otlp_http', 4313],
      ['otlp_grpc', 4314],
    ]);
    expect(task.image).toMatch(/^grafana\/tempo@sha256:[0-9a-f]{64}$/);
    expect([task.memoryMb, task.memoryMaxMb, task.vault]).toEqual([128, 512, true]);
    expect(task.templates[0]).toMatchObject({ destination: 'secrets/tempo.yaml', perms: '0600' });
  });

  it('registers the HTTP service for scraping by the monitoring cluster, the OTLP and memberlist services unscraped', () => {
    expect(group.services.map((s) => [s.name, s.tags, s.meta?.metrics_path, s.checks.map((c) => c.path ?? c.type)])).toEqual([
      ['epl-tempo-us-west', ['epl-mon-default'], '/metrics', ['/ready']],
      ['epl-tempo-us-west-otlp', [], undefined, ['tcp']],
      ['epl-tempo-us-west-memberlist', [], undefined, ['tcp']],
    ]);
    expect(tempoOtlpHttpEndpoint(mainTempo)).toBe('http://epl-tempo-us-west-otlp.service.consul:4313');
    expect(tempoQueryEndpoint(mainTempo)).toBe('http://epl-tempo-us-west.service.consul:4310');
  });

  it("labels the container with the region's Loki cluster", () => {
    expect(task.labels).toEqual({ epl_loki_cluster: mainLoki.clusterName });
  });

  it("reserves the five ports region-wide, the memory per instance, the image, and copies the bucket user password", () => {
    expect(plan.ports!.map((p) => p.port)).toEqual([4310, 4311, 4312, 4313, 4314]);
    for (const p of plan.ports!) expect(p.on).toEqual({ region: mainTempo.region });
    expect(plan.memory).toEqual([{ on: { region: mainTempo.region, instances: 2, instancesProp: ['instances'] }, mib: 128, owner: 'tempo us-west', origin: { construct: mainTempo, prop: ['memoryMb'] } }]);
    expect(plan.images!.map((i) => i.set)).toEqual(['grafana_tempo']);
    expect(plan.vaultSecrets).toEqual([
      { region: mainTempo.region, path: 'system/tempo-us-west/config', fields: { s3_secret_key: { copy: { path: minioUserSecretPath(mainTempo.bucket.cluster, 'tempo-us-west'), field: MINIO_USER_PASSWORD_FIELD } } } },
    ]);
  });

  it('configures a scalable single binary: listeners on the private address, OTLP receivers, rings over memberlist via Consul DNS', () => {
    expect(config.target).toBe('scalable-single-binary');
    expect(config.server).toMatchObject({ http_listen_address: '10.17.0.10', http_listen_port: 4310, grpc_listen_address: '10.17.0.10', grpc_listen_port: 4311 });
    expect(config.distributor.receivers).toEqual({ otlp: { protocols: { http: { endpoint: '10.17.0.10:4313' }, grpc: { endpoint: '10.17.0.10:4314' } } } });
    for (const ring of [config.distributor.ring, config.compactor.ring, config.metrics_generator.ring, config.ingester.lifecycler.ring]) expect(ring.kvstore).toEqual({ store: 'memberlist' });
    expect(config.ingester.lifecycler).toMatchObject({ address: '10.17.0.10', ring: { replication_factor: 1 } });
    expect(config.querier.frontend_worker.frontend_address).toBe('10.17.0.10:4311');
    expect(config.memberlist).toMatchObject({ bind_addr: ['10.17.0.10'], bind_port: 4312, advertise_port: 4312, join_members: ['dns+epl-tempo-us-west-memberlist.service.consul:4312'] });
  });

  it('keeps traces in the MinIO bucket through the load balancer, for retentionDays', () => {
    expect(config.storage.trace.backend).toBe('s3');
    expect(config.storage.trace.s3).toMatchObject({ bucket: 'tempo', endpoint: 'epl-minio-global.service.consul:9002', access_key: 'tempo-us-west', secret_key: '<s3_secret_key>', insecure: true, forcepathstyle: true });
    expect(config.compactor.compaction.block_retention).toBe('720h');
  });

  it('generates service graphs and span metrics into every VictoriaMetrics of its monitoring cluster', () => {
    expect(config.overrides.defaults.metrics_generator.processors).toEqual(['service-graphs', 'span-metrics']);
    expect(config.metrics_generator.storage.remote_write).toEqual([{ url: 'http://10.17.0.10:9091/api/v1/write' }, { url: 'http://10.17.0.12:9091/api/v1/write' }]);
    expect(config.metrics_generator.registry.external_labels).toEqual({ tempo_cluster: 'us-west' });
    expect(monDefault.instances).toHaveLength(2);
  });

  it("gives the region's backend applications its OTLP endpoint and their service name", () => {
    const app = backendApp.plan(model).jobs!.find((j) => j.job.name === 'app-test-hello-world')!.job;
    expect(app.groups[0]!.tasks[0]!.env).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://epl-tempo-us-west-otlp.service.consul:4313', OTEL_SERVICE_NAME: 'test-hello-world' });
  });
});

describe('tempo plan options', () => {
  it('places by labels, replicates over three when it has three instances, keeps traces retentionDays', () => {
    let tempo!: TempoCluster;
    const { app } = platform({ extend: (p) => (tempo = addTempo(p, { instances: 3, placement: { loki_writer: 'true' }, retentionDays: 7, httpPort: 5000, memoryMb: 256 })) });
    const m = buildModel(app);
    const c = component.plan(m);
    const g = c.jobs![0]!.job.groups[0]!;
    expect(g.constraints).toContainEqual({ attribute: '${meta.label_loki_writer}', value: 'true' });
    expect(g.constraints).not.toContainEqual({ attribute: '${meta.run_unassigned_workloads}', operator: '>', value: '0' });
    expect(c.memory![0]!.on).toMatchObject({ instances: 3, instancesProp: ['placement'], labels: { loki_writer: 'true' } });
    const cfg = rendered(g.tasks[0]!.templates[0]!.data);
    expect(cfg.ingester.lifecycler.ring.replication_factor).toBe(3);
    expect(cfg.compactor.compaction.block_retention).toBe('168h');
    expect(g.ports.map((p) => p.static)).toEqual([5000, 5001, 5002, 5003, 5004]);
    // No monitoring cluster in the fixture: nothing scrapes it and the generator has nowhere to write.
    expect(g.services[0]!.tags).toEqual([]);
    expect(cfg.metrics_generator.storage.remote_write).toEqual([]);
    expect(cfg.overrides.defaults.metrics_generator.processors).toEqual([]);
    expect(g.tasks[0]!.labels).toBeUndefined();
    expect(tempoClusterOf(m, tempo.region)).toBe(tempo);
  });

  it('sends logs to the Loki cluster it names, and apps to the Tempo cluster they name', () => {
    let second!: LokiCluster;
    let other!: TempoCluster;
    const { app } = platform({
      extend: (p) => {
        const first = addTempo(p, { regionDefault: true });
        const minio = first.bucket.cluster;
        new LokiCluster(p.region, 'main', { bucket: minio.bucket('loki'), regionDefault: true });
        second = new LokiCluster(p.region, 'audit', { bucket: minio.bucket('loki-audit'), writerHttpPort: 3020 });
        other = addTempo(p, { httpPort: 4320, lokiCluster: second }, 'other', minio);
        new BackendDeployment(p.region, 'web', { application: new BackendApplication(p.app, 'web'), tracingCluster: other });
      },
    });
    const m = buildModel(app);
    const jobs = component.plan(m).jobs!.map((j) => j.job);
    expect(jobs.map((j) => [j.name, j.groups[0]!.tasks[0]!.labels])).toEqual([
      ['tempo-us-west', { epl_loki_cluster: 'main' }],
      ['tempo-other', { epl_loki_cluster: 'audit' }],
    ]);
    const web = backendApp.plan(m).jobs!.find((j) => j.job.name === 'app-web')!.job;
    expect(web.groups[0]!.tasks[0]!.env!.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://epl-tempo-other-otlp.service.consul:4323');
  });

  it('is scraped by, and writes its metrics to, the monitoring cluster it names', () => {
    const vols = (p: Parameters<typeof addTempo>[0], n: number, name: string) => ['server-a', 'server-b', 'server-c'].slice(0, n).map((h) => p.servers[h]!.rootVolume(name));
    const { app } = platform({
      extend: (p) => {
        new MonitoringCluster(p.region, 'one', { instances: vols(p, 2, 'mon'), alertmanagerInstances: vols(p, 3, 'am'), regionDefault: true });
        const two = new MonitoringCluster(p.region, 'two', { instances: vols(p, 2, 'mon-2'), alertmanagerInstances: vols(p, 3, 'am-2'), prometheusPort: 9190 });
        addTempo(p, { monitoringCluster: two });
      },
    });
    const g = component.plan(buildModel(app)).jobs![0]!.job.groups[0]!;
    expect(g.services[0]!.tags).toEqual(['epl-mon-two']);
    const cfg = rendered(g.tasks[0]!.templates[0]!.data);
    expect(cfg.metrics_generator.storage.remote_write.map((r: { url: string }) => r.url)).toEqual(['http://10.17.0.10:9191/api/v1/write', 'http://10.17.0.11:9191/api/v1/write']);
  });
});
