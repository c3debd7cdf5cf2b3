import { describe, expect, it } from 'vitest';
import { Architecture, BucketAccess, DockerRegistry, MinioCluster, PgDeployment, type MinioClusterProps, type ServerVolume } from '../../../../constructs';
import { DockerImageSet } from '../../../../constructs/core/docker-image-pin';
import { buildModel } from '../../../../synth/model/build-model';
import { component, minioUserPolicy, minioUsers, planMinioCluster } from '../../../../synth/components/minio';
import { mcProvisionScript, templateLiteral } from '../../../../synth/components/minio/provision';
import { minioEndpoint } from '../../../../synth/components/minio/names';
import { platform, type Platform } from '../../../helpers/platform';

const HOSTS = ['server-a', 'server-b', 'server-c', 'server-d'];
/** The standard platform's `minio-docker` XFS volumes of the first `n` servers. */
const volumesOf = (p: Platform, n: number): ServerVolume[] => HOSTS.slice(0, n).map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('minio-docker') as ServerVolume);

/** A platform with cluster `global` over four servers, buckets and consumers, and its plan. */
function planned(props: Partial<MinioClusterProps> = {}) {
  let c!: MinioCluster;
  let app!: PgDeployment;
  const p = platform({
    extend: (p) => {
      c = new MinioCluster(p.region, 'global', { instances: volumesOf(p, 4), ...props });
      const docker = c.bucket('docker');
      const media = c.bucket('media', { lockingEnabled: false });
      const archive = c.bucket('archive');
      new DockerRegistry(p.region, 'registry', { bucket: docker });
      // Any construct may consume; a deployment with two grants on two buckets is one user.
      app = new PgDeployment(p.region, 'app', { instances: [] });
      media.addGrant({ consumer: app, prop: ['buckets', 0], user: 'app-user', access: BucketAccess.READ_WRITE, exclusive: false });
      archive.addGrant({ consumer: app, prop: ['buckets', 1], user: 'app-user', access: BucketAccess.READ_ONLY, exclusive: false });
      archive.addGrant({ consumer: app, prop: ['buckets', 2], user: 'reader', access: BucketAccess.READ_ONLY, exclusive: false });
    },
  });
  const model = buildModel(p.app);
  return { p, c, model, plan: planMinioCluster(model, c) };
}

