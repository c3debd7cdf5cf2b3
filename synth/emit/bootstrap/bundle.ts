import type { Region } from '../../../constructs/core/region';
import { secretKeys, type ConsulTokenName } from '../../secrets/keys';
import type { EmitContext } from '../context';
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
 * bootstrap token, and, once captured, Vault's unseal keys and root token.
 */
export function bootstrapBundleOf(ctx: EmitContext, region: Region): ReadonlyArray<{ readonly name: string; readonly content: string }> {
  const line = (v: string) => (v.endsWith('\n') ? v : `${v}\n`);
  const files = TOKENS.map((t) => ({ name: consulTokenFile(t), content: line(ctx.secrets[secretKeys.consulToken(region, t)]!) }));
  files.push({ name: bootstrapFiles.nomadToken, content: line(ctx.secrets[secretKeys.nomadBootstrapToken(region)]!) });
  const keys = ctx.secrets[secretKeys.vaultUnsealKeys(region)];
  const root = ctx.secrets[secretKeys.vaultRootToken(region)];
  if (keys !== undefined) files.push({ name: bootstrapFiles.vaultUnsealKeys, content: line(keys) });
  if (root !== undefined) files.push({ name: bootstrapFiles.vaultRootToken, content: line(root) });
  return files;
}
