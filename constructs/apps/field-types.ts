import { sortedStrings } from '../../lib/text/order';

/** The shape of a versioned-type field. */
export type FieldType =
  | { readonly kind: 'string' | 'i64' | 'f64' | 'bool' | 'datetime' | 'uuid' }
  | { readonly kind: 'option'; readonly inner: FieldType }
  | { readonly kind: 'array'; readonly inner: FieldType }
  | { readonly kind: 'struct'; readonly fields: Readonly<Record<string, Field>> };

/** Scalar kinds with the default values they accept in TypeScript. */
type DefaultOf<K extends string> = K extends 'i64' | 'f64' ? number : K extends 'bool' ? boolean : string;

/**
 * A field of a versioned type: its type, its index (`at`) and, for scalars, an optional default.
 * Build with `t`: `t.i64().at(0)`, `t.string().at(1).default('x')`, `t.struct({...}).optional().at(2)`.
 */
export class Field<D = never> {
  /** @internal */
  constructor(
    readonly type: FieldType,
    readonly index: number | undefined = undefined,
    /** The default as text (numbers and booleans are written as Rust and JSON would). */
    readonly defaultValue: string | undefined = undefined,
  ) {}

  /** The field's index in its struct: 0, 1, 2, ... in declaration order; added fields take the next one. */
  at(index: number): Field<D> {
    return new Field<D>(this.type, index, this.defaultValue);
  }

  /** The value old data gets for this field when a migration adds it. */
  default(value: D): Field<D> {
    return new Field<D>(this.type, this.index, typeof value === 'string' ? value : String(value));
  }

  /** A list of this type (`T[]`). */
  array(): Field<never> {
    return new Field<never>({ kind: 'array', inner: this.type }, this.index, this.defaultValue);
  }

  /** May be absent (`T?`); optional fields have no default. */
  optional(): Field<never> {
    return new Field<never>({ kind: 'option', inner: this.type }, this.index, this.defaultValue);
  }
}

function scalar<K extends 'string' | 'i64' | 'f64' | 'bool' | 'datetime' | 'uuid'>(kind: K): Field<DefaultOf<K>> {
  return new Field<DefaultOf<K>>({ kind });
}

/** Field builders for versioned types. */
export const t = {
  string: () => scalar('string'),
  i64: () => scalar('i64'),
  f64: () => scalar('f64'),
  bool: () => scalar('bool'),
  /** RFC 3339 timestamp; a default is written as `2024-01-01T00:00:00Z`. */
  dateTime: () => scalar('datetime'),
  uuid: () => scalar('uuid'),
  /** A nested struct; its field indexes start at 0 again. */
  struct: (fields: Readonly<Record<string, Field<unknown>>>) => new Field<never>({ kind: 'struct', fields: fields as Record<string, Field> }),
};

/** `T`, `T[]`, `T?`, `{...}` as the reference syntax writes them, for messages. */
export function describeType(type: FieldType): string {
  switch (type.kind) {
    case 'option':
      return `${describeType(type.inner)}?`;
    case 'array':
      return `${describeType(type.inner)}[]`;
    case 'struct':
      return `{ ${sortedStrings(Object.keys(type.fields)).join(', ')} }`;
    default:
      return { string: 'String', i64: 'I64', f64: 'F64', bool: 'Bool', datetime: 'DateTime', uuid: 'UUID' }[type.kind];
  }
}
