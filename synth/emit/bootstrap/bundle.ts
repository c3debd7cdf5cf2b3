import type { Region } from '../../../constructs/core/region';
import { secretKeys, type ConsulTokenName } from '../../secrets/keys';
import type { EmitContext } from '../context';
import type { PlatformPlan } from '../../plan/platform';
import { BUNDLES_DIR } from '../secrets/bundles';
import { consulTokenFile } from './consul-acl';

/** Where a region's bootstrap bundle goes in the output (under the git-ignored secrets folder). */
export function bootstrapBundleDir(region: Region): string {
  return `${BUNDLES_DIR}/bootstrap/${region.regionName}`;
}

/** Bundle files the script reads. */
export const bootstrapFiles = {
  nomadToken: 'nomad-bootstrap-token',
  vaultUnsealKeys: 'vault-unseal-keys',
  vaultRootToken: 'vault-root-token',
} as const;

const TOKENS: readonly ConsulTokenName[] = ['management', 'agent', 'default', 'nomad-server', 'nomad-client', 'vault'];

/**
 * What only the bootstrap needs: Consul's management token and the tokens it creates, Nomad's
 * bootstrap token, and, once captured, Vault's unseal keys and root token; and the user's own
 * secrets that L2 provisioning puts in Vault (`custom/<name>`).
 */
export function bootstrapBundleOf(ctx: EmitContext, region: Region): ReadonlyArray<{ readonly name: string; readonly content: string }> {
  const line = (v: string) => (v.endsWith('\n') ? v : `${v}\n`);
  const files = TOKENS.map((t) => ({ name: consulTokenFile(t), content: line(ctx.secrets[secretKeys.consulToken(region, t)]!) }));
  files.push({ name: bootstrapFiles.nomadToken, content: line(ctx.secrets[secretKeys.nomadBootstrapToken(region)]!) });
  const keys = ctx.secrets[secretKeys.vaultUnsealKeys(region)];
  const root = ctx.secrets[secretKeys.vaultRootToken(region)];
  if (keys !== undefined) files.push({ name: bootstrapFiles.vaultUnsealKeys, content: line(keys) });
  if (root !== undefined) files.push({ name: bootstrapFiles.vaultRootToken, content: line(root) });
  // The user's own secrets the region's Vault secrets copy, as they are (one set without a newline stays so).
  for (const key of ownSecretKeys(ctx.plan, region)) {
    const value = ctx.secrets[key];
    if (value !== undefined) files.push({ name: key, content: value });
  }
  return files;
}

/** The user's secrets (`custom/<name>`) the region's Vault secrets take their values from; each is a bundle file of that name. */
export function ownSecretKeys(plan: PlatformPlan, region: Region): string[] {
  const keys = plan.vaultSecrets.filter((s) => s.region === region).flatMap((s) => Object.values(s.fields).flatMap((v) => ('custom' in v ? [v.custom] : [])));
  return [...new Set(keys)].sort();
}
