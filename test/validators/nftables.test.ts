import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample } from '../helpers/cli';
import { nftProblems, nftRulesetSource, nftTableSource, nftTablesOf, type NftTable } from '../helpers/nftables';
import { hasTool } from '../helpers/tools';

/**
 * Every nftables table epl emits, from every server's configuration.nix, through nft: each table
 * alone and each server's tables together, assembled as NixOS's nftables module assembles them.
 */
describe('nft on every emitted nftables table', () => {
  const run = hasTool('nft') && hasTool('nix-instantiate') && hasTool('unshare');
  const tables = new Map<string, NftTable[]>();
  beforeAll(async () => {
    if (!run) return;
    const out = await synthExample();
    for (const file of Object.keys(readTree(out)).filter((f) => f.endsWith('/configuration.nix')).sort()) {
      tables.set(file, nftTablesOf(path.join(out, file)));
    }
  }, 120_000);

  it('finds the tables epl emits: the internet filter and the admin masquerade', () => {
    if (!run) return;
    const names = [...tables.values()].flat().map((t) => `${t.family} ${t.name}`);
    expect(new Set(names)).toEqual(new Set(['inet epl-internet-fw', 'ip epl-nat']));
    // server-c and server-d are public and VPN gateways; server-a and server-b neither.
    expect(names).toHaveLength(4);
  });

  it('passes nft --check and loads, table by table and per server', () => {
    if (!run) return;
    for (const [file, ts] of tables) {
      for (const t of ts) expect(nftProblems(nftTableSource(t)), `${file}: table ${t.family} ${t.name}`).toEqual([]);
      if (ts.length > 0) expect(nftProblems(nftRulesetSource(ts)), `${file}: all tables`).toEqual([]);
    }
  });

  it('is a check that fails: a syntax error, and masquerade in a filter chain, are refused', () => {
    if (!run) return;
    const broken = (content: string) => nftProblems(nftTableSource({ name: 'epl-broken', family: 'ip', content }));
    expect(broken('chain postrouting {\n  type nat hook postrouting priority srcnat; policy accept;\n  masquerad\n}\n')).not.toEqual([]);
    expect(broken('chain postrouting {\n  type filter hook postrouting priority 0; policy accept;\n  masquerade\n}\n')).not.toEqual([]);
  });
});
