import type { Server } from '../../../../constructs/core/server';
import { NixAttrs, nix } from '../../../../lib/nix/value';
import { bootstrapHost, lanAddressOf } from '../../../plan/control-plane';
import { planServerNetwork } from '../../../plan/server-network';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import type { EmitContext } from '../../context';
import { REGISTRY_ADDRESS } from '../../../components/docker-registry/names';

/** Packages, environment, Docker, metrics exporters and extra nftables rules (log shipping: vector.ts). */
export function agentsSection(ctx: EmitContext, server: Server): NixAttrs {
  const ip = lanAddressOf(ctx.model, server);
  const n = new NixAttrs()
    .set(
      ['nixpkgs', 'config', 'allowUnfreePredicate'],
      nix.expr('pkg: builtins.elem (lib.getName pkg) [ "consul" "nomad" "vault" "vault-bin" ]'),
      'Consul, Nomad and Vault are under the Business Source License',
    )
    // The region's provisioning server runs L2: its database step needs psql, its NATS step socat, its image push skopeo.
    .set(['environment', 'systemPackages'], nix.with('pkgs', nix.expr(`[ vim curl dig jq tmux htop git sqlite zfs xfsprogs wireguard-tools consul nomad vault-bin openssl${bootstrapHost(ctx.model, server.datacenter.region)?.server === server ? ' postgresql socat skopeo' : ''} ]`)))
    .set(
      ['environment', 'sessionVariables'],
      nix.attrs({
        HISTCONTROL: 'ignoreboth',
        CONSUL_HTTP_ADDR: 'https://127.0.0.1:8501',
        CONSUL_CACERT: secretPath(secretFileNames.consulCa, '.crt'),
        NOMAD_ADDR: `https://${ip}:4646`,
        NOMAD_CACERT: secretPath(secretFileNames.nomadCa, '.crt'),
        VAULT_ADDR: 'https://vault.service.consul:8200',
        VAULT_CACERT: secretPath(secretFileNames.vaultCa, '.crt'),
      }),
    )
    .set(
      ['virtualisation', 'docker'],
      nix.attrs({
        enable: true,
        daemon: nix.attrs({
          settings: nix.attrs({
            'log-driver': 'json-file',
            'log-opts': nix.attrs({ 'max-size': '10m', 'max-file': '3' }),
            // The region's registry serves plain HTTP inside the private network.
            'insecure-registries': [REGISTRY_ADDRESS],
          }),
        }),
      }),
    )
    // The zfs collector (on by default, named so it stays on) reports the pools' state and the ARC; the filesystem collector their space.
    .set(
      ['services', 'prometheus', 'exporters', 'node'],
      nix.attrs({ enable: true, listenAddress: ip, port: 9100, enabledCollectors: ['systemd', 'textfile', 'zfs'], extraFlags: ['--collector.textfile.directory=/var/lib/node_exporter'] }),
    )
    .set(['systemd', 'tmpfiles', 'rules'], ['d /var/lib/node_exporter 0755 root root -'])
    .set(['services', 'cadvisor'], nix.attrs({ enable: true, listenAddress: ip, port: 9280, extraOptions: ['--docker_only=true'] }))
    .set(['networking', 'nftables', 'enable'], true);
  const pub = planServerNetwork(ctx.model, server).publicInterface;
  if (pub) {
    n.set(
      ['networking', 'nftables', 'tables', 'epl-internet-fw'],
      nix.attrs({
        family: 'inet',
        content: nix.multiline(
          // Replies to the private servers' own connections, masqueraded on the way out, arrive
          // here already translated back to their private address: those pass.
          ['chain forward {', '  type filter hook forward priority 0; policy accept;', `  iifname "${pub}" ip daddr 10.0.0.0/8 ct state != { established, related } drop`, '}'].join('\n') + '\n',
        ),
      }),
      'nothing from the internet is forwarded into the private range but replies to connections from it',
    );
  }
  return n;
}
