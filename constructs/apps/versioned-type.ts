import type { App } from '../core/app';
import { EplConstruct } from '../core/epl-construct';
import { uniqueChildId } from '../storage/containers';
import type { Field } from './field-types';

/** One step of a migration. Paths are dotted (`coordinates.x`); `?` after an intermediate segment creates it as optional. */
export type MigrationStep =
  | { readonly op: 'add'; readonly path: string; readonly field: Field<unknown> }
  | { readonly op: 'drop'; readonly path: string }
  | { readonly op: 'rename'; readonly from: string; readonly to: string };

/** Collects the steps of one migration. */
export class MigrationBuilder {
  /** @internal */
  readonly steps: MigrationStep[] = [];

  /** Adds a field; it must be optional or have a default, and take the next index of its struct. */
  add(path: string, field: Field<unknown>): this {
    this.steps.push({ op: 'add', path, field });
    return this;
  }

  /** Removes a field; later fields of its struct move down one index. */
  drop(path: string): this {
    this.steps.push({ op: 'drop', path });
    return this;
  }

  /** Renames a field within its struct. */
  rename(from: string, to: string): this {
    this.steps.push({ op: 'rename', from, to });
    return this;
  }
}

/** The full shape of a type at one version. */
export class TypeSnapshot extends EplConstruct {
  /** @internal use `versionedType.snapshot(version, fields)` */
  constructor(
    scope: VersionedType,
    readonly version: number,
    readonly fields: Readonly<Record<string, Field<unknown>>>,
  ) {
    super(scope, uniqueChildId(scope, `snapshot-${version}`));
  }
}

/** How data of the previous version becomes data of this version. */
export class TypeMigration extends EplConstruct {
  /** @internal use `versionedType.migration(version, m => ...)` */
  constructor(
    scope: VersionedType,
    readonly version: number,
    readonly steps: readonly MigrationStep[],
  ) {
    super(scope, uniqueChildId(scope, `migration-${version}`));
  }
}

/**
 * A message type that evolves without breaking readers of older versions: the first version is a
 * snapshot, every later version a migration from the one before (and optionally a snapshot that
 * the migration must reproduce). The id is the type's snake_case name.
 *
 * @example
 * const point = new VersionedType(app, 'point');
 * point.snapshot(1, { x: t.f64().at(0) });
 * point.migration(2, (m) => m.add('y', t.f64().at(1).default(0)));
 * point.snapshot(2, { x: t.f64().at(0), y: t.f64().at(1).default(0) });
 */
export class VersionedType extends EplConstruct {
  readonly typeName: string;
  private readonly snapshotList: TypeSnapshot[] = [];
  private readonly migrationList: TypeMigration[] = [];

  constructor(scope: App, name: string) {
    super(scope, name);
    this.typeName = name;
  }

  /** Declares the type's full shape at `version`. */
  snapshot(version: number, fields: Readonly<Record<string, Field<unknown>>>): TypeSnapshot {
    const s = new TypeSnapshot(this, version, fields);
    this.snapshotList.push(s);
    return s;
  }

  /** Declares how `version` is derived from the previous version. */
  migration(version: number, build: (m: MigrationBuilder) => MigrationBuilder | void): TypeMigration {
    const m = new MigrationBuilder();
    build(m);
    const migration = new TypeMigration(this, version, [...m.steps]);
    this.migrationList.push(migration);
    return migration;
  }

  get snapshots(): readonly TypeSnapshot[] {
    return this.snapshotList;
  }

  get migrations(): readonly TypeMigration[] {
    return this.migrationList;
  }
}
