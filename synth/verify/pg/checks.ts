/** Checks that need a real Postgres; documented with the rules in docs/errors.md. */
export interface VerifyCheck {
  readonly code: string;
  readonly title: string;
  readonly doc: string;
  readonly reference?: readonly string[];
}

function check(c: VerifyCheck): VerifyCheck {
  return c;
}

export const PG_CHECKS = {
  upgradeFailed: check({ code: 'pg/migration-upgrade-failed', title: "A migration's upgrade runs", doc: 'Migrations are applied in order to a fresh database; the database\'s error message is shown.', reference: ['PgMigrationUpgradeError'] }),
  downgradeFailed: check({ code: 'pg/migration-downgrade-failed', title: "A migration's downgrade runs", doc: 'Downgrades are applied newest first after all upgrades.', reference: ['PgMigrationDowngradeError'] }),
  downgradeMismatch: check({ code: 'pg/migration-downgrade-mismatch', title: "A migration's downgrade restores the previous schema exactly", doc: 'After a downgrade, every table and column (names, types, nullability, defaults) must be as before the upgrade.', reference: ['PgMigrationInconsistentDowngrade'] }),
  nullableColumn: check({ code: 'pg/nullable-column', title: 'Columns are NOT NULL', doc: 'Generated code maps columns to non-optional fields; declare columns NOT NULL (a PRIMARY KEY is) and model absence explicitly.', reference: ['PgNullableColumnsAreNotAllowed'] }),
  badTableName: check({ code: 'pg/table-or-column-name', title: 'Tables and columns are snake_case and not epl_schema_migrations', doc: 'Names become Rust identifiers; `epl_schema_migrations` records which migrations ran.', reference: ['PgTableNameIsNotSnakeCase', 'PgColumnNameIsNotSnakeCase', 'PgReservedTableName'] }),
  datasetFailed: check({ code: 'pg/dataset-insert-failed', title: 'Test datasets insert into the schema', doc: 'Every table and column of a dataset must exist and each value must fit its column (and constraints).', reference: ['PgDatasetTableNotFoundInSchema', 'PgDatasetTableColumnNotFoundInSchema', 'PgDatasetColumnValueCannotBeParsedToExpectedType', 'PgErrorInsertingTestDataset'] }),
  queryFailed: check({ code: 'pg/query-failed', title: 'A query runs on its test data', doc: 'The database\'s error message is shown.', reference: ['PgQueryError'] }),
  queryWrites: check({ code: 'pg/query-writes', title: 'A query not marked mutating does not write', doc: 'Queries run in a read-only transaction unless marked `mutating: true`.', reference: ['PgQueryCannotMutateDatabase'] }),
  mutatingQueryNoWrite: check({ code: 'pg/mutating-query-did-not-write', title: 'A mutating query writes in its test', doc: 'A query marked `mutating` must change the database in its tests, or it should not be marked.', reference: ['PgMutatingQueryDidNotModifyDatabase'] }),
  emptyResult: check({ code: 'pg/query-empty-result', title: 'A query test returns at least one row', doc: 'A test that returns nothing proves little; give the dataset rows the query finds.', reference: ['PgQueryErrorEmptyRowSet'] }),
  outputColumns: check({ code: 'pg/query-output-columns', title: 'Query result columns are unique snake_case names of supported types', doc: 'Columns become fields of the generated row type: name every expression (`max(id) AS max_id`), and return INT, BIGINT, REAL, DOUBLE PRECISION, BOOLEAN, TEXT or TIMESTAMP. Optional fields must be result columns.', reference: ['PgQueryInvalidOutputFieldNameFormat', 'PgQueryUnsupportedTypeError', 'PgQueryDuplicateOutputFieldNames', 'PgQueryOptFieldDoesntExistInQueryResults'] }),
  unexpectedOutput: check({ code: 'pg/query-unexpected-output', title: 'A query returns the rows its test expects', doc: 'Rows are compared in order, every column, values as Postgres prints them.', reference: ['PgQueryUnexpectedOutputs'] }),
  seqScan: check({ code: 'pg/sequential-scan', title: 'Queries and mutators use indexes', doc: 'With sequential scans disabled, the plan of every statement must not scan a table sequentially; add an index, or set `seqscanOk: true` for statements that read whole small tables.', reference: ['PgQuerySequentialScansFound'] }),
  tooSlow: check({ code: 'pg/statement-too-slow', title: 'A statement runs its test in under 100 ms', doc: 'Test data is small; a statement that is slow on it will be slower in production.', reference: ['PgQueryTimeoutError', 'PgMutatorTimeoutError'] }),
  statementTimeout: check({ code: 'pg/statement-timeout', title: 'Every statement finishes within the statement time limit', doc: 'Verification gives each statement (a migration, a query or mutator test, a dataset insert) a time limit, 5 s by default (`--statement-timeout`). A statement that runs longer — a `pg_sleep`, an unbounded recursive CTE, a lock wait — is stopped and named; the rest of that schema is not verified.' }),
  mutatorFailed: check({ code: 'pg/mutator-failed', title: 'A mutator runs on its test data', doc: 'The database\'s error message is shown.', reference: ['PgMutatorError'] }),
  mutatorChangedSchema: check({ code: 'pg/mutator-changed-schema', title: 'A mutator does not change the schema', doc: 'Schema changes belong in migrations.', reference: ['PgMutatorCannotChangeDbSchema'] }),
  mutatorNoEffect: check({ code: 'pg/mutator-changed-nothing', title: 'A mutator changes rows in its test', doc: 'A mutator test must affect at least one row.', reference: ['PgMutatorDidNotModifyDatabase'] }),
  resultingData: check({ code: 'pg/mutator-resulting-rows', title: 'Expected rows are absent before a mutator and present exactly once after', doc: "A mutator test's `resultingData` lists rows the mutator creates: each must not exist before it runs, and match exactly one row after.", reference: ['PgResultingDatasetRowIsFoundInTestDatasetBeforeMutatorIsExecuted', 'PgResultingDatasetRowsAreNotFoundInTableAfterMutatorExecution', 'PgResultingDatasetRowFoundMoreThanOnceInTable', 'PgResultingDatasetTableDoesntExist', 'PgResultingDatasetTableColumnDoesntExist'] }),
  matViewMissing: check({ code: 'pg/matview-not-created', title: 'A materialized view is created by the migrations', doc: 'A declared materialized view must exist (in schema public) after all migrations.', reference: ['PgMaterializedViewWasNotCreatedInMigrations'] }),
  matViewRows: check({ code: 'pg/matview-unexpected-rows', title: 'A refreshed materialized view holds the rows its test expects', doc: 'After `REFRESH MATERIALIZED VIEW` on the test dataset, the view must hold exactly the expected rows (in any order), each with every column of the view.', reference: ['PgMaterializedViewExpectedOutputColumnNotFound', 'PgMaterializedViewExpectedOutputIsMissingActualColumn', 'PgMaterializedViewTestOutputRowCountMistmatch', 'PgMaterializedViewSortedOutputRowsMismatch'] }),
} as const;
