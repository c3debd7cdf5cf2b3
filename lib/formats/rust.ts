/**
 * Rust source as epl generates it: identifiers and literals, escaped in one place. Rules use the
 * same facts (which names Rust cannot take) to report them before generation.
 */
/** `test_vtype` → `TestVtype`, `hello-world` → `HelloWorld`. */
export function pascal(name: string): string {
  return name
    .split(/[_\-.]/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** `hello-world` → `hello_world`. */
export function snake(name: string): string {
  return name.replace(/-/g, '_');
}

const KEYWORDS = new Set(
  'as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do final macro override priv try typeof unsized virtual yield'.split(' '),
);

/** A field or variable name, raw-escaped when it is a Rust keyword (`type` → `r#type`). */
export function ident(name: string): string {
  return KEYWORDS.has(name) ? `r#${name}` : name;
}

/** A Rust string literal: `"` and `\\` escaped, other control characters as `\\u{..}`. */
export function stringLiteral(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** A raw string literal that cannot end early: r#"..."# with enough hashes. */
export function rawString(text: string): string {
  let hashes = '#';
  while (text.includes(`"${hashes}`)) hashes += '#';
  return `r${hashes}"${text}"${hashes}`;
}

/** Names Rust cannot take even as raw identifiers (`r#self` is not allowed). */
export const NOT_RAW = new Set(['self', 'Self', 'super', 'crate', '_']);

/**
 * A Rust f64 literal for a number written as text (`.5`, `1e21`, `-2`): Rust needs a digit before
 * the dot and a dot or exponent in a float, so it is written from the parsed number.
 */
export function floatLiteral(text: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`epl bug: '${text}' is not a finite number`);
  const s = String(n);
  return `${/[.e]/.test(s) ? s : `${s}.0`}_f64`;
}
