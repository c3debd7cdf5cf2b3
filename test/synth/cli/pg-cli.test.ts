import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleProject } from '../../helpers/cli';

describe('Postgres verification from the CLI', () => {
  it('verifies once, then skips an unchanged schema', async () => {
    const p = exampleProject(undefined, undefined, { freshCache: true });
    const first = await cli(['synth', '--json'], p.dir);
    expect(JSON.parse(first.stdout)).toMatchObject({ pgVerified: ['testdb'], pgCached: [] });
    expect(fs.readdirSync(path.join(p.dir, 'node_modules/.cache/epl')).filter((f) => f.startsWith('pg-'))).toHaveLength(1);
    const second = await cli(['synth', '--json'], p.dir);
    expect(JSON.parse(second.stdout)).toMatchObject({ pgVerified: [], pgCached: ['testdb'] });
    const forced = await cli(['synth', '--json', '--no-cache'], p.dir);
    expect(JSON.parse(forced.stdout)).toMatchObject({ pgVerified: ['testdb'], pgCached: [] });
  });

  it('verifies against a Postgres server given by URL', async () => {
    const url = process.env.EPL_TEST_POSTGRES_URL;
    if (!url) return; // CI sets it (see test/synth/verify/pg.test.ts)
    const p = exampleProject();
    const run = await cli(['synth', '--postgres-url', url], p.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Verified Postgres schemas against ${new URL(url).host}: testdb.`);
    const broken = exampleProject('outputs: [{ max_id: 3 }]', 'outputs: [{ max_id: 4 }]');
    const bad = await cli(['synth', '--postgres-url', url], broken.dir);
    expect(bad.stderr).toContain("error pg/query-unexpected-output: query 'max_id_from_foo' returned [{\"max_id\":\"3\"}]");
  });

  it('reports a Postgres URL that is not one, or a server it cannot use, without a stack trace', async () => {
    const p = exampleProject();
    const bad = await cli(['validate', '--postgres-url', 'not a url'], p.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a URL/);
    const down = await cli(['validate', '--no-cache', '--postgres-url', 'postgres://nobody:x@127.0.0.1:1/postgres'], p.dir);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^epl: cannot use the Postgres server at 127\.0\.0\.1:1 for verification: /);
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails synth on an expected output that does not match, at the query', async () => {
    const p = exampleProject('outputs: [{ max_id: 3 }]', 'outputs: [{ max_id: 4 }]');
    const run = await cli(['synth'], p.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`epl\\.ts:${p.line}:\\d+ - error pg/query-unexpected-output: query 'max_id_from_foo' returned`));
    expect(run.stderr).toContain('at testdb/query-max_id_from_foo tests[0].outputs');
    expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
  });

  it('fails synth when a dropped index forces a sequential scan', async () => {
    const p = exampleProject("upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );'", "upgrade: 'CREATE TABLE foo ( id INT NOT NULL );'");
    const run = await cli(['validate'], p.dir);
    expect(run.code).toBe(1); // validate makes the database checks too
    expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
    const synth = await cli(['synth'], p.dir);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(/error pg\/sequential-scan: 'max_id_from_foo' scans foo sequentially/);
  });

  it('fails synth on a downgrade that does not restore the schema, at the migration', async () => {
    const p = exampleProject("downgrade: 'DROP TABLE foo;'", "downgrade: 'SELECT 1;'");
    const run = await cli(['synth'], p.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`epl\\.ts:${p.line}:\\d+ - error pg/migration-downgrade-mismatch: downgrade of migration 1 does not restore the schema before it: left behind foo.id integer`));
  });

  it('stops a statement that never ends and names it, within the statement time limit', async () => {
    const p = exampleProject("upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );'", "upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY ); SELECT pg_sleep(30);'");
    const started = Date.now();
    const run = await cli(['validate', '--json', '--statement-timeout', '1500'], p.dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(1);
    const [d] = JSON.parse(run.stdout).diagnostics;
    expect(d).toMatchObject({ code: 'pg/statement-timeout', location: { line: p.line } });
    expect(d.message).toMatch(/pg_sleep\(30\).*did not finish within 1500 ms/);
  });
});
