import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample, tempDir } from '../helpers/cli';
import { asRoot, hasTool, nixEnv, runTool } from '../helpers/tools';

/**
 * named-checkconf as the pinned NixOS runs it on epl's named.conf.
 *
 * nixos-25.05's bind module (nixos/modules/services/networking/bind.nix, with nixpkgs#389406 of
 * March 2025; before it, the module ran named-checkconf nowhere) runs it in one place only: the
 * check phase of the named.conf it writes itself,
 *
 *   confFile = pkgs.writeTextFile { name = "named.conf"; checkPhase = ''
 *     ... named-checkconf -z $target -t ${cfg.directory} ... ''; ... };
 *   configFile = mkOption { default = confFile; description = "... If overriden, it will not be
 *     checked by named-checkconf."; };
 *
 * and the unit has no ExecStartPre: preStart makes /etc/bind/rndc.key (`rndc-confgen -c
 * /etc/bind/rndc.key -a -A hmac-sha256`), then `ExecStart = named -c ${cfg.configFile}`. epl sets
 * `configFile`, so nothing checks its named.conf at build time, and nothing could with `-z`: the
 * zone files and DNSSEC keys are in /var/lib/named, put there by provision.sh, not in the build
 * sandbox (the last test shows such a check failing). (The module's own check is a no-op at that
 * revision besides: named-checkconf stops reading options at the file name, so `-t` makes it print
 * its usage and exit 0; nixpkgs#501959 fixed that in 2026.)
 *
 * What does check epl's file is named itself, loading it and every primary zone when the unit
 * starts. So this runs Debian's `named-checkconf -z` on every generated named.conf as named reads it
 * there: the file unchanged, no path rewritten, in a scratch root it chroots into (`-t`) holding
 * what the server holds at that moment: the rndc key as preStart makes it, and the zone files and
 * DNSSEC keys as provision.sh installs them.
 */

/** named.conf of every server that runs BIND, as its configuration.nix gives it (through the Nix evaluator). */
function namedConfs(out: string, hosts: readonly string[]): Record<string, string> {
  const confs: Record<string, string> = {};
  for (const host of hosts) {
    const file = path.join(out, `l1-provisioning/${host}/configuration.nix`);
    const expr = `let m = import ${file} { config = {}; lib = {}; modulesPath = "/m"; pkgs = { writeText = name: text: text; }; }; in if m ? services && m.services ? bind then m.services.bind.configFile else null`;
    const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
    if (r.status !== 0) throw new Error(`${host}: ${r.stderr}`);
    const conf = JSON.parse(r.stdout) as string | null;
    if (conf !== null) confs[host] = conf;
  }
  return confs;
}

/** The paths provisioning writes, moved under `root`. */
const moveInto = (text: string, root: string) => text.replace(/(?<![\w.-])\/var\/lib\//g, `${root}/var/lib/`);

describe('named-checkconf -z on every generated named.conf, as named reads it when the unit starts', () => {
  const run = ['named-checkconf', 'rndc-confgen', 'nix-instantiate'].every((t) => hasTool(t));
  let out = '';
  let confs: Record<string, string> = {};
  const roots: Record<string, string> = {};

  /** `named-checkconf -z` on the host's named.conf, chrooted into its scratch root. */
  const check = (host: string, root = roots[host]!) => {
    const [cmd, ...args] = asRoot(['named-checkconf', '-t', root, '-z', '/named.conf']);
    const r = spawnSync(cmd!, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    return { status: r.status, output: r.stdout + r.stderr };
  };

  beforeAll(async () => {
    if (!run) return;
    out = await synthExample();
    const files = readTree(out);
    const hosts = Object.keys(files).flatMap((f) => /^l1-provisioning\/([^/]+)\/configuration\.nix$/.exec(f)?.[1] ?? []).sort();
    confs = namedConfs(out, hosts);
    for (const host of Object.keys(confs)) {
      const root = (roots[host] = tempDir('epl-checkconf-'));
      fs.writeFileSync(path.join(root, 'named.conf'), confs[host]!);
      // The unit's preStart, before named starts.
      fs.mkdirSync(path.join(root, 'etc/bind'), { recursive: true });
      const key = runTool('rndc-confgen', ['-c', path.join(root, 'etc/bind/rndc.key'), '-a', '-A', 'hmac-sha256']);
      if (key.status !== 0) throw new Error(key.stderr);
      // The zone files and DNSSEC keys, installed by the host's provision.sh (its steps before the rebuild).
      fs.mkdirSync(path.join(root, 'var/lib/named'), { recursive: true });
      const script = files[`l1-provisioning/${host}/provision.sh`]!;
      const cut = moveInto(script.slice(0, script.indexOf('\n# --- NixOS configuration')), root).replace(/^#!.*\n/, '');
      const [cmd, ...args] = asRoot(['sh', '-c', cut, 'provision.sh', path.join(out, `secrets/servers/${host}`)]);
      const r = spawnSync(cmd!, args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${host}: ${r.stderr}`);
    }
  }, 120_000);

  it('finds the named.conf of both DNS servers', () => {
    if (!run) return;
    expect(Object.keys(confs)).toEqual(['server-c', 'server-d']);
  });

  it('passes, loading every primary zone with the serial provisioning gave it', () => {
    if (!run) return;
    for (const host of Object.keys(confs)) {
      const r = check(host);
      expect(r.status, `${host}: ${r.output}`).toBe(0);
    }
    // server-d is primary of every zone; server-c only has secondaries, which -z does not load.
    const primaries = [...confs['server-d']!.matchAll(/zone "([^"]+)" \{\n\s*type primary;/g)].map((m) => m[1]);
    const loaded = [...check('server-d').output.matchAll(/^zone (\S+)\/IN: loaded serial \d{10}$/gm)].map((m) => m[1]);
    expect(primaries.length).toBeGreaterThan(0);
    expect(loaded).toEqual(primaries);
  });

  it('fails a zone the server could not load, so the check has teeth', () => {
    if (!run) return;
    const root = tempDir('epl-checkconf-');
    fs.cpSync(roots['server-d']!, root, { recursive: true });
    const zone = path.join(root, 'var/lib/named/us-west.epl-infra.net.zone');
    fs.writeFileSync(zone, fs.readFileSync(zone, 'utf8').replace(/^.*\bIN SOA\b.*$/m, ''));
    const r = check('server-d', root);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/us-west\.epl-infra\.net/);
  });

  it('cannot pass where the server\'s files are not, as in a build sandbox: a build-time -z check of this file could never succeed', () => {
    if (!run) return;
    const root = tempDir('epl-checkconf-');
    fs.writeFileSync(path.join(root, 'named.conf'), confs['server-d']!);
    const r = check('server-d', root);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/file not found/);
  });
});
