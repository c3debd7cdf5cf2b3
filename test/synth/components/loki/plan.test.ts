import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel } from '../../../../synth/model/build-model';
import { component } from '../../../../synth/components/loki';
import { lokiClusterOf, lokiPorts, lokiPushEndpoint } from '../../../../synth/components/loki/names';
import { minioUserSecretPath, MINIO_USER_PASSWORD_FIELD } from '../../../../synth/components/minio/names';
import { addLoki } from '../../../helpers/loki';
import { platform } from '../../../helpers/platform';
import type { LokiCluster } from '../../../../constructs';

function planOf(props: Parameters<typeof addLoki>[1] = {}) {
  let loki!: LokiCluster;
  const { app } = platform({ extend: (p) => (loki = addLoki(p, { namespace: 'system', retentionDays: 14, readerMemoryMb: 256, ...props })) });
  const model = buildModel(app);
  return { loki, model, plan: component.plan(model) };
}

/** The config template with its consul-template expressions replaced, as Nomad would render it. */
function rendered(template: string): unknown {
  return parse(template.replace(/\{\{ with secret [^}]*\}\}\{\{ \.Data\.data\.(\w+) \| toJSON \}\}\{\{ end \}\}/g, '"<$1>"').replace(/\{\{ env "meta\.private_ip" \}\}/g, '10.17.0.10'));
}

