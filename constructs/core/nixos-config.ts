/**
 * Raw Nix source, for what plain values cannot say (`pkgs.htop`, `lib.mkForce false`). It is
 * written into the configuration as it is: an escape hatch, not checked by epl.
 */
export class NixRaw {
  /** @internal use `nixRaw(source)` */
  constructor(readonly source: string) {}
}

/** Raw Nix source for `server.addNixosConfig`: `nixRaw('lib.mkForce false')`. */
export function nixRaw(source: string): NixRaw {
  return new NixRaw(source);
}

/** A value of NixOS configuration: a string, number, boolean, null, list, attribute set or raw Nix. */
export type NixosValue = string | number | boolean | null | NixRaw | readonly NixosValue[] | { readonly [name: string]: NixosValue };

/**
 * NixOS configuration of your own, as nested attribute sets: `{ services: { nginx: { enable: true } } }`.
 * Each key is one attribute name.
 */
export type NixosConfig = { readonly [option: string]: NixosValue };
