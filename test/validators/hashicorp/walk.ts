import type { Block, Scalar, Schema } from './schema';

/** Who is being checked, for the messages: the product, the server and where each key came from. */
export interface WalkContext {
  readonly product: string;
  readonly server: string;
  /** The file a key path came from, when the configuration was merged from several. */
  readonly originOf?: (path: string) => string | undefined;
}

/**
 * Checks a parsed configuration against the documented keys: every key must be documented for its
 * block, and every value must have the documented type. Returns one message per problem (none when
 * the configuration conforms), each naming the product, the server and the key path.
 */
export function walkConfig(schema: Block, config: unknown, ctx: WalkContext): string[] {
  const problems: string[] = [];
  const report = (path: string, what: string) => {
    const origin = ctx.originOf?.(path);
    problems.push(`${ctx.product} on ${ctx.server}: ${path || '(top level)'} ${what}${origin ? ` (from ${origin})` : ''}`);
  };
  walkBlock(schema, config, '', report);
  return problems;
}

type Report = (path: string, what: string) => void;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walkBlock(schema: Block, value: unknown, path: string, report: Report): void {
  // HCL's JSON form may give a block as a list of bodies (the daemons' parsers accept both); a
  // block that is not repeatable may still come as a list of one.
  if (Array.isArray(value)) {
    if (!schema.repeatable && value.length !== 1) return report(path, `is a block given ${value.length} times; the documentation allows one`);
    value.forEach((v, i) => walkBody(schema, v, schema.repeatable ? `${path}[${i}]` : path, report));
    return;
  }
  walkBody(schema, value, path, report);
}

function walkBody(schema: Block, value: unknown, path: string, report: Report): void {
  if (!isObject(value)) return report(path, `should be a block, is ${describe(value)}`);
  for (const key of Object.keys(value).sort()) {
    const sub = schema.keys[key];
    const at = join(path, key);
    if (!sub) {
      report(at, `is not a documented key${schema.doc ? ` (${schema.doc})` : ''}`);
      continue;
    }
    walkValue(sub, value[key], at, report);
  }
}

function walkValue(schema: Schema, value: unknown, path: string, report: Report): void {
  switch (schema.kind) {
    case 'block':
      return walkBlock(schema, value, path, report);
    case 'open':
      return;
    case 'value': {
      const wrong = scalarProblem(schema.type, value);
      if (wrong) return report(path, wrong);
      if (schema.oneOf && !schema.oneOf.includes(value as string)) report(path, `should be one of ${schema.oneOf.map((v) => JSON.stringify(v)).join(', ')}, is ${describe(value)}`);
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return report(path, `should be a list of ${schema.of}, is ${describe(value)}`);
      value.forEach((v, i) => {
        const wrong = scalarProblem(schema.of, v);
        if (wrong) report(`${path}[${i}]`, wrong);
      });
      return;
    case 'map':
      if (!isObject(value)) return report(path, `should be a map of ${schema.of}, is ${describe(value)}`);
      for (const k of Object.keys(value).sort()) {
        const wrong = scalarProblem(schema.of, value[k]);
        if (wrong) report(join(path, k), wrong);
      }
      return;
    case 'maps':
      if (!Array.isArray(value)) return report(path, `should be a list of maps of ${schema.of}, is ${describe(value)}`);
      value.forEach((m, i) => walkValue({ kind: 'map', of: schema.of }, m, `${path}[${i}]`, report));
      return;
    case 'labelled':
      if (!isObject(value)) return report(path, `should be labelled blocks (${path} "<label>" { ... }), is ${describe(value)}`);
      for (const label of Object.keys(value).sort()) {
        const body = schema.labels ? schema.labels[label] : schema.any;
        if (!body) {
          report(join(path, label), `is not a documented label of ${path} (documented: ${Object.keys(schema.labels ?? {}).join(', ')})`);
          continue;
        }
        walkBlock(body, value[label], join(path, label), report);
      }
      return;
  }
}

/** Go's time.ParseDuration: "0", or numbers each with a unit (ns, us, µs, ms, s, m, h). */
const DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

function scalarProblem(type: Scalar, value: unknown): string | undefined {
  const ok =
    type === 'string' ? typeof value === 'string'
    : type === 'bool' ? typeof value === 'boolean'
    : type === 'int' ? Number.isInteger(value)
    : type === 'number' ? typeof value === 'number'
    : typeof value === 'string' && DURATION.test(value);
  return ok ? undefined : `should be ${EXPECTED[type]}, is ${describe(value)}`;
}

const EXPECTED: Record<Scalar, string> = { string: 'a string', bool: 'a bool', int: 'an int', number: 'a number', duration: 'a duration string ("30s", "1h")' };

/**
 * A value for a message. Long strings are described, not shown: the checked files hold tokens and
 * gossip keys, which must not reach a test log.
 */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'a block';
  if (typeof value === 'string' && value.length > 24) return `a string of ${value.length} characters`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
