import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSecrets, readTree, REPO, secretsBeside, synthExample } from '../helpers/cli';
import { bgpPeerPassword } from '../../synth/plan/routing';

/**
 * examples/multi-dc: one region over three datacenters, one with two subnets and a router pair.
 * It synthesizes with every rule passing, and emits FRR where the reference runs it.
 */
describe('examples/multi-dc', () => {
  let files: Record<string, string>;
  let secrets: Record<string, string>;
  const conf = (host: string) => files[`secrets/servers/${host}/frr.conf`] ?? '';
  beforeAll(async () => {
    const out = await synthExample(path.join(REPO, 'examples', 'multi-dc', 'epl.ts'));
    files = readTree(out);
    secrets = readSecrets(secretsBeside(out));
  }, 120_000);

  it('runs OSPF on the routers of dc3 (the datacenter with two subnets) and nowhere else', () => {
    const ospf = Object.keys(files).filter((f) => f.endsWith('/frr.conf') && files[f]!.includes('router ospf')).map((f) => f.split('/')[2]);
    expect(ospf).toEqual(['dc3-gw1', 'dc3-gw2', 'dc3-rtr1', 'dc3-rtr2']);
    const key = secrets['region/eu-central/datacenter/dc3/ospf-md5-key']!;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    for (const h of ospf) expect(conf(h!)).toContain(` ip ospf message-digest-key 1 md5 ${key}\n`);
    // Gateways bring the default route and the other datacenters; routers only their subnets.
    expect(conf('dc3-gw1')).toMatch(/ redistribute bgp\n default-information originate\n/);
    expect(conf('dc3-rtr1')).not.toMatch(/default-information|redistribute bgp/);
    expect(conf('dc3-rtr2')).toContain('ip prefix-list epl-lan-subnets seq 10 permit 10.19.1.0/24\n');
  });

  it('routes private servers through their subnet\'s floating gateway, routers by OSPF alone', () => {
    const nix = (host: string) => files[`l1-provisioning/${host}/configuration.nix`]!;
    // A router's static default route would win over the one OSPF brings from the gateways.
    expect(nix('dc3-rtr1')).not.toContain('networking.defaultGateway');
    expect(nix('dc3-rtr1')).toContain('services.keepalived');
    const privateHost = Object.keys(files).map((f) => /^l1-provisioning\/(dc3-[^/]+)\/configuration\.nix$/.exec(f)?.[1]).find((h) => h && !/gw|rtr/.test(h));
    expect(privateHost).toBeDefined();
    expect(nix(privateHost!)).toMatch(/networking\.defaultGateway = \{\n\s+address = "10\.19\.\d+\.2";/);
  });

  it('peers every gateway with its counterparts in the other datacenters, ASN 64512 + second octet', () => {
    expect(conf('dc1-gw1')).toContain('router bgp 64529\n');
    expect(conf('dc2-gw2')).toContain('router bgp 64530\n');
    expect(conf('dc3-gw1')).toContain('router bgp 64531\n');
    expect(conf('dc3-gw1')).toContain(' neighbor 172.21.7.10 remote-as 64529\n');
    expect(conf('dc3-gw1')).toContain(' neighbor 172.21.8.10 remote-as 64530\n');
    expect(conf('dc3-gw1')).toContain('  network 10.19.0.0/16\n');
    expect(conf('dc3-gw2')).toContain(' neighbor 172.21.7.11 remote-as 64529\n');
  });

  it('gives both ends of a session the same password, derived from the seed, and each session its own', () => {
    const seed = secrets['global/bgp-peering-seed']!;
    const pw = (host: string, peer: string) => new RegExp(` neighbor ${peer.replace(/\./g, '\\.')} password (\\S+)\n`).exec(conf(host))?.[1];
    const a = pw('dc3-gw1', '172.21.7.10');
    expect(a).toBe(bgpPeerPassword(seed, '172.21.9.10', '172.21.7.10'));
    expect(pw('dc1-gw1', '172.21.9.10')).toBe(a);
    expect(pw('dc3-gw1', '172.21.8.10')).not.toBe(a);
  });

  it('keeps the keys out of everything but the secret bundles', () => {
    const values = [secrets['region/eu-central/datacenter/dc3/ospf-md5-key']!, secrets['global/bgp-peering-seed']!, /password (\S+)/.exec(conf('dc1-gw1'))![1]!];
    for (const [file, content] of Object.entries(files)) {
      if (file.startsWith('secrets/')) continue;
      for (const v of values) expect(content.includes(v), file).toBe(false);
    }
    expect(files['l1-provisioning/dc3-gw1/configuration.nix']).toContain('configFile = "/var/lib/epl-secrets/frr.conf";');
  });
});
