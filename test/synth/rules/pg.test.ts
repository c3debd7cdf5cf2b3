import { describe, expect, it } from 'vitest';
import { arg, PgSchema, sql } from '../../../constructs';
import { findings } from '../../helpers/diagnostics';
import { fooSchema } from '../../helpers/pg';

/** The pg/ diagnostics of the app, as `code @ path`. */
function pg(app: Parameters<typeof findings>[0]): string[] {
  return findings(app)
    .filter((d) => d.code.startsWith('pg/'))
    .map((d) => `${d.code} @ ${d.path}`);
}
const expectPg = (app: Parameters<typeof findings>[0], expected: Array<{ code: string; path: string }>) => expect(pg(app)).toEqual(expected.map((e) => `${e.code} @ ${e.path}`));

describe('Postgres schema rules', () => {
  it('passes a schema with tested statements and a transaction', () => {
    const { app, schema, query, mutator } = fooSchema();
    schema.transaction('both', { steps: [{ statement: query }, { statement: mutator, many: true }] });
    expectPg(app, []);
  });

  it('fails names that are not snake_case', () => {
    const { app } = fooSchema('TestDb');
    expectPg(app, [{ code: 'pg/invalid-name', path: 'TestDb' }]);
  });

  it('fails migrations out of order', () => {
    const { app, schema } = fooSchema();
    schema.migration(1, { upgrade: 'SELECT 1;', downgrade: 'SELECT 1;' });
    expectPg(app, [{ code: 'pg/migrations-not-ordered', path: 'testdb/migration-1#2' }]);
  });

  it('fails a schema without migrations', () => {
    const { app } = fooSchema();
    new PgSchema(app, 'empty');
    expectPg(app, [{ code: 'pg/no-migrations', path: 'empty' }]);
  });

  it('fails statements without tests', () => {
    const { app, schema } = fooSchema();
    schema.query('untested', { sql: sql`SELECT id FROM foo`, tests: [] });
    expectPg(app, [{ code: 'pg/statement-without-tests', path: 'testdb/query-untested' }]);
  });

  it('fails an argument used with two types', () => {
    const { app, schema, data } = fooSchema();
    schema.query('two_types', { sql: sql`SELECT id FROM foo WHERE id = ${arg.int('x')} OR id = ${arg.bigint('x')}`, tests: [{ dataset: data, arguments: { x: 1 }, outputs: [{ id: 1 }] }] });
    expectPg(app, [{ code: 'pg/argument-type-conflict', path: 'testdb/query-two_types' }]);
  });

  it('fails native $n placeholders', () => {
    const { app, schema, data } = fooSchema();
    schema.query('native', { sql: sql`SELECT id FROM foo WHERE id = $1`, tests: [{ dataset: data, outputs: [{ id: 1 }] }] });
    expectPg(app, [{ code: 'pg/native-placeholder', path: 'testdb/query-native' }]);
  });

  it('fails tests with missing, unused or mistyped arguments', () => {
    const { app, schema, data } = fooSchema();
    schema.query('q', {
      sql: sql`SELECT id FROM foo WHERE id = ${arg.int('id')}`,
      tests: [
        { dataset: data, outputs: [{ id: 1 }] },
        { dataset: data, arguments: { id: 1, extra: 2 }, outputs: [{ id: 1 }] },
        { dataset: data, arguments: { id: 'one' }, outputs: [{ id: 1 }] },
      ],
    });
    expectPg(app, [
      { code: 'pg/test-arguments', path: 'testdb/query-q' },
      { code: 'pg/test-arguments', path: 'testdb/query-q' },
      { code: 'pg/test-arguments', path: 'testdb/query-q' },
    ]);
  });

  it('fails a dataset loaded only after the last migration', () => {
    const { app, schema } = fooSchema();
    schema.dataset('late', { rows: {}, minTime: 2 });
    expectPg(app, [{ code: 'pg/dataset-never-loaded', path: 'testdb/dataset-late' }]);
  });

  it('fails a mutating query without a write', () => {
    const { app, schema, data } = fooSchema();
    schema.query('reads', { sql: sql`SELECT id FROM foo`, mutating: true, tests: [{ dataset: data, outputs: [{ id: 1 }] }] });
    expectPg(app, [{ code: 'pg/mutating-query-without-write', path: 'testdb/query-reads' }]);
  });

  it('fails bad and repeated optional fields', () => {
    const { app, schema, data } = fooSchema();
    schema.query('opt', { sql: sql`SELECT id FROM foo`, optionalFields: ['id', 'id', 'max(id)'], tests: [{ dataset: data, outputs: [{ id: 1 }] }] });
    expectPg(app, [
      { code: 'pg/invalid-optional-field', path: 'testdb/query-opt' },
      { code: 'pg/invalid-optional-field', path: 'testdb/query-opt' },
    ]);
  });

  it('fails transactions of one step, repeated steps and steps of another schema', () => {
    const { app, schema, query, mutator } = fooSchema();
    const other = fooSchema('other');
    schema.transaction('one', { steps: [{ statement: query }] });
    schema.transaction('twice', { steps: [{ statement: query }, { statement: query }] });
    schema.transaction('foreign', { steps: [{ statement: mutator }, { statement: other.query }] });
    expectPg(app, [
      { code: 'pg/transaction-steps', path: 'testdb/transaction-one' },
      { code: 'pg/transaction-steps', path: 'testdb/transaction-twice' },
      { code: 'pg/transaction-steps', path: 'testdb/transaction-foreign' },
    ]);
  });

  it('fails a materialized view without tests', () => {
    const { app, schema } = fooSchema();
    schema.materializedView('ids', { tests: [] });
    expectPg(app, [{ code: 'pg/matview-without-tests', path: 'testdb/matview-ids' }]);
  });

  it('fails an empty expected row in a mutator test', () => {
    const { app, schema, data } = fooSchema();
    schema.mutator('del', { sql: sql`DELETE FROM foo WHERE id = ${arg.int('id')}`, tests: [{ dataset: data, arguments: { id: 1 }, resultingData: { foo: [{}] } }] });
    expectPg(app, [{ code: 'pg/empty-resulting-row', path: 'testdb/mutator-del' }]);
  });

  it('derives read-only transactions from their steps', () => {
    const { schema, query, mutator } = fooSchema();
    expect(schema.transaction('r', { steps: [{ statement: query }, { statement: query, many: true }] }).readOnly).toBe(true);
    expect(schema.transaction('w', { steps: [{ statement: query }, { statement: mutator }] }).readOnly).toBe(false);
  });
});
