import { describe, expect, it } from 'vitest';
import { Architecture, PgDeployment, type ServerVolume } from '../../../../constructs';
import { DockerImageSet } from '../../../../constructs/core/docker-image-pin';
import { buildModel } from '../../../../synth/model/build-model';
import { component, planPgDeployment } from '../../../../synth/components/postgres';
import { patroniTaskMemory, pgInstanceMemory } from '../../../../synth/components/postgres/instances';
import { platform, type Platform } from '../../../helpers/platform';

/** The standard platform's `pgtest1` volumes of the first `n` servers. */
const volumesOf = (p: Platform, n: number): ServerVolume[] => ['server-a', 'server-b', 'server-c'].slice(0, n).map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume);

/** A platform with one deployment `testdb` over three servers, and its plan. */
function planned(props: Partial<ConstructorParameters<typeof PgDeployment>[2]> = {}) {
  let d!: PgDeployment;
  const p = platform({
    extend: (p) => {
      d = new PgDeployment(p.region, 'testdb', { instances: volumesOf(p, 3), ...props });
      d.unmanagedDatabase('grafana');
    },
  });
  const model = buildModel(p.app);
  return { p, d, model, plan: planPgDeployment(model, d) };
}

describe('Postgres component plan', () => {
  it('plans nothing without deployments', () => {
    expect(component.plan(buildModel(platform().app))).toEqual({ l2Steps: [], l2Files: [] });
  });

  it('reserves six consecutive ports on every instance server, each traced to its instance', () => {
    const { p, d, plan } = planned({ instancePgPort: 6000 });
    expect(plan.ports).toHaveLength(18);
    const onA = plan.ports.filter((r) => 'server' in r.on && r.on.server === p.servers['server-a']);
    expect(onA.map((r) => r.port)).toEqual([6000, 6001, 6002, 6003, 6004, 6005]);
    expect(onA.map((r) => r.owner)).toContain('pg testdb postgres');
    expect(onA.every((r) => r.origin?.construct === d && JSON.stringify(r.origin.prop) === '["instances",0]')).toBe(true);
  });

  it('takes one lock and the memory of all three tasks per instance', () => {
    const { p, plan } = planned();
    expect(plan.locks.map((l) => [l.server.hostname, l.lock])).toEqual([
      ['server-a', 'epl-pg-testdb'],
      ['server-b', 'epl-pg-testdb'],
      ['server-c', 'epl-pg-testdb'],
    ]);
    // 256 + 128 + 64 + 4 × 16 for Postgres, 64 each for HAProxy and the exporter.
    expect(plan.memory.map((m) => m.mib)).toEqual([640, 640, 640]);
    expect(plan.memory[1]!.on).toEqual({ server: p.servers['server-b'] });
  });

  it('sizes the Patroni task from the memory settings', () => {
    const { d } = planned({ sharedBuffersMb: 1024, workMemMb: 8, maintenanceWorkMemMb: 256, overheadMemMb: 100, maxConnections: 1000 });
    expect(patroniTaskMemory(d)).toEqual({ memoryMb: 1024 + 256 + 100 + 32, memoryMaxMb: 1024 + 256 + 100 + 100 * 8 });
    expect(pgInstanceMemory(d)).toBe(1412 + 128);
  });

  it('uses the three image pins for the workload architecture', () => {
    const { plan } = planned({ workloadArchitecture: Architecture.ARM64 });
    expect(plan.images.map((i) => [i.set, i.architecture, i.origin.prop])).toEqual([
      [DockerImageSet.POSTGRES, 'arm64', ['image']],
      [DockerImageSet.HAPROXY, 'arm64', ['haproxyImage']],
      [DockerImageSet.POSTGRES_EXPORTER, 'arm64', ['exporterImage']],
    ]);
  });

  it('generates the admin and database passwords in Vault and a Consul token for Patroni', () => {
    const { plan } = planned();
    expect(plan.vaultSecrets.map((s) => [s.path, Object.keys(s.fields).sort()])).toEqual([
      ['epl/pg-testdb/admin', ['exporter_password', 'patroni_api_password', 'replication_password', 'rewind_password', 'superuser_password']],
      ['epl/pg-testdb/db-grafana', ['ro_password', 'rw_password']],
    ]);
    expect(Object.values(plan.vaultSecrets[0]!.fields)).toEqual(Array(5).fill({ generate: 'password' }));
    const [token] = plan.consulTokens;
    expect(token).toMatchObject({ name: 'epl-patroni-testdb', vaultPath: 'epl/pg-testdb/admin', field: 'consul_token' });
    expect(token!.rules).toContain('service_prefix "epl-pg-testdb" { policy = "write" }');
    expect(token!.rules).toContain('key_prefix "service/epl-pg-testdb/" { policy = "write" }');
    expect(token!.rules).toContain('session_prefix "" { policy = "write" }');
  });

  it('schedules one system-stage job with a group per instance pinned to its server', () => {
    const { plan } = planned({ namespace: 'system', replicaRollingUpdateDelaySeconds: 90 });
    expect(plan.jobs).toHaveLength(1);
    const { job, stage } = plan.jobs[0]!;
    expect(stage).toBe('system');
    expect(job).toMatchObject({ name: 'pg-testdb', namespace: 'system', region: 'us-west', datacenters: ['dc1'], type: 'service', update: { maxParallel: 1 } });
    expect(job.groups.map((g) => [g.name, g.count, g.shutdownDelay])).toEqual([
      ['pg-1', 1, '0s'],
      ['pg-2', 1, '90s'],
      ['pg-3', 1, '180s'],
    ]);
    const g = job.groups[1]!;
    expect(g.constraints).toEqual([
      { attribute: '${attr.kernel.arch}', value: 'x86_64' },
      { attribute: '${meta.lock_epl-pg-testdb}', operator: '>', value: '0' },
      { attribute: '${node.unique.name}', value: 'server-b' },
    ]);
    expect(g.ports.map((p) => p.static)).toEqual([5432, 5433, 5434, 5435, 5436, 5437]);
    expect(g.volumes).toEqual([{ name: 'data', source: 'pgtest1', readOnly: false }]);
    expect(g.services.map((s) => s.name)).toEqual(['epl-pg-testdb-hap-exp', 'epl-pg-testdb-pg-exp']);
    expect(g.services.every((s) => s.checks.length === 1 && s.checks[0]!.type === 'http')).toBe(true);
    expect(g.tasks.map((t) => [t.name, t.memoryMb])).toEqual([
      ['patroni', 512],
      ['haproxy', 64],
      ['postgres-exporter', 64],
    ]);
    const [patroni, haproxy, exporter] = g.tasks;
    expect(patroni!.image).toMatch(/^cultleader777\/patroni-pg@sha256:/);
    expect(patroni!.volumeMounts).toEqual([{ volume: 'data', destination: '/data' }]);
    expect(patroni!.vault).toBe(true);
    expect(patroni!.templates[0]!.data).toContain('name: pg-2');
    expect(patroni!.templates[0]!.data).toContain('{{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.superuser_password | toJSON }}{{ end }}');
    expect(haproxy!.templates[0]!.data).toContain('bind 10.17.0.11:5433');
    expect(exporter!.templates[0]).toMatchObject({ destination: 'secrets/exporter.env', env: true });
    expect(exporter!.templates[0]!.data).toMatch(/^DATA_SOURCE_NAME=postgresql:\/\/postgres_exporter:\{\{ with secret .* \| urlquery \}\}\{\{ end \}\}@10\.17\.0\.11:5432\/postgres\?sslmode=disable\n$/);
  });

  it('marks priority-0 instances nofailover and passes priorities to Patroni', () => {
    let d!: PgDeployment;
    const p = platform({
      extend: (p) => {
        const [a, b, c] = volumesOf(p, 3);
        d = new PgDeployment(p.region, 'testdb', { instances: [a!, { volume: b!, failoverPriority: 0 }, { volume: c!, failoverPriority: 500 }] });
      },
    });
    const { jobs } = planPgDeployment(buildModel(p.app), d);
    const yml = (i: number) => jobs[0]!.job.groups[i]!.tasks[0]!.templates[0]!.data;
    expect(d.instances.map((v) => v.volumeName)).toEqual(['pgtest1', 'pgtest1', 'pgtest1']);
    expect(d.failoverPriorities).toEqual([100, 0, 500]);
    expect(yml(0)).toMatch(/failover_priority: 100\n {2}nofailover: false/);
    expect(yml(1)).toMatch(/failover_priority: 0\n {2}nofailover: true/);
    expect(yml(2)).toMatch(/failover_priority: 500\n {2}nofailover: false/);
  });

  it('turns on synchronous mode and the memory settings in patroni.yml', () => {
    const { plan } = planned({ synchronousReplication: true, sharedBuffersMb: 512, maxConnections: 123 });
    const yml = plan.jobs[0]!.job.groups[0]!.tasks[0]!.templates[0]!.data;
    expect(yml).toContain('synchronous_mode: true');
    expect(yml).toContain('shared_buffers: 512MB');
    expect(yml).toContain('max_connections: 123');
  });
});
