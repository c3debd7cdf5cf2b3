import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthExample } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { consulAgentKeys } from './hashicorp/consul-keys';
import { daemonSources, evalHashicorpOptions, hclToJson } from './hashicorp/extract';
import { mergeSources } from './hashicorp/merge';
import { vaultHcl, type ConfigSource } from './hashicorp/nixos-modules';
import { nomadAgentKeys } from './hashicorp/nomad-keys';
import type { Block } from './hashicorp/schema';
import { vaultServerKeys } from './hashicorp/vault-keys';
import { walkConfig } from './hashicorp/walk';

// Consul, Nomad and Vault are not packaged on Debian, so CI cannot start them on epl's output;
// instead every key epl writes (and the NixOS modules add) is checked against the documented keys.

const schemas: Record<'consul' | 'nomad' | 'vault', Block> = { consul: consulAgentKeys, nomad: nomadAgentKeys, vault: vaultServerKeys };

describe('Consul, Nomad and Vault configuration, key by key against their documentation', () => {
  let out: string;
  let hosts: string[];
  let daemons: Map<string, Partial<Record<'consul' | 'nomad' | 'vault', ConfigSource[]>>>;

  beforeAll(async () => {
    out = await synthExample();
    hosts = fs.readdirSync(path.join(out, 'l1-provisioning')).filter((h) => fs.existsSync(path.join(out, 'l1-provisioning', h, 'configuration.nix'))).sort();
    daemons = new Map();
    // Without the evaluator or the HCL parser there is nothing to check; hasTool fails in CI.
    if (!hasTool('nix-instantiate') || !hasTool('hcltool')) return;
    for (const host of hosts) {
      const options = evalHashicorpOptions(path.join(out, 'l1-provisioning', host, 'configuration.nix'));
      daemons.set(host, daemonSources(out, host, options));
    }
  });

  it('finds Consul and Nomad on every server and Vault on the vault instances', () => {
    if (!hasTool('nix-instantiate') || !hasTool('hcltool')) return;
    expect(hosts).toEqual(['server-a', 'server-b', 'server-c', 'server-d']);
    const running = Object.fromEntries(hosts.map((h) => [h, Object.keys(daemons.get(h)!).sort()]));
    expect(running).toEqual({
      'server-a': ['consul', 'nomad'],
      'server-b': ['consul', 'nomad', 'vault'],
      'server-c': ['consul', 'nomad', 'vault'],
      'server-d': ['consul', 'nomad', 'vault'],
    });
  });

  it('checks the files each daemon reads, the modules\' own keys and the secrets files included', () => {
    if (!hasTool('nix-instantiate') || !hasTool('hcltool')) return;
    const c = daemons.get('server-c')!;
    expect(c.consul!.map((s) => s.name)).toEqual(['/etc/consul.d/dummy.json', '/etc/consul.json', '/etc/consul-addrs.json', 'consul-secrets.json']);
    expect(c.nomad!.map((s) => s.name)).toEqual(['/etc/nomad.json', 'nomad-secrets.json']);
    expect(c.vault!.map((s) => s.name)).toEqual(['vault.hcl', 'vault-secrets.json']);
    const consul = mergeSources(c.consul!).config;
    expect(consul).toMatchObject({ data_dir: '/var/lib/consul', ui_config: { enabled: true }, encrypt: expect.any(String), acl: { enabled: true, tokens: { agent: expect.any(String) } } });
    expect(mergeSources(c.nomad!).config).toMatchObject({ data_dir: '/var/lib/nomad', server: { enabled: true, encrypt: expect.any(String) }, consul: { token: expect.any(String) } });
    const vault = mergeSources(c.vault!).config;
    expect(vault).toMatchObject({
      listener: { tcp: { tls_min_version: 'tls12' } },
      storage: { raft: { path: '/var/lib/vault', node_id: 'server-c' } },
      service_registration: { consul: { scheme: 'https' } },
    });
  });

  it('writes only documented keys, each with its documented type', () => {
    if (!hasTool('nix-instantiate') || !hasTool('hcltool')) return;
    const problems: string[] = [];
    for (const host of hosts) {
      for (const [product, sources] of Object.entries(daemons.get(host)!) as ['consul' | 'nomad' | 'vault', ConfigSource[]][]) {
        const { config, originOf } = mergeSources(sources);
        problems.push(...walkConfig(schemas[product], config, { product, server: host, originOf }));
      }
    }
    expect(problems).toEqual([]);
  });

  it('assembles vault.hcl the way the NixOS module does', () => {
    if (!hasTool('hcltool')) return;
    const hcl = vaultHcl({
      address: '10.0.0.1:8200',
      tlsCertFile: '/c.crt',
      tlsKeyFile: '/c.key',
      storageBackend: 'raft',
      storageConfig: 'node_id = "a"\nretry_join {\n  leader_api_addr = "https://10.0.0.2:8200"\n}\n',
      extraConfig: 'ui = true\n',
    });
    expect(hclToJson(hcl)).toEqual({
      listener: { tcp: { address: '10.0.0.1:8200', tls_cert_file: '/c.crt', tls_key_file: '/c.key', tls_min_version: 'tls12' } },
      storage: { raft: { path: '/var/lib/vault', node_id: 'a', retry_join: { leader_api_addr: 'https://10.0.0.2:8200' } } },
      ui: true,
    });
    // Without TLS files the module turns TLS off, with the string the documentation gives.
    expect(hclToJson(vaultHcl({ storageBackend: 'raft' })).listener).toEqual({ tcp: { address: '127.0.0.1:8200', tls_disable: 'true', tls_min_version: 'tls12' } });
  });
});
