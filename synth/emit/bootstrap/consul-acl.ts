import { createHash } from 'node:crypto';
import type { Region } from '../../../constructs/core/region';
import { shq } from '../../../lib/shell/quote';
import type { Model } from '../../model/model';
import { membersOf } from '../../plan/control-plane';
import { secretFileNames, secretPath } from '../../plan/server-files';
import type { ConsulTokenName } from '../../secrets/keys';
import type { ApiResource } from './api-resource';
import { fileValue } from './jq-body';

/** The name of Consul's JWT auth method for Nomad's workload identities. */
export const CONSUL_AUTH_METHOD = 'nomad-workloads';

/**
 * The policies of the region's Consul tokens, by token name (rules in Consul's HCL). Agents register
 * their node and read services; the default token (requests without one, such as DNS) reads the
 * catalog; Nomad registers the services of its jobs; Vault registers itself as `vault`.
 */
const POLICIES: Readonly<Record<Exclude<ConsulTokenName, 'management'>, { readonly description: string; readonly rules: string }>> = {
  agent: {
    description: 'Consul agents: register their node, read services',
    rules: 'node_prefix "" {\n  policy = "write"\n}\nservice_prefix "" {\n  policy = "read"\n}\n',
  },
  default: {
    description: 'Requests without a token, DNS among them: read the catalog',
    rules: 'node_prefix "" {\n  policy = "read"\n}\nservice_prefix "" {\n  policy = "read"\n}\nquery_prefix "" {\n  policy = "read"\n}\n',
  },
  'nomad-server': {
    description: 'Nomad servers: find each other and register their services',
    rules: 'agent_prefix "" {\n  policy = "read"\n}\nnode_prefix "" {\n  policy = "read"\n}\nservice_prefix "" {\n  policy = "write"\n}\n',
  },
  'nomad-client': {
    description: 'Nomad clients: register their services and those of their allocations',
    rules: 'agent_prefix "" {\n  policy = "read"\n}\nnode_prefix "" {\n  policy = "read"\n}\nservice_prefix "" {\n  policy = "write"\n}\n',
  },
  vault: {
    description: 'Vault: register itself as the service vault',
    rules: 'service "vault" {\n  policy = "write"\n}\nagent_prefix "" {\n  policy = "read"\n}\n',
  },
};

/** The bootstrap bundle's file holding a Consul token. */
export function consulTokenFile(name: ConsulTokenName): string {
  return `consul-${name}-token`;
}

/**
 * The accessor ID of a token epl made, derived from its secret (one-way), so the bootstrap can look
 * the token up without keeping a second value.
 */
export function accessorIdOf(secret: string): string {
  const h = createHash('sha256').update(`epl consul accessor\n${secret}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** What the region's bootstrap makes in Consul: policies, tokens, the auth method for Nomad's jobs. */
export function consulResources(model: Model, region: Region, secrets: (name: ConsulTokenName) => string): ApiResource[] {
  const out: ApiResource[] = [];
  for (const [name, p] of Object.entries(POLICIES) as Array<[Exclude<ConsulTokenName, 'management'>, (typeof POLICIES)[keyof typeof POLICIES]]>) {
    out.push({
      api: 'consul',
      label: `Consul policy ${name}`,
      read: `/v1/acl/policy/name/${name}`,
      current: '{Name, Description, Rules}',
      create: { method: 'PUT', path: '/v1/acl/policy' },
      update: { method: 'PUT', path: '/v1/acl/policy/{ID}', id: '.ID' },
      body: { Name: name, Description: p.description, Rules: p.rules },
    });
  }
  for (const name of Object.keys(POLICIES) as Array<Exclude<ConsulTokenName, 'management'>>) {
    const accessor = accessorIdOf(secrets(name));
    out.push({
      api: 'consul',
      label: `Consul token ${name}`,
      read: `/v1/acl/token/${accessor}`,
      current: '{AccessorID, SecretID, Description, Policies: [.Policies[]? | {Name}]}',
      create: { method: 'PUT', path: '/v1/acl/token' },
      update: { method: 'PUT', path: `/v1/acl/token/${accessor}`, id: '.AccessorID' },
      body: { AccessorID: accessor, SecretID: fileValue('secret'), Description: `epl: ${name}`, Policies: [{ Name: name }] },
      files: { secret: `"$bundle"/${consulTokenFile(name)}` },
    });
  }
  // Consul checks the identities Nomad signs against the keys its servers publish.
  const nomad = membersOf(model, region, 'nomadMaster')[0];
  if (nomad) {
    out.push({
      api: 'consul',
      label: `Consul auth method ${CONSUL_AUTH_METHOD}`,
      read: `/v1/acl/auth-method/${CONSUL_AUTH_METHOD}`,
      current: '{Name, Type, Description, Config: (.Config | {JWKSURL, JWKSCACert, JWTSupportedAlgs, BoundAudiences, ClaimMappings})}',
      create: { method: 'PUT', path: '/v1/acl/auth-method' },
      update: { method: 'PUT', path: `/v1/acl/auth-method/${CONSUL_AUTH_METHOD}`, id: '.Name' },
      body: {
        Name: CONSUL_AUTH_METHOD,
        Type: 'jwt',
        Description: "Nomad's workload identities",
        Config: {
          JWKSURL: `https://${nomad.address}:4646/.well-known/jwks.json`,
          JWKSCACert: fileValue('ca'),
          JWTSupportedAlgs: ['RS256'],
          BoundAudiences: ['consul.io'],
          ClaimMappings: { nomad_namespace: 'nomad_namespace', nomad_job_id: 'nomad_job_id', nomad_task: 'nomad_task', nomad_service: 'nomad_service' },
        },
      },
      files: { ca: shq(secretPath(secretFileNames.nomadCa, '.crt')) },
    });
    const service = '[.[] | select(.BindType == "service")][0]';
    out.push({
      api: 'consul',
      label: 'Consul binding rule for the services of Nomad jobs',
      read: `/v1/acl/binding-rules?authmethod=${CONSUL_AUTH_METHOD}`,
      current: `${service} // {} | {AuthMethod, Description, BindType, BindName, Selector}`,
      create: { method: 'PUT', path: '/v1/acl/binding-rule' },
      update: { method: 'PUT', path: '/v1/acl/binding-rule/{ID}', id: `${service}.ID` },
      body: { AuthMethod: CONSUL_AUTH_METHOD, Description: 'a Nomad service registers as itself', BindType: 'service', BindName: '${value.nomad_service}', Selector: '"nomad_service" in value' },
    });
  }
  return out;
}
