import type { Region } from '../../../constructs/core/region';
import { shq } from '../../../lib/shell/quote';
import type { Model } from '../../model/model';
import { membersOf } from '../../plan/control-plane';
import { secretFileNames, secretPath } from '../../plan/server-files';
import { VAULT_JWT_PATH } from '../nixos/sections/nomad';
import type { ApiResource } from './api-resource';
import { fileValue, jqExpr } from './jq-body';

/** Vault's role (and policy) for Nomad's jobs when a job names none. */
export const VAULT_ROLE = 'nomad-workloads';

/** The KV (version 2) mount where the platform keeps its jobs' secrets. */
export const VAULT_KV_MOUNT = 'epl';

/**
 * A job reads the secrets under `epl/<namespace>/<job>/`: the policy names them through the
 * identity Vault gave the job's token, whose alias is on the JWT auth method (its accessor is
 * known only at run time, hence the placeholder).
 */
function workloadPolicy(): string {
  const meta = (claim: string) => `{{identity.entity.aliases.ACCESSOR.metadata.${claim}}}`;
  const job = `${meta('nomad_namespace')}/${meta('nomad_job_id')}`;
  return [
    `path "${VAULT_KV_MOUNT}/data/${job}/*" {`,
    '  capabilities = ["read"]',
    '}',
    `path "${VAULT_KV_MOUNT}/metadata/${job}/*" {`,
    '  capabilities = ["list"]',
    '}',
    '',
  ].join('\n');
}

/**
 * What the region's bootstrap makes in Vault once it is unsealed: the JWT auth method Nomad's
 * `vault` block names (`jwt_auth_backend_path`), checking the identities against the Nomad
 * servers' keys, its default role, the role's policy and the KV mount the policy reads.
 */
export function vaultResources(model: Model, region: Region): ApiResource[] {
  const nomad = membersOf(model, region, 'nomadMaster')[0];
  if (!nomad) return [];
  const mount = `${VAULT_JWT_PATH}/`;
  return [
    {
      api: 'vault',
      label: `Vault auth method ${VAULT_JWT_PATH}`,
      read: '/v1/sys/auth',
      current: `(.data // .)[${JSON.stringify(mount)}] // {} | {type}`,
      create: { method: 'POST', path: `/v1/sys/auth/${VAULT_JWT_PATH}` },
      body: { type: 'jwt' },
    },
    {
      api: 'vault',
      label: `Vault secrets engine ${VAULT_KV_MOUNT} (KV version 2)`,
      read: '/v1/sys/mounts',
      current: `(.data // .)[${JSON.stringify(`${VAULT_KV_MOUNT}/`)}] // {} | {type, options: {version: .options.version?}}`,
      create: { method: 'POST', path: `/v1/sys/mounts/${VAULT_KV_MOUNT}` },
      body: { type: 'kv', options: { version: '2' } },
    },
    {
      api: 'vault',
      label: `Vault ${VAULT_JWT_PATH} configuration`,
      read: `/v1/auth/${VAULT_JWT_PATH}/config`,
      current: '.data // {} | {jwks_url, jwks_ca_pem, jwt_supported_algs, default_role}',
      create: { method: 'POST', path: `/v1/auth/${VAULT_JWT_PATH}/config` },
      body: {
        jwks_url: `https://${nomad.address}:4646/.well-known/jwks.json`,
        jwks_ca_pem: fileValue('ca'),
        jwt_supported_algs: ['RS256', 'EdDSA'],
        default_role: VAULT_ROLE,
      },
      files: { ca: shq(secretPath(secretFileNames.nomadCa, '.crt')) },
    },
    {
      api: 'vault',
      label: `Vault role ${VAULT_ROLE}`,
      read: `/v1/auth/${VAULT_JWT_PATH}/role/${VAULT_ROLE}`,
      current: '.data // {} | {role_type, bound_audiences, user_claim, user_claim_json_pointer, claim_mappings, token_type, token_policies, token_period}',
      create: { method: 'POST', path: `/v1/auth/${VAULT_JWT_PATH}/role/${VAULT_ROLE}` },
      body: {
        role_type: 'jwt',
        bound_audiences: ['vault.io'],
        user_claim: '/nomad_job_id',
        user_claim_json_pointer: true,
        claim_mappings: { nomad_namespace: 'nomad_namespace', nomad_job_id: 'nomad_job_id', nomad_task: 'nomad_task' },
        token_type: 'service',
        token_policies: [VAULT_ROLE],
        // Seconds, as Vault reads it back; Nomad renews the token while the task runs.
        token_period: 1800,
      },
    },
    {
      api: 'vault',
      label: `Vault policy ${VAULT_ROLE}`,
      read: `/v1/sys/policies/acl/${VAULT_ROLE}`,
      current: '{policy: .data.policy}',
      create: { method: 'PUT', path: `/v1/sys/policies/acl/${VAULT_ROLE}` },
      body: { policy: jqExpr(`(${JSON.stringify(workloadPolicy())} | gsub("ACCESSOR"; $accessor))`) },
      args: { accessor: 'jwt_accessor' },
      before: [`jwt_accessor="$(read_value vault /v1/sys/auth ${shq(`(.data // .)[${JSON.stringify(mount)}].accessor`)})"`],
    },
  ];
}
