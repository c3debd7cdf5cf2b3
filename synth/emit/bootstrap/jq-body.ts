/**
 * Request bodies of the bootstrap, written as jq programs: the script holds no secret, so a
 * token's value is read by jq from the bundle (`--rawfile`) at run time and never passes through
 * a command line or the script's text.
 */

const JQ = Symbol('jq');

/** A jq expression placed as is into a body (a secret read from a file, a computed string). */
export interface JqExpr {
  readonly [JQ]: string;
}

/** JSON whose leaves may be jq expressions. */
export type JqValue = string | number | boolean | null | JqExpr | readonly JqValue[] | { readonly [key: string]: JqValue };

/** A jq expression inside a body. */
export function jqExpr(expr: string): JqExpr {
  return { [JQ]: expr };
}

/** The content of the jq variable `$name` bound by `--rawfile` (a bundle file), without its final newline. */
export function fileValue(name: string): JqExpr {
  return jqExpr(`($${name} | rtrimstr("\\n"))`);
}

function isExpr(v: JqValue): v is JqExpr {
  return typeof v === 'object' && v !== null && JQ in v;
}

/** The jq program that builds `value`; string literals are JSON strings, which jq reads alike. */
export function renderJq(value: JqValue): string {
  if (isExpr(value)) return value[JQ];
  if (Array.isArray(value)) return `[${value.map(renderJq).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, JqValue>).map(([k, v]) => `${JSON.stringify(k)}: ${renderJq(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}
