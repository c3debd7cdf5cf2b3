import * as path from 'node:path';
import type * as TS from 'typescript';
import { sortedBy } from '../../lib/text/order';

/**
 * Renders constructs/core/prop-shapes.generated.ts: the shape of every exported props interface
 * (keys, optionality, kinds), read from the TypeScript types with the compiler, so constructs can
 * check the props they are given at run time — for JavaScript users, and anything cast — against
 * exactly what the types say.
 */
export function renderPropShapes(repoRoot: string): string {
  const ts = require('typescript') as typeof TS;
  const entry = path.join(repoRoot, 'constructs', 'index.ts');
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(entry)!;
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!).map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s));
  const interfaces = new Map<string, TS.Symbol>();
  const queue = exported.filter((s) => s.declarations?.some(ts.isInterfaceDeclaration));
  const shapes = new Map<string, string>();

  const lit = (v: unknown) => JSON.stringify(v);
  const kindOf = (type: TS.Type, depth = 0): string => {
    if (depth > 8) return `'any'`;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return `'any'`;
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return `'boolean'`;
      if (parts.every((t) => t.isLiteral() || t.flags & (ts.TypeFlags.Null | ts.TypeFlags.BooleanLiteral))) {
        const values = parts.map((t) => (t.isLiteral() ? t.value : t.flags & ts.TypeFlags.Null ? null : checker.typeToString(t) === 'true'));
        const member = parts[0]!.flags & ts.TypeFlags.EnumLiteral ? parts[0]!.symbol?.declarations?.[0] : undefined;
        const enumName = type.aliasSymbol?.name ?? (member && ts.isEnumMember(member) ? member.parent.name.text : undefined);
        return `{ oneOf: [${values.map(lit).join(', ')}]${enumName ? `, name: ${lit(enumName)}` : ''} }`;
      }
      const kinds = [...new Set(parts.map((t) => kindOf(t, depth + 1)))];
      return kinds.length === 1 ? kinds[0]! : `{ anyOf: [${kinds.join(', ')}] }`;
    }
    if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return type.isStringLiteral() ? `{ oneOf: [${lit(type.value)}] }` : `'string'`;
    if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return type.isNumberLiteral() ? `{ oneOf: [${lit(type.value)}] }` : `'number'`;
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return `'boolean'`;
    if (type.flags & ts.TypeFlags.Null) return `{ oneOf: [null] }`;
    if (type.flags & ts.TypeFlags.BigInt) return `'bigint'`;
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const [item] = checker.getTypeArguments(type as TS.TypeReference);
      return `{ array: ${item ? kindOf(item, depth + 1) : `'any'`} }`;
    }
    if (type.getCallSignatures().length > 0) return `'function'`;
    const decl = type.getSymbol()?.declarations?.[0];
    if (decl && ts.isClassDeclaration(decl)) return `{ instance: ${lit(type.getSymbol()!.name)} }`;
    if (decl && ts.isInterfaceDeclaration(decl) && decl.getSourceFile().fileName.startsWith(path.join(repoRoot, 'constructs'))) {
      const name = type.getSymbol()!.name;
      if (!interfaces.has(name)) queue.push(type.getSymbol()!);
      return `{ shape: ${lit(name)} }`;
    }
    const stringIndex = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (stringIndex && checker.getPropertiesOfType(type).length === 0) return `{ record: ${kindOf(stringIndex.type, depth + 1)} }`;
    if (type.flags & ts.TypeFlags.Object) {
      const fields = checker.getPropertiesOfType(type).map((p) => fieldOf(p, depth + 1));
      return `{ fields: { ${fields.join(', ')} } }`;
    }
    return `'any'`;
  };
  const fieldOf = (p: TS.Symbol, depth: number) => {
    const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
    return `${lit(p.name)}: { kind: ${kindOf(checker.getTypeOfSymbol(p), depth)}, optional: ${optional} }`;
  };

  while (queue.length > 0) {
    const s = queue.shift()!;
    if (interfaces.has(s.name)) continue;
    interfaces.set(s.name, s);
    const fields = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(s)).map((p) => `    ${fieldOf(p, 0)},`);
    shapes.set(s.name, fields.join('\n'));
  }
  const body = sortedBy(shapes, ([name]) => name).map(([name, fields]) => `  ${name}: {\n${fields}\n  },`);
  return [
    '// Generated from the props interfaces of constructs/ by `npm run docs`. Do not edit; a test fails when it is stale.',
    "import type { PropShapes } from './props';",
    '',
    '/** The shape of every props interface, by name: what `checkProps` checks at run time. */',
    'export const PROP_SHAPES: PropShapes = {',
    ...body,
    '};',
    '',
  ].join('\n');
}
