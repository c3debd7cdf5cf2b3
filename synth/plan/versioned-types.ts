import { describeType, type Field, type FieldType } from '../../constructs/apps/field-types';
import type { TypeMigration, TypeSnapshot, VersionedType } from '../../constructs/apps/versioned-type';
import type { EplConstruct } from '../../constructs/core/epl-construct';
import type { PropPath } from '../../lib/diagnostics/types';
import { sortedStrings } from '../../lib/text/order';

/** A field as the replay tracks it. */
export interface ResolvedField {
  readonly index: number;
  readonly type: ResolvedType;
  readonly defaultValue: string | undefined;
}

export type ResolvedType =
  | { readonly kind: 'string' | 'i64' | 'f64' | 'bool' | 'datetime' | 'uuid' }
  | { readonly kind: 'option' | 'array'; readonly inner: ResolvedType }
  | { readonly kind: 'struct'; readonly fields: ReadonlyMap<string, ResolvedField> };

/** A problem found while checking a type, tagged with the rule that reports it. */
export interface TypeProblem {
  readonly code: string;
  readonly construct: EplConstruct;
  readonly message: string;
  readonly prop?: PropPath;
}

/** One version of a type: its fields and the migration that produced it (none for the first). */
export interface TypeVersion {
  readonly version: number;
  readonly fields: ReadonlyMap<string, ResolvedField>;
  readonly migration: TypeMigration | undefined;
}

export interface ComputedType {
  readonly type: VersionedType;
  /** Every version in ascending order; empty when the type has errors. */
  readonly versions: readonly TypeVersion[];
  readonly problems: readonly TypeProblem[];
}

type MutableStruct = Map<string, { index: number; type: MutableType; defaultValue: string | undefined }>;
type MutableType = { kind: 'string' | 'i64' | 'f64' | 'bool' | 'datetime' | 'uuid' } | { kind: 'option' | 'array'; inner: MutableType } | { kind: 'struct'; fields: MutableStruct };

class Stop extends Error {}

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
/** Names that cannot be Rust fields even as raw identifiers. */
const RESERVED_FIELD_NAMES = new Set(['self', 'super', 'crate']);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether `value` is a valid default for a scalar of `kind`. */
export function defaultParses(kind: string, value: string): boolean {
  switch (kind) {
    case 'i64':
      return /^-?\d+$/.test(value) && BigInt(value) >= -(2n ** 63n) && BigInt(value) < 2n ** 63n;
    case 'f64':
      return /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value);
    case 'bool':
      return value === 'true' || value === 'false';
    case 'datetime':
      return RFC3339.test(value) && !Number.isNaN(Date.parse(value));
    case 'uuid':
      return UUID.test(value);
    default:
      return true;
  }
}

class Checker {
  readonly problems: TypeProblem[] = [];

  fail(code: string, construct: EplConstruct, message: string, prop?: PropPath): never {
    this.problems.push({ code, construct, message, ...(prop ? { prop } : {}) });
    throw new Stop();
  }

  /** Validates one declared field (and nested struct fields) of a snapshot. */
  field(owner: TypeSnapshot, name: string, field: Field<unknown>, prop: PropPath): MutableType {
    if (!FIELD_NAME.test(name) || RESERVED_FIELD_NAMES.has(name)) this.fail('types/invalid-field-name', owner, `field name '${name}' must be snake_case starting with a letter, and not self, super or crate`, prop);
    const type = this.declaredType(owner, field.type, prop);
    this.checkDefault(owner, name, type, field.defaultValue, prop);
    return type;
  }

  declaredType(owner: TypeSnapshot, type: FieldType, prop: PropPath): MutableType {
    if (type.kind === 'option' || type.kind === 'array') return { kind: type.kind, inner: this.declaredType(owner, type.inner, prop) };
    if (type.kind === 'struct') return { kind: 'struct', fields: this.struct(owner, type.fields, prop) };
    return { kind: type.kind };
  }

  struct(owner: TypeSnapshot, fields: Readonly<Record<string, Field<unknown>>>, prop: PropPath): MutableStruct {
    const out: MutableStruct = new Map();
    for (const [name, f] of Object.entries(fields)) {
      out.set(name, { index: f.index ?? -1, type: this.field(owner, name, f, [...prop, name]), defaultValue: f.defaultValue });
    }
    const indexes = [...out.values()].map((f) => f.index).sort((a, b) => a - b);
    if (indexes.some((ix, i) => ix !== i)) {
      const listed = Object.entries(fields).map(([n, f]) => `${n} @${f.index ?? '?'}`).join(', ');
      this.fail('types/field-indexes-not-sequential', owner, `field indexes must be 0, 1, 2, ... in each struct; found ${listed}`, prop.length ? prop : undefined);
    }
    return out;
  }

