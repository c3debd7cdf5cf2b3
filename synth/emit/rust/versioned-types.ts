import type { MigrationStep } from '../../../constructs/apps/versioned-type';
import type { ComputedType, ResolvedField, ResolvedType } from '../../plan/versioned-types';
import { floatLiteral, ident, pascal, stringLiteral } from '../../../lib/formats/rust';
import { sortedBy } from '../../../lib/text/order';

/**
 * The name of a nested struct: its parent's name and the field's, with `_` between so that a
 * field `a_b` and a path `a.b` cannot produce the same name.
 */
function nestedName(parent: string, field: string): string {
  return `${parent}_${pascal(field)}`;
}

/** Rust type of a versioned-type field; nested structs are named after their path. */
function rustType(t: ResolvedType, structName: string): string {
  switch (t.kind) {
    case 'string':
      return 'String';
    case 'i64':
      return 'i64';
    case 'f64':
      return 'f64';
    case 'bool':
      return 'bool';
    case 'datetime':
      return 'chrono::DateTime<chrono::Utc>';
    case 'uuid':
      return 'uuid::Uuid';
    case 'option':
      return `Option<${rustType(t.inner, structName)}>`;
    case 'array':
      return `Vec<${rustType(t.inner, structName)}>`;
    case 'struct':
      return structName;
  }
}

const sorted = (fields: ReadonlyMap<string, ResolvedField>) => sortedBy(fields, ([name]) => name);

/**
 * Struct declarations of one version: the top struct and one per nested struct. Unknown fields
 * are refused, so a document of one version is never read as another that lacks its fields.
 */
function structs(name: string, fields: ReadonlyMap<string, ResolvedField>): string[] {
  const out: string[] = [];
  const lines = [`#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]`, '#[serde(deny_unknown_fields)]', `pub struct ${name} {`];
  for (const [field, f] of sorted(fields)) {
    const nested = nestedName(name, field);
    lines.push(`    pub ${ident(field)}: ${rustType(f.type, nested)},`);
    let inner: ResolvedType = f.type;
    while (inner.kind === 'option' || inner.kind === 'array') inner = inner.inner;
    if (inner.kind === 'struct') out.push(...structs(nested, inner.fields));
  }
  lines.push('}');
  return [lines.join('\n'), ...out];
}

/** A Rust expression for a field's default. */
function defaultExpr(t: ResolvedType, value: string | undefined, structName: string): string {
  if (t.kind === 'option') return 'None';
  if (t.kind === 'array') return 'Vec::new()';
  if (t.kind === 'struct') return `${structName} { ${sorted(t.fields).map(([n, f]) => `${ident(n)}: ${defaultExpr(f.type, f.defaultValue, nestedName(structName, n))}`).join(', ')} }`;
  const v = value ?? '';
  switch (t.kind) {
    case 'string':
      return `${stringLiteral(v)}.to_string()`;
    case 'i64':
      return `${v}_i64`;
    case 'f64':
      return floatLiteral(v);
    case 'bool':
      return v;
    case 'datetime':
      return `chrono::DateTime::parse_from_rfc3339(${stringLiteral(v)}).expect("epl checked this default").with_timezone(&chrono::Utc)`;
    case 'uuid':
      return `uuid::Uuid::parse_str(${stringLiteral(v)}).expect("epl checked this default")`;
  }
}

/** Where each field of the new version comes from: added (default) or renamed. */
function origins(steps: readonly MigrationStep[]): { added: Set<string>; renamedFrom: Map<string, string> } {
  const clean = (p: string) => p.replace(/\?/g, '').replace(/^\./, '');
  const added = new Set<string>();
  const renamedFrom = new Map<string, string>();
  for (const s of steps) {
    if (s.op === 'add') {
      // A path through missing structs creates them; the first created segment is where data starts.
      const segs = clean(s.path).split('.');
      for (let i = 1; i <= segs.length; i++) added.add(segs.slice(0, i).join('.'));
    } else if (s.op === 'rename') {
      renamedFrom.set(clean(s.to), clean(s.from));
    }
  }
  return { added, renamedFrom };
}

