import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSecrets, readTree, secretsBeside, synthExample, tempDir } from '../helpers/cli';
import { asRoot, hasTool, runTool } from '../helpers/tools';

describe('provisioning scripts', () => {
  let out: string;
  let files: Record<string, string>;
  beforeAll(async () => {
    out = await synthExample();
    files = readTree(out);
  });

  it('pass shellcheck', () => {
    if (!hasTool('shellcheck')) return;
    const scripts = Object.keys(files).filter((f) => f.endsWith('.sh'));
    expect(scripts).toHaveLength(5);
    for (const file of scripts) {
      const r = runTool('shellcheck', ['--shell=sh', '--severity=style', path.join(out, file)]);
      expect(r.stdout, file).toBe('');
      expect(r.status, file).toBe(0);
    }
  });

  it('hold no secret; the secret bundles beside them are owner-only', () => {
    expect(fs.statSync(path.join(out, 'l1-provisioning/server-a/provision.sh')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(out, 'secrets')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(out, 'secrets/servers/server-a')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(out, 'secrets/servers/server-a/consul-tls.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(out, 'secrets/admin/wg.conf')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(secretsBeside(out)).mode & 0o777).toBe(0o600);
  });

  it('refuse to run without the secret bundle', () => {
    const script = path.join(out, 'l1-provisioning/server-a/provision.sh');
    const moved = tempDir();
    fs.copyFileSync(script, path.join(moved, 'provision.sh'));
    const [cmd, ...args] = asRoot(['sh', path.join(moved, 'provision.sh')]);
    const r = spawnSync(cmd!, args, { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no secret bundle of server-a at');
  });

  /**
   * server-d's script up to `nixos-rebuild`, with /var/lib moved into a scratch root, plus its
   * last step (recording the provisioning id). The script refuses to run as another user than
   * root; asRoot gives it root inside a user namespace when the tests do not run as root. With
   * `throughRebuild`, the NixOS configuration step runs too, with /etc/nixos in the scratch root
   * and a stub `nixos-rebuild` that records its arguments in `<root>/rebuilds`.
   */
  function scratchRun(opts: { throughRebuild?: boolean } = {}): { root: string; runIt: () => SpawnSyncReturns<string> } {
    const script = files['l1-provisioning/server-d/provision.sh']!;
    const root = tempDir();
    const record = script.split('\n').find((l) => l.startsWith('echo "$PROVISIONING_ID"'))!;
    const end = opts.throughRebuild ? '\n# --- secret ownership' : '\n# --- NixOS configuration';
    let cut = `${script.slice(0, script.indexOf(end))}\n${record}\n`.replace(/\/var\/lib\//g, `${root}/var/lib/`);
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    if (opts.throughRebuild) {
      cut = cut.replace(/\/etc\/nixos\b/g, `${root}/etc/nixos`);
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'nixos-rebuild'), `#!/bin/sh\necho "$*" >> ${root}/rebuilds\n`, { mode: 0o755 });
      env.PATH = `${bin}:${env.PATH}`;
    }
    const bundle = path.join(out, 'secrets/servers/server-d');
    const [cmd, ...args] = asRoot(['sh', '-c', `mkdir -p ${root}/var/lib/named && ${cut.replace(/^#!.*\n/, '')}`, 'provision.sh', bundle]);
    return { root, runIt: () => spawnSync(cmd!, args, { encoding: 'utf8', env }) };
  }

  it('record their provisioning id, and refuse to run where a later one already ran', () => {
    const { root, runIt } = scratchRun();
    const id = Number(/^PROVISIONING_ID=(\d+)$/m.exec(files['l1-provisioning/server-d/provision.sh']!)![1]);
    expect(id).toBeGreaterThanOrEqual(1);
    expect(runIt().status).toBe(0);
    const idFile = path.join(root, 'var/lib/epl-provisioning/id');
    expect(fs.readFileSync(idFile, 'utf8')).toBe(`${id}\n`);
    fs.writeFileSync(idFile, `${id + 1}\n`);
    const older = runIt();
    expect(older.status).toBe(1);
    expect(older.stderr).toContain(`this is provisioning ${id} of server-d, but ${id + 1} already ran here`);
  });

  it('run one at a time', async () => {
    const { root, runIt } = scratchRun();
    const lock = path.join(root, 'var/lib/epl-provisioning/lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    // Another provisioning holds the lock while this one starts.
    const holder = spawn('flock', [lock, 'sleep', '30'], { stdio: 'ignore', detached: true });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = runIt();
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('another provisioning of server-d is running');
    } finally {
      // The whole group: sleep holds the lock too.
      process.kill(-holder.pid!);
      await new Promise((r) => holder.once('exit', r));
    }
    expect(runIt().status).toBe(0);
  });

  it('place secrets and zones idempotently when run (in a scratch root, up to the rebuild)', () => {
    // It writes the secret files and zones, and a second run changes nothing.
    const { root, runIt } = scratchRun();
    const first = runIt();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('updated zone epl-infra.net');
    const secrets = readSecrets(secretsBeside(out));
    const wg = path.join(root, 'var/lib/epl-secrets/wireguard-key');
    expect(fs.readFileSync(wg, 'utf8')).toBe(secrets['server/server-d/wireguard-key'] + '\n');
    expect(fs.statSync(wg).mode & 0o777).toBe(0o400);
    const zone = fs.readFileSync(path.join(root, 'var/lib/named/epl-infra.net.zone'), 'utf8');
    expect(zone).toMatch(/^ {4}\d{10} ; serial/m);
    const second = runIt();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe('');
    expect(fs.readFileSync(path.join(root, 'var/lib/named/epl-infra.net.zone'), 'utf8')).toBe(zone);
  });

  it("keep the machine's own configuration.nix once, as configuration.nix.epl-original (in a scratch root, through a stub rebuild)", () => {
    const { root, runIt } = scratchRun({ throughRebuild: true });
    const dir = path.join(root, 'etc/nixos');
    const config = path.join(dir, 'configuration.nix');
    const original = path.join(dir, 'configuration.nix.epl-original');
    const installers = '{ ... }: {\n  imports = [ ./hardware-configuration.nix ];\n  boot.loader.grub.device = "/dev/sda";\n}\n';
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(config, installers, { mode: 0o644 });

    const first = runIt();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`kept the original ${config} as ${original}`);
    expect(fs.readFileSync(original, 'utf8')).toBe(installers);
    expect(fs.statSync(original).mode & 0o777).toBe(0o644);
    const epls = fs.readFileSync(config, 'utf8');
    expect(epls).toContain('# NixOS configuration of server-d (us-west/dc1), generated by epl.');
    expect(fs.readFileSync(path.join(root, 'rebuilds'), 'utf8')).toBe('switch\n');

    // A second run changes nothing: epl's own file is not taken for the original.
    const second = runIt();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe('');
    expect(fs.readFileSync(original, 'utf8')).toBe(installers);
    expect(fs.readFileSync(config, 'utf8')).toBe(epls);

    // A hand-edited configuration.nix is replaced again, but never replaces the kept original.
    fs.writeFileSync(config, '{ ... }: { }\n');
    const edited = runIt();
    expect(edited.status, edited.stderr).toBe(0);
    expect(edited.stdout).toBe(`updated ${config}\n`);
    expect(fs.readFileSync(original, 'utf8')).toBe(installers);
    expect(fs.readFileSync(config, 'utf8')).toBe(epls);
  });

  it("never take epl's own configuration.nix for the original", () => {
    // A server epl provisioned before it kept originals: its configuration.nix is epl's.
    const { root, runIt } = scratchRun({ throughRebuild: true });
    const dir = path.join(root, 'etc/nixos');
    fs.mkdirSync(dir, { recursive: true });
    const epls = files['l1-provisioning/server-d/configuration.nix']!;
    const older = epls.replace(/system\.stateVersion = "[^"]*";/, 'system.stateVersion = "23.11";');
    expect(older).not.toBe(epls);
    fs.writeFileSync(path.join(dir, 'configuration.nix'), older);
    const r = runIt();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`updated ${dir}/configuration.nix`);
    expect(r.stdout).not.toContain('kept the original');
    expect(fs.existsSync(path.join(dir, 'configuration.nix.epl-original'))).toBe(false);
  });

  it('keep nothing on a machine without a configuration.nix', () => {
    const { root, runIt } = scratchRun({ throughRebuild: true });
    const r = runIt();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`updated ${root}/etc/nixos/configuration.nix`);
    expect(r.stdout).not.toContain('kept the original');
    expect(fs.readdirSync(path.join(root, 'etc/nixos'))).toEqual(['configuration.nix']);
  });
});