  checkDefault(owner: EplConstruct, name: string, type: MutableType, value: string | undefined, prop: PropPath | undefined): void {
    if (value === undefined) return;
    if (type.kind === 'option') this.fail('types/optional-field-with-default', owner, `field '${name}' is optional and has a default; an optional field defaults to absent`, prop);
    if (type.kind === 'array' || type.kind === 'struct') this.fail('types/default-not-supported', owner, `field '${name}' is ${type.kind === 'array' ? 'an array' : 'a struct'}; only scalar fields can have defaults`, prop);
    if (!defaultParses(type.kind, value)) this.fail('types/invalid-default', owner, `default '${value}' of field '${name}' is not a valid ${describeType(type as FieldType)}`, prop);
  }

  /** Parses a migration path: segments, each optionally marked `?` (create as optional). */
  path(owner: TypeMigration, text: string, stepIndex: number): Array<{ name: string; optional: boolean }> {
    const segments = text.replace(/^\./, '').split('.');
    const parsed = segments.map((s) => ({ name: s.replace(/\?$/, ''), optional: s.endsWith('?') }));
    if (parsed.some((p) => !FIELD_NAME.test(p.name) || RESERVED_FIELD_NAMES.has(p.name))) this.fail('types/invalid-migration-path', owner, `step ${stepIndex + 1}: '${text}' is not a path of snake_case field names separated by '.'`);
    if (parsed[parsed.length - 1]!.optional) this.fail('types/invalid-migration-path', owner, `step ${stepIndex + 1}: the last segment of '${text}' cannot carry '?': make the field's type optional instead`);
    return parsed;
  }

  /** Walks to the struct holding the path's last segment. */
  parent(owner: TypeMigration, root: MutableStruct, path: Array<{ name: string; optional: boolean }>, create: boolean, code: string, step: number): MutableStruct | undefined {
    let struct = root;
    for (const seg of path.slice(0, -1)) {
      let f = struct.get(seg.name);
      if (!f) {
        if (!create) return undefined;
        const fields: MutableStruct = new Map();
        f = { index: nextIndex(struct), type: seg.optional ? { kind: 'option', inner: { kind: 'struct', fields } } : { kind: 'struct', fields }, defaultValue: undefined };
        struct.set(seg.name, f);
      }
      const inner = f.type.kind === 'option' ? f.type.inner : f.type;
      if (inner.kind !== 'struct') this.fail(code, owner, `step ${step + 1}: '${seg.name}' is ${describeType(f.type as FieldType)}, not a struct, so the path cannot go into it`);
      struct = inner.fields;
    }
    return struct;
  }

