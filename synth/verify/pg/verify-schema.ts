import type { PgDataset, PgMatView, PgMigration, PgMutator, PgQuery, PgSchema, SqlValue, TableRows } from '../../../constructs/apps/pg-schema';
import type { PgArgType } from '../../../constructs/apps/sql';
import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { PropPath } from '../../../lib/diagnostics/types';
import { PG_CHECKS, type VerifyCheck } from './checks';
import { EngineStoppedError, StatementTimeoutError, type SqlEngine, type SqlError } from './engine';
import { sortedStrings } from '../../../lib/text/order';
import { plural } from '../../../lib/text/plural';

/** A result column of a verified query, as generated code sees it. */
export interface OutputColumn {
  readonly name: string;
  readonly type: PgArgType;
  readonly optional: boolean;
}

/** What verification learned from the database: result columns of every query. */
export interface VerifiedSchema {
  readonly queries: Readonly<Record<string, readonly OutputColumn[]>>;
}

export interface VerifyProblem {
  readonly check: VerifyCheck;
  readonly construct: EplConstruct;
  readonly message: string;
  readonly prop?: PropPath;
}

const TYPE_BY_OID: Readonly<Record<number, PgArgType>> = { 23: 'INT', 20: 'BIGINT', 700: 'FLOAT', 701: 'DOUBLE', 16: 'BOOL', 25: 'TEXT', 1043: 'TEXT', 19: 'TEXT', 1114: 'TIMESTAMP' };
const IDENT = /^[a-z_][a-z0-9_]*$/;
const TIME_LIMIT_MS = 100;

/** Columns of the schema's tables (not views: their columns all read as nullable). */
const SCHEMA_SNAPSHOT = `SELECT c.table_name, c.column_name, c.column_default, c.data_type, c.is_nullable, c.is_generated, c.generation_expression, c.is_updatable
  FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
  WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.column_name`;

/** Everything else a downgrade must restore: indexes, views and materialized views. */
const OBJECTS_SNAPSHOT = `SELECT 'index' AS kind, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL SELECT 'view', viewname, definition FROM pg_views WHERE schemaname = 'public'
  UNION ALL SELECT 'materialized view', matviewname, definition FROM pg_matviews WHERE schemaname = 'public'
  ORDER BY 1, 2`;

function errorOf(e: unknown, verifier?: SchemaVerifier): SqlError {
  // The database is gone: nothing more can be checked, nor blamed on the statement at hand.
  if (e instanceof EngineStoppedError) throw e;
  if (e instanceof StatementTimeoutError && verifier && !verifier.timedOut) verifier.timedOut = e;
  const err = e as { message?: string; code?: string; hint?: string; position?: string | number };
  const position = Number(err.position);
  return {
    message: String(err.message ?? e).split('\n')[0]!,
    ...(err.code ? { code: err.code } : {}),
    ...(err.hint ? { hint: String(err.hint) } : {}),
    ...(Number.isInteger(position) && position > 0 ? { position } : {}),
  };
}

/**
 * The database's error as a message: its text, its hint, and the statement's line with a caret
 * under the position Postgres gave.
 */
export function sqlErrorText(err: SqlError, sql?: string): string {
  let text = err.message;
  if (err.hint) text += `; hint: ${err.hint}`;
  if (sql !== undefined && err.position !== undefined && err.position <= sql.length + 1) {
    const before = sql.slice(0, err.position - 1);
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineEnd = sql.indexOf('\n', lineStart);
    const line = sql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const column = err.position - 1 - lineStart;
    text += `\n    ${line}\n    ${' '.repeat(column)}^`;
  }
  return text;
}

/** A value as Postgres prints it, for comparing with expected rows. */
function printed(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '');
  return String(v);
}

function rowKey(row: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(sortedStrings(Object.keys(row)).map((k) => [k, printed(row[k])]));
}

class SchemaVerifier {
  readonly problems: VerifyProblem[] = [];
  readonly queries: Record<string, OutputColumn[]> = {};
  private tables: string[] = [];
  private readonly checkedColumns = new Set<string>();

  constructor(
    private readonly schema: PgSchema,
    private readonly db: SqlEngine,
  ) {}

