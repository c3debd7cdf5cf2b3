import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { tempDir } from '../../../helpers/cli';
import { hasTool } from '../../../helpers/tools';

/**
 * The real Postgres server the generated scripts run against (EPL_TEST_POSTGRES_URL, a superuser;
 * .ci/run starts it). Without it the tests that need it skip, except in CI where it is required.
 */
export const serverUrl = process.env.EPL_TEST_POSTGRES_URL;
if (!serverUrl && process.env.EPL_REQUIRE_TOOLS === '1') throw new Error('EPL_TEST_POSTGRES_URL is required in CI: .ci/run starts a Postgres server');

/** Whether the server and the client tools the scripts call are there. */
export function canRunScripts(): boolean {
  return serverUrl !== undefined && hasTool('psql') && hasTool('bash');
}

/** A name no other run uses, for databases and roles on the shared server. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** libpq's environment for `url`, on database `database`. */
export function libpqEnv(url: string, database: string, user?: string, password?: string): Record<string, string> {
  const u = new URL(url);
  return {
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: user ?? decodeURIComponent(u.username),
    PGPASSWORD: password ?? decodeURIComponent(u.password),
    PGDATABASE: database,
  };
}

/** A connection to `database` on the server (as the URL's user unless given). */
export async function connect(database: string, user?: string, password?: string): Promise<Client> {
  const u = new URL(serverUrl!);
  u.pathname = `/${database}`;
  if (user !== undefined) u.username = encodeURIComponent(user);
  if (password !== undefined) u.password = encodeURIComponent(password);
  const c = new Client({ connectionString: u.toString(), connectionTimeoutMillis: 10_000 });
  await c.connect();
  return c;
}

/** Runs SQL as the URL's user on its own database (creating and dropping databases, roles). */
export async function admin(sql: string): Promise<void> {
  const c = await connect(decodeURIComponent(new URL(serverUrl!).pathname.slice(1)) || 'postgres');
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Writes `content` to `file` under a scratch directory with `mode`, returning its path. */
export function writeScript(dir: string, file: string, content: string, mode = 0o755): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content, { mode });
  return full;
}

export { tempDir };

/**
 * Runs a script with bash, asynchronously (a stub server in this process must keep answering),
 * with only the environment given plus PATH.
 */
export function runScript(file: string, env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [file], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The schema a database ended up with, as text to compare: the columns, constraints, indexes and
 * table comments of the public schema, without epl's own tracking table.
 */
export const SCHEMA_DUMP_QUERIES: readonly string[] = [
  `SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default
     FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> 'epl_schema_migrations'
    ORDER BY table_name, ordinal_position`,
  `SELECT tc.table_name, tc.constraint_name, tc.constraint_type, pg_get_constraintdef(c.oid) AS def
     FROM information_schema.table_constraints tc
     JOIN pg_constraint c ON c.conname = tc.constraint_name AND c.connamespace = 'public'::regnamespace
    WHERE tc.table_schema = 'public' AND tc.table_name <> 'epl_schema_migrations'
    ORDER BY tc.table_name, tc.constraint_name`,
  `SELECT tablename, indexname, indexdef FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> 'epl_schema_migrations'
    ORDER BY tablename, indexname`,
  `SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS comment
     FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'epl_schema_migrations%'
    ORDER BY c.relname`,
];

/** Runs the dump queries through `query` and joins the rows as JSON lines. */
export async function schemaDump(query: (sql: string) => Promise<{ rows: unknown[] }>): Promise<string> {
  const parts: string[] = [];
  for (const q of SCHEMA_DUMP_QUERIES) {
    const r = await query(q);
    parts.push(r.rows.map((row) => JSON.stringify(row)).join('\n'));
  }
  return parts.join('\n--\n');
}