  migrate(state: MutableStruct, m: TypeMigration): void {
    const touched = new Set<string>();
    // A field and anything inside it count as one: renaming a struct and changing a field of it in
    // one migration is ambiguous (which name does the inner path use?).
    const touch = (path: string, step: number) => {
      const key = path.replace(/\?/g, '').replace(/^\./, '');
      const clash = [...touched].find((t) => t === key || t.startsWith(`${key}.`) || key.startsWith(`${t}.`));
      if (clash !== undefined) {
        const what = clash === key ? `field '${key}' is changed more than once` : `'${clash}' and '${key}' are both changed`;
        this.fail('types/field-mutated-twice', m, `step ${step + 1}: ${what} in migration ${m.version}; spread the changes over versions`);
      }
      touched.add(key);
    };
    m.steps.forEach((step, i) => {
      if (step.op === 'add') {
        const path = this.path(m, step.path, i);
        touch(step.path, i);
        const leaf = path[path.length - 1]!.name;
        const struct = this.parent(m, state, path, true, 'types/add-into-non-struct', i)!;
        if (struct.has(leaf)) this.fail('types/add-duplicate-field', m, `step ${i + 1}: field '${step.path}' already exists`);
        const type = this.declaredTypeLoose(step.field.type);
        if (type.kind === 'option' && step.field.defaultValue !== undefined) this.fail('types/added-field-option-and-default', m, `step ${i + 1}: added field '${step.path}' is optional and has a default; choose one`);
        if (type.kind !== 'option' && step.field.defaultValue === undefined) this.fail('types/added-field-needs-default', m, `step ${i + 1}: added field '${step.path}' must be optional or have a default, so data of older versions can be read`);
        this.checkDefault(m, leaf, type, step.field.defaultValue, undefined);
        const expected = nextIndex(struct);
        if (step.field.index !== expected) this.fail('types/add-invalid-index', m, `step ${i + 1}: added field '${step.path}' has index ${step.field.index ?? '(none)'}, the next index of its struct is ${expected}`);
        struct.set(leaf, { index: expected, type, defaultValue: step.field.defaultValue });
      } else if (step.op === 'drop') {
        const path = this.path(m, step.path, i);
        touch(step.path, i);
        const leaf = path[path.length - 1]!.name;
        const struct = this.parent(m, state, path, false, 'types/drop-into-non-struct', i);
        const f = struct?.get(leaf);
        if (!struct || !f) this.fail('types/drop-missing-field', m, `step ${i + 1}: there is no field '${step.path}' to drop`);
        struct.delete(leaf);
        for (const other of struct.values()) if (other.index > f.index) other.index--;
        if (struct.size === 0) this.fail('types/drop-empties-struct', m, `step ${i + 1}: dropping '${step.path}' leaves its struct without fields`);
      } else {
        const from = this.path(m, step.from, i);
        const to = this.path(m, step.to, i);
        const parentOf = (p: typeof from) => p.slice(0, -1).map((s) => s.name).join('.');
        if (parentOf(from) !== parentOf(to)) this.fail('types/rename-across-structs', m, `step ${i + 1}: '${step.from}' and '${step.to}' are in different structs; a rename stays within one`);
        const a = from[from.length - 1]!.name;
        const b = to[to.length - 1]!.name;
        if (a === b) this.fail('types/rename-to-same-name', m, `step ${i + 1}: renaming '${step.from}' to the same name`);
        touch(step.from, i);
        touch(step.to, i);
        const struct = this.parent(m, state, from, false, 'types/rename-into-non-struct', i);
        const f = struct?.get(a);
        if (!struct || !f) this.fail('types/rename-missing-field', m, `step ${i + 1}: there is no field '${step.from}' to rename`);
        if (struct.has(b)) this.fail('types/rename-target-exists', m, `step ${i + 1}: field '${step.to}' already exists`);
        struct.delete(a);
        struct.set(b, f);
      }
    });
  }

  /** Types in migrations are not checked field by field beyond what the rules state. */
  declaredTypeLoose(type: FieldType): MutableType {
    if (type.kind === 'option' || type.kind === 'array') return { kind: type.kind, inner: this.declaredTypeLoose(type.inner) };
    if (type.kind === 'struct') {
      const fields: MutableStruct = new Map();
      for (const [n, f] of Object.entries(type.fields)) fields.set(n, { index: f.index ?? -1, type: this.declaredTypeLoose(f.type), defaultValue: f.defaultValue });
      return { kind: 'struct', fields };
    }
    return { kind: type.kind };
  }
}

function nextIndex(struct: MutableStruct): number {
  return struct.size === 0 ? 0 : Math.max(...[...struct.values()].map((f) => f.index)) + 1;
}

function clone(struct: MutableStruct): MutableStruct {
  const out: MutableStruct = new Map();
  for (const [n, f] of struct) out.set(n, { ...f, type: cloneType(f.type) });
  return out;
}

function cloneType(t: MutableType): MutableType {
  if (t.kind === 'struct') return { kind: 'struct', fields: clone(t.fields) };
  if (t.kind === 'option' || t.kind === 'array') return { kind: t.kind, inner: cloneType(t.inner) };
  return { kind: t.kind };
}

/** Differences between two structs, as readable lines (empty when equal). */
export function structDiff(a: ReadonlyMap<string, ResolvedField>, b: ReadonlyMap<string, ResolvedField>, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of sortedStrings(new Set([...a.keys(), ...b.keys()]))) {
    const x = a.get(name);
    const y = b.get(name);
    const p = prefix + name;
    if (!x) out.push(`'${p}' is in the snapshot but not produced by the migrations`);
    else if (!y) out.push(`'${p}' is produced by the migrations but not in the snapshot`);
    else {
      if (x.index !== y.index) out.push(`'${p}' has index ${y.index} in the snapshot, ${x.index} after the migrations`);
      if (x.defaultValue !== y.defaultValue) out.push(`'${p}' has default ${y.defaultValue ?? '(none)'} in the snapshot, ${x.defaultValue ?? '(none)'} after the migrations`);
      const sx = unwrapStruct(x.type);
      const sy = unwrapStruct(y.type);
      if (shape(x.type) !== shape(y.type)) out.push(`'${p}' is ${shape(y.type)} in the snapshot, ${shape(x.type)} after the migrations`);
      else if (sx && sy) out.push(...structDiff(sx, sy, `${p}.`));
    }
  }
  return out;
}

function unwrapStruct(t: ResolvedType): ReadonlyMap<string, ResolvedField> | undefined {
  if (t.kind === 'struct') return t.fields;
  if (t.kind === 'option' || t.kind === 'array') return unwrapStruct(t.inner);
  return undefined;
}

