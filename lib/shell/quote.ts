/** Quotes a word for POSIX sh: single quotes, with embedded single quotes as '\''. */
export function shq(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Quotes a word for POSIX sh in double quotes, escaping `\`, `"`, `$` and backticks: for text
 * that holds `$` or backticks literally, which in single quotes shellcheck takes for a mistake.
 */
export function shdq(word: string): string {
  return `"${word.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/**
 * A quoted here-document delimiter that no line of `content` equals, so the content is passed
 * through byte for byte (no expansion, no early end).
 */
export function heredocDelimiter(content: string, base = 'EPL_EOF'): string {
  const lines = new Set(content.split('\n'));
  let delimiter = base;
  for (let n = 1; lines.has(delimiter); n++) delimiter = `${base}_${n}`;
  return delimiter;
}

/** `command <<'DELIM'\ncontent\nDELIM` with a delimiter that cannot clash. Content must end with a newline. */
export function heredoc(command: string, content: string): string {
  const body = content.endsWith('\n') ? content : `${content}\n`;
  const d = heredocDelimiter(body);
  return `${command} <<'${d}'\n${body}${d}`;
}
