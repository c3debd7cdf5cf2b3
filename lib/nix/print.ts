import { NixAttrs, NixCall, NixExpr, NixFunction, NixLet, NixMultiline, NixPath, NixValue, NixWith } from './value';

const INDENT = '  ';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const KEYWORDS = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);

/**
 * Escapes text for a double-quoted Nix string. `"`, `\` and `${` are special; control characters
 * that Nix knows (`\n`, `\r`, `\t`) are escaped, so every string prints on one line.
 */
export function escapeNixString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '$' && text[i + 1] === '{') out += '\\$';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else out += c;
  }
  return `"${out}"`;
}

/**
 * Escapes one line for an indented `''` string. There `''` and `${` are special and a backslash is
 * literal. Rather than Nix's own escapes (`'''`, `''${`), which misparse next to a lone quote,
 * special sequences are written as interpolated string literals: a run of quotes as `${"''"}`,
 * and every `$` of a run before `{` as `${"$"}`.
 */
function escapeIndentedLine(line: string, closesString: boolean): string {
  const DOLLAR = '${"$"}';
  let out = line
    .replace(/\$+\{/g, (run) => `${DOLLAR.repeat(run.length - 1)}{`)
    // `$` before what becomes an interpolation below would read as `$${`, which Nix keeps literal.
    .replace(/\$+(?='{2,})/g, (run) => DOLLAR.repeat(run.length))
    .replace(/'{2,}/g, (run) => `\${"${run}"}`);
  // A quote right before the closing '' would merge with it.
  if (closesString && out.endsWith("'")) out = `${out.slice(0, -1).replace(/\$+$/, (run) => DOLLAR.repeat(run.length))}\${"'"}`;
  return out;
}

function printKey(key: string[]): string {
  return key.map((part) => (IDENTIFIER.test(part) && !KEYWORDS.has(part) ? part : escapeNixString(part))).join('.');
}

/** The `name = value;` lines of an attribute set or a `let`, one level deeper than `depth`. */
function printBindings(attrs: NixAttrs, depth: number): string {
  const inner = INDENT.repeat(depth + 1);
  const lines: string[] = [];
  for (const { key, value: v, comment } of attrs.entries) {
    if (comment) for (const c of comment.split('\n')) lines.push(`${inner}# ${c}`);
    lines.push(`${inner}${printKey(key)} = ${printValue(v, depth + 1)};`);
  }
  return lines.join('\n');
}

function printValue(value: NixValue, depth: number): string {
  const pad = INDENT.repeat(depth);
  const inner = INDENT.repeat(depth + 1);
  if (value === null) return 'null';
  if (typeof value === 'string') return escapeNixString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Nix has no number ${value}`);
    // A float needs a dot in its mantissa (`1.0e+21`, not `1e+21`).
    const text = Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? String(value) : String(value).replace(/^(-?\d+)(e|$)/, '$1.0$2');
    // Nix parses `-1` as a unary minus applied to 1, which is fine outside of lists.
    return value < 0 ? `(${text})` : text;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    // In a list, a function or a let must be parenthesized or its body would swallow the next
    // items, and a call or it would read as separate items.
    const items = value.map((v) => (v instanceof NixFunction || v instanceof NixCall || v instanceof NixLet ? `(${printValue(v, depth + 1)})` : printValue(v, depth + 1)));
    if (items.every((s) => !s.includes('\n')) && items.join(' ').length <= 80) {
      return `[ ${items.join(' ')} ]`;
    }
    return `[\n${items.map((s) => inner + s).join('\n')}\n${pad}]`;
  }
  if (value instanceof NixAttrs) {
    if (value.size === 0) return '{ }';
    return `{\n${printBindings(value, depth)}\n${pad}}`;
  }
  if (value instanceof NixLet) {
    if (value.bindings.size === 0) return printValue(value.body, depth);
    return `let\n${printBindings(value.bindings, depth)}\n${pad}in\n${pad}${printValue(value.body, depth)}`;
  }
  if (value instanceof NixExpr) return value.source;
  if (value instanceof NixPath) return value.path;
  if (value instanceof NixMultiline) {
    const body = value.text.endsWith('\n') ? value.text.slice(0, -1) : value.text;
    if (/[\r\t]/.test(body)) return escapeNixString(value.text);
    const closesOnLastLine = !value.text.endsWith('\n');
    const all = body.split('\n');
    const lines = all.map((l, n) => (l.length ? inner + escapeIndentedLine(l, closesOnLastLine && n === all.length - 1) : ''));
    // A trailing newline in the text is kept by closing the string on its own line.
    const close = closesOnLastLine ? "''" : `\n${pad}''`;
    // Nix strips the common indentation of all lines, so text whose every line is indented, or
    // that has whitespace-only lines, falls back to a double-quoted string.
    const textLines = body.split('\n');
    if (textLines.some((l) => l.length > 0 && l.trim() === '') || textLines.every((l) => l === '' || /^\s/.test(l))) {
      return escapeNixString(value.text);
    }
    return `''\n${lines.join('\n')}${close}`;
  }
  if (value instanceof NixFunction) {
    const params = [...value.params, ...(value.ellipsis ? ['...'] : [])].join(', ');
    return `{ ${params} }:\n${pad}${printValue(value.body, depth)}`;
  }
  if (value instanceof NixWith) return `with ${value.scope}; ${printValue(value.body, depth)}`;
  if (value instanceof NixCall) {
    // Arguments that are themselves applications, functions, `with` or `let` need parentheses.
    const arg = (v: NixValue) => (v instanceof NixCall || v instanceof NixFunction || v instanceof NixWith || v instanceof NixLet ? `(${printValue(v, depth)})` : printValue(v, depth));
    return [value.fn, ...value.args.map(arg)].join(' ');
  }
  throw new Error(`unknown Nix value: ${String(value)}`);
}

/** Prints a Nix value as source text ending with a newline. */
export function printNix(value: NixValue, header?: string): string {
  const head = header ? header.split('\n').map((l) => (l ? `# ${l}` : '#')).join('\n') + '\n' : '';
  return `${head}${printValue(value, 0)}\n`;
}