/** The type without struct contents: `{}?`, `I64[]`. */
function shape(t: ResolvedType): string {
  if (t.kind === 'option') return `${shape(t.inner)}?`;
  if (t.kind === 'array') return `${shape(t.inner)}[]`;
  if (t.kind === 'struct') return 'struct';
  return describeType(t as FieldType);
}

/**
 * Checks a versioned type and computes every version by replaying its migrations from the first
 * snapshot. Stops at the first problem of a type, since later versions would only repeat it.
 */
export function computeVersionedType(type: VersionedType): ComputedType {
  const cached = cache.get(type);
  if (cached) return cached;
  const result = compute(type);
  cache.set(type, result);
  return result;
}

const cache = new WeakMap<VersionedType, ComputedType>();

function compute(type: VersionedType): ComputedType {
  const c = new Checker();
  const versions: TypeVersion[] = [];
  try {
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(type.typeName) || type.typeName === 'raw' || type.typeName === 'json') {
      c.fail('types/invalid-type-name', type, `type name '${type.typeName}' must be snake_case and not 'raw' or 'json'`);
    } else if (/_v\d+$/.test(type.typeName)) {
      // Version n of type `msg` is generated as `BwTypeMsgV1`; a type `msg_v1` would take that name.
      c.fail('types/invalid-type-name', type, `type name '${type.typeName}' ends like a version ('_v<n>'), which generated code uses for the versions of another type`);
    }
    const snapshots = new Map<number, TypeSnapshot>();
    const migrations = new Map<number, TypeMigration>();
    for (const s of type.snapshots) {
      if (snapshots.has(s.version)) c.fail('types/duplicate-version', s, `version ${s.version} has two snapshots`);
      snapshots.set(s.version, s);
    }
    for (const m of type.migrations) {
      if (migrations.has(m.version)) c.fail('types/duplicate-version', m, `version ${m.version} has two migrations`);
      migrations.set(m.version, m);
    }
    for (const v of [...snapshots.values(), ...migrations.values()]) {
      if (!Number.isInteger(v.version) || v.version < 1 || v.version > 65535) c.fail('types/version-out-of-range', v, `version ${v.version} must be a whole number from 1 to 65535`);
    }
    const all = [...new Set([...snapshots.keys(), ...migrations.keys()])].sort((a, b) => a - b);
    if (all.length === 0) c.fail('types/no-versions', type, `type '${type.typeName}' has no snapshot`);
    const first = all[0]!;
    const last = all[all.length - 1]!;
    if (all.length === 1 && migrations.has(first)) c.fail('types/single-version-migration', migrations.get(first)!, `the only version of '${type.typeName}' is a migration; declare it with a snapshot`);
    if (!snapshots.has(first) || !snapshots.has(last)) {
      const missing = [first, last].filter((v) => !snapshots.has(v));
      c.fail('types/first-and-last-need-snapshots', type, `the first and last versions of '${type.typeName}' need snapshots; missing for version ${[...new Set(missing)].join(' and ')}`);
    }
    if (migrations.has(first)) c.fail('types/first-version-migration', migrations.get(first)!, `version ${first} is the first version of '${type.typeName}' and cannot have a migration`);
    const missing = all.slice(1).filter((v) => !migrations.has(v));
    if (missing.length) c.fail('types/missing-migration', snapshots.get(missing[0]!)!, `version ${missing.join(', ')} of '${type.typeName}' has no migration from the version before`);

    let state = c.struct(snapshots.get(first)!, snapshots.get(first)!.fields, []);
    versions.push({ version: first, fields: clone(state) as ReadonlyMap<string, ResolvedField>, migration: undefined });
    for (const v of all.slice(1)) {
      state = clone(state);
      const m = migrations.get(v)!;
      c.migrate(state, m);
      const snap = snapshots.get(v);
      if (snap) {
        const declared = c.struct(snap, snap.fields, []);
        const diff = structDiff(state as ReadonlyMap<string, ResolvedField>, declared as ReadonlyMap<string, ResolvedField>);
        if (diff.length) {
          const field = /^'([^'.]+)/.exec(diff[0]!)?.[1];
          c.fail('types/snapshot-migration-mismatch', snap, `snapshot ${v} of '${type.typeName}' differs from replaying the migrations: ${diff.join('; ')}`, field ? [field] : undefined);
        }
      }
      versions.push({ version: v, fields: clone(state) as ReadonlyMap<string, ResolvedField>, migration: m });
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { type, versions: [], problems: c.problems };
  }
  return { type, versions, problems: c.problems };
}