  /** The first statement that ran out of time; once set, the engine is stopped. */
  timedOut: StatementTimeoutError | undefined;
  private timeoutReported = false;

  /** Records a finding. After a timeout, the finding of the statement that timed out names it, and nothing else is reported. */
  problem(check: VerifyCheck, construct: EplConstruct, message: string, prop?: PropPath): void {
    if (this.timedOut) {
      if (this.timeoutReported) return;
      this.timeoutReported = true;
      const sql = this.timedOut.sql.replace(/\s+/g, ' ').trim();
      this.problems.push({ check: PG_CHECKS.statementTimeout, construct, message: `'${sql.length > 80 ? `${sql.slice(0, 77)}...` : sql}' ${this.timedOut.message}`, ...(prop ? { prop } : {}) });
      return;
    }
    this.problems.push({ check, construct, message, ...(prop ? { prop } : {}) });
  }

  /** The schema as a comparable text: table columns, then indexes and views. */
  async snapshot(): Promise<string> {
    const r = await this.db.query(SCHEMA_SNAPSHOT);
    this.tables = [...new Set(r.rows.map((row) => String(row.table_name)))];
    const objects = await this.db.query(OBJECTS_SNAPSHOT);
    return JSON.stringify({ columns: r.rows, objects: objects.rows });
  }

  async run(): Promise<void> {
    const snapshots: string[] = [await this.snapshot()];
    for (const m of this.schema.migrations) {
      try {
        await this.db.exec(m.upgrade);
      } catch (e) {
        this.problem(PG_CHECKS.upgradeFailed, m, `upgrade of migration ${m.time} failed: ${sqlErrorText(errorOf(e, this), m.upgrade)}`, ['upgrade']);
        return;
      }
      snapshots.push(await this.snapshot());
      await this.checkColumns(m);
    }
    const last = this.schema.migrations[this.schema.migrations.length - 1];
    for (const dataset of this.schema.datasets) {
      if (!last || dataset.minTime > last.time) continue;
      if (!(await this.load(dataset))) continue;
      for (const q of this.schema.queries) for (const [i, t] of q.tests.entries()) if (t.dataset === dataset) await this.testQuery(q, i);
      for (const m of this.schema.mutators) for (const [i, t] of m.tests.entries()) if (t.dataset === dataset) await this.testMutator(m, i);
      for (const v of this.schema.materializedViews) for (const [i, t] of v.tests.entries()) if (t.dataset === dataset) await this.testMatView(v, i);
      await this.truncate();
    }
    await this.downgrades(snapshots);
  }

  async checkColumns(m: PgMigration): Promise<void> {
    const r = await this.db.query(SCHEMA_SNAPSHOT);
    for (const row of r.rows) {
      const table = String(row.table_name);
      const column = String(row.column_name);
      // Report each column once, at the migration that created it.
      if (this.checkedColumns.has(`${table}.${column}`)) continue;
      this.checkedColumns.add(`${table}.${column}`);
      if (table === 'epl_schema_migrations') this.problem(PG_CHECKS.badTableName, m, `migration ${m.time} creates table epl_schema_migrations, which epl reserves`, ['upgrade']);
      else if (!IDENT.test(table)) this.problem(PG_CHECKS.badTableName, m, `table '${table}' is not snake_case`, ['upgrade']);
      if (!IDENT.test(column)) this.problem(PG_CHECKS.badTableName, m, `column '${table}.${column}' is not snake_case`, ['upgrade']);
      if (row.is_nullable === 'YES') this.problem(PG_CHECKS.nullableColumn, m, `column '${table}.${column}' is nullable; declare it NOT NULL`, ['upgrade']);
    }
  }

