import { defineRule } from '../rule';

/** A nixpkgs attribute path: names of letters, digits, `_`, `'` and `-`, joined by dots. */
const ATTRIBUTE_PATH = /^[A-Za-z_][A-Za-z0-9_'-]*(\.[A-Za-z_][A-Za-z0-9_'-]*)*$/;

export const invalidExtraPackage = defineRule({
  code: 'servers/invalid-extra-package',
  severity: 'error',
  title: "Extra packages are nixpkgs attribute paths",
  doc: "`extraPackages` names packages of nixpkgs by attribute path (`htop`, `python3Packages.requests`), written into the configuration as `pkgs.<path>`; anything else (spaces, quotes, a version) would be Nix code, not a name. For Nix expressions use `addNixosConfig` with `nixRaw`.",
  check(model, report) {
    for (const s of model.servers) {
      s.extraPackages.forEach((p, i) => {
        if (!ATTRIBUTE_PATH.test(p)) report(s, `extra package '${p}' of server '${s.hostname}' is not a nixpkgs attribute path`, { prop: ['extraPackages', i] });
      });
    }
  },
});
