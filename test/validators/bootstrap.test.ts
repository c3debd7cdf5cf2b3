import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, exampleProject, readSecrets, REPO, tempDir, type Project } from '../helpers/cli';
import { asRoot, hasTool } from '../helpers/tools';

/**
 * The region's bootstrap.sh, run as generated (paths under /var/lib moved into a scratch root)
 * against a stand-in for the Consul, Nomad and Vault HTTP APIs (test/helpers/hashicorp-stub.cjs:
 * Debian packages none of them, so the daemons cannot run here). Proves the order of the steps,
 * the bodies, that tokens never reach a command line, that Vault's keys end up in the secrets file
 * through `epl secrets capture`, and that a second run changes nothing.
 */
describe('bootstrap.sh of a region', () => {
  let p: Project;
  let root: string;
  let script: string;
  let bundle: string;
  let env: Record<string, string>;
  let statePath: string;
  let logPath: string;
  const STUB = path.join(__dirname, '..', 'helpers', 'hashicorp-stub.cjs');

  const state = () => JSON.parse(fs.readFileSync(statePath, 'utf8'));
  const setState = (s: unknown) => fs.writeFileSync(statePath, JSON.stringify(s));
  const writes = () => fs.readFileSync(logPath, 'utf8').split('\n').filter((l) => l && !l.startsWith('GET '));
  const run = (...args: string[]) => {
    fs.writeFileSync(logPath, '');
    const [cmd, ...rest] = asRoot(['sh', script, ...args, bundle]);
    return spawnSync(cmd!, rest, { encoding: 'utf8', env: { ...process.env, ...env } });
  };
  const synth = async () => {
    const r = await cli(['synth'], p.dir);
    expect(r.code, r.stderr).toBe(0);
    // The script as generated, reading the CAs from the scratch root instead of /var/lib.
    const text = fs.readFileSync(path.join(p.dir, 'out/bootstrap/us-west/bootstrap.sh'), 'utf8');
    fs.writeFileSync(script, text.replace(/\/var\/lib\//g, `${root}/var/lib/`));
  };

  beforeAll(async () => {
    for (const tool of ['jq', 'curl', 'shellcheck']) hasTool(tool);
    p = exampleProject();
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'single-dc.secrets.yml'), path.join(p.dir, 'epl.secrets.yml'));
    root = tempDir();
    script = path.join(root, 'bootstrap.sh');
    await synth();
    bundle = path.join(p.dir, 'out/secrets/bootstrap/us-west');
    const keys = path.join(root, 'var/lib/epl-secrets');
    fs.mkdirSync(keys, { recursive: true });
    const cas: Record<string, string> = {};
    for (const name of ['consul', 'nomad', 'vault']) {
      cas[name] = path.join(keys, `${name}-ca.crt`);
      fs.copyFileSync(path.join(p.dir, `out/secrets/servers/server-a/${name}-ca.crt`), cas[name]!);
    }
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'curl'), `#!/bin/sh\nexec ${process.execPath} ${STUB} "$@"\n`, { mode: 0o755 });
    statePath = path.join(root, 'state.json');
    logPath = path.join(root, 'requests.log');
    const secrets = readSecrets(path.join(p.dir, 'epl.secrets.yml'));
    const tokens = Object.entries(secrets).filter(([k]) => /^region\/us-west\/(consul-acl|nomad-acl)/.test(k)).map(([, v]) => v);
    fs.writeFileSync(path.join(root, 'secrets.txt'), tokens.join('\n') + '\n');
    setState({
      consul: { management: secrets['region/us-west/consul-acl-management-token'], policies: {}, tokens: {}, authMethods: {}, bindingRules: [] },
      nomad: { bootstrap: null },
      vault: { keys: [], threshold: 0, root: null, instances: Object.fromEntries(['10.17.0.11', '10.17.0.12', '10.17.0.13'].map((ip) => [ip, { sealed: true, given: [] }])), auth: {}, mounts: {}, jwtConfig: {}, roles: {}, policies: {} },
    });
    env = {
      PATH: `${bin}:${process.env.PATH}`,
      STUB_STATE: statePath,
      STUB_LOG: logPath,
      STUB_CAS: JSON.stringify(cas),
      STUB_SECRETS: path.join(root, 'secrets.txt'),
      EPL_BOOTSTRAP_WAIT_TRIES: '2',
    };
  }, 120_000);

  it('sets up Consul and Nomad, and stops at an uninitialized Vault unless asked to print its keys', () => {
    const r = run();
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('Vault of region us-west is not initialized. Initialize it through epl, which keeps its unseal keys and root token: make bootstrap-us-west');
    for (const what of ['agent', 'default', 'nomad-server', 'nomad-client', 'vault']) {
      expect(r.stdout).toContain(`created Consul policy ${what}\n`);
      expect(r.stdout).toContain(`created Consul token ${what}\n`);
    }
    expect(r.stdout).toContain("bootstrapped Nomad's ACLs");
    const s = state();
    const secrets = readSecrets(path.join(p.dir, 'epl.secrets.yml'));
    // The tokens the agents' configurations carry exist, with the policy of their name.
    const tokens = Object.values(s.consul.tokens) as Array<{ SecretID: string; Policies: Array<{ Name: string }> }>;
    expect(tokens.map((t) => [t.SecretID, t.Policies.map((x) => x.Name)]).sort()).toEqual(
      ['agent', 'default', 'nomad-server', 'nomad-client', 'vault'].map((n) => [secrets[`region/us-west/consul-acl-${n}-token`], [n]]).sort(),
    );
    expect(s.consul.authMethods['nomad-workloads'].Config).toMatchObject({
      JWKSURL: 'https://10.17.0.10:4646/.well-known/jwks.json',
      JWKSCACert: secrets['global/nomad-ca/cert']!.trim(),
      BoundAudiences: ['consul.io'],
    });
    expect(s.consul.bindingRules).toHaveLength(1);
    expect(s.nomad.bootstrap).toBe(secrets['region/us-west/nomad-acl-bootstrap-token']);
  });

  it('initializes Vault through make bootstrap-us-west (epl secrets capture over ssh), which keeps the keys, and unseals every instance', () => {
    fs.writeFileSync(logPath, '');
    // ssh that runs the remote command here, as root, with what tar sent on its stdin.
    const ssh = path.join(root, 'bin', 'fake-ssh');
    fs.writeFileSync(ssh, `#!/bin/sh\nshift\nexec ${asRoot(['sh', '-c', '"$1"', 'sh']).join(' ')}\n`, { mode: 0o755 });
    fs.copyFileSync(script, path.join(p.dir, 'out/bootstrap/us-west/bootstrap.sh'));
    const make = spawnSync('make', ['-s', '-C', path.join(p.dir, 'out'), 'bootstrap-us-west', `SSH=${ssh}`, `EPL=${process.execPath} ${path.join(REPO, 'bin', 'epl.cjs')}`], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    const r = { code: make.status, stdout: make.stdout, stderr: make.stderr };
    expect(r.code, r.stderr).toBe(0);
    const s = state();
    expect(r.stdout).toContain('(kept region/us-west/vault-unseal-keys in epl.secrets.yml)');
    expect(r.stdout).toContain('(kept region/us-west/vault-root-token in epl.secrets.yml)');
    for (const key of s.vault.keys) expect(r.stdout).not.toContain(key);
    expect(r.stdout).not.toContain(s.vault.root);
    const secrets = readSecrets(path.join(p.dir, 'epl.secrets.yml'));
    expect(secrets['region/us-west/vault-unseal-keys']).toBe(s.vault.keys.join('\n'));
    expect(secrets['region/us-west/vault-root-token']).toBe(s.vault.root);
    expect(Object.values(s.vault.instances).map((i) => (i as { sealed: boolean }).sealed)).toEqual([false, false, false]);
    expect(r.stdout).toMatch(/unsealed Vault on server-b\nunsealed Vault on server-c\nunsealed Vault on server-d\n/);
    expect(s.vault.auth['jwt-nomad/'].type).toBe('jwt');
    expect(s.vault.roles['nomad-workloads']).toMatchObject({ bound_audiences: ['vault.io'], token_policies: ['nomad-workloads'] });
    expect(s.vault.policies['nomad-workloads']).toContain(`identity.entity.aliases.${s.vault.auth['jwt-nomad/'].accessor}.metadata.nomad_job_id`);
    // Consul and Nomad were done before: nothing written there again.
    expect(writes().filter((w) => !w.includes(' vault '))).toEqual([]);
  });

  it('changes nothing when run again with the captured keys in the bundle', async () => {
    await synth();
    expect(fs.readFileSync(path.join(bundle, 'vault-unseal-keys'), 'utf8')).toBe(state().vault.keys.join('\n') + '\n');
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('region us-west: nothing to change\n');
    expect(writes()).toEqual([]);
  });

  it('unseals restarted instances, and repairs what drifted, touching nothing else', () => {
    const s = state();
    for (const i of Object.values(s.vault.instances) as Array<{ sealed: boolean }>) i.sealed = true;
    const policy = Object.values(s.consul.policies).find((x) => (x as { Name: string }).Name === 'agent') as { Rules: string };
    policy.Rules = 'node_prefix "" { policy = "read" }';
    setState(s);
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('updated Consul policy agent\nunsealed Vault on server-b\nunsealed Vault on server-c\nunsealed Vault on server-d\nregion us-west: 4 changes\n');
    expect(writes().filter((w) => !w.startsWith('PUT vault') || !w.endsWith('/v1/sys/unseal'))).toEqual([expect.stringMatching(/^PUT consul 127\.0\.0\.1:8501\/v1\/acl\/policy\/[0-9a-f-]+$/)]);
  });

  it('refuses to initialize a Vault again while the bundle holds the keys of an earlier one', () => {
    const s = state();
    setState({ ...s, vault: { ...s.vault, keys: [], root: null } });
    const r = run('--print-vault-init');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the bundle has unseal keys of an earlier Vault');
    expect(writes()).toEqual([]);
    setState(s);
  });
});