  async load(dataset: PgDataset): Promise<boolean> {
    try {
      await this.db.exec('BEGIN');
      for (const [table, rows] of Object.entries(dataset.rows)) {
        for (const row of rows) {
          const cols = Object.keys(row);
          await this.db.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, cols.map((c) => row[c]));
        }
      }
      await this.db.exec('COMMIT');
      return true;
    } catch (e) {
      await this.db.exec('ROLLBACK');
      this.problem(PG_CHECKS.datasetFailed, dataset, `dataset '${dataset.datasetName}' cannot be inserted: ${sqlErrorText(errorOf(e, this))}`, ['rows']);
      return false;
    }
  }

  async truncate(): Promise<void> {
    for (const t of this.tables) await this.db.exec(`TRUNCATE TABLE "${t}" RESTART IDENTITY CASCADE`);
  }

  params(st: PgQuery | PgMutator, args: Readonly<Record<string, SqlValue>> | undefined): unknown[] {
    return st.sql.argNames.map((n) => args?.[n]);
  }

  async seqScans(st: PgQuery | PgMutator, params: unknown[], name: string): Promise<void> {
    if (st.seqscanOk) return;
    try {
      await this.db.exec('BEGIN; SET LOCAL enable_seqscan = OFF; SET LOCAL jit = OFF;');
      const plan = (await this.db.query(`EXPLAIN ANALYZE ${st.sql.text}`, params)).rows.map((r) => String(Object.values(r)[0])).join('\n');
      const scanned = [...plan.matchAll(/Seq\s+Scan\s+on\s+(\w+)/g)].map((m) => m[1]!).filter((t) => this.tables.includes(t));
      if (scanned.length) this.problem(PG_CHECKS.seqScan, st, `'${name}' scans ${[...new Set(scanned)].join(', ')} sequentially; add an index or set seqscanOk: true\n${plan}`, ['sql']);
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
      if (ms > TIME_LIMIT_MS) this.problem(PG_CHECKS.tooSlow, st, `'${name}' took ${ms} ms on its test data, the limit is ${TIME_LIMIT_MS} ms`, ['sql']);
    } catch (e) {
      // Failures are reported by the test run itself; a timeout stops verification here.
      if (e instanceof StatementTimeoutError) {
        errorOf(e, this);
        this.problem(PG_CHECKS.statementTimeout, st, '', ['sql']);
      }
    } finally {
      await this.db.exec('ROLLBACK');
    }
  }

  async testQuery(q: PgQuery, i: number): Promise<void> {
    const test = q.tests[i]!;
    const params = this.params(q, test.arguments);
    const where: PropPath = ['tests', i];
    let result;
    try {
      await this.db.exec(q.mutating ? 'BEGIN' : 'BEGIN; SET TRANSACTION READ ONLY;');
      const before = String((await this.db.query('SELECT pg_current_wal_insert_lsn()::TEXT AS lsn')).rows[0]!.lsn);
      result = await this.db.query(q.sql.text, params);
      const after = String((await this.db.query('SELECT pg_current_wal_insert_lsn()::TEXT AS lsn')).rows[0]!.lsn);
      if (q.mutating && before === after) this.problem(PG_CHECKS.mutatingQueryNoWrite, q, `mutating query '${q.queryName}' did not write in test ${i + 1}`, where);
    } catch (e) {
      const err = errorOf(e, this);
      if (err.code === '25006') this.problem(PG_CHECKS.queryWrites, q, `query '${q.queryName}' writes but is not marked mutating: ${err.message}`, ['mutating']);
      else this.problem(PG_CHECKS.queryFailed, q, `query '${q.queryName}' failed in test ${i + 1}: ${sqlErrorText(err, q.sql.text)}`, ['sql']);
      return;
    } finally {
      await this.db.exec('ROLLBACK');
    }
    const columns: OutputColumn[] = [];
    for (const f of result.fields) {
      const type = TYPE_BY_OID[f.dataTypeID];
      if (!IDENT.test(f.name)) this.problem(PG_CHECKS.outputColumns, q, `result column '${f.name}' of '${q.queryName}' is not a snake_case name; name it with AS`, ['sql']);
      else if (columns.some((c) => c.name === f.name)) this.problem(PG_CHECKS.outputColumns, q, `'${q.queryName}' returns column '${f.name}' twice`, ['sql']);
      else if (!type) this.problem(PG_CHECKS.outputColumns, q, `result column '${f.name}' of '${q.queryName}' has a type (oid ${f.dataTypeID}) generated code does not support; cast it`, ['sql']);
      else columns.push({ name: f.name, type, optional: q.optionalFields.includes(f.name) });
    }
    for (const opt of q.optionalFields) if (!result.fields.some((f) => f.name === opt)) this.problem(PG_CHECKS.outputColumns, q, `optional field '${opt}' is not a result column of '${q.queryName}'`, ['optionalFields']);
    if (result.rows.length === 0) {
      this.problem(PG_CHECKS.emptyResult, q, `query '${q.queryName}' returned no rows in test ${i + 1}`, where);
    } else {
      const actual = result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, printed(v)])));
      const expected = test.outputs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, printed(v)])));
      if (JSON.stringify(actual.map(rowKey)) !== JSON.stringify(expected.map(rowKey))) {
        this.problem(PG_CHECKS.unexpectedOutput, q, `query '${q.queryName}' returned ${JSON.stringify(actual)} in test ${i + 1}, expected ${JSON.stringify(expected)}`, [...where, 'outputs']);
      }
    }
    this.queries[q.queryName] = columns;
    await this.seqScans(q, params, q.queryName);
  }

  async matches(table: string, row: Readonly<Record<string, SqlValue>>): Promise<number> {
    const cols = Object.keys(row);
    const r = await this.db.query(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`);
    return r.rows.filter((db) => cols.every((c) => printed(db[c]) === printed(row[c]))).length;
  }

  async testMutator(m: PgMutator, i: number): Promise<void> {
    const test = m.tests[i]!;
    const params = this.params(m, test.arguments);
    const where: PropPath = ['tests', i, 'resultingData'];
    try {
      await this.db.exec('BEGIN');
      const expected: Array<[string, Readonly<Record<string, SqlValue>>]> = Object.entries(test.resultingData as TableRows).flatMap(([t, rows]) => rows.map((r) => [t, r] as [string, Readonly<Record<string, SqlValue>>]));
      for (const [table, row] of expected) {
        if ((await this.matches(table, row)) > 0) this.problem(PG_CHECKS.resultingData, m, `expected row ${JSON.stringify(row)} is already in '${table}' before '${m.mutatorName}' runs`, where);
      }
      const schemaBefore = JSON.stringify((await this.db.query(SCHEMA_SNAPSHOT)).rows);
      let affected;
      try {
        affected = (await this.db.query(m.sql.text, params)).affectedRows;
      } catch (e) {
        this.problem(PG_CHECKS.mutatorFailed, m, `mutator '${m.mutatorName}' failed in test ${i + 1}: ${sqlErrorText(errorOf(e, this), m.sql.text)}`, ['sql']);
        return;
      }
      if (JSON.stringify((await this.db.query(SCHEMA_SNAPSHOT)).rows) !== schemaBefore) this.problem(PG_CHECKS.mutatorChangedSchema, m, `mutator '${m.mutatorName}' changed the schema`, ['sql']);
      if (affected === 0) this.problem(PG_CHECKS.mutatorNoEffect, m, `mutator '${m.mutatorName}' changed no rows in test ${i + 1}`, ['tests', i]);
      for (const [table, row] of expected) {
        const n = await this.matches(table, row);
        if (n !== 1) this.problem(PG_CHECKS.resultingData, m, `expected row ${JSON.stringify(row)} is in '${table}' ${n} times after '${m.mutatorName}', expected once`, where);
      }
    } catch (e) {
      this.problem(PG_CHECKS.resultingData, m, `checking the rows of test ${i + 1} of '${m.mutatorName}' failed: ${errorOf(e, this).message}`, where);
    } finally {
      await this.db.exec('ROLLBACK');
    }
    await this.seqScans(m, params, m.mutatorName);
  }

  async testMatView(v: PgMatView, i: number): Promise<void> {
    const exists = await this.db.query(`SELECT 1 AS one FROM pg_matviews WHERE schemaname = 'public' AND matviewname = $1`, [v.viewName]);
    if (exists.rows.length === 0) {
      if (i === 0) this.problem(PG_CHECKS.matViewMissing, v, `materialized view '${v.viewName}' does not exist after the migrations`);
      return;
    }
    try {
      await this.db.exec(`REFRESH MATERIALIZED VIEW "${v.viewName}"`);
      const r = await this.db.query(`SELECT * FROM "${v.viewName}"`);
      const columns = r.fields.map((f) => f.name);
      const expected = v.tests[i]!.expectedData;
      const where: PropPath = ['tests', i, 'expectedData'];
      for (const [n, row] of expected.entries()) {
        const keys = Object.keys(row);
        const unknown = keys.filter((k) => !columns.includes(k));
        const missing = columns.filter((c) => !keys.includes(c));
        if (unknown.length || missing.length) {
          this.problem(PG_CHECKS.matViewRows, v, `expected row ${n + 1} of '${v.viewName}' ${unknown.length ? `names columns the view does not have (${unknown.join(', ')})` : `lacks columns ${missing.join(', ')}`}`, [...where, n]);
          return;
        }
      }
      const norm = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>) => sortedStrings(rows.map((row) => JSON.stringify(columns.map((c) => printed(row[c])))));
      const actual = norm(r.rows);
      const want = norm(expected);
      if (JSON.stringify(actual) !== JSON.stringify(want)) {
        this.problem(PG_CHECKS.matViewRows, v, `materialized view '${v.viewName}' holds ${plural(actual.length, 'row')} ${actual.join(' ')} in test ${i + 1}, expected ${want.length}: ${want.join(' ')}`, where);
      }
    } catch (e) {
      this.problem(PG_CHECKS.matViewRows, v, `refreshing '${v.viewName}' failed: ${errorOf(e, this).message}`);
    }
  }

  async downgrades(snapshots: string[]): Promise<void> {
    const ms = this.schema.migrations;
    for (let i = ms.length - 1; i >= 0; i--) {
      const m = ms[i]!;
      try {
        await this.db.exec(m.downgrade);
      } catch (e) {
        this.problem(PG_CHECKS.downgradeFailed, m, `downgrade of migration ${m.time} failed: ${sqlErrorText(errorOf(e, this), m.downgrade)}`, ['downgrade']);
        return;
      }
      const now = await this.snapshot();
      if (now !== snapshots[i]) {
        this.problem(PG_CHECKS.downgradeMismatch, m, `downgrade of migration ${m.time} does not restore the schema before it: ${schemaDiff(snapshots[i]!, now)}`, ['downgrade']);
        return;
      }
    }
  }
}

function schemaDiff(expectedJson: string, actualJson: string): string {
  type Snapshot = { columns: Array<Record<string, unknown>>; objects: Array<Record<string, unknown>> };
  const describe = (s: Snapshot) =>
    new Set([
      ...s.columns.map((r) => `${r.table_name}.${r.column_name} ${r.data_type}${r.is_nullable === 'YES' ? ' NULL' : ''}${r.column_default ? ` DEFAULT ${r.column_default}` : ''}`),
      ...s.objects.map((o) => `${o.kind} ${o.name}`),
    ]);
  const want = describe(JSON.parse(expectedJson) as Snapshot);
  const got = describe(JSON.parse(actualJson) as Snapshot);
  const extra = [...got].filter((x) => !want.has(x));
  const missing = [...want].filter((x) => !got.has(x));
  return [extra.length ? `left behind ${extra.join(', ')}` : '', missing.length ? `missing ${missing.join(', ')}` : ''].filter(Boolean).join('; ') || 'columns differ';
}

/** Verifies a schema against a fresh database: migrations, tests, result columns, downgrades. */
export async function verifySchema(schema: PgSchema, db: SqlEngine): Promise<{ problems: VerifyProblem[]; verified: VerifiedSchema }> {
  const v = new SchemaVerifier(schema, db);
  try {
    await v.run();
  } catch (e) {
    // A statement outside the checks' own error handling timed out (a snapshot), or the engine
    // was stopped by an earlier timeout: report the timeout at the schema.
    if (!(e instanceof StatementTimeoutError || e instanceof EngineStoppedError)) throw e;
    // Stopped for another schema's statement: this schema was not verified, the caller retries it.
    if (e instanceof EngineStoppedError && !v.timedOut) throw e;
    if (e instanceof StatementTimeoutError && !v.timedOut) v.timedOut = e;
    if (v.timedOut && !v.problems.some((p) => p.check === PG_CHECKS.statementTimeout)) v.problem(PG_CHECKS.statementTimeout, schema, '');
  }
  return { problems: v.problems, verified: { queries: v.queries } };
}
