import type { Server } from '../../../constructs/core/server';
import { printNix } from '../../../lib/nix/print';
import { shq } from '../../../lib/shell/quote';
import { pinnedNixpkgs } from '../../plan/nixpkgs';
import type { EmitContext } from '../context';
import { fetchNixpkgs, NIXOS_CONFIG } from '../nixos/sections/nixpkgs';

/**
 * Fetches the server's pinned nixpkgs into the store and leaves its store path in `$nixpkgs`.
 * The expression is configuration.nix's own `fetchTarball`, so the configuration later finds the
 * source in the store. `--json`, not `--raw`: this runs with the Nix the machine has before its
 * first switch, and `nix-instantiate --eval --raw` is recent (not in Nix 2.13's manual, in 2.26's);
 * a store path is a JSON string with nothing to unescape but its quotes.
 */
export function fetchNixpkgsLines(ctx: EmitContext, server: Server): string[] {
  const pin = pinnedNixpkgs(ctx.model, server);
  const expr = printNix(fetchNixpkgs(pin)).trimEnd();
  return [
    `# nixpkgs ${pin.rev}, pinned by the hash of its source: the switch below evaluates with it`,
    "# whatever channel the machine has (it never reads one: NIX_PATH names this store path).",
    `nixpkgs="$(nix-instantiate --eval --json -E ${shq(expr)})"`,
    'nixpkgs="${nixpkgs#\\"}"',
    'nixpkgs="${nixpkgs%\\"}"',
    'case "$nixpkgs" in',
    '  /nix/store/*-source) ;;',
    `  *) echo "provision.sh: fetching nixpkgs ${pin.rev} gave '$nixpkgs', not a store path" >&2; exit 1 ;;`,
    'esac',
  ];
}

/** `nixos-rebuild switch` with the pinned nixpkgs and the configuration just installed. */
export function rebuildCommand(): string {
  return `NIX_PATH="nixpkgs=$nixpkgs:nixos-config=${NIXOS_CONFIG}" nixos-rebuild switch`;
}

/**
 * Root's channel links, once the new system has channels off (no `nix-channel` in it): the
 * installer's `nixos` channel would still be read wherever no search path is set
 * (NixOS/nix#9574), and NixOS warns about it on every switch. Removing the links also lets the
 * old nixpkgs they hold be garbage-collected.
 */
export const CHANNEL_CLEANUP = [
  "# The new system has no channels (the pin is this machine's nixpkgs); root's, from the installer,",
  '# would still be read where no search path is set, and NixOS warns about them on every switch.',
  'if [ ! -e /run/current-system/sw/bin/nix-channel ]; then',
  '  for link in /root/.nix-defexpr/channels /nix/var/nix/profiles/per-user/root/channels /nix/var/nix/profiles/per-user/root/channels-*-link; do',
  '    if [ -L "$link" ]; then rm -f "$link"; echo "removed $link: the pinned nixpkgs replaces the channel"; fi',
  '  done',
  'fi',
];
