import * as fs from 'node:fs';
import * as path from 'node:path';
import { keepalivedConfFile } from '../../synth/emit/nixos/sections/keepalived';
import { SECRETS_DIR } from '../../synth/plan/server-files';
import { nixEnv, runTool } from './tools';

/**
 * The keepalived.conf of a generated configuration.nix, as NixOS's keepalived module writes it:
 * `services.keepalived.extraGlobalDefs` and `extraConfig` read back through the Nix evaluator and
 * assembled by the module's layout. Undefined when the server runs no keepalived.
 */
export function keepalivedConfOf(configurationNix: string): string | undefined {
  const expr = `let m = import ${configurationNix} { config = {}; lib = {}; modulesPath = "/m"; pkgs = {}; }; k = (m.services or {}).keepalived or null; in
    if k == null then null else { inherit (k) enable extraGlobalDefs extraConfig; }`;
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
  if (r.status !== 0) throw new Error(`${configurationNix}: ${r.stderr}`);
  const k = JSON.parse(r.stdout) as { enable: boolean; extraGlobalDefs: string; extraConfig: string } | null;
  if (!k?.enable) return undefined;
  return keepalivedConfFile({ globalDefs: k.extraGlobalDefs, instances: k.extraConfig });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A shell command that runs `command` as on a provisioned server, without touching this machine:
 * in a mount namespace of its own, a scratch /var/lib holds the server's secret files from its
 * bundle (at their paths on the server, `/var/lib/epl-secrets/...`), and a scratch /run holds
 * `/run/current-system/sw/bin/logger` (keepalived's notify hook), a stand-in that appends its
 * arguments (`-t epl-vrrp INSTANCE <name> <state> <priority>`) to `notifyLog`. Prefix it with `ip netns exec <ns>` to run it in a network namespace.
 */
export function onServer(bundleDir: string, files: readonly string[], command: string, notifyLog: string): string {
  const bin = '/run/current-system/sw/bin';
  const script = [
    'set -e',
    'mount -t tmpfs -o mode=755 tmpfs /var/lib',
    'mount -t tmpfs -o mode=755 tmpfs /run',
    `mkdir -m 700 ${SECRETS_DIR}`,
    ...files.map((f) => `cp ${quote(path.join(bundleDir, f))} ${SECRETS_DIR}/${f}`),
    `mkdir -p ${bin}`,
    `printf '#!/bin/sh\\necho "$*" >> %s\\n' ${quote(notifyLog)} > ${bin}/logger`,
    `chmod 755 ${bin}/logger`,
    `exec ${command}`,
  ].join('\n');
  const asRoot = process.getuid?.() === 0 ? '' : '--map-root-user ';
  return `unshare ${asRoot}--mount --propagation private sh -c ${quote(script)}`;
}

/** Whether the bundle has the file. */
export function bundleHas(bundleDir: string, name: string): boolean {
  return fs.existsSync(path.join(bundleDir, name));
}
