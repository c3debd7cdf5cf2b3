/**
 * A small model of Nix values, enough to write NixOS modules. Emitters build these values and
 * {@link printNix} turns them into source; nothing else writes Nix text, so escaping lives in one
 * place.
 */

export type NixValue =
  | string
  | number
  | boolean
  | null
  | NixValue[]
  | NixAttrs
  | NixExpr
  | NixPath
  | NixMultiline
  | NixFunction
  | NixWith
  | NixCall
  | NixLet;

/**
 * An attribute set. Keys are printed in insertion order so emitters control layout; a key may be
 * a dotted path given as an array (`['networking', 'hostName']`) which prints as `networking.hostName`.
 */
export class NixAttrs {
  readonly entries: Array<{ key: string[]; value: NixValue; comment?: string }> = [];
  constructor(init?: Record<string, NixValue | undefined>) {
    if (init) for (const [k, v] of Object.entries(init)) if (v !== undefined) this.set(k, v);
  }
  /**
   * Sets `key` (a name or a dotted path) to `value`. Setting a path twice, or a path below one
   * whose value is not an attribute set, is a bug in the caller and throws: Nix would reject it.
   */
  set(key: string | string[], value: NixValue, comment?: string): this {
    const path = Array.isArray(key) ? key : [key];
    for (const e of this.entries) {
      const n = Math.min(e.key.length, path.length);
      if (e.key.slice(0, n).every((k, i) => k === path[i])) {
        const shorter = e.key.length <= path.length ? e.value : value;
        if (e.key.length === path.length || !(shorter instanceof NixAttrs)) throw new Error(`Nix attribute ${path.join('.')} conflicts with ${e.key.join('.')}`);
      }
    }
    this.entries.push({ key: path, value, ...(comment ? { comment } : {}) });
    return this;
  }

  /** Adds every entry of `other`, keeping its comments. */
  merge(other: NixAttrs): this {
    for (const e of other.entries) this.set(e.key, e.value, e.comment);
    return this;
  }
  get size(): number {
    return this.entries.length;
  }
}

/** Raw Nix source for things the model does not cover (`pkgs.vim`, `lib.mkForce 1`). */
export class NixExpr {
  constructor(readonly source: string) {}
}

/** A path literal (`./hardware-configuration.nix`, `<nixpkgs/nixos/modules/profiles/qemu-guest.nix>`). */
export class NixPath {
  constructor(readonly path: string) {
    if (!/^(\.{0,2}\/[A-Za-z0-9._+\-/]*|<[A-Za-z0-9._+\-/]+>)$/.test(path)) {
      throw new Error(`not a Nix path literal: ${path}`);
    }
  }
}

/** A string printed as an indented `'' ... ''` block; use for file contents and scripts. */
export class NixMultiline {
  constructor(readonly text: string) {}
}

/** A function with an attribute-set pattern: `{ config, pkgs, ... }: body`. */
export class NixFunction {
  constructor(
    readonly params: string[],
    readonly body: NixValue,
    readonly ellipsis = true,
  ) {}
}

/** `with scope; body` — mostly `with pkgs; [ vim curl ]`. */
export class NixWith {
  constructor(
    readonly scope: string,
    readonly body: NixValue,
  ) {}
}

/** A function applied to arguments: `pkgs.writeText "named.conf" ''...''`. */
export class NixCall {
  constructor(
    readonly fn: string,
    readonly args: NixValue[],
  ) {
    if (!/^[A-Za-z_][A-Za-z0-9_'-]*(\.[A-Za-z_][A-Za-z0-9_'-]*)*$/.test(fn)) throw new Error(`not a Nix function name: ${fn}`);
  }
}

const LET_KEYWORDS = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);

/**
 * `let name = value; ... in body`: values the body refers to by name (a raw `nix.expr('name')`),
 * so one value can be used in several places without being written, or evaluated, twice.
 * Binding names are plain identifiers; the bindings keep their comments.
 */
export class NixLet {
  constructor(
    readonly bindings: NixAttrs,
    readonly body: NixValue,
  ) {
    for (const e of bindings.entries) {
      const name = e.key.length === 1 ? e.key[0]! : '';
      if (!/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(name) || LET_KEYWORDS.has(name)) throw new Error(`not a Nix let binding name: ${e.key.join('.')}`);
    }
  }
}

export const nix = {
  attrs: (init?: Record<string, NixValue | undefined>) => new NixAttrs(init),
  expr: (source: string) => new NixExpr(source),
  path: (p: string) => new NixPath(p),
  multiline: (text: string) => new NixMultiline(text),
  fn: (params: string[], body: NixValue) => new NixFunction(params, body),
  with: (scope: string, body: NixValue) => new NixWith(scope, body),
  call: (fn: string, args: NixValue[]) => new NixCall(fn, args),
  let: (bindings: NixAttrs, body: NixValue) => new NixLet(bindings, body),
};