describe('loki plan', () => {
  it('runs writer, reader and backend groups, placed by labels or on unassigned servers, never two on a server', () => {
    const { loki, plan } = planOf();
    expect(plan.jobs).toHaveLength(1);
    const { job, stage } = plan.jobs![0]!;
    expect(stage).toBe('system');
    expect(job).toMatchObject({ name: 'loki-main', namespace: 'system', region: 'us-west', type: 'service' });
    expect(job.groups.map((g) => [g.name, g.count])).toEqual([
      ['writer', 3],
      ['reader', 2],
      ['backend', 2],
    ]);
    const [writer, reader, backend] = job.groups;
    expect(writer!.constraints).toContainEqual({ attribute: '${meta.label_loki_writer}', value: 'true' });
    expect(reader!.constraints).toContainEqual({ attribute: '${meta.label_loki_reader}', value: 'true' });
    expect(backend!.constraints).toContainEqual({ attribute: '${meta.run_unassigned_workloads}', operator: '>', value: '0' });
    for (const g of job.groups) expect(g.constraints).toContainEqual({ attribute: '', operator: 'distinct_hosts', value: 'true' });
    expect(job.groups.map((g) => g.ports.map((p) => p.static))).toEqual([[3010, 3011], [3012, 3013], [3014, 3015]]);
    expect(job.groups.map((g) => g.services.map((s) => [s.name, s.checks[0]!.path]))).toEqual([
      [['epl-loki-main-writer', '/ready']],
      [['epl-loki-main-reader', '/ready']],
      [['epl-loki-main-backend', '/ready']],
    ]);
    const task = reader!.tasks[0]!;
    expect(task.image).toBe(loki.image.imageFor(loki.workloadArchitecture));
    expect(task.image).toMatch(/^grafana\/loki@sha256:[0-9a-f]{64}$/);
    expect(task.memoryMb).toBe(256);
    expect(task.args).toEqual([
      '-config.file=/secrets/config.yml',
      '-target=read',
      '-legacy-read-mode=false',
      '-server.http-listen-address=${meta.private_ip}',
      '-server.http-listen-port=3012',
      '-server.grpc-listen-address=${meta.private_ip}',
      '-server.grpc-listen-port=3013',
    ]);
    expect(writer!.tasks[0]!.args).toContain('-target=write');
    expect(backend!.tasks[0]!.args).toContain('-target=backend');
  });

  it('reserves the six ports region-wide and each role\'s memory per instance on its labelled servers', () => {
    const { loki, plan } = planOf();
    expect(plan.ports!.map((p) => [p.port, p.owner])).toEqual([
      [3010, 'loki main writer http'],
      [3011, 'loki main writer grpc'],
      [3012, 'loki main reader http'],
      [3013, 'loki main reader grpc'],
      [3014, 'loki main backend http'],
      [3015, 'loki main backend grpc'],
    ]);
    expect(plan.ports!.every((p) => 'region' in p.on && p.on.region === loki.region)).toBe(true);
    expect(plan.memory).toMatchObject([
      { on: { region: loki.region, instances: 3, labels: { loki_writer: 'true' }, instancesProp: ['writerPlacement'] }, mib: 128, owner: 'loki main writer' },
      { on: { region: loki.region, instances: 2, labels: { loki_reader: 'true' }, instancesProp: ['readerPlacement'] }, mib: 256, owner: 'loki main reader' },
      { on: { region: loki.region, instances: 2, instancesProp: ['backendPlacement'] }, mib: 128, owner: 'loki main backend' },
    ]);
    expect(plan.images).toMatchObject([{ pin: loki.image, set: 'grafana_loki' }]);
  });

  it('keeps a copy of its bucket user\'s password and a Consul token for its ring prefix in Vault', () => {
    const { loki, plan } = planOf();
    expect(loki.bucket.grants).toMatchObject([{ consumer: loki, user: 'loki-main', access: 'rw', exclusive: true }]);
    const source = { path: minioUserSecretPath(loki.bucket.cluster, 'loki-main'), field: MINIO_USER_PASSWORD_FIELD };
    expect(plan.vaultSecrets).toEqual([{ region: loki.region, path: 'system/loki-main/config', fields: { s3_secret_key: { copy: source } } }]);
    expect(plan.consulTokens).toEqual([
      { region: loki.region, name: 'epl-loki-main', rules: 'key_prefix "epl-loki/main/" { policy = "write" }\n', vaultPath: 'system/loki-main/config', field: 'consul_token' },
    ]);
  });

  it('configures the ring in Consul, the bucket over S3 path style, the tsdb schema and retention by the compactor', () => {
    const { plan } = planOf();
    const groups = plan.jobs![0]!.job.groups;
    const templates = groups.map((g) => g.tasks[0]!.templates[0]!);
    // One file for every role: the role is the command line's.
    expect(new Set(templates.map((t) => t.data)).size).toBe(1);
    expect(templates[0]).toMatchObject({ destination: 'secrets/config.yml', perms: '0600' });
    expect(groups.every((g) => g.tasks[0]!.vault === true)).toBe(true);
    const config = rendered(templates[0]!.data) as Record<string, Record<string, unknown>>;
    expect(config.common).toEqual({
      path_prefix: '/loki',
      replication_factor: 3,
      instance_addr: '10.17.0.10',
      ring: { kvstore: { store: 'consul', prefix: 'epl-loki/main/', consul: { host: '127.0.0.1:8500', acl_token: '<consul_token>' } } },
      compactor_address: 'http://epl-loki-main-backend.service.consul:3014',
      storage: {
        s3: {
          endpoint: 'epl-minio-global.service.consul:9002',
          bucketnames: 'loki-main',
          region: 'us-east-1',
          access_key_id: 'loki-main',
          secret_access_key: '<s3_secret_key>',
          insecure: true,
          s3forcepathstyle: true,
        },
      },
    });
    expect(config.schema_config).toEqual({ configs: [{ from: '2024-01-01', store: 'tsdb', object_store: 's3', schema: 'v12', index: { prefix: 'index_', period: '24h' } }] });
    expect(config.compactor).toMatchObject({ retention_enabled: true, shared_store: 's3', delete_request_store: 's3' });
    expect(config.limits_config).toMatchObject({ retention_period: '336h', max_query_lookback: '336h' });
    expect(config.auth_enabled).toBe(false);
  });

  it('replicates to every writer when there are fewer than 3', () => {
    const { plan } = planOf({ writers: 2 });
    expect(plan.jobs![0]!.job.groups[0]!.tasks[0]!.templates[0]!.data).toContain('  replication_factor: 2\n');
  });

  it("resolves the region's Loki: the explicit one, the only one, or the default among several", () => {
    let a!: LokiCluster, b!: LokiCluster;
    const { app, region } = platform({
      extend: (p) => {
        a = addLoki(p);
        b = addLoki(p, { writerHttpPort: 3020 }, 'second', a.bucket.cluster);
      },
    });
    const model = buildModel(app);
    expect(lokiClusterOf(model, region)).toBeUndefined();
    expect(lokiClusterOf(model, region, a)).toBe(a);
    const single = platform({ extend: (p) => (a = addLoki(p)) });
    expect(lokiClusterOf(buildModel(single.app), single.region)).toBe(a);
    const withDefault = platform({
      extend: (p) => {
        a = addLoki(p);
        b = addLoki(p, { writerHttpPort: 3020, regionDefault: true }, 'second', a.bucket.cluster);
      },
    });
    expect(lokiClusterOf(buildModel(withDefault.app), withDefault.region)).toBe(b);
    expect(lokiPushEndpoint(b)).toBe(`http://epl-loki-second-writer.service.consul:${lokiPorts(b).writer.http}`);
    expect(lokiPorts(b).backend.grpc).toBe(3025);
  });

  it('plans nothing without Loki clusters', () => {
    expect(component.plan(buildModel(platform().app))).toEqual({});
  });
});
