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
}

/** A fresh embedded Postgres (PGlite, WebAssembly): no server or Docker needed. */
export async function pgliteEngine(): Promise<SqlEngine> {
  const { PGlite } = await import('@electric-sql/pglite');
  // Timestamps stay text, as Postgres prints them: no time-zone conversion in comparisons.
  const db = new PGlite({ parsers: { 1114: (v: string) => v } });
  await db.waitReady;
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async (sql, params = []) => {
      const r = await db.query<Record<string, unknown>>(sql, [...params]);
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows ?? 0 };
    },
    close: () => db.close(),
  };
}

/** The engine's version, part of the cache key: a new Postgres may judge the same schema differently. */
export const PGLITE_ENGINE_ID = 'pglite-0.3';

/** The Postgres server given for verification cannot be used (unreachable, bad credentials, no CREATEDB). */
export class DatabaseUnavailableError extends Error {
  constructor(host: string, cause: unknown) {
    super(`cannot use the Postgres server at ${host} for verification: ${(cause as Error).message ?? String(cause)}`);
  }
}

/**
 * A fresh database on an existing Postgres server: each call creates `epl_verify_<random>` through
 * `url` (a role that may create databases) and drops it on close.
 */
export function serverEngine(url: string): () => Promise<SqlEngine> {
  return async () => {
    const { Client, types } = await import('pg');
    const parse = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 1114 ? (v: string) => v : types.getTypeParser(oid, format as 'text')) };
    const admin = new Client({ connectionString: url });
    const name = `epl_verify_${require('node:crypto').randomBytes(6).toString('hex')}`;
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = new Client({ connectionString: target.toString(), types: parse as never });
    try {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await db.connect();
    } catch (e) {
      await admin.end().catch(() => undefined);
      throw new DatabaseUnavailableError(target.host, e);
    }
    return {
      exec: async (sql) => {
        await db.query(sql);
      },
      query: async (sql, params = []) => {
        const r = await db.query(sql, [...params]);
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
