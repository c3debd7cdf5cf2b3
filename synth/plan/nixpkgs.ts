import type { Server } from '../../constructs/core/server';
import type { Model } from '../model/model';

/** The nixpkgs a server is built from, with where to fetch it. */
export interface PinnedNixpkgs {
  readonly rev: string;
  readonly sha256: string;
  /** GitHub's tarball of the commit: what `builtins.fetchTarball` fetches and checks against `sha256`. */
  readonly url: string;
}

/**
 * The server's nixpkgs: its datacenter's pin, else the App's, else the default. configuration.nix
 * and provision.sh both fetch it by this URL and hash, so they name the same store path.
 */
export function pinnedNixpkgs(model: Model, server: Server): PinnedNixpkgs {
  const { rev, sha256 } = model.nixpkgsOf(server.datacenter);
  return { rev, sha256, url: `https://github.com/NixOS/nixpkgs/archive/${rev}.tar.gz` };
}
