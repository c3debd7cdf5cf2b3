import { HCL_IDENTIFIER, HclHeredoc, HclMap, HclTemplate, type HclBlock, type HclBody, type HclValue } from './value';

const INDENT = '  ';
/** A list of scalars prints on one line when it fits in this many characters. */
const INLINE_LIST_MAX = 100;
/** Object keys that would read as keywords (`{ for … }` starts a for expression) are quoted. */
const KEYWORD_KEYS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

/**
 * Escapes a template's literal text so none of it starts a template sequence: `${` becomes `$${`
 * and `%{` becomes `%%{` (HCL reads these as the literal two characters, scanning left to right,
 * so `$${` in the text becomes `$$${` and reads back as `$${`).
 */
export function escapeTemplateSequences(text: string): string {
  // Replacer functions: in a replacement string `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Backslash escapes of a quoted HCL string: `"` `\`, newlines, tabs and other control characters. */
function escapeQuoted(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A surrogate pair is one character and is written as is (UTF-8); a lone half has no UTF-8 form.
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += c + text[i + 1]!;
        i++;
      } else throw new Error('a string with a lone UTF-16 surrogate cannot be written as HCL');
    } else out += c;
  }
  return out;
}

/** A literal HCL string: `"…"` whose value is exactly `text`. */
export function quoteHcl(text: string): string {
  return `"${escapeQuoted(escapeTemplateSequences(text))}"`;
}

/** A quoted HCL template: template sequences in `text` are kept for the reader to evaluate. */
export function quoteHclTemplate(text: string): string {
  return `"${escapeQuoted(text)}"`;
}

/** Whether a heredoc holds `text` exactly: it ends in a newline and has no control characters but tabs and newlines. */
function heredocFits(text: string): boolean {
  return text.endsWith('\n') && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text) && !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
}

/** A closing marker that appears nowhere in the text, so no line can end the heredoc early. */
function heredocMarker(text: string): string {
  let marker = 'EOT';
  for (let n = 1; text.includes(marker); n++) marker = `EOT${n}`;
  return marker;
}

function printHeredoc(text: string): string {
  const marker = heredocMarker(text);
  // The closing marker goes at the start of its line: `<<` (not `<<-`) keeps the text's indentation.
  return `<<${marker}\n${escapeTemplateSequences(text)}${marker}`;
}

function printNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`HCL has no number ${n}`);
  return String(n);
}

function printKey(key: string): string {
  return HCL_IDENTIFIER.test(key) && !KEYWORD_KEYS.has(key) ? key : quoteHcl(key);
}

function isScalar(v: HclValue): boolean {
  return typeof v !== 'object' || v instanceof HclTemplate;
}

/** A value at `depth`. Heredocs only stand as a whole attribute value; nested ones print quoted. */
function printValue(value: HclValue, depth: number, heredocAllowed: boolean): string {
  if (typeof value === 'string') return quoteHcl(value);
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof HclTemplate) return quoteHclTemplate(value.text);
  if (value instanceof HclHeredoc) return heredocAllowed && heredocFits(value.text) ? printHeredoc(value.text) : quoteHcl(value.text);
  const pad = INDENT.repeat(depth);
  const inner = INDENT.repeat(depth + 1);
  if (value instanceof HclMap) {
    if (value.entries.length === 0) return '{}';
    const lines = value.entries.map(([k, v]) => `${inner}${printKey(k)} = ${printValue(v, depth + 1, false)}`);
    return `{\n${lines.join('\n')}\n${pad}}`;
  }
  const items = value as readonly HclValue[];
  if (items.length === 0) return '[]';
  if (items.every(isScalar)) {
    const inline = `[${items.map((v) => printValue(v, depth, false)).join(', ')}]`;
    if (inline.length <= INLINE_LIST_MAX) return inline;
  }
  return `[\n${items.map((v) => `${inner}${printValue(v, depth + 1, false)},`).join('\n')}\n${pad}]`;
}

function printBlock(b: HclBlock, depth: number): string {
  const pad = INDENT.repeat(depth);
  const head = [b.type, ...b.labels.map(quoteHcl)].join(' ');
  if (b.body.length === 0) return `${pad}${head} {}`;
  return `${pad}${head} {\n${printItems(b.body, depth + 1)}\n${pad}}`;
}

function printItems(items: HclBody, depth: number): string {
  const pad = INDENT.repeat(depth);
  return items.map((item) => (item.kind === 'attribute' ? `${pad}${item.name} = ${printValue(item.value, depth, true)}` : printBlock(item, depth))).join('\n');
}

/** HCL native syntax for a body (a whole file), items in the order given, ending in a newline. */
export function printHcl(body: HclBody): string {
  return body.length === 0 ? '' : `${printItems(body, 0)}\n`;
}

/** One value as HCL source (for tests and for emitters that splice a value into a line). */
export function printHclValue(value: HclValue): string {
  return printValue(value, 0, false);
}
