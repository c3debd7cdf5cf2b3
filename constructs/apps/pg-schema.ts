import type { App } from '../core/app';
import { EplConstruct } from '../core/epl-construct';
import { uniqueChildId } from '../storage/containers';
import { checkProps, checkValue } from '../core/props';
import type { SqlText } from './sql';

/** A scalar value in datasets, arguments and expected rows. */
export type SqlValue = string | number | boolean;
/** Rows by table: `{ foo: [{ id: 1 }, { id: 2 }] }`. */
export type TableRows = Readonly<Record<string, ReadonlyArray<Readonly<Record<string, SqlValue>>>>>;

export interface PgMigrationProps {
  /** SQL that moves the schema from the previous migration to this one. */
  readonly upgrade: string;
  /** SQL that undoes `upgrade` exactly. */
  readonly downgrade: string;
}

/** One step of a schema's history, ordered by `time`. */
export class PgMigration extends EplConstruct {
  readonly upgrade: string;
  readonly downgrade: string;
  /** @internal use `schema.migration(time, props)` */
  constructor(
    scope: PgSchema,
    readonly time: number,
    props: PgMigrationProps,
  ) {
    super(scope, uniqueChildId(scope, `migration-${time}`));
    checkValue(this, 'number', time, ['time']);
    props = checkProps(this, 'PgMigrationProps', props);
    this.upgrade = props.upgrade;
    this.downgrade = props.downgrade;
  }
}

export interface PgDatasetProps {
  /** Rows inserted before the tests that use this dataset. */
  readonly rows: TableRows;
  /** The dataset is loaded from the migration with this time on. @default 0 */
  readonly minTime?: number;
}

/** Test data that query and mutator tests run against. */
export class PgDataset extends EplConstruct {
  readonly rows: TableRows;
  readonly minTime: number;
  /** @internal use `schema.dataset(name, props)` */
  constructor(
    scope: PgSchema,
    readonly datasetName: string,
    props: PgDatasetProps,
  ) {
    super(scope, uniqueChildId(scope, `dataset-${datasetName}`));
    props = checkProps(this, 'PgDatasetProps', props);
    this.rows = props.rows;
    this.minTime = props.minTime ?? 0;
  }
}

export interface PgQueryTest {
  readonly dataset: PgDataset;
  /** A value for every argument of the query. @default - none */
  readonly arguments?: Readonly<Record<string, SqlValue>>;
  /** The rows the query must return, in order, every column listed. */
  readonly outputs: ReadonlyArray<Readonly<Record<string, SqlValue | null>>>;
}

export interface PgQueryProps {
  readonly sql: SqlText;
  /** The query writes (INSERT ... RETURNING); it runs in a read-write transaction. @default false */
  readonly mutating?: boolean;
  /** Allow sequential scans (small tables, full reads). @default false */
  readonly seqscanOk?: boolean;
  /** Result columns that may be NULL; they become optional in generated code. @default - none */
  readonly optionalFields?: readonly string[];
  /** At least one test. */
  readonly tests: readonly PgQueryTest[];
}

/** A query whose result columns, read from the database, drive the generated row type. */
export class PgQuery extends EplConstruct {
  readonly sql: SqlText;
  readonly mutating: boolean;
  readonly seqscanOk: boolean;
  readonly optionalFields: readonly string[];
  readonly tests: readonly PgQueryTest[];
  /** @internal use `schema.query(name, props)` */
  constructor(
    scope: PgSchema,
    readonly queryName: string,
    props: PgQueryProps,
  ) {
    super(scope, uniqueChildId(scope, `query-${queryName}`));
    props = checkProps(this, 'PgQueryProps', props);
    this.sql = props.sql;
    this.mutating = props.mutating ?? false;
    this.seqscanOk = props.seqscanOk ?? false;
    this.optionalFields = [...(props.optionalFields ?? [])];
    this.tests = [...props.tests];
  }
}

export interface PgMutatorTest {
  readonly dataset: PgDataset;
  /** @default - none */
  readonly arguments?: Readonly<Record<string, SqlValue>>;
  /** Rows that must be absent before the mutator runs and present exactly once after. */
  readonly resultingData: TableRows;
}

export interface PgMutatorProps {
  readonly sql: SqlText;
  /** @default false */
  readonly seqscanOk?: boolean;
  /** At least one test. */
  readonly tests: readonly PgMutatorTest[];
}

/** A statement that changes rows (never the schema) and returns nothing. */
export class PgMutator extends EplConstruct {
  readonly sql: SqlText;
  readonly seqscanOk: boolean;
  readonly tests: readonly PgMutatorTest[];
  /** @internal use `schema.mutator(name, props)` */
  constructor(
    scope: PgSchema,
    readonly mutatorName: string,
    props: PgMutatorProps,
  ) {
    super(scope, uniqueChildId(scope, `mutator-${mutatorName}`));
    props = checkProps(this, 'PgMutatorProps', props);
    this.sql = props.sql;
    this.seqscanOk = props.seqscanOk ?? false;
    this.tests = [...props.tests];
  }
}

