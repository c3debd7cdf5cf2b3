/** The part of a Postgres connection verification needs. */
export interface SqlEngine {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with `$n` parameters. */
  query(sql: string, params?: readonly unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
}

export interface SqlResult {
  readonly rows: ReadonlyArray<Record<string, unknown>>;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly dataTypeID: number }>;
  readonly affectedRows: number;
}

/** An error from the database, with its SQLSTATE. */
export interface SqlError {
  readonly message: string;
  readonly code?: string;
  /** Postgres's hint ("Perhaps you meant to reference the column ..."). */
  readonly hint?: string;
  /** 1-based character position in the statement where the error is. */
  readonly position?: number;
}

/** A statement ran longer than the time limit; the engine is stopped. */
export class StatementTimeoutError extends Error {
  constructor(
    readonly sql: string,
    readonly limitMs: number,
  ) {
    super(`did not finish within ${limitMs} ms (the statement time limit, --statement-timeout)`);
  }
}

/** The engine was stopped by a timeout; later statements are not run. */
export class EngineStoppedError extends Error {
  constructor() {
    super('the database was stopped after a statement timed out');
  }
}

/** Default time limit of one statement. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

/**
 * A fresh embedded Postgres (PGlite, WebAssembly), in a worker thread so a statement that never
 * ends can be stopped: no server or Docker needed. Each statement has `timeoutMs`.
 */
export async function pgliteEngine(timeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS): Promise<SqlEngine> {
  return (await import('./pglite-host')).pgliteEngine(timeoutMs);
}

/** The engine's version, part of the cache key: a new Postgres may judge the same schema differently. */
export const PGLITE_ENGINE_ID = 'pglite-0.3';

/** The Postgres server given for verification cannot be used (unreachable, bad credentials, no CREATEDB). */
export class DatabaseUnavailableError extends Error {
  constructor(host: string, cause: unknown) {
    // The host only: the URL's password never reaches a message.
    super(`cannot use the Postgres server at ${host} for verification: ${String((cause as Error)?.message ?? cause).split('\n')[0]}`);
  }
}

/**
 * A fresh database on an existing Postgres server: each call creates `epl_verify_<random>` through
 * `url` (a role that may create databases) and drops it on close.
 */
export function serverEngine(url: string, timeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS): () => Promise<SqlEngine> {
  return async () => {
    const { Client, types } = await import('pg');
    const parse = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 1114 ? (v: string) => v : types.getTypeParser(oid, format as 'text')) };
    const admin = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    const name = `epl_verify_${require('node:crypto').randomBytes(6).toString('hex')}`;
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = new Client({ connectionString: target.toString(), types: parse as never, connectionTimeoutMillis: 10_000 });
    try {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await db.connect();
      await db.query(`SET statement_timeout = ${Math.round(timeoutMs)}`);
    } catch (e) {
      await admin.end().catch(() => undefined);
      throw new DatabaseUnavailableError(target.host, e);
    }
    // The server cancels a statement at the limit (SQLSTATE 57014); verification sees a timeout.
    const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (e) {
        if ((e as SqlError).code === '57014') throw new StatementTimeoutError(sql, timeoutMs);
        throw e;
      }
    };
    return {
      exec: async (sql) => {
        await timed(sql, () => db.query(sql));
      },
      query: async (sql, params = []) => {
        const r = await timed(sql, () => db.query(sql, [...params]));
        return { rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), affectedRows: r.rowCount ?? 0 };
      },
      close: async () => {
        await db.end();
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.end();
      },
    };
  };
}
