import type { Server } from '../../../constructs/core/server';
import { dnssecKey } from '../../../lib/crypto/dnssec';
import type { FileTree } from '../../../lib/files/file-tree';
import { BIND_DIR, secretFilesOf, secretFileNames, secretPath } from '../../plan/server-files';
import { secretKeys } from '../../secrets/keys';
import type { SecretRequest } from '../../secrets/requests';
import { once, type EmitContext } from '../context';
import { consulSecretsJson } from '../nixos/sections/consul';
import { KEEPALIVED_AUTH_FILE, keepalivedAuthConf } from '../nixos/sections/keepalived';
import { nomadSecretsJson } from '../nixos/sections/nomad';
import { vaultSecretsJson } from '../nixos/sections/vault';
import { frrConfigOf } from '../routing/frr';
import { renderAdminWireguardConfig } from '../vpn/admin-wg';

/** The secret requests by key, once per synth (a server's bundle looks its own up). */
function requestsByKey(ctx: EmitContext): ReadonlyMap<string, SecretRequest> {
  return once(ctx, 'requests-by-key', () => new Map(ctx.secretRequests.map((r) => [r.key, r])));
}

/** Where the secret bundles go in the output; the output's `.gitignore` excludes it. */
export const BUNDLES_DIR = 'secrets';

/** A server's bundle; servers have their own folder so no hostname can be taken for `admin`. */
export function serverBundleDir(server: Server): string {
  return `${BUNDLES_DIR}/servers/${server.hostname}`;
}

/** One file of a server's secret bundle and where provisioning installs it. */
export interface BundleFile {
  /** Path inside the bundle, `out/secrets/servers/<host>/<name>`. */
  readonly name: string;
  /** Absolute path on the server. */
  readonly target: string;
  readonly mode: '0400' | '0444' | '0644';
  readonly owner: string;
  readonly content: string;
}

const line = (value: string) => (value.endsWith('\n') ? value : `${value}\n`);

/**
 * Everything secret that provisioning installs on a server: its secret files, the service
 * fragments that embed secrets, and the DNSSEC keys of the zones it is master of. `provision.sh`
 * reads them from the bundle, so no secret is written into the script itself.
 */
export function secretBundleOf(ctx: EmitContext, server: Server): readonly BundleFile[] {
  return once(ctx, `bundle:${server.node.path}`, () => {
    const files: BundleFile[] = secretFilesOf(ctx.secretRequests, server).map((f) => ({
      name: f.name,
      target: f.path,
      mode: f.mode,
      owner: f.owner,
      content: line(ctx.secrets[f.secretKey]!),
    }));
    files.push({ name: secretFileNames.consulSecrets, target: secretPath(secretFileNames.consulSecrets), mode: '0400', owner: 'consul', content: consulSecretsJson(ctx, server) });
    files.push({ name: secretFileNames.nomadSecrets, target: secretPath(secretFileNames.nomadSecrets), mode: '0400', owner: 'root', content: nomadSecretsJson(ctx, server) });
    if (server.roles.vaultInstance) {
      files.push({ name: secretFileNames.vaultSecrets, target: secretPath(secretFileNames.vaultSecrets), mode: '0400', owner: 'vault', content: vaultSecretsJson(ctx, server) });
    }
    const frr = frrConfigOf(ctx, server);
    // Read as root by FRR's start script (vtysh -b) and reload; the daemons run as frr.
    if (frr) files.push({ name: secretFileNames.frrConfig, target: secretPath(secretFileNames.frrConfig), mode: '0400', owner: 'frr', content: frr });
    const vrrpKey = secretKeys.vrrpPassword(server.datacenter);
    const vrrpPassword = ctx.secrets[vrrpKey];
    if (vrrpPassword !== undefined && requestsByKey(ctx).get(vrrpKey)?.servers.includes(server)) {
      files.push({ name: secretFileNames.keepalivedAuth, target: KEEPALIVED_AUTH_FILE, mode: '0400', owner: 'root', content: keepalivedAuthConf(vrrpPassword) });
    }
    for (const zone of ctx.zones.filter((z) => z.master === server && z.signed)) {
      for (const [role, flags] of [['ksk', 257], ['zsk', 256]] as const) {
        const k = dnssecKey(zone.name, flags, ctx.secrets[secretKeys.dnssec(zone.name, role)]!);
        // BIND's names hold '+', which bundle paths avoid.
        const name = `dnssec/${zone.name}-${role}`;
        files.push({ name: `${name}.key`, target: `${BIND_DIR}/keys/${k.fileBase}.key`, mode: '0644', owner: 'named', content: k.keyFile });
        files.push({ name: `${name}.private`, target: `${BIND_DIR}/keys/${k.fileBase}.private`, mode: '0400', owner: 'named', content: k.privateFile });
      }
    }
    return files;
  });
}

/**
 * Adds `secrets/servers/<host>/...` for every server and `secrets/admin/` (the admin's WireGuard client),
 * owner-only, with a `.gitignore` that keeps the bundles out of version control: the rest of the
 * output holds no secret and can be committed and reviewed.
 */
export function emitSecretBundles(ctx: EmitContext, out: FileTree): void {
  for (const server of ctx.model.servers) {
    for (const f of secretBundleOf(ctx, server)) out.add(`${serverBundleDir(server)}/${f.name}`, f.content, { mode: 0o600, secret: true });
  }
  const wg = renderAdminWireguardConfig(ctx);
  if (wg) out.add(`${BUNDLES_DIR}/admin/wg.conf`, wg, { mode: 0o600, secret: true });
  out.add('.gitignore', `# Secret bundles for provisioning: never commit them.\n/${BUNDLES_DIR}/\n`);
}
