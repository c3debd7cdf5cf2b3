import { describe, expect, it } from 'vitest';
import { consulAgentKeys } from './consul-keys';
import { mergeSources } from './merge';
import { nomadAgentKeys } from './nomad-keys';
import { vaultServerKeys } from './vault-keys';
import { walkConfig } from './walk';

// The check must be able to fail: these give the walker what epl must never write.

const consul = (config: unknown, originOf?: (p: string) => string | undefined) =>
  walkConfig(consulAgentKeys, config, { product: 'consul', server: 'server-x', ...(originOf ? { originOf } : {}) });

describe('the documented-keys walker', () => {
  it('accepts a conforming configuration', () => {
    expect(consul({ server: true, bootstrap_expect: 3, ports: { https: 8501 }, tls: { https: { cert_file: '/c', verify_incoming: false } }, telemetry: { prometheus_retention_time: '60s' } })).toEqual([]);
  });

  it('names product, server and key path of an undocumented key, with the page', () => {
    expect(consul({ tls: { https: { cert_fiel: '/c' } } })).toEqual([
      'consul on server-x: tls.https.cert_fiel is not a documented key (https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file/tls#tls_https)',
    ]);
    expect(consul({ acl: { enabled: true }, datacentre: 'dc1' })).toEqual([
      'consul on server-x: datacentre is not a documented key (https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file/general)',
    ]);
  });

  it('names a value of the wrong type', () => {
    expect(consul({ ports: { https: '8501' }, server: 'true', retry_join: ['10.0.0.1', 7] })).toEqual([
      'consul on server-x: ports.https should be an int, is string "8501"',
      'consul on server-x: retry_join[1] should be a string, is number 7',
      'consul on server-x: server should be a bool, is string "true"',
    ]);
    expect(consul({ telemetry: { prometheus_retention_time: '60 seconds' }, acl: { default_policy: 'denny' } })).toEqual([
      'consul on server-x: acl.default_policy should be one of "allow", "deny", is string "denny"',
      'consul on server-x: telemetry.prometheus_retention_time should be a duration string ("30s", "1h"), is string "60 seconds"',
    ]);
  });

  it('says which file a key came from when files were merged', () => {
    const { config, originOf } = mergeSources([
      { name: 'consul.json', config: { acl: { enabled: true } } },
      { name: 'consul-secrets.json', config: { acl: { tokens: { agnet: 'x' } } } },
    ]);
    expect(consul(config, originOf)).toEqual([
      'consul on server-x: acl.tokens.agnet is not a documented key (https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file/acl#acl_tokens) (from consul-secrets.json)',
    ]);
  });

  it('never shows a long string, which may be a token', () => {
    expect(consul({ acl: { default_policy: '069235e5-b28e-4ade-9389-50d245b16ec8' } })).toEqual([
      'consul on server-x: acl.default_policy should be one of "allow", "deny", is a string of 36 characters',
    ]);
  });

  it('checks the body of every labelled block, whatever its label', () => {
    const nomad = (config: unknown) => walkConfig(nomadAgentKeys, config, { product: 'nomad', server: 'server-x' });
    expect(nomad({ client: { host_volume: { pg: { path: '/srv/pg', read_only: false }, data: { pth: '/srv/data', read_only: 'no' } } } })).toEqual([
      'nomad on server-x: client.host_volume.data.pth is not a documented key (https://developer.hashicorp.com/nomad/docs/v1.9.x/configuration/client#host_volume-block)',
      'nomad on server-x: client.host_volume.data.read_only should be a bool, is string "no"',
    ]);
    expect(nomad({ client: { meta: { rack: 'r1', size: 3 } } })).toEqual(['nomad on server-x: client.meta.size should be a string, is number 3']);
  });

  it('knows which labels a block documents, and which blocks may repeat', () => {
    const vault = (config: unknown) => walkConfig(vaultServerKeys, config, { product: 'vault', server: 'server-x' });
    expect(vault({ storage: { raft: { path: '/v', retry_join: [{ leader_api_addr: 'https://a:8200' }, { leader_api_adr: 'https://b:8200' }] } } })).toEqual([
      'vault on server-x: storage.raft.retry_join[1].leader_api_adr is not a documented key (https://developer.hashicorp.com/vault/docs/configuration/storage/raft#retry_join-stanza)',
    ]);
    expect(vault({ storage: { rafts: { path: '/v' } } })).toEqual(['vault on server-x: storage.rafts is not a documented label of storage (documented: raft)']);
    // Vault may listen on several interfaces; it has one telemetry block.
    expect(vault({ listener: { tcp: [{ address: 'a' }, { address: 'b' }] }, telemetry: [{}, {}] })).toEqual([
      'vault on server-x: telemetry is a block given 2 times; the documentation allows one',
    ]);
  });
});
