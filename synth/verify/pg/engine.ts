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
  const db = new PGlite();
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
