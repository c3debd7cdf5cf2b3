import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { lanAddressOf, membersOf } from '../../../plan/control-plane';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import { secretKeys } from '../../../secrets/keys';
import type { EmitContext } from '../../context';

/** Vault's secret settings (its Consul token), written by provision.sh. */
export const VAULT_SECRETS_FILE = secretPath(secretFileNames.vaultSecrets);

/** Vault with integrated (raft) storage on vault instances, registered in Consul as `vault`. */
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
      // The monitoring clusters scrape /v1/sys/metrics over TLS without a token (it shows no secret).
      listenerExtraConfig: nix.multiline('tls_min_version = "tls12"\ntelemetry {\n  unauthenticated_metrics_access = true\n}\n'),
      telemetryConfig: nix.multiline('prometheus_retention_time = "60s"\ndisable_hostname = true\n'),
      storageBackend: 'raft',
      storageConfig: nix.multiline(storage + '\n'),
      extraConfig: nix.multiline(extra + '\n'),
      extraSettingsPaths: [VAULT_SECRETS_FILE],
    }),
    `raft peers: ${peers.map((p) => p.server.hostname).join(', ')}; the module never restarts Vault on a change (a restart seals it): provision.sh does, and says so`,
  );
}

/**
 * Vault's settings that hold a secret: the registration as `vault` in the local Consul agent
 * (`vault.service.consul`, which Nomad and every server's VAULT_ADDR use), with its token.
 */
export function vaultSecretsJson(ctx: EmitContext, server: Server): string {
  const consul = {
    address: '127.0.0.1:8501',
    scheme: 'https',
    tls_ca_file: secretPath(secretFileNames.consulCa, '.crt'),
    token: ctx.secrets[secretKeys.consulToken(server.datacenter.region, 'vault')],
  };
  return JSON.stringify({ service_registration: { consul } }, null, 2) + '\n';
}
