import { describe, expect, it } from 'vitest';
import { BackendApplication, BackendDeployment } from '../../../../constructs';
import { buildModel } from '../../../../synth/model/build-model';
import { component } from '../../../../synth/components/docker-registry';
import { minioEndpoint, minioUserSecretPath, MINIO_USER_PASSWORD_FIELD } from '../../../../synth/components/minio/names';
import { REGISTRY_ADDRESS, REGISTRY_JOB, REGISTRY_PORT, REGISTRY_SERVICE } from '../../../../synth/components/docker-registry/names';
import { appImagePlaceholder } from '../../../../synth/plan/nomad/job';
import { platform } from '../../../helpers/platform';
import { addRegistry } from '../../../helpers/registry';

function planOf(opts: { apps?: boolean } = {}) {
  let registry!: ReturnType<typeof addRegistry>;
  const { app } = platform({
    extend: (p) => {
      registry = addRegistry(p, { memoryMb: 200 });
      if (opts.apps !== false) {
        const web = new BackendApplication(p.app, 'web-app');
        new BackendDeployment(p.region, 'web', { application: web, namespace: 'apps' });
        new BackendDeployment(p.region, 'web-canary', { application: web, httpPort: 7400 });
      }
    },
  });
  return { registry, plan: component.plan(buildModel(app)) };
}

describe('docker-registry plan', () => {
  it('runs one stateless registry in namespace epl on port 5000, registered as epl-docker-registry with an HTTP check', () => {
    const { registry, plan } = planOf();
    expect(plan.jobs).toHaveLength(1);
    const { job, stage } = plan.jobs![0]!;
    expect(stage).toBe('system');
    expect(job).toMatchObject({ name: REGISTRY_JOB, namespace: 'epl', region: 'us-west', type: 'service' });
    const group = job.groups[0]!;
    expect(group.count).toBe(1);
    expect(group.ports).toEqual([{ label: 'http', static: REGISTRY_PORT }, { label: 'metrics', static: 5001 }]);
    expect(group.services[0]).toMatchObject({ name: REGISTRY_SERVICE, port: 'http', checks: [{ type: 'http', port: 'http', path: '/' }] });
    expect(group.services[1]).toMatchObject({ port: 'metrics', meta: { metrics_path: '/metrics' } });
    const task = group.tasks[0]!;
    expect(task.image).toBe(registry.image.imageFor(registry.bucket.cluster.workloadArchitecture));
    expect(task.image).toMatch(/^registry@sha256:[0-9a-f]{64}$/);
    expect(task.memoryMb).toBe(200);
    expect(task.env).toEqual({ REGISTRY_HTTP_ADDR: '${meta.private_ip}:5000', REGISTRY_HTTP_DEBUG_ADDR: '${meta.private_ip}:5001' });
    expect(plan.ports).toMatchObject([
      { on: { region: registry.region }, port: 5000 },
      { on: { region: registry.region }, port: 5001 },
    ]);
    expect(plan.memory).toMatchObject([{ on: { region: registry.region, instances: 1 }, mib: 200 }]);
    expect(plan.images).toMatchObject([{ pin: registry.image, set: 'docker_registry' }]);
  });

  it('stores in its MinIO bucket with the grant user and a copy of its password; the HTTP secret is generated', () => {
    const { registry, plan } = planOf();
    const cluster = registry.bucket.cluster;
    expect(registry.bucket.grants).toMatchObject([{ consumer: registry, user: 'docker-registry-us-west', access: 'rw', exclusive: true }]);
    const config = plan.jobs![0]!.job.groups[0]!.tasks[0]!.templates.find((t) => t.destination === 'secrets/config.yml')!.data;
    expect(config).toContain(`    accesskey: docker-registry-us-west\n`);
    expect(config).toContain(`    regionendpoint: ${minioEndpoint(cluster)}\n`);
    expect(config).toContain(`    bucket: docker\n`);
    expect(config).toContain('    secure: false\n');
    expect(config).toContain('secretkey: {{ with secret "epl/data/epl/docker-registry/storage" }}{{ .Data.data.s3_secret_key | toJSON }}{{ end }}\n');
    const source = { path: minioUserSecretPath(cluster, 'docker-registry-us-west'), field: MINIO_USER_PASSWORD_FIELD };
    expect(plan.vaultSecrets).toEqual([
      { region: registry.region, path: 'epl/docker-registry/storage', fields: { http_secret: { generate: 'password' }, s3_secret_key: { copy: source } } },
    ]);
  });

  it('builds (stage 40) and pushes (stage 50) each deployed application once, rewriting all its job files', () => {
    const { plan } = planOf();
    expect(plan.l2Steps!.map((s) => [s.stage, s.name])).toEqual([
      [40, 'build-epl-apps'],
      [50, 'dr-push-epl-apps'],
    ]);
    const [build, push] = plan.l2Steps!;
    expect(build!.script).toContain("\nbuild web-app web_app x86_64 x86_64-linux\n");
    expect(push!.script).toContain(`\npush web-app x86_64 epl-app/web-app ${appImagePlaceholder('x86_64', 'web-app')} apps_app-web.hcl epl_app-web-canary.hcl\n`);
    expect(push!.script).toContain(`registry=${REGISTRY_ADDRESS}\n`);
    expect(plan.l2Files).toMatchObject([{ path: 'app-images/image.nix' }]);
  });

  it('has no L2 step in a region without applications', () => {
    const { plan } = planOf({ apps: false });
    expect(plan.l2Steps).toEqual([]);
    expect(plan.l2Files).toEqual([]);
  });
});
