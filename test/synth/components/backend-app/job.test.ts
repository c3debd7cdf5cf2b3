import { describe, expect, it } from 'vitest';
import example from '../../../../examples/single-dc/epl';
import { BackendApplication, BackendDeployment } from '../../../../constructs';
import { buildModel } from '../../../../synth/model/build-model';
import { component } from '../../../../synth/components/backend-app';
import { appImagePlaceholder } from '../../../../synth/plan/nomad/job';
import { DISTINCT_HOSTS, labelConstraints, UNASSIGNED_CONSTRAINT } from '../../../../synth/plan/nomad/common';
import { platform } from '../../../helpers/platform';

const plan = component.plan(buildModel(example));

describe('backend-app job of examples/single-dc (test-hello-world)', () => {
  const planned = plan.jobs!.find((j) => j.job.name === 'app-test-hello-world')!;
  const job = planned.job;
  const group = job.groups[0]!;
  const task = group.tasks[0]!;

  it('is a rolling service job of stage app in the deployment namespace and region', () => {
    expect(planned.stage).toBe('app');
    expect(planned.origin.construct.node.path).toBe('us-west/test-hello-world');
    expect(job).toMatchObject({ namespace: 'apps', region: 'us-west', datacenters: ['dc1'], type: 'service', update: { maxParallel: 1, healthCheck: 'checks' } });
    expect(job.groups.map((g) => g.name)).toEqual(['app']);
  });

  it('runs 2 instances on distinct servers for unassigned workloads, x86_64 only', () => {
    expect(group.count).toBe(2);
    expect(group.constraints).toEqual([{ attribute: '${attr.kernel.arch}', value: 'x86_64' }, UNASSIGNED_CONSTRAINT, DISTINCT_HOSTS]);
  });

  it('serves HTTP on the static port 7347 of the LAN, registered with a health check and scraped by the region default monitoring cluster', () => {
    expect(group.ports).toEqual([{ label: 'http', static: 7347, hostNetwork: 'lan' }]);
    expect(group.services).toEqual([
      { name: 'epl-app-test-hello-world', port: 'http', tags: ['epl-mon-default'], meta: { metrics_path: '/metrics' }, checks: [{ type: 'http', port: 'http', path: '/health' }] },
    ]);
  });

  it('runs the image L2 provisioning builds, with its socket, memory, database URLs, streams and bucket', () => {
    expect(task.image).toBe(appImagePlaceholder('x86_64', 'hello-world'));
    expect(task.image).toBe('@@EPL_APP_IMAGE_x86_64:hello-world@@');
    const nats = 'nats://epl-nats-main-nats.service.consul:4222';
    expect(task.env).toEqual({
      EPL_HTTP_SOCKET: '${meta.private_ip}:7347',
      EPL_DEPLOYMENT_NAME: 'test-hello-world',
      // Each app stream: the URL of its NATS stream's cluster and the NATS stream's own name.
      EPL_NATS_CONN_SIMPLE_MSG_STREAM: nats,
      EPL_NATS_STREAM_SIMPLE_MSG_STREAM: 'chdb_a_sink',
      EPL_NATS_CONN_SOME_TEST_STREAM_CONSUMER: nats,
      EPL_NATS_STREAM_SOME_TEST_STREAM_CONSUMER: 'some_test_stream',
      EPL_NATS_CONN_SOME_TEST_STREAM_PRODUCER: nats,
      EPL_NATS_STREAM_SOME_TEST_STREAM_PRODUCER: 'some_output_stream',
      // The app bucket `storage` is MinIO bucket app1 of `global`, through the instances' load balancers.
      EPL_S3_STORAGE_BUCKET: 'app1',
      EPL_S3_STORAGE_URI: 'http://epl-minio-global.service.consul:9002',
      EPL_S3_STORAGE_USER: 'app-test-hello-world',
      // Traces go to the region's Tempo cluster, named after the deployment.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://epl-tempo-us-west-otlp.service.consul:4313',
      OTEL_SERVICE_NAME: 'test-hello-world',
    });
    expect([task.memoryMb, task.memoryMaxMb]).toEqual([64, 128]);
    expect(task.vault).toBe(true);
    expect(task.templates).toEqual([
      {
        destination: 'secrets/pg.env',
        env: true,
        changeMode: 'restart',
        perms: '0600',
        data:
          'EPL_PG_DEFAULT_URL={{ with secret "epl/data/apps/app-test-hello-world/pg-default" }}{{ .Data.data.url }}{{ end }}\n' +
          'EPL_PG_DEFAULT_RO_URL={{ with secret "epl/data/apps/app-test-hello-world/pg-default" }}{{ .Data.data.ro_url }}{{ end }}\n',
      },
      {
        destination: 'secrets/s3.env',
        env: true,
        changeMode: 'restart',
        perms: '0600',
        data: 'EPL_S3_STORAGE_PASSWORD={{ with secret "epl/data/apps/app-test-hello-world/s3-storage" }}{{ .Data.data.password }}{{ end }}\n',
      },
    ]);
  });

  it('reserves its port on every server of the region and its memory per instance', () => {
    const d = planned.origin.construct;
    expect(plan.ports).toEqual([{ on: { region: (d as BackendDeployment).region }, port: 7347, owner: 'app test-hello-world http', origin: { construct: d, prop: ['httpPort'] } }]);
    expect(plan.memory).toEqual([{ on: { region: (d as BackendDeployment).region, instances: 2, instancesProp: ['count'] }, mib: 64, owner: 'app test-hello-world', origin: { construct: d, prop: ['memoryMb'] } }]);
    expect(plan.images ?? []).toEqual([]);
  });
});