export interface PgMatViewTest {
  readonly dataset: PgDataset;
  /** Every row of the refreshed view, each with every column, in any order. */
  readonly expectedData: ReadonlyArray<Readonly<Record<string, SqlValue | null>>>;
}

/** How often a materialized view is refreshed in production. */
export enum MatViewRefresh {
  MANUAL = 'manual',
  HOURLY = 'hourly',
  DAILY = 'daily',
  WEEKLY = 'weekly',
}

export interface PgMatViewProps {
  /** @default MatViewRefresh.MANUAL */
  readonly refresh?: MatViewRefresh;
  /** At least one test. */
  readonly tests: readonly PgMatViewTest[];
}

/** A materialized view created by the schema's migrations, with tests of its contents. */
export class PgMatView extends EplConstruct {
  readonly refresh: MatViewRefresh;
  readonly tests: readonly PgMatViewTest[];
  /** @internal use `schema.materializedView(name, props)` */
  constructor(
    scope: PgSchema,
    readonly viewName: string,
    props: PgMatViewProps,
  ) {
    super(scope, uniqueChildId(scope, `matview-${viewName}`));
    props = checkProps(this, 'PgMatViewProps', props);
    this.refresh = props.refresh ?? MatViewRefresh.MANUAL;
    this.tests = [...props.tests];
  }
}

/** One step of a transaction: a query or mutator, run once or for each item of a list. */
export interface PgTransactionStep {
  readonly statement: PgQuery | PgMutator;
  /** Run once per element of a list argument. @default false */
  readonly many?: boolean;
}

export interface PgTransactionProps {
  /** Two or more steps, each statement once. */
  readonly steps: readonly PgTransactionStep[];
}

/** Several queries and mutators run in one database transaction. */
export class PgTransaction extends EplConstruct {
  readonly steps: readonly PgTransactionStep[];
  /** @internal use `schema.transaction(name, props)` */
  constructor(
    scope: PgSchema,
    readonly transactionName: string,
    props: PgTransactionProps,
  ) {
    super(scope, uniqueChildId(scope, `transaction-${transactionName}`));
    props = checkProps(this, 'PgTransactionProps', props);
    this.steps = [...props.steps];
  }

  /** Read-only when no step writes. */
  get readOnly(): boolean {
    return this.steps.every((s) => s.statement instanceof PgQuery && !s.statement.mutating);
  }
}

/**
 * A Postgres schema: its migrations, test data, and the queries, mutators and transactions
 * applications use. synth verifies all of it against a real Postgres. The id is the schema's
 * snake_case name.
 */
export class PgSchema extends EplConstruct {
  readonly schemaName: string;
  private readonly items = {
    migrations: [] as PgMigration[],
    datasets: [] as PgDataset[],
    queries: [] as PgQuery[],
    mutators: [] as PgMutator[],
    transactions: [] as PgTransaction[],
    matViews: [] as PgMatView[],
  };

  constructor(scope: App, name: string) {
    super(scope, name);
    this.schemaName = name;
  }

  /** Defines the migration at `time` (migrations run in increasing time). */
  migration(time: number, props: PgMigrationProps): PgMigration {
    const m = new PgMigration(this, time, props);
    this.items.migrations.push(m);
    return m;
  }

  dataset(name: string, props: PgDatasetProps): PgDataset {
    const d = new PgDataset(this, name, props);
    this.items.datasets.push(d);
    return d;
  }

  query(name: string, props: PgQueryProps): PgQuery {
    const q = new PgQuery(this, name, props);
    this.items.queries.push(q);
    return q;
  }

  mutator(name: string, props: PgMutatorProps): PgMutator {
    const m = new PgMutator(this, name, props);
    this.items.mutators.push(m);
    return m;
  }

  transaction(name: string, props: PgTransactionProps): PgTransaction {
    const tx = new PgTransaction(this, name, props);
    this.items.transactions.push(tx);
    return tx;
  }

  /** Declares a materialized view that the migrations create, and tests of its contents. */
  materializedView(name: string, props: PgMatViewProps): PgMatView {
    const v = new PgMatView(this, name, props);
    this.items.matViews.push(v);
    return v;
  }

  get materializedViews(): readonly PgMatView[] {
    return this.items.matViews;
  }

  get migrations(): readonly PgMigration[] {
    return this.items.migrations;
  }
  get datasets(): readonly PgDataset[] {
    return this.items.datasets;
  }
  get queries(): readonly PgQuery[] {
    return this.items.queries;
  }
  get mutators(): readonly PgMutator[] {
    return this.items.mutators;
  }
  get transactions(): readonly PgTransaction[] {
    return this.items.transactions;
  }
}
