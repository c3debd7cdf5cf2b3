/**
 * A small language for the documented configuration keys of Consul, Nomad and Vault: what keys a
 * block takes, which of them are blocks themselves, and the value type the documentation gives.
 * The product files (consul-keys.ts, nomad-keys.ts, vault-keys.ts) are data written in it; the
 * walker (walk.ts) checks a parsed configuration against them.
 */

/** A leaf value. `duration` is a string Go's time.ParseDuration accepts ("60s", "1h30m"). */
export type Scalar = 'string' | 'bool' | 'int' | 'number' | 'duration';

export type Schema =
  | { readonly kind: 'value'; readonly type: Scalar; readonly oneOf?: readonly string[] }
  | { readonly kind: 'list'; readonly of: Scalar }
  /** A map whose keys are the user's (node_meta, client.meta): only the values are checked. */
  | { readonly kind: 'map'; readonly of: Scalar }
  /** A list of such maps: the docker driver's `labels = [{ "com.example" = "x" }]`. */
  | { readonly kind: 'maps'; readonly of: Scalar }
  | Block
  /**
   * A block with a label: `host_volume "name" { ... }`, written in JSON as `host_volume: { name: {...} }`.
   * With `labels`, only those labels are documented (`storage "raft"`), each with its own block;
   * with `any`, every label takes the same block.
   */
  | { readonly kind: 'labelled'; readonly labels?: Readonly<Record<string, Block>>; readonly any?: Block }
  /** Documented, but its contents are not described key by key here (checks, plugin config). */
  | { readonly kind: 'open'; readonly why: string };

export interface Block {
  readonly kind: 'block';
  readonly keys: Readonly<Record<string, Schema>>;
  /** The page the keys were taken from, named in failures. */
  readonly doc?: string;
  /** May appear more than once (`retry_join { }` twice): HCL's JSON form is then a list. */
  readonly repeatable?: boolean;
}

export const str: Schema = { kind: 'value', type: 'string' };
export const bool: Schema = { kind: 'value', type: 'bool' };
export const int: Schema = { kind: 'value', type: 'int' };
export const num: Schema = { kind: 'value', type: 'number' };
export const dur: Schema = { kind: 'value', type: 'duration' };
export const oneOf = (...values: string[]): Schema => ({ kind: 'value', type: 'string', oneOf: values });
export const listOf = (of: Scalar): Schema => ({ kind: 'list', of });
export const mapOf = (of: Scalar): Schema => ({ kind: 'map', of });
export const mapsOf = (of: Scalar): Schema => ({ kind: 'maps', of });
export const open = (why: string): Schema => ({ kind: 'open', why });
export const block = (keys: Record<string, Schema>, doc?: string): Block => ({ kind: 'block', keys, ...(doc ? { doc } : {}) });
export const repeatable = (b: Block): Block => ({ ...b, repeatable: true });
export const labelled = (labels: Record<string, Block>): Schema => ({ kind: 'labelled', labels });
export const anyLabel = (b: Block): Schema => ({ kind: 'labelled', any: b });

/** The same keys, all of one schema (Consul's tls.https, tls.grpc and tls.internal_rpc overrides). */
export function keysOf(names: readonly string[], schema: Schema): Record<string, Schema> {
  return Object.fromEntries(names.map((n) => [n, schema]));
}
