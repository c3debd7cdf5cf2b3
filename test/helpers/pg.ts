import { App, arg, PgSchema, sql } from '../../constructs';

/** A schema with a `foo(id)` table, its default dataset, and one passing query and mutator. */
export function fooSchema(name = 'testdb') {
  const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
  const schema = new PgSchema(app, name);
  schema.migration(1, { upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );', downgrade: 'DROP TABLE foo;' });
  const data = schema.dataset('default', { rows: { foo: [{ id: 1 }, { id: 2 }, { id: 3 }] } });
  const query = schema.query('max_id', {
    sql: sql`SELECT max(id) AS max_id FROM foo WHERE ${arg.int('n')} > 0`,
    optionalFields: ['max_id'],
    tests: [{ dataset: data, arguments: { n: 1 }, outputs: [{ max_id: 3 }] }],
  });
  const mutator = schema.mutator('insert_id', {
    sql: sql`INSERT INTO foo(id) VALUES (${arg.int('id')})`,
    tests: [{ dataset: data, arguments: { id: 4 }, resultingData: { foo: [{ id: 4 }] } }],
  });
  return { app, schema, data, query, mutator };
}
