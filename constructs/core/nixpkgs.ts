/**
 * A revision of nixpkgs, the package set and NixOS modules every server is built from, pinned by
 * commit and by the hash of its source, so a rebuild next year builds what was reviewed today.
 *
 * @example
 * // nixos-25.05 as of 2025-07-29: `nix-prefetch-url --unpack <tarball>` prints the hash
 * const pin: NixpkgsPin = {
 *   rev: '1f08a4df998e21f4e8be8fb6fbf61d11a1a5076a',
 *   sha256: '0ghn99k0nsbs8a83mhz5ylibvlps19yy690jgj5g6v9v3dkh8fgs',
 * };
 */
export interface NixpkgsPin {
  /**
   * A commit of github.com/NixOS/nixpkgs: its full hash, 40 hex digits, usually the head of a
   * release branch such as `nixos-25.05` (the channel's `git-revision`).
   */
  readonly rev: string;
  /**
   * sha256 of the commit's unpacked source tree: 52 characters of Nix's base32, as
   * `nix-prefetch-url --unpack https://github.com/NixOS/nixpkgs/archive/<rev>.tar.gz` prints it,
   * or the SRI form `sha256-...` (the `narHash` of a flake.lock entry for the same commit).
   */
  readonly sha256: string;
}

/**
 * The nixpkgs servers are built from unless the App or their Datacenter names another: the
 * nixos-25.05 release branch as of 2025-07-29.
 */
export const DEFAULT_NIXPKGS: NixpkgsPin = Object.freeze({
  rev: '1f08a4df998e21f4e8be8fb6fbf61d11a1a5076a',
  sha256: '0ghn99k0nsbs8a83mhz5ylibvlps19yy690jgj5g6v9v3dkh8fgs',
});
