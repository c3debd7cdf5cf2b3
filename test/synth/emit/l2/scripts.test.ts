import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileTree } from '../../../../lib/files/file-tree';
import { emitL2 } from '../../../../synth/emit/l2';
import { tempDir } from '../../../helpers/cli';
import { hasTool, runTool } from '../../../helpers/tools';
import { fixture, PATRONI_RULES, writeFiles } from './fixture';

const STUB = path.join(__dirname, '..', '..', '..', 'helpers', 'hashicorp-stub.cjs');
const VAULT_ROOT = 'hvs.l2-test-root';
const NOMAD_TOKEN = '5b0e3a4c-1111-4c3e-9d7e-0a1b2c3d4e5f';
const CONSUL_MANAGEMENT = '7e1f2a3b-2222-4d4e-8f9a-0b1c2d3e4f5a';

const JOBS: Record<string, string> = {
  'epl_pg-main.hcl': 'job "pg-main" {\n  namespace = "epl"\n  type = "service"\n  group "pg" {\n  }\n}\n',
  'default_plain.hcl': 'job "plain" {\n  type = "system"\n}\n',
  'apps_hello.hcl': 'job "hello" {\n  namespace = "apps"\n  group "app" {\n    task "app" {\n      config {\n        image = "epl-docker-registry.service.consul:5000/epl-app/hello@sha256:abc"\n      }\n    }\n  }\n}\n',
  'apps_pending.hcl': 'job "pending" {\n  namespace = "apps"\n  group "app" {\n    task "app" {\n      config {\n        image = "@@EPL_APP_IMAGE_x86_64:pending@@"\n      }\n    }\n  }\n}\n',
};

/**
 * The generic L2 scripts of a hand-made plan, run as generated against the stand-in for the
 * Consul, Nomad and Vault HTTP APIs (test/helpers/hashicorp-stub.cjs, in place of curl): what they
 * create, that a second run writes nothing, that a value Vault has is never replaced, that a job
 * still holding a placeholder is not scheduled, and that no token or secret is on a command line.
 */
