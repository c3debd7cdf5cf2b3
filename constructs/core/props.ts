import type { PropPath } from '../../lib/diagnostics/types';
import { formatPropPath } from '../../lib/diagnostics/types';
import { PROP_SHAPES } from './prop-shapes.generated';

/** What a prop's value may be, as the TypeScript types say (see prop-shapes.generated.ts). */
export type Kind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'bigint'
  | 'any'
  | 'function'
  | { readonly instance: string }
  | { readonly oneOf: ReadonlyArray<string | number | boolean | null>; readonly name?: string }
  | { readonly array: Kind }
  | { readonly record: Kind }
  | { readonly shape: string }
  | { readonly fields: Readonly<Record<string, Field>> }
  | { readonly anyOf: readonly Kind[] };

export interface Field {
  readonly kind: Kind;
  readonly optional: boolean;
}

export type PropShapes = Readonly<Record<string, Readonly<Record<string, Field>>>>;

/**
 * A mistake in how a construct was made: a prop unknown, of the wrong kind or missing; an id
 * taken twice in one scope; a construct made in a scope it cannot be in.
 */
export interface PropProblem {
  readonly kind: 'unknown' | 'wrong-type' | 'missing' | 'duplicate-id' | 'wrong-scope';
  readonly prop: PropPath;
  readonly message: string;
  /** Another construct involved (the first holder of a duplicate id). */
  readonly related?: object;
}

const problems = new WeakMap<object, PropProblem[]>();

/** The prop problems recorded on a construct when it was created. */
export function propProblemsOf(construct: object): readonly PropProblem[] {
  return problems.get(construct) ?? [];
}

/** Records a problem with a value given to a construct (also for checks outside `checkProps`). */
export function recordPropProblem(construct: object, problem: PropProblem): void {
  problems.set(construct, [...(problems.get(construct) ?? []), problem]);
}

function shapeOf(name: string): Readonly<Record<string, Field>> {
  const shape = PROP_SHAPES[name];
  if (!shape) throw new Error(`epl bug: no prop shape ${name}`);
  return shape;
}

/** Constructor names along the prototype chain: `instanceof` that works across copies of epl. */
function isInstance(value: unknown, name: string): boolean {
  for (let p = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : null; p; p = Object.getPrototypeOf(p)) {
    if ((p as { constructor?: { name?: string } }).constructor?.name === name) return true;
  }
  return false;
}

function describeKind(kind: Kind): string {
  if (typeof kind === 'string') return { string: 'a string', number: 'a number', boolean: 'true or false', bigint: 'a bigint', any: 'any value', function: 'a function' }[kind];
  if ('instance' in kind) return kind.instance === 'Network' ? 'a Network (Network.LAN, Network.VPN, Network.INTERNET or Network.DCROUTER)' : `a ${kind.instance}`;
  if ('oneOf' in kind) {
    const values = kind.oneOf.map((v) => (kind.name && typeof v === 'string' ? `${kind.name} '${v}'` : JSON.stringify(v)));
    return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
  }
  if ('array' in kind) return `a list of ${describeKind(kind.array).replace(/^an? /, '')}s`;
  if ('record' in kind) return `an object of ${describeKind(kind.record).replace(/^an? /, '')} values`;
  if ('shape' in kind) return `an object (${kind.shape})`;
  if ('fields' in kind) return 'an object';
  return kind.anyOf.map(describeKind).join(' or ');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string '${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`;
    case 'function':
      return 'a function';
    case 'object': {
      const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
      return name && name !== 'Object' ? `a ${name}` : 'an object';
    }
    default:
      return String(typeof value);
  }
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

function suggestion(key: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: k.toLowerCase() === key.toLowerCase() ? 0 : distance(key, k) })).sort((a, b) => a.d - b.d)[0];
  if (best && best.d <= Math.max(2, Math.floor(key.length / 4))) return `; did you mean '${best.k}'?`;
  return known.length <= 8 ? `; known props: ${known.join(', ')}` : '';
}

/** A neutral value of a kind, for a missing or invalid prop: the construct can still be built. */
function neutral(kind: Kind): unknown {
  if (kind === 'string') return '';
  if (kind === 'number') return 0;
  if (kind === 'boolean') return false;
  if (typeof kind === 'object' && 'array' in kind) return [];
  if (typeof kind === 'object' && ('record' in kind || 'shape' in kind || 'fields' in kind)) return {};
  return undefined;
}

