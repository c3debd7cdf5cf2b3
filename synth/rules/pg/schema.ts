import { PgQuery, type PgMutator, type PgSchema } from '../../../constructs/apps/pg-schema';
import type { EplConstruct } from '../../../constructs/core/epl-construct';
import type { PgArgType } from '../../../constructs/apps/sql';
import { isRedefinition } from '../../../constructs/storage/containers';
import { SNAKE_CASE } from '../patterns';
import { NOT_RAW } from '../../../lib/formats/rust';
import { argValueValid } from './arg-values';
import { defineRule, type Report } from '../rule';
import { plural } from '../../../lib/text/plural';

const statements = (s: PgSchema): Array<PgQuery | PgMutator> => [...s.queries, ...s.mutators];
const nameOf = (x: PgQuery | PgMutator) => (x instanceof PgQuery ? x.queryName : x.mutatorName);

export const invalidPgName = defineRule({
  code: 'pg/invalid-name',
  severity: 'error',
  title: 'Schema, query, mutator, transaction and dataset names are snake_case',
  doc: 'These names become Rust function and type names in generated code.',
  check(model, report) {
    for (const s of model.pgSchemas) {
      const named: Array<[EplConstruct, string]> = [
        [s, s.schemaName],
        ...s.queries.map((q) => [q, q.queryName] as [EplConstruct, string]),
        ...s.mutators.map((m) => [m, m.mutatorName] as [EplConstruct, string]),
        ...s.transactions.map((t) => [t, t.transactionName] as [EplConstruct, string]),
        ...s.datasets.map((d) => [d, d.datasetName] as [EplConstruct, string]),
        ...s.materializedViews.map((v) => [v, v.viewName] as [EplConstruct, string]),
      ];
      for (const [c, n] of named) {
        if (!SNAKE_CASE.test(n)) report(c, `name '${n}' is not snake_case (a-z, 0-9, _)`);
        else if (isRedefinition(c)) report(c, `name '${n}' is defined more than once in schema '${s.schemaName}'`);
      }
    }
  },
});

export const invalidArgumentName = defineRule({
  code: 'pg/invalid-argument-name',
  severity: 'error',
  title: 'Statement arguments are snake_case names Rust can take',
  doc: "An argument's name (`arg.int('min_id')`) becomes a Rust parameter and struct field in generated code: snake_case, starting with a letter, and not `self`, `super` or `crate`.",
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const st of [...s.queries, ...s.mutators]) {
        for (const name of st.sql.argNames) {
          if (!SNAKE_CASE.test(name) || NOT_RAW.has(name)) report(st, `argument name '${name}' of '${'queryName' in st ? st.queryName : st.mutatorName}' must be a snake_case name (not self, super or crate)`, { prop: ['sql'] });
        }
      }
    }
  },
});

export const migrationsNotOrdered = defineRule({
  code: 'pg/migrations-not-ordered',
  severity: 'error',
  title: 'Migrations are declared in strictly increasing time',
  doc: 'Migrations run in the order of their time; declare them in that order, each with a time greater than the one before (e.g. 1, 2, 3 or a date like 20260101).',
  reference: ['PgMigrationsAreNotOrdered'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      s.migrations.forEach((m, i) => {
        const prev = s.migrations[i - 1];
        if (!Number.isInteger(m.time) || m.time < 0) report(m, `migration time ${m.time} must be a whole number of 0 or more`);
        else if (prev && m.time <= prev.time) report(m, `migration ${m.time} comes after migration ${prev.time}; times must increase`);
      });
    }
  },
});

export const noMigrations = defineRule({
  code: 'pg/no-migrations',
  severity: 'error',
  title: 'A schema has at least one migration',
  doc: 'Queries and datasets need tables; create them in a migration.',
  check(model, report) {
    for (const s of model.pgSchemas) if (s.migrations.length === 0) report(s, `schema '${s.schemaName}' has no migrations`);
  },
});