describe('backend-app job options', () => {
  function jobOf(props: Partial<ConstructorParameters<typeof BackendDeployment>[2]>) {
    const p = platform({
      app: { serverLabels: ['loki_reader', 'loki_writer', 'app_tier'] },
      extend: (p) => new BackendDeployment(p.region, 'web', { application: new BackendApplication(p.app, 'web'), ...props }),
    });
    const c = component.plan(buildModel(p.app));
    return { job: c.jobs![0]!.job, memory: c.memory![0]!, ports: c.ports!, secrets: c.vaultSecrets! };
  }

  it('places by labels instead of on unassigned-workload servers, and one instance needs no distinct hosts', () => {
    const { job, memory } = jobOf({ placement: { app_tier: 'true' }, count: 1 });
    expect(job.groups[0]!.constraints).toEqual([{ attribute: '${attr.kernel.arch}', value: 'x86_64' }, ...labelConstraints({ app_tier: 'true' })]);
    expect(memory.on).toMatchObject({ instances: 1, labels: { app_tier: 'true' } });
  });

  it('takes the port and memory from the props; without Postgres shards it reads no Vault secret', () => {
    const { job, ports, secrets } = jobOf({ httpPort: 8080, memoryMb: 256, namespace: 'web' });
    const g = job.groups[0]!;
    expect(job.namespace).toBe('web');
    expect(g.ports[0]!.static).toBe(8080);
    expect(ports.map((p) => p.port)).toEqual([8080]);
    expect(g.tasks[0]!.env!.EPL_HTTP_SOCKET).toBe('${meta.private_ip}:8080');
    expect([g.tasks[0]!.memoryMb, g.tasks[0]!.memoryMaxMb]).toEqual([256, 512]);
    expect(g.tasks[0]!.templates).toEqual([]);
    expect(g.tasks[0]!.vault).toBe(false);
    expect(secrets).toEqual([]);
  });

  it('treats an empty placement as none', () => {
    const { job } = jobOf({ placement: {} });
    expect(job.groups[0]!.constraints).toContainEqual(UNASSIGNED_CONSTRAINT);
  });
});