class Checker {
  readonly found: PropProblem[] = [];

  fields(fields: Readonly<Record<string, Field>>, shapeName: string, value: unknown, at: PropPath): unknown {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.found.push({ kind: 'wrong-type', prop: at, message: `${at.length ? formatPropPath(at) : 'the props'} must be an object (${shapeName}), not ${describeValue(value)}` });
      return {};
    }
    const out: Record<string, unknown> = {};
    const known = Object.keys(fields);
    for (const key of Object.keys(value)) {
      if (!(key in fields)) this.found.push({ kind: 'unknown', prop: [...at, key], message: `unknown prop '${key}' in ${shapeName}${suggestion(key, known)}` });
    }
    for (const [key, field] of Object.entries(fields)) {
      let v: unknown;
      try {
        v = (value as Record<string, unknown>)[key];
      } catch (e) {
        this.found.push({ kind: 'wrong-type', prop: [...at, key], message: `reading ${formatPropPath([...at, key])} threw: ${e instanceof Error ? e.message : 'a value'}` });
        continue;
      }
      if (v === undefined) {
        if (!field.optional) {
          this.found.push({ kind: 'missing', prop: [...at, key], message: `${shapeName} needs '${key}' (${describeKind(field.kind)})` });
          out[key] = neutral(field.kind);
        }
        continue;
      }
      out[key] = this.value(field.kind, v, [...at, key]);
    }
    return out;
  }

  /** `v` if it matches `kind` (nested values checked and sanitized), else a neutral value. */
  value(kind: Kind, v: unknown, at: PropPath): unknown {
    const wrong = () => {
      // A map entry or list item given as a name that holds nothing (`{ storage: buckets.gone }`).
      const given = v === undefined ? 'but has no value' : `not ${describeValue(v)}`;
      this.found.push({ kind: 'wrong-type', prop: at, message: `${formatPropPath(at)} must be ${describeKind(kind)}, ${given}` });
      return neutral(kind);
    };
    if (kind === 'any') return v;
    if (typeof kind === 'string') return typeof v === kind ? (kind === 'number' && !Number.isFinite(v) ? wrong() : v) : wrong();
    if ('instance' in kind) return isInstance(v, kind.instance) ? v : wrong();
    if ('oneOf' in kind) return kind.oneOf.includes(v as never) ? v : wrong();
    if ('array' in kind) return Array.isArray(v) ? v.map((item, i) => this.value(kind.array, item, [...at, i])) : wrong();
    if ('record' in kind) {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || isInstance(v, 'EplConstruct')) return wrong();
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, this.value(kind.record, item, [...at, k])]));
    }
    if ('shape' in kind) return this.fields(shapeOf(kind.shape), kind.shape, v, at);
    if ('fields' in kind) return this.fields(kind.fields, 'the object', v, at);
    // A union: the first alternative that matches without problems.
    for (const alt of kind.anyOf) {
      const probe = new Checker();
      const result = probe.value(alt, v, at);
      if (probe.found.length === 0) return result;
    }
    return wrong();
  }
}

/**
 * Checks `props` against the named props interface, as the TypeScript types say: unknown keys
 * ("did you mean ..."), values of the wrong kind (a string for a Network, a number for a Size) and
 * missing required props are recorded on the construct, and synth reports them as diagnostics at
 * the user's line. Returns props that are safe to build the construct from (problems replaced by
 * neutral values), so a mistake never turns into a crash inside epl.
 */
export function checkProps<T>(construct: object, shapeName: string, props: T, at: PropPath = []): T {
  const checker = new Checker();
  const result = checker.fields(shapeOf(shapeName), shapeName, props, at);
  for (const p of checker.found) recordPropProblem(construct, p);
  return result as T;
}

/** Checks one value given outside a props object (an id, an argument of a method). */
export function checkValue<T>(construct: object, kind: Kind, value: T, at: PropPath): T {
  const checker = new Checker();
  const result = checker.value(kind, value, at);
  for (const p of checker.found) recordPropProblem(construct, p);
  return result as T;
}
