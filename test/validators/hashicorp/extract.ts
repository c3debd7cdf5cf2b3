import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SECRETS_DIR } from '../../../synth/plan/server-files';
import { nixEnv, runTool } from '../../helpers/tools';
import { consulFiles, nomadFiles, vaultFiles, type ConfigPath, type ConfigSource } from './nixos-modules';

/** The HashiCorp services of one server's configuration.nix, as the evaluator sees them. */
export interface HashicorpOptions {
  readonly consul?: Record<string, unknown>;
  readonly nomad?: Record<string, unknown>;
  readonly vault?: Record<string, unknown>;
}

/**
 * Evaluates a server's configuration.nix with stand-in module arguments (its imports name files on
 * the server and are left unevaluated) and returns services.{consul,nomad,vault} as JSON. `package`
 * is dropped: it names a nixpkgs package, which the stand-in pkgs does not have.
 */
export function evalHashicorpOptions(configurationNix: string): HashicorpOptions {
  const expr = `let
    m = import ${configurationNix} { config = {}; pkgs = {}; lib = {}; modulesPath = "/m"; };
    s = m.services or {};
  in builtins.mapAttrs (_: v: builtins.removeAttrs v [ "package" ]) (builtins.intersectAttrs { consul = 0; nomad = 0; vault = 0; } s)`;
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
  if (r.status !== 0) throw new Error(`nix-instantiate failed on ${configurationNix}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as HashicorpOptions;
}

/**
 * A file the daemon is pointed at on the server, from the output: files under the secrets
 * directory come from the server's bundle, secrets/servers/<host>/ (provisioning copies it there).
 */
export function readServerFile(out: string, host: string, file: ConfigPath): ConfigSource {
  if (!file.path.startsWith(`${SECRETS_DIR}/`)) throw new Error(`${host}: ${file.path} is not in ${SECRETS_DIR}; the check cannot find it in the output`);
  const local = path.join(out, 'secrets', 'servers', host, file.path.slice(SECRETS_DIR.length + 1));
  return { name: path.basename(file.path), config: JSON.parse(fs.readFileSync(local, 'utf8')) as Record<string, unknown> };
}

/** HCL as JSON, by HCL 1's rules (the ones Vault's parser follows), with hcltool (python3-pyhcl). */
export function hclToJson(text: string): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-hcl-'));
  const file = path.join(dir, 'config.hcl');
  fs.writeFileSync(file, text);
  const r = runTool('hcltool', [file]);
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`hcltool could not parse:\n${text}\n${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Every file each daemon of a server reads, in order, with the module's own keys included. */
export function daemonSources(out: string, host: string, options: HashicorpOptions): { consul?: ConfigSource[]; nomad?: ConfigSource[]; vault?: ConfigSource[] } {
  const resolve = (files: (ConfigSource | ConfigPath)[]) => files.map((f) => ('path' in f ? readServerFile(out, host, f) : f));
  const result: { consul?: ConfigSource[]; nomad?: ConfigSource[]; vault?: ConfigSource[] } = {};
  if (options.consul?.enable) result.consul = resolve(consulFiles(options.consul));
  if (options.nomad?.enable) result.nomad = resolve(nomadFiles(options.nomad));
  if (options.vault?.enable) {
    const { hcl, rest } = vaultFiles(options.vault);
    result.vault = [{ name: hcl.name, config: hclToJson(hcl.text) }, ...resolve(rest)];
  }
  return result;
}
