import type { Server } from '../../../../constructs/core/server';
import { octet } from '../../../../lib/ip/ipv4';
import { nix, NixAttrs } from '../../../../lib/nix/value';
import type { Model } from '../../../model/model';
import { subnetsRoutedBy } from '../../../plan/floating-gateways';
import { secretFileNames, secretPath } from '../../../plan/server-files';
import type { EmitContext } from '../../context';

/**
 * keepalived on the two routing servers of every routed lan subnet: one VRRP instance per floating
 * gateway address, so the subnet's servers keep their route out when either router fails.
 *
 * The configuration text is made here once, as two pieces that NixOS's keepalived module places in
 * its file (`extraGlobalDefs` inside `global_defs { }`, then `extraConfig`); the validators read
 * the same two pieces back from configuration.nix and assemble them as the module does
 * ({@link keepalivedConfFile}). The VRRP password never enters the Nix store: each instance
 * `include`s a file of the server's secret bundle.
 */

/** The file with each instance's `authentication` block, installed by provision.sh from the bundle. */
export const KEEPALIVED_AUTH_FILE = secretPath(secretFileNames.keepalivedAuth);

/**
 * Run on every state change with `INSTANCE <name> <state> <priority>` appended (keepalived's
 * `notify`): one journal line per transition under the tag `epl-vrrp`, to find and alert on
 * failovers. util-linux is part of every NixOS system.
 */
export const VRRP_NOTIFY = '/run/current-system/sw/bin/logger -t epl-vrrp';

/** VRRP priorities: the routing server first by hostname is master while both are up. */
export const VRRP_PRIORITY = { first: 200, second: 100 } as const;

/** A server's keepalived configuration, in the two pieces the NixOS module takes. */
export interface KeepalivedConfig {
  /** Lines of `global_defs` (NixOS `extraGlobalDefs`). */
  readonly globalDefs: string;
  /** The `vrrp_instance` blocks (NixOS `extraConfig`). */
  readonly instances: string;
}

/**
 * keepalived's configuration for a server, or undefined when it routes no subnet. Pure; a subnet
 * is configured only with exactly two routers (rules hold every routed subnet to that).
 */
export function keepalivedConfig(model: Model, server: Server): KeepalivedConfig | undefined {
  const blocks: string[] = [];
  for (const subnet of subnetsRoutedBy(model, server)) {
    if (subnet.routers.length !== 2) continue;
    const me = subnet.routers.indexOf(server);
    const mine = subnet.routerInterfaces[me]!;
    const peer = subnet.routerInterfaces[1 - me]!;
    const ip = (i: typeof mine) => i.addressText.replace(/\/\d+$/, '');
    // Unicast adverts name both ends, so the id needs only be unique per subnet; the third octet
    // is (subnets are the /24s of one /16), shifted into VRRP's 1..255.
    const routerId = (octet(subnet.network, 2) % 255) + 1;
    blocks.push(
      [
        `vrrp_instance epl_${subnet.cidr.replace(/[./]/g, '_')} {`,
        '  state BACKUP',
        `  interface ${mine.name}`,
        `  virtual_router_id ${routerId}`,
        `  priority ${me === 0 ? VRRP_PRIORITY.first : VRRP_PRIORITY.second}`,
        '  advert_int 1',
        `  unicast_src_ip ${ip(mine)}`,
        '  unicast_peer {',
        `    ${ip(peer)}`,
        '  }',
        `  include ${KEEPALIVED_AUTH_FILE}`,
        '  virtual_ipaddress {',
        `    ${subnet.floatingText}/${subnet.prefix} dev ${mine.name}`,
        '  }',
        `  notify "${VRRP_NOTIFY}"`,
        '}',
      ].join('\n'),
    );
  }
  if (blocks.length === 0) return undefined;
  return {
    // Notify scripts run as root, and only from paths no other user can write to.
    globalDefs: [`router_id ${server.hostname}`, 'enable_script_security', 'script_user root'].join('\n') + '\n',
    instances: blocks.join('\n\n') + '\n',
  };
}

/**
 * The keepalived.conf NixOS's keepalived module writes from `extraGlobalDefs` and `extraConfig`
 * (nixos/modules/services/networking/keepalived/default.nix: `global_defs {` with the script
 * security, SNMP and extra lines, `}`, the module's own vrrp scripts and instances, which epl
 * leaves empty, then the extra configuration).
 */
export function keepalivedConfFile(c: KeepalivedConfig): string {
  return `global_defs {\n  \n  \n  ${c.globalDefs}\n}\n\n\n\n${c.instances}\n`;
}

/** The authentication block every instance of a datacenter includes (PASS: at most 8 characters). */
export function keepalivedAuthConf(password: string): string {
  return ['authentication {', '  auth_type PASS', `  auth_pass ${password}`, '}'].join('\n') + '\n';
}

/** keepalived on routing servers. */
export function keepalivedSection(ctx: EmitContext, server: Server): NixAttrs {
  const n = new NixAttrs();
  const config = keepalivedConfig(ctx.model, server);
  if (!config) return n;
  return n
    .set(
      ['services', 'keepalived'],
      nix.attrs({ enable: true, extraGlobalDefs: nix.multiline(config.globalDefs), extraConfig: nix.multiline(config.instances) }),
      'VRRP for the floating gateway address of the subnets this server routes (lan and VRRP are trusted by the firewall)',
    )
    .set(
      ['systemd', 'services', 'keepalived', 'unitConfig', 'AssertFileNotEmpty'],
      KEEPALIVED_AUTH_FILE,
      'without its password an instance would not accept its peer and both would hold the address',
    );
}
