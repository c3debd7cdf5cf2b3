import type { Server } from '../../../../constructs/core/server';
import { nixCachePublicKey } from '../../../../lib/crypto/keys';
import { sshPublicKeyLine } from '../../../../lib/crypto/ssh';
import { nix, NixAttrs } from '../../../../lib/nix/value';
import { secretKeys } from '../../../secrets/keys';
import { once, type EmitContext } from '../../context';
import { hardwareImports } from './boot';
import { userModule } from './user-module';

/**
 * `system.stateVersion`: the NixOS release whose stateful defaults (data formats and locations of
 * services such as Postgres, which NixOS does not migrate) the servers' data was created with. It
 * deliberately does not follow the nixpkgs pin: moving the pin upgrades the software, and a
 * changed stateVersion on an existing machine would point services at data layouts their data is
 * not in. New stateful defaults are adopted per service, with a migration, never by bumping this.
 */
export const NIXOS_STATE_VERSION = '24.05';

/** Imports, users, sshd, sudo, nix settings, time zone. */
export function baseSection(ctx: EmitContext, server: Server): NixAttrs {
  const own = userModule(server);
  const hardware = hardwareImports(server);
  const imports = [...hardware.modules, ...(own ? [own] : [])];
  const adminKeys = once(ctx, 'admin-ssh-keys', () => {
    const rootKey = sshPublicKeyLine(ctx.secrets[secretKeys.sshRoot]!, `epl-root@${ctx.model.app.projectName}`);
    return [...new Set([rootKey, ...ctx.model.app.adminSshKeys.map((k) => k.trim())])];
  });
  return new NixAttrs()
    .set('imports', imports, `${hardware.comment}${own ? '; the last module is the configuration given in epl.ts (extraPackages, addNixosConfig)' : ''}`)
    .set(['time', 'timeZone'], 'UTC')
    .set(['users', 'mutableUsers'], false)
    .set(['users', 'users', 'root', 'hashedPassword'], '!', 'root cannot log in with a password')
    .set(
      ['users', 'users', 'admin'],
      nix.attrs({
        isNormalUser: true,
        extraGroups: ['wheel', 'docker'],
        openssh: nix.attrs({ authorizedKeys: nix.attrs({ keys: adminKeys }) }),
      }),
      "the generated root key (secrets file: ssh_root_ed25519) and the App's admin keys",
    )
    .set(['security', 'sudo', 'wheelNeedsPassword'], false)
    .set(
      ['services', 'openssh'],
      nix.attrs({
        enable: true,
        openFirewall: false,
        settings: nix.attrs({ PermitRootLogin: 'prohibit-password', PasswordAuthentication: false, KbdInteractiveAuthentication: false }),
      }),
    )
    .set(
      ['nix', 'settings'],
      nix.attrs({
        'experimental-features': ['nix-command', 'flakes'],
        'trusted-users': ['root', '@wheel'],
        substituters: ['https://cache.nixos.org/'],
        'trusted-public-keys': ['cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=', once(ctx, 'nix-cache-public-key', () => nixCachePublicKey(ctx.secrets[secretKeys.nixCache]!))],
        'auto-optimise-store': true,
      }),
    )
    .set('swapDevices', [])
    .set(['system', 'stateVersion'], NIXOS_STATE_VERSION, 'the release the machines\' data was first laid out for; it stays when the nixpkgs pin moves');
}
