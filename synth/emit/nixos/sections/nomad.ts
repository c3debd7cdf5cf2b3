import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { lanAddressOf, membersOf } from '../../../plan/control-plane';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import { secretKeys } from '../../../secrets/keys';
import { planStorage } from '../../../plan/storage';
import type { EmitContext } from '../../context';
import { sortedBy } from '../../../../lib/text/order';
import { plural } from '../../../../lib/text/plural';

/** Nomad's Consul token (and on servers the gossip key), written by provision.sh. */
export const NOMAD_SECRETS_FILE = secretPath(secretFileNames.nomadSecrets);

/** Nomad on every server: a client everywhere, a server on nomad masters. */
export function nomadSection(ctx: EmitContext, server: Server): NixAttrs {
  const region = server.datacenter.region;
  const masters = membersOf(ctx.model, region, 'nomadMaster');
  const ip = lanAddressOf(ctx.model, server);
  const hostVolumes = new NixAttrs();
  for (const v of sortedBy(ctx.model.volumesOf(server), (v) => v.volumeName)) {
    hostVolumes.set(v.volumeName, nix.attrs({ path: v.mountpoint, read_only: false }));
  }
  const meta = new NixAttrs().set('private_ip', ip);
  for (const [k, v] of sortedBy(Object.entries(server.labels), ([k]) => k)) meta.set(`label_${k}`, v);
  // Placement (synth/plan/nomad/common.ts): stateless groups need run_unassigned_workloads > 0,
  // stateful groups the lock of the instance this server holds.
  meta.set('run_unassigned_workloads', server.runUnassignedWorkloads ? '1' : '0');
  for (const lock of new Set(sortedBy(ctx.plan.locks.filter((l) => l.server === server), (l) => l.lock).map((l) => l.lock))) meta.set(`lock_${lock}`, '1');
  const cert = server.roles.nomadMaster ? secretFileNames.nomadServerTls : secretFileNames.nomadClientTls;
  const settings = nix.attrs({
    region: region.regionName,
    datacenter: server.datacenter.dcName,
    name: server.hostname,
    bind_addr: ip,
    advertise: nix.attrs({ http: ip, rpc: ip, serf: ip }),
    server: nix.attrs({
      enabled: server.roles.nomadMaster,
      ...(server.roles.nomadMaster
        ? {
            bootstrap_expect: masters.length,
            // Joins through Consul need Nomad's Consul token to work first; the addresses do not.
            server_join: nix.attrs({ retry_join: masters.filter((m) => m.server !== server).map((m) => m.address) }),
            // Tasks reserve memory and may burst to memory_max; binpack fills servers the
            // reservation plan (reservations/<region>.md) has checked have room.
            default_scheduler_config: nix.attrs({ memory_oversubscription_enabled: true, scheduler_algorithm: 'binpack' }),
          }
        : {}),
    }),
    client: nix.attrs({
      enabled: true,
      servers: masters.map((m) => `${m.address}:4647`),
      meta,
      host_volume: hostVolumes,
      host_network: nix.attrs({ lan: nix.attrs({ cidr: `${ip}/32` }) }),
    }),
    tls: nix.attrs({
      http: true,
      rpc: true,
      ca_file: secretPath(secretFileNames.nomadCa, '.crt'),
      cert_file: secretPath(cert, '.crt'),
      key_file: secretPath(cert, '.key'),
      verify_server_hostname: true,
      verify_https_client: false,
    }),
    acl: nix.attrs({ enabled: true }),
    // Jobs authenticate to Consul and Vault with workload identities Nomad signs; the region's
    // bootstrap sets up both to accept them (auth methods `nomad-workloads` and `jwt-nomad`).
    consul: nix.attrs({
      address: '127.0.0.1:8501',
      ssl: true,
      ca_file: secretPath(secretFileNames.consulCa, '.crt'),
      ...(server.roles.nomadMaster ? { service_identity: identity('consul.io'), task_identity: identity('consul.io') } : {}),
    }),
    vault: nix.attrs({
      enabled: true,
      address: 'https://vault.service.consul:8200',
      ca_file: secretPath(secretFileNames.vaultCa, '.crt'),
      jwt_auth_backend_path: `${VAULT_JWT_PATH}/`,
      ...(server.roles.nomadMaster ? { default_identity: identity('vault.io') } : {}),
    }),
    telemetry: nix.attrs({ prometheus_metrics: true, publish_allocation_metrics: true, publish_node_metrics: true }),
  });
  const n = new NixAttrs().set(
    ['services', 'nomad'],
    nix.attrs({ enable: true, dropPrivileges: false, enableDocker: true, settings, extraSettingsPaths: [NOMAD_SECRETS_FILE] }),
    `region ${region.regionName}: ${plural(masters.length, 'server')} (${masters.map((m) => m.server.hostname).join(', ')}); host volumes for every volume of this server`,
  );
  // Host volumes must be there when Nomad starts, or it registers the node without them.
  const storage = planStorage(ctx.model, server);
  n.set(['systemd', 'services', 'nomad', 'after'], ['zfs-mount.service']);
  if (storage.xfsDisks.length > 0) n.set(['systemd', 'services', 'nomad', 'unitConfig', 'RequiresMountsFor'], storage.xfsDisks.map((x) => x.mountpoint));
  return n;
}

/** Where Vault's JWT auth method for Nomad's workload identities is mounted. */
export const VAULT_JWT_PATH = 'jwt-nomad';

function identity(audience: string): NixAttrs {
  return nix.attrs({ aud: [audience], ttl: '1h' });
}

/** Nomad's secret settings on a server: its Consul token, and on servers the gossip key. */
export function nomadSecretsJson(ctx: EmitContext, server: Server): string {
  const region = server.datacenter.region;
  const token = ctx.secrets[secretKeys.consulToken(region, server.roles.nomadMaster ? 'nomad-server' : 'nomad-client')];
  return JSON.stringify({ consul: { token }, ...(server.roles.nomadMaster ? { server: { encrypt: ctx.secrets[secretKeys.nomadGossip] } } : {}) }, null, 2) + '\n';
}
