import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthExampleInMemory, tempDir } from '../helpers/cli';

const STUB = path.join(__dirname, '..', 'helpers', 'hashicorp-stub.cjs');
const VAULT_ROOT = 'hvs.example-root';
const NOMAD_TOKEN = '0c7a3f52-3333-4a1b-9c2d-3e4f5a6b7c8d';
const CONSUL_MANAGEMENT = '1d8b4e63-4444-4b2c-8d3e-4f5a6b7c8d9e';

/**
 * The generic L2 scripts of the single-dc example (with what its Postgres deployment and backend
 * app contribute: secrets derived across deployments, Patroni's Consul token, the Nomad emitter's
 * job files) run as generated against the HTTP stand-in (test/helpers/hashicorp-stub.cjs): the
 * whole of stage 10, 20 and 60 works on the components' real output, and a second pass writes
 * nothing.
 */
describe('L2 provisioning of the single-dc example', () => {
  let dir: string;
  let env: Record<string, string>;
  let statePath: string;
  let logPath: string;

  const state = () => JSON.parse(fs.readFileSync(statePath, 'utf8'));
  const writes = () => fs.readFileSync(logPath, 'utf8').split('\n').filter((l) => l && !l.startsWith('GET ') && !/\/v1\/jobs\/parse|\/plan\?/.test(l));
  const run = (script: string) => {
    fs.writeFileSync(logPath, '');
    return spawnSync('sh', [path.join(dir, 'scripts', script)], { encoding: 'utf8', env: { ...process.env, ...env } });
  };
  const SCRIPTS = ['provision-vault-secrets.sh', 'provision-monitoring-cas.sh', 'provision-nomad-namespaces.sh', 'schedule-nomad-system-jobs.sh', 'schedule-nomad-app-jobs.sh'];

  beforeAll(async () => {
    const { files, modes } = await synthExampleInMemory();
    const root = tempDir();
    for (const [p, content] of Object.entries(files)) {
      if (!p.startsWith('l2-provisioning/us-west/') && !p.startsWith('secrets/bootstrap/us-west/')) continue;
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), content, { mode: modes[p] });
    }
    dir = path.join(root, 'l2-provisioning/us-west');
    const cas: Record<string, string> = {};
    for (const name of ['consul', 'nomad', 'vault']) fs.writeFileSync((cas[name] = path.join(root, `${name}-ca.crt`)), `${name} CA\n`);
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'curl'), `#!/bin/sh\nexec ${process.execPath} ${STUB} "$@"\n`, { mode: 0o755 });
    statePath = path.join(root, 'state.json');
    logPath = path.join(root, 'requests.log');
    fs.writeFileSync(path.join(root, 'secrets.txt'), [VAULT_ROOT, NOMAD_TOKEN, CONSUL_MANAGEMENT].join('\n') + '\n');
    fs.writeFileSync(
      statePath,
      JSON.stringify({
        consul: { management: CONSUL_MANAGEMENT, policies: {}, tokens: {}, authMethods: {}, bindingRules: [] },
        nomad: { bootstrap: NOMAD_TOKEN },
        vault: { keys: ['k'], threshold: 1, root: VAULT_ROOT, instances: { '10.17.0.11': { sealed: false, given: [] } }, auth: {}, mounts: { 'epl/': { type: 'kv', options: { version: '2' } } }, jwtConfig: {}, roles: {}, policies: {} },
      }),
    );
    env = {
      PATH: `${bin}:${process.env.PATH}`,
      STUB_STATE: statePath,
      STUB_LOG: logPath,
      STUB_CAS: JSON.stringify(cas),
      STUB_SECRETS: path.join(root, 'secrets.txt'),
      VAULT_TOKEN: VAULT_ROOT,
      NOMAD_TOKEN,
      CONSUL_HTTP_TOKEN: CONSUL_MANAGEMENT,
      CONSUL_CACERT: cas.consul!,
      NOMAD_CACERT: cas.nomad!,
      VAULT_CACERT: cas.vault!,
      EPL_L2_WAIT_TRIES: '2',
      // What provision.sh exports: the bootstrap bundle, which holds the user's own secrets.
      EPL_L2_TOKEN_DIR: path.join(root, 'secrets/bootstrap/us-west'),
    };
  }, 120_000);

  it('provisions the secrets, the Consul token, the namespaces and the jobs; a second pass changes nothing', () => {
    for (const script of SCRIPTS) {
      const r = run(script);
      expect(r.status, `${script}: ${r.stderr}`).toBe(0);
    }
    const s = state();
    const kv = s.vault.kv.epl as Record<string, { data: Record<string, string> }>;
    const admin = kv['system/pg-testdb/admin']!.data;
    const db = kv['system/pg-testdb/db-testdb_a']!.data;
    // The app's connection string carries the password the deployment's database user got.
    expect(kv['apps/app-test-hello-world/pg-default']!.data.url).toBe(`postgres://testdb_a_rw:${db.rw_password}@epl-pg-testdb.service.consul:5433/testdb_a`);
    const loki = kv['system/loki-main/config']!.data;
    expect(Object.values(s.consul.tokens)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ SecretID: kv['system/mon-default/consul']!.data.token, Policies: [expect.objectContaining({ Name: 'epl-mon-default' })] }),
        expect.objectContaining({ SecretID: admin.consul_token, Policies: [expect.objectContaining({ Name: 'epl-patroni-testdb' })] }),
        expect.objectContaining({ SecretID: loki.consul_token, Policies: [expect.objectContaining({ Name: 'epl-loki-main' })] }),
      ]),
    );
    expect(Object.values(s.consul.tokens)).toHaveLength(3);
    // Loki's copy of its bucket user's password.
    expect(loki.s3_secret_key).toBe(kv['system/minio-global/user-loki-main']!.data.password);
    // Prometheus verifies Nomad and Vault with the CAs the provisioning server trusts.
    expect(kv['system/mon-default/tls-ca']!.data).toEqual({ nomad_ca: 'nomad CA\n', vault_ca: 'vault CA\n' });
    // The Telegram bot's token, from the user's secret custom/telegram-default in the bundle.
    expect(kv['system/mon-default/notifications']!.data).toEqual({ 'telegram-default': '1234567' });
    expect(Object.keys(s.nomad.namespaces).sort()).toEqual(['apps', 'default', 'epl', 'system']);
    // The app's image is built and pushed by stages 40 and 50 (test/validators/docker-registry.test.ts), not run here: its job waits.
    expect(Object.keys(s.nomad.jobs).sort()).toEqual(['epl/docker-registry', 'system/grafana-main', 'system/loki-main', 'system/minio-global', 'system/mon-default', 'system/nats-main-nats', 'system/pg-testdb', 'system/tempo-us-west']);
    // Tempo's copy of its bucket user's password.
    expect(kv['system/tempo-us-west/config']!.data.s3_secret_key).toBe(kv['system/minio-global/user-tempo-us-west']!.data.password);
    expect(kv['system/minio-global/root']!.data).toEqual({ user: 'epl-minio-root', password: expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    // The registry's copy of its bucket user's password, made from what MinIO's user got.
    expect(kv['epl/docker-registry/storage']!.data.s3_secret_key).toBe(kv['system/minio-global/user-docker-registry-us-west']!.data.password);
    for (const script of SCRIPTS) {
      const r = run(script);
      expect(r.status, `${script}: ${r.stderr}`).toBe(0);
      expect(r.stdout, script).toMatch(/nothing to change\n$/);
      expect(writes(), script).toEqual([]);
    }
    expect(run('schedule-nomad-app-jobs.sh').stderr).toContain('skipped apps/app-test-hello-world: apps_app-test-hello-world.hcl still holds a placeholder (@@EPL_APP_IMAGE_x86_64:hello-world@@)');
  });

  it("takes the user's own secrets from the bootstrap bundle: a changed one replaces Vault's, a missing one stops the step", () => {
    const own = path.join(env.EPL_L2_TOKEN_DIR!, 'custom/telegram-default');
    fs.writeFileSync(own, '7654321\n');
    expect(run('provision-vault-secrets.sh').status).toBe(0);
    expect((state().vault.kv.epl as Record<string, { data: Record<string, string> }>)['system/mon-default/notifications']!.data).toEqual({ 'telegram-default': '7654321' });
    fs.rmSync(own);
    const missing = run('provision-vault-secrets.sh');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('epl secrets set custom/telegram-default');
  });
});
