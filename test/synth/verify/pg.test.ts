import { beforeAll, describe, expect, it } from 'vitest';
import { arg, sql } from '../../../constructs';
import { pgliteEngine, serverEngine, type SqlEngine } from '../../../synth/verify/pg/engine';
import { verifySchema } from '../../../synth/verify/pg/verify-schema';
import { fooSchema } from '../../helpers/pg';

/**
 * The engines the checks run on: PGlite always, and a Postgres server when EPL_TEST_POSTGRES_URL
 * names one (CI starts Debian's postgresql and sets it; EPL_REQUIRE_TOOLS=1 makes it required).
 */
const serverUrl = process.env.EPL_TEST_POSTGRES_URL;
if (!serverUrl && process.env.EPL_REQUIRE_TOOLS === '1') throw new Error('EPL_TEST_POSTGRES_URL is required in CI: .ci/run starts a Postgres server');
const ENGINES: Array<[string, () => Promise<SqlEngine>]> = [['PGlite', pgliteEngine], ...(serverUrl ? [['a Postgres server', serverEngine(serverUrl)] as [string, () => Promise<SqlEngine>]] : [])];

let engine: () => Promise<SqlEngine> = pgliteEngine;

async function verify(schema: Parameters<typeof verifySchema>[0]) {
  const db = await engine();
  try {
    const r = await verifySchema(schema, db);
    return { ...r, found: r.problems.map((p) => `${p.check.code} @ ${p.construct.node.path}`).sort() };
  } finally {
    await db.close();
  }
}

