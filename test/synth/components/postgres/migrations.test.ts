import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { App, PgSchema } from '../../../../constructs';
import { testdb } from '../../../../examples/single-dc/epl';
import { pgMigrationsFile, pgMigrationsScript } from '../../../../synth/components/postgres/migrations';
import { hasTool, runTool } from '../../../helpers/tools';
import { admin, canRunScripts, connect, libpqEnv, runScript, schemaDump, serverUrl, tempDir, uniqueName, writeScript } from './server';

/** A schema whose migrations hold everything that could reach the shell or psql as code. */
function hostileSchema(marker: string): PgSchema {
  const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
  const s = new PgSchema(app, 'hostile');
  // Every line a here-document or a dollar quote could end at, shell and psql syntax, quotes.
  const comment = [
    "it's",
    'EPL_EOF',
    'EOF',
    `\\! touch ${marker}`,
    `$(touch ${marker}) \`touch ${marker}\` $HOME \${HOME}`,
    '$epl_sql$ $epl_migration$ $$ $epl$',
    ":foo :'foo' :\"foo\"",
    '\\gexec \\q \\\\ \\',
  ].join('\n');
  s.migration(1, {
    upgrade: [
      `-- $(touch ${marker}) \`touch ${marker}\``,
      '-- \\! a meta-command in a comment',
      "CREATE TABLE bar ( id INT PRIMARY KEY, note TEXT NOT NULL DEFAULT 'x''$y`z`\\' );",
      `COMMENT ON TABLE bar IS ${"'" + comment.replace(/'/g, "''") + "'"};`,
      "DO $$ BEGIN RAISE NOTICE 'a dollar-quoted block inside a migration'; END $$;",
    ].join('\n'),
    downgrade: 'DROP TABLE bar;',
  });
  s.migration(2, {
    // A line equal to the next here-document delimiter too.
    upgrade: "CREATE INDEX bar_note ON bar (note);\nCOMMENT ON INDEX bar_note IS '\nEPL_EOF_1\n';",
    downgrade: 'DROP INDEX bar_note;',
  });
  return s;
}

/** The hostile migration's table comment, as the database must hold it byte for byte. */
function hostileComment(s: PgSchema): string {
  const m = /COMMENT ON TABLE bar IS '([\s\S]*)';\nDO/.exec(s.migrations[0]!.upgrade)!;
  return m[1]!.replace(/''/g, "'");
}

/** The schema PGlite reaches by applying the migrations directly. */
async function pgliteDump(s: PgSchema): Promise<string> {
  const db = new PGlite();
  try {
    for (const m of s.migrations) await db.exec(m.upgrade);
    return await schemaDump((q) => db.query(q));
  } finally {
    await db.close();
  }
}

const created: string[] = [];

/** A fresh database on the server and the runner of `schema` written to disk. */
async function fresh(schema: PgSchema): Promise<{ db: string; script: string }> {
  const db = uniqueName('epl_mig');
  await admin(`CREATE DATABASE ${db}`);
  created.push(db);
  const file = pgMigrationsFile(schema, undefined as never);
  return { db, script: writeScript(tempDir(), file.path, file.content, file.mode) };
}

async function migrationRows(db: string): Promise<Array<{ logical_time: string; started: boolean; ended: boolean }>> {
  const c = await connect(db);
  try {
    const r = await c.query('SELECT logical_time, time_started IS NOT NULL AS started, time_ended >= time_started AS ended FROM epl_schema_migrations ORDER BY logical_time');
    return r.rows;
  } finally {
    await c.end();
  }
}

async function serverDump(db: string): Promise<string> {
  const c = await connect(db);
  try {
    return await schemaDump((q) => c.query(q));
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  if (!serverUrl) return;
  for (const db of created) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
});