export const statementWithoutTests = defineRule({
  code: 'pg/statement-without-tests',
  severity: 'error',
  title: 'Every query and mutator has a test',
  doc: 'Tests are how synth checks a statement against the database: that it runs, returns the expected rows, and uses indexes.',
  reference: ['PgQueryHasNoTests', 'PgMutatorHasNoTests'],
  check(model, report) {
    for (const s of model.pgSchemas) for (const st of statements(s)) if (st.tests.length === 0) report(st, `'${nameOf(st)}' has no tests`, { prop: ['tests'] });
  },
});

export const matViewWithoutTests = defineRule({
  code: 'pg/matview-without-tests',
  severity: 'error',
  title: 'Every materialized view has a test',
  doc: 'A test refreshes the view on a dataset and compares its rows, which is how synth knows the migrations create it as intended.',
  reference: ['PgMaterializedViewHasNoTests'],
  check(model, report) {
    for (const s of model.pgSchemas) for (const v of s.materializedViews) if (v.tests.length === 0) report(v, `materialized view '${v.viewName}' has no tests`, { prop: ['tests'] });
  },
});

export const argumentTypeConflict = defineRule({
  code: 'pg/argument-type-conflict',
  severity: 'error',
  title: 'An argument used several times has one type',
  doc: 'Each argument name becomes one parameter; give every use the same type.',
  reference: ['PgDivergingTypesForSameArgument'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const st of statements(s)) {
        const types = new Map<string, PgArgType>();
        for (const a of st.sql.args) {
          const t = types.get(a.name);
          if (t && t !== a.type) report(st, `argument '${a.name}' is used as ${t} and as ${a.type}`, { prop: ['sql'] });
          types.set(a.name, t ?? a.type);
        }
      }
    }
  },
});

export const nativePlaceholder = defineRule({
  code: 'pg/native-placeholder',
  severity: 'error',
  title: 'Statements pass arguments with arg.*(), not $1',
  doc: 'epl numbers the parameters itself from the typed arguments in the `sql` template; a literal `$1` would clash with them.',
  reference: ['PgOriginalQueryParametersAreNotAllowed'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const st of statements(s)) if (st.sql.parts.some((p) => /\$\d/.test(p))) report(st, `'${nameOf(st)}' contains a native placeholder ($n); use \${arg.int('name')} and the like`, { prop: ['sql'] });
    }
  },
});

function checkArguments(report: Report, st: PgQuery | PgMutator, test: { arguments?: Readonly<Record<string, unknown>> }, i: number): void {
  const given = test.arguments ?? {};
  const types = new Map(st.sql.args.map((a) => [a.name, a.type]));
  for (const name of types.keys()) if (!(name in given)) report(st, `test ${i + 1} of '${nameOf(st)}' gives no value for argument '${name}'`, { prop: ['tests', i] });
  for (const [name, value] of Object.entries(given)) {
    const type = types.get(name);
    if (!type) report(st, `test ${i + 1} of '${nameOf(st)}' gives argument '${name}', which the statement does not use`, { prop: ['tests', i, 'arguments', name] });
    else if (!argValueValid(type, value)) report(st, `test ${i + 1} of '${nameOf(st)}': ${JSON.stringify(value)} is not a valid ${type} for '${name}'`, { prop: ['tests', i, 'arguments', name] });
  }
}

export const testArguments = defineRule({
  code: 'pg/test-arguments',
  severity: 'error',
  title: 'A test gives exactly the arguments the statement uses, with values of their types',
  doc: 'Every argument needs a value in every test, no test gives unused ones, and each value fits its type (INT a 32-bit integer, TIMESTAMP `YYYY-MM-DD HH:MM:SS`, ...).',
  reference: ['PgQueryArgumentNotFoundInTest', 'PgQueryArgumentNotUsedInQuery', 'PgQueryCannotParseArgumentToType'],
  check(model, report) {
    for (const s of model.pgSchemas) for (const st of statements(s)) st.tests.forEach((test, i) => checkArguments(report, st, test, i));
  },
});

