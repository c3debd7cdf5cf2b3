import { describe, expect, it } from 'vitest';
import example from '../../../../examples/single-dc/epl';
import { buildModel } from '../../../../synth/model/build-model';
import { component } from '../../../../synth/components/backend-app';
import { emitRustCrates } from '../../../../synth/emit/rust/crate';
import { FileTree } from '../../../../lib/files/file-tree';
import { emitContext } from '../../../helpers/emit';

describe('backend-app Vault secrets of examples/single-dc', () => {
  const plan = component.plan(buildModel(example));

  it("compose each shard's connection strings from the database users' passwords, under the app job's own path", () => {
    const db = { path: 'system/pg-testdb/db-testdb_a' };
    expect(plan.vaultSecrets!.filter((s) => s.path.includes('/pg-'))).toEqual([
      {
        region: expect.objectContaining({ regionName: 'us-west' }),
        path: 'apps/app-test-hello-world/pg-default',
        fields: {
          // Through HAProxy on any live instance: 5433 forwards to the leader, 5434 to the replicas.
          url: { compose: ['postgres://testdb_a_rw:', { ...db, field: 'rw_password' }, '@epl-pg-testdb.service.consul:5433/testdb_a'] },
          ro_url: { compose: ['postgres://testdb_a_ro:', { ...db, field: 'ro_password' }, '@epl-pg-testdb.service.consul:5434/testdb_a'] },
        },
      },
    ]);
  });

  it("copy the deployment's MinIO user password to the app job's own path for each bucket", () => {
    const user = { path: 'system/minio-global/user-app-test-hello-world', field: 'password' };
    expect(plan.vaultSecrets!.filter((s) => !s.path.includes('/pg-'))).toEqual([
      { region: expect.objectContaining({ regionName: 'us-west' }), path: 'apps/app-test-hello-world/s3-storage', fields: { password: { copy: user } } },
    ]);
  });

  it('are what the job template reads: every secret path of the job is under its namespace and id', () => {
    const job = plan.jobs![0]!.job;
    const data = job.groups[0]!.tasks[0]!.templates.map((t) => t.data).join('');
    const read = [...data.matchAll(/secret "epl\/data\/([^"]+)" \}\}\{\{ \.Data\.data\.(\w+) \}\}/g)].map((m) => `${m[1]}#${m[2]}`);
    const own = plan.vaultSecrets!.filter((s) => s.path.startsWith(`${job.namespace}/${job.name}/`));
    const written = own.flatMap((s) => Object.keys(s.fields).map((f) => `${s.path}#${f}`));
    expect(read.sort()).toEqual(written.sort());
    for (const r of read) expect(r.startsWith(`${job.namespace}/${job.name}/`)).toBe(true);
  });
});

describe('the env contract between the job and the generated crate', () => {
  // The crate's stream and bucket bindings come with the apps issue; until then the job sets
  // their variables (EPL_NATS_*, EPL_S3_*) and the crate reads none of them.
  it('sets exactly the variables the crate reads, and the stream and bucket variables', async () => {
    const ctx = await emitContext(example);
    const out = new FileTree();
    emitRustCrates(ctx, out);
    const rust = out.list().filter((f) => f.path.startsWith('apps/hello-world/src/')).map((f) => f.content).join('\n');
    const readByCrate = new Set([...rust.matchAll(/std::env::var\("([A-Z0-9_]+)"\)/g)].map((m) => m[1]!));
    const task = component.plan(ctx.model).jobs![0]!.job.groups[0]!.tasks[0]!;
    const fromTemplates = task.templates.filter((t) => t.env).flatMap((t) => [...t.data.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!));
    const setByJob = new Set([...Object.keys(task.env ?? {}), ...fromTemplates]);
    const wiring = (v: string) => v.startsWith('EPL_NATS_') || v.startsWith('EPL_S3_');
    // The OpenTelemetry SDKs' own variables (the region's Tempo cluster), read by an OTLP exporter, not by epl's code.
    const otel = (v: string) => v.startsWith('OTEL_');
    expect([...setByJob].filter(otel).sort()).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME']);
    expect([...readByCrate].sort()).toEqual([...setByJob].filter((v) => !wiring(v) && !otel(v)).sort());
    expect([...setByJob].filter(wiring)).toHaveLength(3 * 2 + 4);
    expect(readByCrate).toContain('EPL_PG_DEFAULT_URL');
  });
});