describe('pg-migrations/up_<schema>.sh', () => {
  it('is an executable file of the region named after the schema', () => {
    const file = pgMigrationsFile(testdb, undefined as never);
    expect(file.path).toBe('pg-migrations/up_testdb.sh');
    expect(file.mode).toBe(0o755);
    expect(file.content).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(file.content).toContain('psql -X -q -v ON_ERROR_STOP=1');
  });

  it('passes shellcheck, as bash and as sh', () => {
    if (!hasTool('shellcheck')) return;
    const dir = tempDir();
    for (const [name, schema] of [
      ['up_testdb.sh', testdb],
      ['up_hostile.sh', hostileSchema('/nonexistent/marker')],
    ] as const) {
      const file = writeScript(dir, name, pgMigrationsScript(schema));
      for (const shell of [[], ['--shell=sh']]) {
        const r = runTool('shellcheck', [...shell, '--severity=style', file]);
        expect(r.stdout, `${name} ${shell.join(' ')}`).toBe('');
        expect(r.status).toBe(0);
      }
    }
  });

  it("applies the example's testdb migrations once, reaching the schema PGlite reaches", async () => {
    if (!canRunScripts()) return;
    const { db, script } = await fresh(testdb);
    const env = libpqEnv(serverUrl!, db);
    const first = await runScript(script, env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('epl: applied migration 1');
    const rows = await migrationRows(db);
    expect(rows).toEqual(testdb.migrations.map((m) => ({ logical_time: String(m.time), started: true, ended: true })));

    const second = await runScript(script, env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout + second.stderr).toBe('');
    expect(await migrationRows(db)).toEqual(rows);
    const dump = await serverDump(db);
    expect(dump).toContain('"column_name":"id"');
    expect(dump).toContain('CREATE UNIQUE INDEX foo_pkey ON public.foo USING btree (id)');
    expect(dump).toBe(await pgliteDump(testdb));
  });

  it('passes hostile migration text to the server byte for byte, running nothing in the shell or psql', async () => {
    if (!canRunScripts()) return;
    const marker = path.join(tempDir(), 'pwned');
    const schema = hostileSchema(marker);
    const { db, script } = await fresh(schema);
    const content = fs.readFileSync(script, 'utf8');
    // The text forced other delimiters than the defaults.
    expect(content).toContain("<<'EPL_EOF_2'");
    expect(content).toContain('$epl_sql_1$');
    expect(content).toContain('$epl_migration_1$');
    const env = libpqEnv(serverUrl!, db);
    for (let run = 0; run < 2; run++) {
      const r = await runScript(script, env);
      expect(r.status, r.stderr).toBe(0);
      expect(fs.existsSync(marker)).toBe(false);
    }
    expect((await migrationRows(db)).map((r) => r.logical_time)).toEqual(['1', '2']);
    const c = await connect(db);
    try {
      const r = await c.query("SELECT obj_description('bar'::regclass, 'pg_class') AS comment, pg_get_expr(adbin, adrelid) AS def FROM pg_attrdef WHERE adrelid = 'bar'::regclass");
      expect(r.rows[0].comment).toBe(hostileComment(schema));
      expect(r.rows[0].def).toBe("'x''$y`z`\\'::text");
    } finally {
      await c.end();
    }
    const dump = await serverDump(db);
    expect(dump).toContain('bar_note');
    expect(dump).toBe(await pgliteDump(schema));
  });

  it('sends a psql meta-command in a migration to the server, which rejects it: nothing runs, nothing is recorded', async () => {
    if (!canRunScripts()) return;
    const marker = path.join(tempDir(), 'pwned');
    const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
    const s = new PgSchema(app, 'meta');
    s.migration(1, { upgrade: 'CREATE TABLE ok ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE ok;' });
    s.migration(2, { upgrade: `CREATE TABLE half ( id INT PRIMARY KEY );\n\\! touch ${marker}\n`, downgrade: 'DROP TABLE half;' });
    const { db, script } = await fresh(s);
    const r = await runScript(script, libpqEnv(serverUrl!, db));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/syntax error at or near "\\"/);
    expect(fs.existsSync(marker)).toBe(false);
    // Migration 1 stays; migration 2 left neither its table nor its record.
    expect((await migrationRows(db)).map((x) => x.logical_time)).toEqual(['1']);
    const c = await connect(db);
    try {
      expect((await c.query("SELECT to_regclass('half') IS NULL AS gone")).rows[0].gone).toBe(true);
    } finally {
      await c.end();
    }
  });

  it('applies each migration once when runs overlap (advisory lock)', async () => {
    if (!canRunScripts()) return;
    const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
    const s = new PgSchema(app, 'slow');
    s.migration(1, { upgrade: 'CREATE TABLE a ( id INT PRIMARY KEY );\nSELECT pg_sleep(0.5);', downgrade: 'DROP TABLE a;' });
    s.migration(2, { upgrade: 'CREATE TABLE b ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE b;' });
    const { db, script } = await fresh(s);
    const env = libpqEnv(serverUrl!, db);
    const runs = await Promise.all([runScript(script, env), runScript(script, env), runScript(script, env)]);
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const applied = runs.map((r) => (r.stderr.match(/applied migration/g) ?? []).length);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(2);
    expect((await migrationRows(db)).map((x) => x.logical_time)).toEqual(['1', '2']);
  });

  it('refuses to run without PGDATABASE', async () => {
    if (!hasTool('bash')) return;
    const script = writeScript(tempDir(), 'up_testdb.sh', pgMigrationsScript(testdb));
    const r = await runScript(script, {});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('PGDATABASE must name the database to migrate');
  });
});
