import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { lanAddressOf, membersOf } from '../../../plan/control-plane';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import type { EmitContext } from '../../context';

/** Vault with integrated (raft) storage on vault instances. */
export function vaultSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  if (!server.roles.vaultInstance) return n;
  const peers = membersOf(ctx.model, server.datacenter.region, 'vaultInstance').filter((m) => m.server !== server);
  const ip = lanAddressOf(ctx.model, server);
  const ca = secretPath(secretFileNames.vaultCa, '.crt');
  const storage = [
    `node_id = "${server.hostname}"`,
    ...peers.flatMap((p) => ['retry_join {', `  leader_api_addr = "https://${p.address}:8200"`, `  leader_ca_cert_file = "${ca}"`, '}']),
  ].join('\n');
  const extra = [`api_addr = "https://${ip}:8200"`, `cluster_addr = "https://${ip}:8201"`, 'ui = true', 'disable_mlock = true'].join('\n');
  return n.set(
    ['services', 'vault'],
    nix.attrs({
      enable: true,
      package: nix.expr('pkgs.vault-bin'),
      address: `${ip}:8200`,
      tlsCertFile: secretPath(secretFileNames.vaultTls, '.crt'),
      tlsKeyFile: secretPath(secretFileNames.vaultTls, '.key'),
      storageBackend: 'raft',
      storageConfig: nix.multiline(storage + '\n'),
      extraConfig: nix.multiline(extra + '\n'),
    }),
    `raft peers: ${peers.map((p) => p.server.hostname).join(', ')}`,
  );
}
