import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSecrets, readTree, secretsBeside, synthExample, tempDir } from '../helpers/cli';
import { asRoot, hasTool, nixEnv, runTool } from '../helpers/tools';
import { DEFAULT_NIXPKGS } from '../../constructs';

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
    // L1 and bootstrap scripts; the region's L2 runner, its four generic scripts, Postgres' step and migration runner, NATS' step, the monitoring CAs step, the app image build and push, Grafana's dashboards step.
    expect(scripts.filter((f) => !f.startsWith('l2-provisioning/'))).toHaveLength(5);
    expect(scripts.filter((f) => f.startsWith('l2-provisioning/'))).toHaveLength(12);
    expect(scripts).toContain('l2-provisioning/us-west/scripts/provision-nats-resources.sh');
    for (const file of scripts) {
      // The shell each script names: sh, or bash for the L2 runner.
      const r = runTool('shellcheck', ['--severity=style', path.join(out, file)]);
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

  /** The paths provisioning writes (and the text naming them), moved under `root`. */
  const moveInto = (text: string, root: string) => text.replace(/(?<![\w.-])\/(var\/lib|etc\/nixos|root|nix\/var|run\/current-system)(?![\w.-])/g, `${root}/$1`);

  /**
   * server-d's script up to `nixos-rebuild` (or, `throughSwitch`, through the switch and the
   * channel cleanup, with `nix-instantiate` and `nixos-rebuild` stubbed), with the paths it writes
   * moved into a scratch root, plus its last step (recording the provisioning id). The script
   * refuses to run as another user than root; asRoot gives it root inside a user namespace when
   * the tests do not run as root.
   */
  function scratchRun(opts: { throughSwitch?: boolean; host?: string } = {}): { root: string; runIt: (env?: Record<string, string>) => SpawnSyncReturns<string> } {
    const host = opts.host ?? 'server-d';
    const script = files[`l1-provisioning/${host}/provision.sh`]!;
    const root = tempDir();
    const record = script.split('\n').find((l) => l.startsWith('echo "$PROVISIONING_ID"'))!;
    const end = opts.throughSwitch ? '\n# --- secret ownership' : '\n# --- NixOS configuration';
    const cut = moveInto(`${script.slice(0, script.indexOf(end))}\n${record}\n`, root);
    const bundle = path.join(out, `secrets/servers/${host}`);
    const [cmd, ...args] = asRoot(['sh', '-c', `mkdir -p ${root}/var/lib/named && ${cut.replace(/^#!.*\n/, '')}`, 'provision.sh', bundle]);
    return { root, runIt: (env = {}) => spawnSync(cmd!, args, { encoding: 'utf8', env: { ...process.env, ...env } }) };
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

  /** The store path the stub nix-instantiate answers with. */
  const PINNED_STORE_PATH = '/nix/store/0ghn99k0nsbs8a83mhz5ylibvlps19yy-source';

  /**
   * Stand-ins for `nix-instantiate` and `nixos-rebuild` that record their arguments and NIX_PATH
   * (one JSON line per call). EPL_STUB_FETCH makes the fetch fail (`fail`) or answer garbage.
   */
  function stubs(): { dir: string; log: string; calls: () => Array<{ cmd: string; args: string[]; nixPath: string | null }> } {
    const dir = tempDir('epl-stubs-');
    const log = path.join(dir, 'calls.jsonl');
    const stub = (name: string, body: string) =>
      fs.writeFileSync(
        path.join(dir, name),
        `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ cmd: ${JSON.stringify(name)}, args: process.argv.slice(2), nixPath: process.env.NIX_PATH ?? null }) + '\\n');\n${body}\n`,
        { mode: 0o755 },
      );
    stub('nix-instantiate', `const how = process.env.EPL_STUB_FETCH; if (how === 'fail') { console.error('error: unable to download'); process.exit(1); } console.log(how === 'garbage' ? 'warning: something' : JSON.stringify(${JSON.stringify(PINNED_STORE_PATH)}));`);
    stub('nixos-rebuild', '');
    return { dir, log, calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []) };
  }

  /** Root's channel links as the NixOS installer leaves them, in the scratch root. */
  function installerChannels(root: string): string[] {
    const profiles = path.join(root, 'nix/var/nix/profiles/per-user/root');
    fs.mkdirSync(profiles, { recursive: true });
    fs.mkdirSync(path.join(root, 'root/.nix-defexpr'), { recursive: true });
    fs.symlinkSync('/nix/store/00000000000000000000000000000000-nixos-24.05', path.join(profiles, 'channels-1-link'));
    fs.symlinkSync('channels-1-link', path.join(profiles, 'channels'));
    fs.symlinkSync(path.join(profiles, 'channels'), path.join(root, 'root/.nix-defexpr/channels'));
    return [path.join(root, 'root/.nix-defexpr/channels'), path.join(profiles, 'channels'), path.join(profiles, 'channels-1-link')];
  }

  it('fetch the pinned nixpkgs and switch with it, whatever the channel; a second run changes nothing', () => {
    const { root, runIt } = scratchRun({ throughSwitch: true });
    const { dir, calls } = stubs();
    const links = installerChannels(root);
    const env = { PATH: `${dir}:${process.env.PATH}` };
    const first = runIt(env);
    expect(first.status, first.stderr).toBe(0);
    const config = path.join(root, 'etc/nixos/configuration.nix');
    expect(first.stdout).toContain(`updated ${config}`);
    // The configuration installed is the one generated (with its paths in the scratch root).
    const generated = moveInto(files['l1-provisioning/server-d/configuration.nix']!, root);
    expect(fs.readFileSync(config, 'utf8')).toBe(generated);
    // nix-instantiate fetched the pin, nixos-rebuild switched with what it fetched.
    const [fetch, rebuild, ...more] = calls();
    expect(more).toEqual([]);
    expect(fetch!.cmd).toBe('nix-instantiate');
    expect(fetch!.args.slice(0, 3)).toEqual(['--eval', '--json', '-E']);
    expect(rebuild).toEqual({ cmd: 'nixos-rebuild', args: ['switch'], nixPath: `nixpkgs=${PINNED_STORE_PATH}:nixos-config=${config}` });
    if (hasTool('nix-instantiate')) {
      // The expression fetches the pin: evaluated with a fetchTarball that returns its arguments.
      const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', `let builtins = { fetchTarball = args: args; }; in ${fetch!.args[3]}`], { env: nixEnv() });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ url: `https://github.com/NixOS/nixpkgs/archive/${DEFAULT_NIXPKGS.rev}.tar.gz`, sha256: DEFAULT_NIXPKGS.sha256 });
    }
    // The installer's channel is gone: the new system has none (no nix-channel in it).
    for (const link of links) expect(fs.lstatSync(link, { throwIfNoEntry: false }), link).toBeUndefined();
    expect(first.stdout).toContain(`removed ${links[0]}: the pinned nixpkgs replaces the channel`);

    const second = runIt(env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe('');
    expect(fs.readFileSync(config, 'utf8')).toBe(generated);
    expect(calls().slice(2)).toEqual([fetch, rebuild]);
  });

  it('change nothing on a second run, on every server (through the switch, in a scratch root)', () => {
    const { dir } = stubs();
    const env = { PATH: `${dir}:${process.env.PATH}` };
    for (const host of ['server-a', 'server-b', 'server-c', 'server-d']) {
      const { root, runIt } = scratchRun({ throughSwitch: true, host });
      const first = runIt(env);
      expect(first.status, `${host}: ${first.stderr}`).toBe(0);
      expect(first.stdout, host).toContain(`updated ${root}/etc/nixos/configuration.nix`);
      const second = runIt(env);
      expect(second.status, `${host}: ${second.stderr}`).toBe(0);
      expect(second.stdout, host).toBe('');
    }
  });

  it('keep the channel when the configuration has channels on (nix-channel in the new system)', () => {
    const { root, runIt } = scratchRun({ throughSwitch: true });
    const { dir } = stubs();
    const links = installerChannels(root);
    fs.mkdirSync(path.join(root, 'run/current-system/sw/bin'), { recursive: true });
    fs.writeFileSync(path.join(root, 'run/current-system/sw/bin/nix-channel'), '');
    const r = runIt({ PATH: `${dir}:${process.env.PATH}` });
    expect(r.status, r.stderr).toBe(0);
    for (const link of links) expect(fs.lstatSync(link).isSymbolicLink(), link).toBe(true);
  });

  it('stop before installing the configuration when nixpkgs cannot be fetched', () => {
    for (const how of ['fail', 'garbage']) {
      const { root, runIt } = scratchRun({ throughSwitch: true });
      const { dir, calls } = stubs();
      const r = runIt({ PATH: `${dir}:${process.env.PATH}`, EPL_STUB_FETCH: how });
      expect(r.status, how).not.toBe(0);
      if (how === 'garbage') expect(r.stderr).toContain(`provision.sh: fetching nixpkgs ${DEFAULT_NIXPKGS.rev} gave 'warning: something', not a store path`);
      expect(fs.existsSync(path.join(root, 'etc/nixos/configuration.nix'))).toBe(false);
      expect(calls().map((c) => c.cmd)).toEqual(['nix-instantiate']);
    }
  });

  it("keep the machine's own configuration.nix once, as configuration.nix.epl-original (in a scratch root, through a stub rebuild)", () => {
    const { root, runIt } = scratchRun({ throughSwitch: true });
    const { dir: stubDir, calls } = stubs();
    const env = { PATH: `${stubDir}:${process.env.PATH}` };
    const dir = path.join(root, 'etc/nixos');
    const config = path.join(dir, 'configuration.nix');
    const original = path.join(dir, 'configuration.nix.epl-original');
    const installers = '{ ... }: {\n  imports = [ ./hardware-configuration.nix ];\n  boot.loader.grub.device = "/dev/sda";\n}\n';
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(config, installers, { mode: 0o644 });

    const first = runIt(env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`kept the original ${config} as ${original}`);
    expect(fs.readFileSync(original, 'utf8')).toBe(installers);
    expect(fs.statSync(original).mode & 0o777).toBe(0o644);
    const epls = fs.readFileSync(config, 'utf8');
    expect(epls).toContain('# NixOS configuration of server-d (us-west/dc1), generated by epl.');
    expect(calls().filter((c) => c.cmd === 'nixos-rebuild').map((c) => c.args)).toEqual([['switch']]);

    // A second run changes nothing: epl's own file is not taken for the original.
    const second = runIt(env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe('');
    expect(fs.readFileSync(original, 'utf8')).toBe(installers);
    expect(fs.readFileSync(config, 'utf8')).toBe(epls);

    // A hand-edited configuration.nix is replaced again, but never replaces the kept original.
    fs.writeFileSync(config, '{ ... }: { }\n');
    const edited = runIt(env);
    expect(edited.status, edited.stderr).toBe(0);
    expect(edited.stdout).toBe(`updated ${config}\n`);
    expect(fs.readFileSync(original, 'utf8')).toBe(installers);
    expect(fs.readFileSync(config, 'utf8')).toBe(epls);
  });

  it("never take epl's own configuration.nix for the original", () => {
    // A server epl provisioned before it kept originals: its configuration.nix is epl's.
    const { root, runIt } = scratchRun({ throughSwitch: true });
    const { dir: stubDir } = stubs();
    const env = { PATH: `${stubDir}:${process.env.PATH}` };
    const dir = path.join(root, 'etc/nixos');
    fs.mkdirSync(dir, { recursive: true });
    const epls = files['l1-provisioning/server-d/configuration.nix']!;
    const older = epls.replace(/system\.stateVersion = "[^"]*";/, 'system.stateVersion = "23.11";');
    expect(older).not.toBe(epls);
    fs.writeFileSync(path.join(dir, 'configuration.nix'), older);
    const r = runIt(env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`updated ${dir}/configuration.nix`);
    expect(r.stdout).not.toContain('kept the original');
    expect(fs.existsSync(path.join(dir, 'configuration.nix.epl-original'))).toBe(false);
  });

  it('keep nothing on a machine without a configuration.nix', () => {
    const { root, runIt } = scratchRun({ throughSwitch: true });
    const { dir: stubDir } = stubs();
    const env = { PATH: `${stubDir}:${process.env.PATH}` };
    const r = runIt(env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`updated ${root}/etc/nixos/configuration.nix`);
    expect(r.stdout).not.toContain('kept the original');
    expect(fs.readdirSync(path.join(root, 'etc/nixos'))).toEqual(['configuration.nix']);
  });
});
