import type { Server } from '../../../../constructs/core/server';
import { nix, NixAttrs, type NixCall } from '../../../../lib/nix/value';
import { pinnedNixpkgs, type PinnedNixpkgs } from '../../../plan/nixpkgs';
import type { EmitContext } from '../../context';

/** The name configuration.nix binds the pinned nixpkgs source to (a `let` around the module). */
export const PINNED_NIXPKGS = 'pinnedNixpkgs';

/** The configuration `nixos-rebuild` builds: the `nixos-config` entry of NIX_PATH. */
export const NIXOS_CONFIG = '/etc/nixos/configuration.nix';

/**
 * `builtins.fetchTarball { url = ...; sha256 = ...; }` of a pin. provision.sh evaluates this very
 * expression before the switch, so the source is in the store when configuration.nix evaluates it
 * again (no second download) and both name the same store path.
 */
export function fetchNixpkgs(pin: PinnedNixpkgs): NixCall {
  return nix.call('builtins.fetchTarball', [nix.attrs({ url: pin.url, sha256: pin.sha256 })]);
}

/** The bindings the configuration opens with: the pinned nixpkgs source. */
export function nixpkgsBindings(ctx: EmitContext, server: Server): NixAttrs {
  const pin = pinnedNixpkgs(ctx.model, server);
  return new NixAttrs().set(PINNED_NIXPKGS, fetchNixpkgs(pin), `nixpkgs ${pin.rev}, which this system is built from (provision.sh fetched it before the switch)`);
}

/**
 * The pinned nixpkgs for everything on the machine, not only provision.sh's switch: `nixos-rebuild`
 * and `nix-shell` by hand (NIX_PATH, and nix.conf's `nix-path` where NIX_PATH is not set, as under
 * sudo), `nix shell nixpkgs#...` (the flake registry), and no channel to drift from it. The
 * references also keep the source out of garbage collection for as long as this system exists.
 */
export function nixpkgsSection(): NixAttrs {
  const nixPath = [nix.expr(`"nixpkgs=\${${PINNED_NIXPKGS}}"`), `nixos-config=${NIXOS_CONFIG}`];
  return new NixAttrs()
    .set(['nix', 'nixPath'], nixPath, 'nixos-rebuild and nix-shell on the machine use the pinned nixpkgs too')
    .set(['nix', 'settings', 'nix-path'], nixPath, 'the same where NIX_PATH is not set (sudo, services)')
    .set(['nix', 'registry', 'nixpkgs', 'to'], nix.attrs({ type: 'path', path: nix.expr(PINNED_NIXPKGS) }), 'nix shell nixpkgs#... as well, instead of the moving nixpkgs-unstable of the global registry')
    .set(
      ['nix', 'channel', 'enable'],
      false,
      'The pin is the machine\'s nixpkgs: no channel (the installer\'s nixos one included) to update it behind the configuration\'s back.\nprovision.sh removes root\'s channel links after the switch. Set lib.mkForce true to have channels anyway.',
    );
}
