/**
 * Quoting for Postgres SQL and for psql scripts, so a name or text from the user reaches the
 * server as data, never as SQL or as a psql meta-command.
 */

/** A quoted identifier: `"name"`, with `"` doubled. */
export function pgIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A string literal that means the same whatever `standard_conforming_strings` says: `'text'`, or
 * `E'...'` with backslashes doubled when the text has one.
 */
export function pgLiteral(text: string): string {
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/**
 * A dollar-quoted string constant holding `text` byte for byte: `$tag$\ntext\n$tag$`, with a tag
 * that does not occur in the text. Neither the server nor psql looks inside it: psql finds no
 * meta-command (`\!`) or variable (`:name`) there. The newlines keep the text's ends from forming
 * the tag with the delimiters.
 */
export function pgDollarQuote(text: string, base = 'epl'): string {
  const tag = dollarTag(text, base);
  return `$${tag}$\n${text}\n$${tag}$`;
}

/** A dollar-quote tag (an identifier) whose `$tag$` does not occur in `text`. */
export function dollarTag(text: string, base = 'epl'): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(base)) throw new Error(`bad dollar-quote tag base '${base}'`);
  let tag = base;
  for (let n = 1; text.includes(`$${tag}$`); n++) tag = `${base}_${n}`;
  return tag;
}

/**
 * An argument of a psql meta-command (`\connect 'db'`): single quotes, with `'` doubled and
 * backslashes doubled (psql reads C-like escapes inside them).
 */
export function psqlArg(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
