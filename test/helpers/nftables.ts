import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './cli';
import { nixEnv, runTool } from './tools';

/** One `networking.nftables.tables.<name>` of a configuration. */
export interface NftTable {
  readonly name: string;
  readonly family: string;
  readonly content: string;
}

/**
 * The enabled nftables tables of a generated configuration.nix, in name order, read through the
 * Nix evaluator from the module body with stand-in arguments (the tables need none of them).
 */
export function nftTablesOf(configurationNix: string): NftTable[] {
  const expr = `let m = import ${configurationNix} { config = {}; lib = {}; modulesPath = "/m"; pkgs = {}; }; in
    builtins.filter (t: t.enable) (builtins.attrValues (builtins.mapAttrs
      (name: t: { name = t.name or name; enable = t.enable or true; inherit (t) family content; })
      (m.networking.nftables.tables or {})))`;
  const r = runTool('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { env: nixEnv() });
  if (r.status !== 0) throw new Error(`${configurationNix}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as (NftTable & { enable: boolean })[]).map(({ name, family, content }) => ({ name, family, content }));
}

/**
 * A table as NixOS's nftables module writes it into its rules script (nixos/modules/services/
 * networking/nftables.nix: `table ${family} ${name} {`, the content indented by the template,
 * `}`).
 */
export function nftTableSource(t: NftTable): string {
  return `table ${t.family} ${t.name} {\n  ${t.content}\n}\n`;
}

/**
 * A server's whole epl ruleset as the module's rules script loads it: the deletions first (each
 * table declared, then deleted, so a reload replaces it), then every table.
 */
export function nftRulesetSource(tables: readonly NftTable[]): string {
  const deletions = tables.map((t) => `table ${t.family} ${t.name}\ndelete table ${t.family} ${t.name}\n`);
  return [...deletions, ...tables.map(nftTableSource)].join('\n');
}

/** `nft` in a network namespace of its own, so nothing reaches this machine's ruleset. */
function nftIsolated(args: readonly string[]): { status: number | null; out: string } {
  const unshare = process.getuid?.() === 0 ? ['--net'] : ['--map-root-user', '--net'];
  const r = runTool('unshare', [...unshare, 'nft', ...args]);
  return { status: r.status, out: r.stdout + r.stderr };
}

/**
 * Problems nft finds in a ruleset: `nft --check` (what NixOS runs when it builds the rules
 * script), then a real load into an empty namespace, since some mistakes are only refused when
 * the kernel commits the rules (`masquerade` in a filter chain passes `--check`).
 */
export function nftProblems(source: string): string[] {
  const file = path.join(tempDir('epl-nft-'), 'ruleset.nft');
  fs.writeFileSync(file, source);
  const problems: string[] = [];
  const check = nftIsolated(['--check', '--file', file]);
  if (check.status !== 0) problems.push(`nft --check: ${check.out.trim()}`);
  const load = nftIsolated(['--file', file]);
  if (load.status !== 0) problems.push(`nft --file: ${load.out.trim()}`);
  return problems;
}
