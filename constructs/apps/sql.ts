/** Types a query argument can have, and the Rust types generated code binds them with. */
export type PgArgType = 'INT' | 'BIGINT' | 'FLOAT' | 'DOUBLE' | 'BOOL' | 'TEXT' | 'TIMESTAMP';

/** A named, typed query argument, written inline: sql`... WHERE id = ${arg.int('id')}`. */
export class PgArg {
  /** @internal */
  constructor(
    readonly name: string,
    readonly type: PgArgType,
  ) {}
}

/** Argument builders for `sql` templates. */
export const arg = {
  int: (name: string) => new PgArg(name, 'INT'),
  bigint: (name: string) => new PgArg(name, 'BIGINT'),
  float: (name: string) => new PgArg(name, 'FLOAT'),
  double: (name: string) => new PgArg(name, 'DOUBLE'),
  bool: (name: string) => new PgArg(name, 'BOOL'),
  text: (name: string) => new PgArg(name, 'TEXT'),
  /** `YYYY-MM-DD HH:MM:SS[.fff]`, without time zone. */
  timestamp: (name: string) => new PgArg(name, 'TIMESTAMP'),
};

/** SQL text with its arguments; each distinct argument name becomes `$1`, `$2`, ... in order. */
export class SqlText {
  /** @internal */
  constructor(
    /** The literal parts between arguments. */
    readonly parts: readonly string[],
    /** The arguments, one per gap, in the order written (names may repeat). */
    readonly args: readonly PgArg[],
  ) {}

  /** The distinct argument names, in order of first use. */
  get argNames(): string[] {
    return [...new Set(this.args.map((a) => a.name))];
  }

  /** The statement with `$n` placeholders, as sent to Postgres. */
  get text(): string {
    const names = this.argNames;
    return this.parts.reduce((acc, part, i) => acc + part + (i < this.args.length ? `$${names.indexOf(this.args[i]!.name) + 1}` : ''), '');
  }

  /** For messages: the statement with `{name:TYPE}` where the arguments are. */
  toString(): string {
    return this.parts.reduce((acc, part, i) => acc + part + (i < this.args.length ? `{${this.args[i]!.name}:${this.args[i]!.type}}` : ''), '');
  }
}

/** Tag for SQL with typed arguments: sql`SELECT max(id) AS max_id FROM foo WHERE ${arg.int('n')} > 0`. */
export function sql(strings: TemplateStringsArray, ...args: PgArg[]): SqlText {
  return new SqlText([...strings], args);
}