describe.each(ENGINES)('verifying a Postgres schema against %s', (_name, make) => {
  beforeAll(() => {
    engine = make;
  });

  it('passes a correct schema and reads result columns from the database', async () => {
    const { schema } = fooSchema();
    const r = await verify(schema);
    expect(r.found).toEqual([]);
    expect(r.verified.queries).toEqual({ max_id: [{ name: 'max_id', type: 'INT', optional: true }] });
  });

  it('finds what is wrong with queries', async () => {
    const { schema, data } = fooSchema();
    schema.migration(2, { upgrade: 'CREATE TABLE bar ( x INT NOT NULL );', downgrade: 'DROP TABLE bar;' });
    const withBar = schema.dataset('with_bar', { rows: { foo: [{ id: 1 }], bar: [{ x: 5 }] } });
    const q = (name: string, text: ReturnType<typeof sql>, outputs: Array<Record<string, string | number | boolean | null>>, extra: { mutating?: boolean; dataset?: typeof data } = {}) =>
      schema.query(name, { sql: text, tests: [{ dataset: extra.dataset ?? data, outputs }], ...(extra.mutating ? { mutating: true } : {}) });
    q('unexpected', sql`SELECT id FROM foo WHERE id = 1`, [{ id: 2 }]);
    q('empty', sql`SELECT id FROM foo WHERE id = 100`, [{ id: 100 }]);
    q('writes', sql`INSERT INTO foo(id) VALUES (10) RETURNING id`, [{ id: 10 }]);
    q('fails', sql`SELECT idd FROM foo`, [{ idd: 1 }]);
    q('columns', sql`SELECT id, id, 1.5::numeric AS n FROM foo WHERE id = 1`, [{ id: 1, n: 1.5 }]);
    q('seq', sql`SELECT x FROM bar WHERE x = 5`, [{ x: 5 }], { dataset: withBar });
    q('no_write', sql`SELECT id FROM foo WHERE id = 1 AND 'insert' <> ''`, [{ id: 1 }], { mutating: true });
    q('slow', sql`SELECT 1 AS one FROM pg_sleep(0.15)`, [{ one: 1 }]);
    const r = await verify(schema);
    expect(r.found).toEqual([
      'pg/mutating-query-did-not-write @ testdb/query-no_write',
      'pg/query-empty-result @ testdb/query-empty',
      'pg/query-failed @ testdb/query-fails',
      'pg/query-output-columns @ testdb/query-columns',
      'pg/query-output-columns @ testdb/query-columns',
      'pg/query-unexpected-output @ testdb/query-unexpected',
      'pg/query-writes @ testdb/query-writes',
      'pg/sequential-scan @ testdb/query-seq',
      'pg/statement-too-slow @ testdb/query-slow',
    ]);
    expect(r.problems.find((p) => p.check.code === 'pg/sequential-scan')!.message).toMatch(/scans bar sequentially[\s\S]*Seq Scan on bar/);
    // Postgres's hint and position are kept: the caret is under the unknown column.
    expect(r.problems.find((p) => p.check.code === 'pg/query-failed')!.message).toBe(
      `query 'fails' failed in test 1: column "idd" does not exist; hint: Perhaps you meant to reference the column "foo.id".\n    SELECT idd FROM foo\n           ^`,
    );
  });

  it('finds what is wrong with mutators', async () => {
    const { schema, data } = fooSchema();
    const m = (name: string, text: ReturnType<typeof sql>, args: Record<string, number>, resultingData: Record<string, Array<Record<string, number>>>) => schema.mutator(name, { sql: text, tests: [{ dataset: data, arguments: args, resultingData }] });
    m('fails', sql`INSERT INTO nope(id) VALUES (${arg.int('id')})`, { id: 5 }, {});
    m('changes_schema', sql`CREATE TABLE extra ( x INT NOT NULL )`, {}, {});
    m('nothing', sql`DELETE FROM foo WHERE id = ${arg.int('id')}`, { id: 99 }, {});
    m('present_before', sql`INSERT INTO foo(id) VALUES (${arg.int('id')})`, { id: 5 }, { foo: [{ id: 1 }] });
    m('missing_after', sql`INSERT INTO foo(id) VALUES (${arg.int('id')})`, { id: 5 }, { foo: [{ id: 6 }] });
    const r = await verify(schema);
    expect(r.found).toEqual([
      // DDL changes no rows either
      'pg/mutator-changed-nothing @ testdb/mutator-changes_schema',
      'pg/mutator-changed-nothing @ testdb/mutator-nothing',
      'pg/mutator-changed-schema @ testdb/mutator-changes_schema',
      'pg/mutator-failed @ testdb/mutator-fails',
      'pg/mutator-resulting-rows @ testdb/mutator-missing_after',
      'pg/mutator-resulting-rows @ testdb/mutator-present_before',
    ]);
  });

  it('finds nullable and badly named columns, datasets that do not insert, and downgrades that do not restore', async () => {
    const { schema } = fooSchema();
    schema.migration(2, { upgrade: 'CREATE TABLE maybe ( x INT ); CREATE TABLE "BadName" ( y INT NOT NULL );', downgrade: 'DROP TABLE "BadName";' });
    schema.dataset('broken', { rows: { nope: [{ id: 1 }] } });
    const r = await verify(schema);
    expect(r.found).toEqual([
      'pg/dataset-insert-failed @ testdb/dataset-broken',
      'pg/migration-downgrade-mismatch @ testdb/migration-2',
      'pg/nullable-column @ testdb/migration-2',
      'pg/table-or-column-name @ testdb/migration-2',
    ]);
    expect(r.problems.find((p) => p.check.code === 'pg/migration-downgrade-mismatch')!.message).toContain('left behind maybe.x integer NULL');
  });

  it('refreshes materialized views and compares their rows in any order', async () => {
    const { schema, data } = fooSchema();
    schema.migration(2, { upgrade: 'CREATE MATERIALIZED VIEW doubled AS SELECT id, id * 2 AS twice FROM foo;', downgrade: 'DROP MATERIALIZED VIEW doubled;' });
    schema.materializedView('doubled', { tests: [{ dataset: data, expectedData: [{ id: 3, twice: 6 }, { id: 1, twice: 2 }, { id: 2, twice: 4 }] }] });
    expect((await verify(schema)).found).toEqual([]);
    const wrong = fooSchema();
    wrong.schema.migration(2, { upgrade: 'CREATE MATERIALIZED VIEW doubled AS SELECT id, id * 2 AS twice FROM foo;', downgrade: 'DROP MATERIALIZED VIEW doubled;' });
    wrong.schema.materializedView('doubled', { tests: [{ dataset: wrong.data, expectedData: [{ id: 1, twice: 2 }] }, { dataset: wrong.data, expectedData: [{ id: 1 }] }] });
    wrong.schema.materializedView('missing', { tests: [{ dataset: wrong.data, expectedData: [] }] });
    expect((await verify(wrong.schema)).found).toEqual([
      'pg/matview-not-created @ testdb/matview-missing',
      'pg/matview-unexpected-rows @ testdb/matview-doubled',
      'pg/matview-unexpected-rows @ testdb/matview-doubled',
    ]);
  });

  it('ignores views in the column checks, and requires downgrades to remove indexes and views too', async () => {
    const { schema } = fooSchema();
    schema.migration(2, { upgrade: 'CREATE VIEW foo_ids AS SELECT id FROM foo; CREATE INDEX foo_id_desc ON foo (id DESC);', downgrade: 'DROP VIEW foo_ids;' });
    const r = await verify(schema);
    expect(r.found).toEqual(['pg/migration-downgrade-mismatch @ testdb/migration-2']);
    expect(r.problems[0]!.message).toContain('left behind index foo_id_desc');
  });

  it('stops at an upgrade that fails, and reports a failing downgrade', async () => {
    const broken = fooSchema();
    broken.schema.migration(2, { upgrade: 'CREATE TABLE oops (', downgrade: '' });
    expect((await verify(broken.schema)).found).toEqual(['pg/migration-upgrade-failed @ testdb/migration-2']);
    const badDown = fooSchema();
    badDown.schema.migration(2, { upgrade: 'CREATE TABLE b ( x INT NOT NULL );', downgrade: 'DROP TABLE nope;' });
    expect((await verify(badDown.schema)).found).toEqual(['pg/migration-downgrade-failed @ testdb/migration-2']);
  });
});

/** The same engines with a short statement time limit. */
const TIMED: Array<[string, () => Promise<SqlEngine>]> = [['PGlite', () => pgliteEngine(1000)], ...(serverUrl ? [['a Postgres server', serverEngine(serverUrl, 1000)] as [string, () => Promise<SqlEngine>]] : [])];

describe.each(TIMED)('a statement that never ends, on %s', (_name, make) => {
  beforeAll(() => {
    engine = make;
  });

  it('is stopped at the statement time limit and named, and nothing after it is reported', async () => {
    const { schema, data } = fooSchema();
    schema.query('forever', {
      sql: sql`WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*)::INT AS c FROM r`,
      tests: [{ dataset: data, outputs: [{ c: 1 }] }],
      seqscanOk: true,
    });
    const started = Date.now();
    const r = await verify(schema);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.found).toEqual(['pg/statement-timeout @ testdb/query-forever']);
    expect(r.problems[0]!.message).toMatch(/^'WITH RECURSIVE r\(n\) AS .*' did not finish within 1000 ms/);
  }, 30_000);

  it('stops a migration that sleeps', async () => {
    const { app } = fooSchema();
    const { PgSchema } = await import('../../../constructs');
    const slow = new PgSchema(app, 'slow');
    slow.migration(1, { upgrade: 'SELECT pg_sleep(30);', downgrade: 'SELECT 1;' });
    const r = await verify(slow);
    expect(r.found).toEqual(['pg/statement-timeout @ slow/migration-1']);
  }, 30_000);
});
