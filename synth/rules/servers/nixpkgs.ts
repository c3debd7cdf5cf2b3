import type { Datacenter } from '../../../constructs/core/datacenter';
import type { App } from '../../../constructs/core/app';
import type { NixpkgsPin } from '../../../constructs/core/nixpkgs';
import { isNixBase32Sha256, isSriSha256, toNixBase32 } from '../../../lib/formats/nix-hash';
import type { Model } from '../../model/model';
import { defineRule } from '../rule';

/** The pins given in the tree, where they were given: the App's and each datacenter's own. */
function givenPins(model: Model): Array<{ owner: App | Datacenter; pin: NixpkgsPin }> {
  const out: Array<{ owner: App | Datacenter; pin: NixpkgsPin }> = [];
  if (model.app.nixpkgs) out.push({ owner: model.app, pin: model.app.nixpkgs });
  for (const dc of model.datacenters) if (dc.nixpkgs) out.push({ owner: dc, pin: dc.nixpkgs });
  return out;
}

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

export const invalidNixpkgsRev = defineRule({
  code: 'servers/invalid-nixpkgs-rev',
  severity: 'error',
  title: 'A nixpkgs pin names a commit by its full hash',
  doc: "`nixpkgs.rev` is a commit of github.com/NixOS/nixpkgs written as its full hash, 40 hex digits (a channel's `git-revision`). A branch or tag name would move, and a short hash is not what GitHub's tarball URL and the pinned sha256 refer to.",
  check(model, report) {
    for (const { owner, pin } of givenPins(model)) {
      if (!/^[0-9a-f]{40}$/.test(pin.rev)) report(owner, `nixpkgs rev '${shown(pin.rev)}' is not a commit hash (40 hex digits, lower-case)`, { prop: ['nixpkgs', 'rev'] });
    }
  },
});

export const invalidNixpkgsSha256 = defineRule({
  code: 'servers/invalid-nixpkgs-sha256',
  severity: 'error',
  title: "A nixpkgs pin's sha256 is a Nix base32 or SRI sha256",
  doc: "`nixpkgs.sha256` is the sha256 of the commit's unpacked source, as `nix-prefetch-url --unpack https://github.com/NixOS/nixpkgs/archive/<rev>.tar.gz` prints it (52 characters of Nix's base32) or in SRI form (`sha256-` and 44 characters of base64, the `narHash` of a flake.lock entry). Anything else would only fail on the servers, when provision.sh fetches nixpkgs.",
  check(model, report) {
    for (const { owner, pin } of givenPins(model)) {
      const { sha256 } = pin;
      if (isNixBase32Sha256(sha256) || isSriSha256(sha256)) continue;
      const hint = /^[0-9a-f]{64}$/i.test(sha256) ? `; in Nix base32 it is '${toNixBase32(Buffer.from(sha256, 'hex'))}'` : '';
      report(owner, `nixpkgs sha256 '${shown(sha256)}' is neither 52 characters of Nix base32 nor an SRI 'sha256-...' hash${hint}`, { prop: ['nixpkgs', 'sha256'] });
    }
  },
});
