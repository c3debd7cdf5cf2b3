import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { lanAddressOf, membersOf } from '../../../plan/control-plane';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import { secretKeys } from '../../../secrets/keys';
import type { EmitContext } from '../../context';
import { plural } from '../../../../lib/text/plural';

/** File with the gossip key and ACL tokens, written by provision.sh (never in the Nix store). */
export const CONSUL_SECRETS_FILE = secretPath(secretFileNames.consulSecrets);

/** Consul agent on every server: a server on consul masters, a client elsewhere. */
export function consulSection(ctx: EmitContext, server: Server): NixAttrs {
  const region = server.datacenter.region;
  const masters = membersOf(ctx.model, region, 'consulMaster');
  const otherRegions = ctx.model.regions.filter((r) => r !== region).flatMap((r) => membersOf(ctx.model, r, 'consulMaster').map((m) => m.address));
  const ip = lanAddressOf(ctx.model, server);
  const isServer = server.roles.consulMaster;
  // Gossip and RPC between agents are mutually authenticated; the HTTPS API is not, so local
  // clients (Nomad, Vault, the CLI) need only the CA. A client agent's RPC certificate comes from
  // the servers (auto-encrypt) and is signed by Consul's own CA, which those local clients do not
  // trust: its HTTPS listener serves the agent's certificate from the platform's CA instead.
  const cert = { cert_file: secretPath(secretFileNames.consulTls, '.crt'), key_file: secretPath(secretFileNames.consulTls, '.key') };
  const tls = nix.attrs({
    defaults: nix.attrs({ ca_file: secretPath(secretFileNames.consulCa, '.crt'), ...(isServer ? cert : {}), verify_outgoing: true }),
    internal_rpc: nix.attrs({ verify_incoming: isServer, verify_server_hostname: true }),
    https: nix.attrs({ ...(isServer ? {} : cert), verify_incoming: false }),
  });
  const config = nix.attrs({
    datacenter: region.regionName,
    node_name: server.hostname,
    server: isServer,
    ...(isServer ? { bootstrap_expect: masters.length } : {}),
    bind_addr: ip,
    advertise_addr: ip,
    client_addr: `127.0.0.1 ${ip}`,
    retry_join: masters.filter((m) => m.server !== server).map((m) => m.address),
    ...(isServer && otherRegions.length ? { retry_join_wan: otherRegions } : {}),
    ports: nix.attrs({ http: 8500, https: 8501, dns: 8600 }),
    tls,
    auto_encrypt: isServer ? nix.attrs({ allow_tls: true }) : nix.attrs({ tls: true }),
    acl: nix.attrs({ enabled: true, default_policy: 'deny', enable_token_persistence: true }),
    telemetry: nix.attrs({ prometheus_retention_time: '60s', disable_hostname: true }),
  });
  return new NixAttrs().set(
    ['services', 'consul'],
    nix.attrs({ enable: true, webUi: isServer, forceAddrFamily: 'ipv4', extraConfig: config, extraConfigFiles: [CONSUL_SECRETS_FILE] }),
    `region ${region.regionName}: ${plural(masters.length, 'server')} (${masters.map((m) => m.server.hostname).join(', ')}); TLS, ACLs default deny`,
  );
}

/** Contents of the Consul secrets file of a server. */
export function consulSecretsJson(ctx: EmitContext, server: Server): string {
  const region = server.datacenter.region;
  return (
    JSON.stringify(
      {
        encrypt: ctx.secrets[secretKeys.consulGossip],
        acl: {
          tokens: {
            agent: ctx.secrets[secretKeys.consulToken(region, 'agent')],
            default: ctx.secrets[secretKeys.consulToken(region, 'default')],
            ...(server.roles.consulMaster ? { initial_management: ctx.secrets[secretKeys.consulToken(region, 'management')] } : {}),
          },
        },
      },
      null,
      2,
    ) + '\n'
  );
}