export const datasetNeverLoaded = defineRule({
  code: 'pg/dataset-never-loaded',
  severity: 'error',
  title: "A dataset's minTime is not after the last migration",
  doc: 'A dataset is loaded from the migration at its `minTime` on; past the last migration it would never be loaded, so its tests would never run.',
  reference: ['PgDatasetIsNeverTested'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      const times = s.migrations.map((m) => m.time);
      const last = times.length > 0 ? Math.max(...times) : undefined;
      for (const d of s.datasets) {
        if (last === undefined) report(d, `dataset '${d.datasetName}' can never be loaded: schema '${s.schemaName}' has no migration`, { prop: ['minTime'] });
        else if (d.minTime > last) report(d, `dataset '${d.datasetName}' has minTime ${d.minTime}, after the last migration (${last})`, { prop: ['minTime'] });
      }
    }
  },
});

export const mutatingQueryWithoutWrite = defineRule({
  code: 'pg/mutating-query-without-write',
  severity: 'error',
  title: 'A mutating query contains INSERT, UPDATE or DELETE',
  doc: 'Queries marked `mutating` run in a read-write transaction; one that cannot write should not be marked.',
  reference: ['PgMutatingQueryDoesNotHaveMutationKeywords'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const q of s.queries) {
        const text = q.sql.parts.join(' ').replace(/--[^\n]*/g, '').toLowerCase();
        if (q.mutating && !/\b(insert|update|delete)\b/.test(text)) report(q, `query '${q.queryName}' is marked mutating but has no INSERT, UPDATE or DELETE`, { prop: ['mutating'] });
      }
    }
  },
});

export const invalidOptionalField = defineRule({
  code: 'pg/invalid-optional-field',
  severity: 'error',
  title: 'Optional fields are column names, each listed once',
  doc: 'List result columns that may be NULL, by name.',
  reference: ['PgQueryOptFieldMustBeSnakeCase', 'PgQueryOptFieldDuplicate'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const q of s.queries) {
        q.optionalFields.forEach((f, i) => {
          if (!/^[a-zA-Z0-9_]+$/.test(f)) report(q, `optional field '${f}' is not a column name`, { prop: ['optionalFields', i] });
          else if (q.optionalFields.indexOf(f) !== i) report(q, `optional field '${f}' is listed twice`, { prop: ['optionalFields', i] });
        });
      }
    }
  },
});

export const transactionSteps = defineRule({
  code: 'pg/transaction-steps',
  severity: 'error',
  title: "A transaction has two or more steps, each a different statement of its own schema",
  doc: 'A transaction of one step is that statement; the same statement twice is one step with `many: true`. Statements of another schema run on another database.',
  reference: ['PgTransactionMustHaveAtLeastTwoSteps', 'PgTransactionDuplicateStepsDetected', 'PgTransactionStepNotFound'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const tx of s.transactions) {
        if (tx.steps.length < 2) report(tx, `transaction '${tx.transactionName}' has ${plural(tx.steps.length, 'step')}, at least 2 are needed`, { prop: ['steps'] });
        tx.steps.forEach((step, i) => {
          if (step.statement.node.scope !== s) report(tx, `step ${i + 1} of '${tx.transactionName}' belongs to another schema`, { prop: ['steps', i] });
          else if (tx.steps.findIndex((o) => o.statement === step.statement) !== i) report(tx, `step ${i + 1} of '${tx.transactionName}' repeats '${nameOf(step.statement)}'`, { prop: ['steps', i] });
        });
      }
    }
  },
});

export const emptyResultingRow = defineRule({
  code: 'pg/empty-resulting-row',
  severity: 'error',
  title: "A mutator test's expected rows name at least one column",
  doc: 'An empty row would match any row and prove nothing.',
  reference: ['PgResultingDatasetTableRowIsEmpty'],
  check(model, report) {
    for (const s of model.pgSchemas) {
      for (const m of s.mutators) {
        m.tests.forEach((t, i) => {
          for (const [table, rows] of Object.entries(t.resultingData)) {
            if (rows.some((r) => Object.keys(r).length === 0)) report(m, `test ${i + 1} of '${m.mutatorName}' expects an empty row in '${table}'`, { prop: ['tests', i, 'resultingData', table] });
          }
        });
      }
    }
  },
});
