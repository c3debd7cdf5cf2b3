import { parse } from '@cdktf/hcl2json';

/**
 * HCL text to JSON with hcl2json (HashiCorp's HCL parser for Go, compiled to WebAssembly): the
 * same parser Nomad, Consul and Vault read their files with. A syntax error rejects.
 *
 * The JSON follows HCL's JSON syntax: a block `job "web" { … }` is `job: { web: [ { … } ] }`,
 * an unlabelled block a list of bodies (`update: [ { … } ]`), an attribute its value. String
 * values are templates in that syntax, so a literal `${` comes back as `$${` (see
 * {@link hclJsonString}); block labels come back as their plain values.
 */
export async function parseHcl(text: string, file = 'input.hcl'): Promise<Record<string, unknown>> {
  return (await parse(file, text)) as Record<string, unknown>;
}

/**
 * The value a reader gets from a string of hcl2json's output: HCL's JSON syntax writes a literal
 * `${` as `$${` and `%{` as `%%{`. A `${…}` left in the result was a template sequence.
 */
export function hclJsonString(s: string): string {
  return s.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}

/** hcl2json output with every string value read back by {@link hclJsonString}; object keys are left as they are. */
export function decodeHclJson(v: unknown): unknown {
  if (typeof v === 'string') return hclJsonString(v);
  if (Array.isArray(v)) return v.map(decodeHclJson);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeHclJson(x)]));
  return v;
}