describe('MinIO component plan', () => {
  it('plans nothing without clusters', () => {
    expect(component.plan(buildModel(platform().app))).toEqual({});
  });

  it('reserves the api, console and lb ports on every instance server, each traced to its instance', () => {
    const { p, c, plan } = planned({ apiPort: 7000 });
    expect(plan.ports).toHaveLength(12);
    const onB = plan.ports.filter((r) => 'server' in r.on && r.on.server === p.servers['server-b']);
    expect(onB.map((r) => [r.port, r.owner])).toEqual([
      [7000, 'minio global api'],
      [7001, 'minio global console'],
      [7002, 'minio global nginx load balancer'],
    ]);
    expect(onB.every((r) => r.origin?.construct === c && JSON.stringify(r.origin.prop) === '["instances",1]')).toBe(true);
    expect(minioEndpoint(c)).toBe('http://epl-minio-global.service.consul:7002');
  });

  it('takes one lock per server and the memory of MinIO and nginx, plus mc on the first instance', () => {
    const { plan } = planned({ instanceMemoryMb: 2048, lbMemoryMb: 128 });
    expect(plan.locks.map((l) => [l.server.hostname, l.lock])).toEqual(HOSTS.map((h) => [h, 'epl-minio-global']));
    expect(plan.memory.map((m) => [m.owner, m.mib])).toEqual([
      ['minio global minio-1', 2048 + 128 + 64],
      ['minio global minio-2', 2176],
      ['minio global minio-3', 2176],
      ['minio global minio-4', 2176],
    ]);
  });

  it('uses the three image pins for the workload architecture', () => {
    const { plan } = planned({ workloadArchitecture: Architecture.ARM64 });
    expect(plan.images.map((i) => [i.set, i.architecture, i.origin.prop])).toEqual([
      [DockerImageSet.MINIO, 'arm64', ['image']],
      [DockerImageSet.MINIO_MC, 'arm64', ['mcImage']],
      [DockerImageSet.NGINX, 'arm64', ['nginxImage']],
    ]);
  });

  it('generates the root credentials and a password per bucket user in Vault', () => {
    const { plan } = planned();
    expect(plan.vaultSecrets.map((s) => [s.path, s.fields])).toEqual([
      ['epl/minio-global/root', { user: { compose: ['epl-minio-root'] }, password: { generate: 'password' } }],
      ['epl/minio-global/user-docker-registry-us-west', { password: { generate: 'password' } }],
      ['epl/minio-global/user-app-user', { password: { generate: 'password' } }],
      ['epl/minio-global/user-reader', { password: { generate: 'password' } }],
    ]);
  });

  it('makes one user per grant user with a policy on exactly its buckets', () => {
    const { c } = planned();
    const users = minioUsers(c);
    expect(users.map((u) => [u.user, u.buckets.map((b) => `${b.bucket.bucketName}:${b.access}`)])).toEqual([
      ['docker-registry-us-west', ['docker:rw']],
      ['app-user', ['media:rw', 'archive:ro']],
      ['reader', ['archive:ro']],
    ]);
    const policy = JSON.parse(minioUserPolicy(users[1]!));
    expect(policy.Statement.map((s: { Resource: string[] }) => s.Resource)).toEqual([['arn:aws:s3:::media'], ['arn:aws:s3:::media/*'], ['arn:aws:s3:::archive'], ['arn:aws:s3:::archive/*']]);
    expect(policy.Statement[1].Action).toContain('s3:PutObject');
    expect(policy.Statement[3].Action).not.toContain('s3:PutObject');
    expect(JSON.stringify(policy)).not.toMatch(/DeleteBucket|PutBucket|s3:\*/);
  });

  it('schedules one system-stage job, all at once, with a group per instance pinned to its server', () => {
    const { plan } = planned({ namespace: 'system' });
    expect(plan.jobs).toHaveLength(1);
    const { job, stage } = plan.jobs[0]!;
    expect(stage).toBe('system');
    expect(job).toMatchObject({ name: 'minio-global', namespace: 'system', region: 'us-west', datacenters: ['dc1'], type: 'service', update: { maxParallel: 0, minHealthyTime: '0s' } });
    expect(job.groups.map((g) => [g.name, g.count, g.tasks.map((t) => t.name)])).toEqual([
      ['minio-1', 1, ['minio', 'nginx', 'mc']],
      ['minio-2', 1, ['minio', 'nginx']],
      ['minio-3', 1, ['minio', 'nginx']],
      ['minio-4', 1, ['minio', 'nginx']],
    ]);
    const g = job.groups[2]!;
    expect(g.constraints).toEqual([
      { attribute: '${attr.kernel.arch}', value: 'x86_64' },
      { attribute: '${meta.lock_epl-minio-global}', operator: '>', value: '0' },
      { attribute: '${node.unique.name}', value: 'server-c' },
    ]);
    expect(g.ports).toEqual([
      { label: 'api', static: 9000 },
      { label: 'console', static: 9001 },
      { label: 'lb', static: 9002 },
    ]);
    expect(g.volumes).toEqual([{ name: 'data', source: 'minio-docker', readOnly: false }]);
    expect(g.services.map((s) => [s.name, s.port, s.checks[0]!.path])).toEqual([
      ['epl-minio-global', 'lb', '/minio/health/live'],
      ['epl-minio-global-api', 'api', '/minio/health/live'],
    ]);
    const [minio, nginx] = g.tasks;
    expect(minio!.image).toMatch(/^minio\/minio@sha256:/);
    expect(minio!.args).toEqual([
      'server',
      '--address',
      '10.17.0.12:9000',
      '--console-address',
      '10.17.0.12:9001',
      'http://10.17.0.10:9000/data',
      'http://10.17.0.11:9000/data',
      'http://10.17.0.12:9000/data',
      'http://10.17.0.13:9000/data',
    ]);
    expect(minio!.env).toEqual({ MINIO_PROMETHEUS_AUTH_TYPE: 'public', MINIO_UPDATE: 'off' });
    expect(minio!.templates[0]).toMatchObject({ destination: 'secrets/minio.env', env: true });
    expect(minio!.templates[0]!.data).toContain('MINIO_ROOT_PASSWORD={{ with secret "epl/data/system/minio-global/root" }}{{ .Data.data.password }}{{ end }}');
    expect(minio!.volumeMounts).toEqual([{ volume: 'data', destination: '/data' }]);
    expect(minio!.vault).toBe(true);
    expect(nginx!.templates[0]!.data).toContain('listen 10.17.0.12:9002;');
    expect(nginx!.templates[0]!.data).toContain('server 10.17.0.13:9000 max_fails=2 fail_timeout=10s;');
    expect(nginx!.vault).toBeUndefined();
  });

  it('provisions buckets and users from the first group as a poststart task', () => {
    const { plan } = planned();
    const mc = plan.jobs[0]!.job.groups[0]!.tasks.find((t) => t.name === 'mc')!;
    expect(mc.lifecycle).toEqual({ hook: 'poststart', sidecar: false });
    expect(mc.templates.map((t) => t.destination)).toEqual([
      'local/provision-buckets.sh',
      'secrets/root-keys',
      'local/policies/docker-registry-us-west.json',
      'secrets/users/docker-registry-us-west',
      'local/policies/app-user.json',
      'secrets/users/app-user',
      'local/policies/reader.json',
      'secrets/users/reader',
    ]);
    const script = mc.templates[0]!.data;
    expect(script).toContain('mc mb --ignore-existing --with-lock local/docker\n');
    expect(script).toContain('mc mb --ignore-existing local/media\n');
    expect(script).toContain('mc admin user add local app-user < /secrets/users/app-user\n');
    expect(script).toContain('mc admin policy set local epl-user-app-user user=app-user\n');
    expect(script).toContain('mc alias set local http://10.17.0.10:9000 --api S3v4 --path on < /secrets/root-keys');
    // Keys never on a command line.
    expect(script).not.toMatch(/secret "|\.Data\./);
    expect(mc.templates[3]!.data).toBe('{{ with secret "epl/data/epl/minio-global/user-docker-registry-us-west" }}{{ .Data.data.password }}{{ end }}\n');
  });

  it('keeps user text out of template actions and shell words', () => {
    expect(templateLiteral('a {{ .x }} {{{b')).toBe('a {{ "{{" }} .x }} {{ "{{" }}{b');
    const { c, model } = planned();
    c.bucket("x'; rm -rf / #");
    const [first] = (planMinioCluster(model, c).jobs[0]!.job.groups[0]!.tasks.find((t) => t.name === 'mc')!.templates);
    expect(first!.data).toContain(`mc mb --ignore-existing --with-lock 'local/x'\\''; rm -rf / #'`);
    expect(mcProvisionScript(c, { index: 0, name: 'minio-1', address: '10.17.0.10' } as never)).toContain("'local/x'\\''; rm -rf / #'");
  });
});