describe('the L2 provisioning scripts of a region', () => {
  let dir: string;
  let root: string;
  let env: Record<string, string>;
  let statePath: string;
  let logPath: string;
  let secretsPath: string;
  let files: ReturnType<FileTree['list']>;

  const state = () => JSON.parse(fs.readFileSync(statePath, 'utf8'));
  const setState = (s: unknown) => fs.writeFileSync(statePath, JSON.stringify(s));
  const kv = (p: string) => state().vault.kv?.epl?.[p] as { data: Record<string, string>; version: number } | undefined;
  /** Requests that change something (parse and plan only compute). */
  const writes = () => fs.readFileSync(logPath, 'utf8').split('\n').filter((l) => l && !l.startsWith('GET ') && !/\/v1\/jobs\/parse|\/plan\?/.test(l));
  const run = (script: string) => {
    fs.writeFileSync(logPath, '');
    return spawnSync('sh', [path.join(dir, script)], { encoding: 'utf8', env: { ...process.env, ...env } });
  };
  /** Every value Vault keeps becomes a value no command line may hold. */
  const guardSecrets = () => {
    const s = state();
    const values = Object.values(s.vault.kv?.epl ?? {}).flatMap((x) => Object.values((x as { data: Record<string, string> }).data));
    fs.writeFileSync(secretsPath, [VAULT_ROOT, NOMAD_TOKEN, CONSUL_MANAGEMENT, ...values.filter((v) => v.length >= 8)].join('\n') + '\n');
  };
  const fresh = () =>
    setState({
      consul: { management: CONSUL_MANAGEMENT, policies: {}, tokens: {}, authMethods: {}, bindingRules: [] },
      nomad: { bootstrap: NOMAD_TOKEN },
      vault: { keys: ['k'], threshold: 1, root: VAULT_ROOT, instances: { '10.17.0.11': { sealed: false, given: [] } }, auth: {}, mounts: { 'epl/': { type: 'kv', options: { version: '2' } } }, jwtConfig: {}, roles: {}, policies: {} },
    });

  beforeAll(() => {
    for (const tool of ['jq', 'curl']) hasTool(tool);
    const { ctx } = fixture();
    const tree = new FileTree();
    emitL2(ctx, tree);
    files = tree.list();
    root = tempDir();
    writeFiles(root, files);
    dir = path.join(root, 'l2-provisioning/us-west');
    for (const [name, text] of Object.entries(JOBS)) writeFiles(dir, [{ path: `nomad-jobs/${name}`, content: text, mode: 0o644 }]);
    const cas: Record<string, string> = {};
    for (const name of ['consul', 'nomad', 'vault']) {
      cas[name] = path.join(root, `${name}-ca.crt`);
      fs.writeFileSync(cas[name]!, `${name} CA\n`);
    }
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'curl'), `#!/bin/sh\nexec ${process.execPath} ${STUB} "$@"\n`, { mode: 0o755 });
    statePath = path.join(root, 'state.json');
    logPath = path.join(root, 'requests.log');
    secretsPath = path.join(root, 'secrets.txt');
    env = {
      PATH: `${bin}:${process.env.PATH}`,
      STUB_STATE: statePath,
      STUB_LOG: logPath,
      STUB_CAS: JSON.stringify(cas),
      STUB_SECRETS: secretsPath,
      VAULT_TOKEN: VAULT_ROOT,
      NOMAD_TOKEN,
      CONSUL_HTTP_TOKEN: CONSUL_MANAGEMENT,
      CONSUL_CACERT: cas.consul!,
      NOMAD_CACERT: cas.nomad!,
      VAULT_CACERT: cas.vault!,
      EPL_L2_WAIT_TRIES: '2',
      EPL_L2_LOG_DIR: path.join(root, 'logs'),
    };
  });

  beforeEach(() => {
    fresh();
    guardSecrets();
  });

  it('are all there and pass shellcheck', () => {
    const scripts = files.filter((f) => f.path.endsWith('.sh')).map((f) => f.path);
    expect(scripts).toEqual([
      'l2-provisioning/us-west/pg-migrations/up_main.sh',
      'l2-provisioning/us-west/provision.sh',
      'l2-provisioning/us-west/scripts/provision-nomad-namespaces.sh',
      'l2-provisioning/us-west/scripts/provision-pg-main.sh',
      'l2-provisioning/us-west/scripts/provision-vault-secrets.sh',
      'l2-provisioning/us-west/scripts/schedule-nomad-app-jobs.sh',
      'l2-provisioning/us-west/scripts/schedule-nomad-system-jobs.sh',
    ]);
    if (!hasTool('shellcheck')) return;
    for (const f of scripts) {
      const r = runTool('shellcheck', ['--severity=style', path.join(root, f)]);
      expect(r.stdout, f).toBe('');
      expect(r.status, f).toBe(0);
    }
  });

  it('provision-vault-secrets generates what is missing, derives the rest, and makes the Consul token Vault keeps', () => {
    const r = run('scripts/provision-vault-secrets.sh');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const su = kv('epl/pg-main/superuser')!;
    expect(su.data).toEqual({ username: 'postgres', password: expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    const db = kv('apps/hello/db')!;
    expect(db.data).toEqual({ password: su.data.password, url: `postgres://it's:${su.data.password}@master.epl-pg-main.service.consul:5433/$db` });
    const envSecret = kv('apps/hello/env')!;
    expect(envSecret.data).toEqual({ DATABASE_URL: db.data.url, instance: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    const secretId = kv('epl/pg-main/consul')!.data.token!;
    expect(secretId).toMatch(/^[0-9a-f-]{36}$/);
    const s = state();
    expect(Object.values(s.consul.policies)).toEqual([{ ID: expect.any(String), Name: 'epl-patroni-main', Description: 'epl: epl-patroni-main', Rules: PATRONI_RULES }]);
    expect(Object.values(s.consul.tokens)).toEqual([{ AccessorID: expect.any(String), SecretID: secretId, Description: 'epl: epl-patroni-main', Policies: [{ ID: expect.any(String), Name: 'epl-patroni-main' }] }]);
    // Each secret written once; no value of one in the output.
    expect(writes().filter((w) => w.includes(' vault '))).toHaveLength(4);
    for (const v of [su.data.password, secretId, envSecret.data.instance]) expect(r.stdout).not.toContain(v);
    expect(r.stdout).toContain('epl/epl/pg-main/superuser: generated password\n');
    expect(r.stdout).toContain('wrote epl/apps/hello/db (password, url)\n');
    expect(r.stdout).toContain('created Consul policy epl-patroni-main\ncreated Consul token epl-patroni-main\n');

    // Again, with every value now guarded against command lines: nothing written.
    guardSecrets();
    const again = run('scripts/provision-vault-secrets.sh');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('vault secrets of region us-west: nothing to change\n');
    expect(writes()).toEqual([]);
  });

  it('never replaces a value Vault has, keeps fields epl does not know, and corrects derived ones', () => {
    const s = state();
    s.vault.kv = { epl: { 'epl/pg-main/superuser': { data: { password: 'set-by-the-operator', note: 'mine' }, version: 3 }, 'apps/hello/db': { data: { password: 'stale', url: 'stale' }, version: 1 } } };
    setState(s);
    guardSecrets();
    const r = run('scripts/provision-vault-secrets.sh');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(kv('epl/pg-main/superuser')).toEqual({ data: { password: 'set-by-the-operator', note: 'mine', username: 'postgres' }, version: 4 });
    expect(kv('apps/hello/db')!.data.password).toBe('set-by-the-operator');
    expect(kv('apps/hello/env')!.data.DATABASE_URL).toContain(':set-by-the-operator@');
    expect(r.stdout).not.toContain('generated password');
  });

  it('repairs a Consul token that drifted or vanished, with the SecretID Vault keeps', () => {
    run('scripts/provision-vault-secrets.sh');
    const secretId = kv('epl/pg-main/consul')!.data.token;
    const s = state();
    const policy = Object.values(s.consul.policies)[0] as { Rules: string };
    policy.Rules = 'key_prefix "" { policy = "write" }';
    const token = Object.values(s.consul.tokens)[0] as { Policies: unknown[] };
    token.Policies = [];
    setState(s);
    guardSecrets();
    let r = run('scripts/provision-vault-secrets.sh');
    expect(r.stdout).toBe('updated Consul policy epl-patroni-main\nupdated Consul token epl-patroni-main\nvault secrets of region us-west: 2 changes\n');
    expect(Object.values(state().consul.tokens)).toMatchObject([{ SecretID: secretId, Policies: [{ Name: 'epl-patroni-main' }] }]);
    setState({ ...state(), consul: { ...state().consul, tokens: {} } });
    r = run('scripts/provision-vault-secrets.sh');
    expect(r.stdout).toBe('created Consul token epl-patroni-main\nvault secrets of region us-west: 1 changes\n');
    expect(Object.values(state().consul.tokens)).toMatchObject([{ SecretID: secretId }]);
    expect(writes()).toEqual([expect.stringMatching(/^PUT consul 127\.0\.0\.1:8501\/v1\/acl\/token$/)]);
  });

  it('stops with what Vault answered when it cannot write', () => {
    const s = state();
    s.vault.mounts = {};
    setState(s);
    const r = run('scripts/provision-vault-secrets.sh');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^provision-vault-secrets: write epl\/apps\/hello\/db: HTTP 404: .*no handler for route/);
  });

  it('provision-nomad-namespaces makes the namespaces of the jobs, leaving default alone, once', () => {
    const r = run('scripts/provision-nomad-namespaces.sh');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('created Nomad namespace apps\ncreated Nomad namespace epl\nnomad namespaces of region us-west: 2 changes\n');
    expect(state().nomad.namespaces).toEqual({
      default: { Name: 'default', Description: 'Default shared namespace' },
      apps: { Name: 'apps', Description: 'epl: jobs of namespace apps' },
      epl: { Name: 'epl', Description: 'epl: jobs of namespace epl' },
    });
    expect(run('scripts/provision-nomad-namespaces.sh').stdout).toBe('nomad namespaces of region us-west: nothing to change\n');
    expect(writes()).toEqual([]);
  });

  it('schedule scripts register changed jobs only, and skip an app job still holding a placeholder', () => {
    expect(run('scripts/provision-nomad-namespaces.sh').status).toBe(0);
    let r = run('scripts/schedule-nomad-system-jobs.sh');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^scheduled default\/plain \(evaluation [0-9a-f-]{36}\)\nscheduled epl\/pg-main \(evaluation [0-9a-f-]{36}\)\nnomad system jobs of region us-west: 2 changes\n$/);
    expect(state().nomad.jobs['epl/pg-main'].job).toMatchObject({ ID: 'pg-main', Namespace: 'epl' });
    r = run('scripts/schedule-nomad-app-jobs.sh');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('skipped apps/pending: apps_pending.hcl still holds a placeholder (@@EPL_APP_IMAGE_x86_64:pending@@); build and push its image first\n1 app jobs skipped: their job files still hold a placeholder (see above)\n');
    expect(r.stdout).toMatch(/^scheduled apps\/hello \(evaluation .*\)\nnomad app jobs of region us-west: 1 changes\n$/);
    expect(Object.keys(state().nomad.jobs).sort()).toEqual(['apps/hello', 'default/plain', 'epl/pg-main']);
    // Nothing changed: planned, not registered.
    expect(run('scripts/schedule-nomad-system-jobs.sh').stdout).toBe('nomad system jobs of region us-west: nothing to change\n');
    expect(writes()).toEqual([]);
    // A changed job file is registered again.
    const file = path.join(dir, 'nomad-jobs/epl_pg-main.hcl');
    const before = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, before.replace('group "pg"', 'group "postgres"'));
    r = run('scripts/schedule-nomad-system-jobs.sh');
    fs.writeFileSync(file, before);
    expect(r.stdout).toMatch(/^scheduled epl\/pg-main /);
    expect(state().nomad.jobs['epl/pg-main'].version).toBe(1);
  });

  it('run in order by provision.sh, and a second run changes nothing', () => {
    const runner = () => {
      fs.writeFileSync(logPath, '');
      return spawnSync('bash', [path.join(dir, 'provision.sh')], { encoding: 'utf8', env: { ...process.env, ...env } });
    };
    let r = runner();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/== stage 10: provision-nomad-namespaces provision-vault-secrets\n/);
    expect(r.stdout).toMatch(/\[30_provision-pg-main\] databases of pg-main\n/);
    expect(r.stdout).toMatch(/== stage 60: schedule-nomad-app-jobs\n[^]*\[60_schedule-nomad-app-jobs\] skipped apps\/pending/);
    guardSecrets();
    r = runner();
    expect(r.status).toBe(0);
    expect(writes()).toEqual([]);
  });
});