/** Converts `expr` (of the old version's type) to the new version's type `to`. */
function convert(expr: string, to: ResolvedType, toName: string, from: ResolvedType | undefined, path: string, o: ReturnType<typeof origins>): string {
  if (to.kind === 'struct' && from?.kind === 'struct') return buildStruct(expr, to.fields, toName, from.fields, path, o);
  if (to.kind === 'option' && from?.kind === 'option' && hasStruct(to.inner)) return `${expr}.map(|v| ${convert('v', to.inner, toName, from.inner, path, o)})`;
  if (to.kind === 'array' && from?.kind === 'array' && hasStruct(to.inner)) return `${expr}.into_iter().map(|v| ${convert('v', to.inner, toName, from.inner, path, o)}).collect()`;
  return expr;
}

function hasStruct(t: ResolvedType): boolean {
  return t.kind === 'struct' || ((t.kind === 'option' || t.kind === 'array') && hasStruct(t.inner));
}

function buildStruct(input: string, to: ReadonlyMap<string, ResolvedField>, toName: string, from: ReadonlyMap<string, ResolvedField>, prefix: string, o: ReturnType<typeof origins>): string {
  const parts = sorted(to).map(([name, f]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = nestedName(toName, name);
    if (o.added.has(path) && !from.has(name)) return `${ident(name)}: ${defaultExpr(f.type, f.defaultValue, nested)}`;
    const source = o.renamedFrom.get(path)?.split('.').pop() ?? name;
    const old = from.get(source);
    return `${ident(name)}: ${convert(`${input}.${ident(source)}`, f.type, nested, old?.type, path, o)}`;
  });
  return `${toName} { ${parts.join(', ')} }`;
}

/** Rust for one versioned type: a struct per version, upgrade functions, JSON (de)serialization. */
export function renderVersionedType(computed: ComputedType): string {
  const base = `BwType${pascal(computed.type.typeName)}`;
  const fn = `bw_type_${computed.type.typeName}`;
  const versions = computed.versions;
  const out: string[] = [`// Versioned type '${computed.type.typeName}': versions ${versions.map((v) => v.version).join(', ')}.`];
  for (const v of versions) out.push(...structs(`${base}V${v.version}`, v.fields));
  const last = versions[versions.length - 1]!;
  out.push(`/// The current version of '${computed.type.typeName}'.\npub type ${base} = ${base}V${last.version};`);
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1]!;
    const v = versions[i]!;
    const o = origins(v.migration!.steps);
    out.push(
      [
        `/// Upgrades version ${prev.version} to ${v.version}.`,
        `pub fn ${fn}_v${prev.version}_to_v${v.version}(input: ${base}V${prev.version}) -> ${base}V${v.version} {`,
        `    ${buildStruct('input', v.fields, `${base}V${v.version}`, prev.fields, '', o)}`,
        '}',
      ].join('\n'),
    );
  }
  const attempts = [...versions].reverse().map((v, i) => {
    const chain = versions.filter((x) => x.version > v.version).reduce((acc, x) => `${fn}_v${versions[versions.indexOf(x) - 1]!.version}_to_v${x.version}(${acc})`, 'v');
    return `    ${i === 0 ? '' : ''}if let Ok(v) = serde_json::from_slice::<${base}V${v.version}>(input) {\n        return Ok(${chain});\n    }`;
  });
  out.push(
    [
      `/// Reads '${computed.type.typeName}' JSON of any version, newest first, and upgrades it to the current one.`,
      `pub fn ${fn}_deserialize_json(input: &[u8]) -> Result<${base}, JsonDeserializationError> {`,
      ...attempts,
      '    Err(JsonDeserializationError::UnknownType)',
      '}',
      '',
      `/// Writes '${computed.type.typeName}' as JSON of the current version.`,
      `pub fn ${fn}_serialize_json(input: &${base}) -> String {`,
      `    serde_json::to_string(input).expect("serializing plain data cannot fail")`,
      '}',
    ].join('\n'),
  );
  return out.join('\n\n');
}

/** Whether any version uses DateTime or UUID fields (they need the chrono and uuid crates). */
export function typeNeeds(computed: ComputedType): { chrono: boolean; uuid: boolean } {
  const walk = (t: ResolvedType, acc: { chrono: boolean; uuid: boolean }): void => {
    if (t.kind === 'datetime') acc.chrono = true;
    else if (t.kind === 'uuid') acc.uuid = true;
    else if (t.kind === 'option' || t.kind === 'array') walk(t.inner, acc);
    else if (t.kind === 'struct') for (const f of t.fields.values()) walk(f.type, acc);
  };
  const acc = { chrono: false, uuid: false };
  for (const v of computed.versions) for (const f of v.fields.values()) walk(f.type, acc);
  return acc;
}
