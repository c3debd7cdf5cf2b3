import * as path from 'node:path';
import type * as TS from 'typescript';
import { sortedBy } from '../../lib/text/order';

/**
 * Renders docs/api.md from the JSDoc of the public API (constructs/index.ts): every exported
 * class with its summary and constructor, every props interface with each prop's type, doc and
 * default, and every enum with its members. Reads the sources with the TypeScript compiler.
 */
export function renderApiReference(repoRoot: string): string {
  const ts = require('typescript') as typeof TS;
  const entry = path.join(repoRoot, 'constructs', 'index.ts');
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(entry)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!);

  const doc = (s: TS.Symbol) => ts.displayPartsToString(s.getDocumentationComment(checker)).trim();
  const tag = (s: TS.Symbol, name: string) => s.getJsDocTags(checker).find((t) => t.name === name);
  const tagText = (s: TS.Symbol, name: string) => {
    const t = tag(s, name);
    return t ? ts.displayPartsToString(t.text).trim() : undefined;
  };
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

  const classes: string[] = [];
  const props: string[] = [];
  const enums: string[] = [];
  const sorted = sortedBy(exports, (e) => e.name);
  for (const exported of sorted) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    const file = path.relative(repoRoot, decl.getSourceFile().fileName);
    if (ts.isClassDeclaration(decl)) {
      const out = [`### ${symbol.name}`, '', doc(symbol) || '(no description)', '', `Source: \`${file}\``, ''];
      const ctor = decl.members.find(ts.isConstructorDeclaration);
      if (ctor && !ctor.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) && !/@internal/.test(ctor.getFullText())) {
        out.push('```ts', `new ${symbol.name}(${ctor.parameters.map((p) => p.getText().replace(/\s+/g, ' ')).join(', ')})`, '```', '');
      }
      const methods = decl.members.filter(
        (m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword) && !!m.name && !/@internal/.test(m.getFullText()),
      );
      if (methods.length) {
        out.push('| method | |', '|---|---|');
        for (const m of methods) {
          const ms = checker.getSymbolAtLocation(m.name);
          const sig = `${m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ? 'static ' : ''}${m.name.getText()}(${m.parameters.map((p) => p.name.getText()).join(', ')})`;
          out.push(`| \`${sig}\` | ${ms ? oneLine(doc(ms)) : ''} |`);
        }
        out.push('');
      }
      classes.push(out.join('\n'));
    } else if (ts.isInterfaceDeclaration(decl) && /Props$|Roles$|Test$|Step$|Value$|Pin$/.test(symbol.name)) {
      const out = [`### ${symbol.name}`, '', doc(symbol), '', '| prop | type | description | default |', '|---|---|---|---|'];
      for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
        const mdecl = member.declarations?.[0];
        const type = mdecl && ts.isPropertySignature(mdecl) && mdecl.type ? mdecl.type.getText().replace(/\s+/g, ' ') : checker.typeToString(checker.getTypeOfSymbol(member));
        const optional = (member.flags & ts.SymbolFlags.Optional) !== 0;
        const def = tagText(member, 'default');
        out.push(`| \`${member.name}${optional ? '?' : ''}\` | \`${oneLine(type)}\` | ${oneLine(doc(member))} | ${def ? oneLine(def) : optional ? '' : '(required)'} |`);
      }
      props.push(out.join('\n').replace(/\n\n\|/, '\n\n|') + '\n');
    } else if (ts.isEnumDeclaration(decl)) {
      const out = [`### ${symbol.name}`, '', doc(symbol), '', '| member | value | |', '|---|---|---|'];
      for (const m of decl.members) {
        const ms = checker.getSymbolAtLocation(m.name);
        out.push(`| \`${m.name.getText()}\` | \`${m.initializer?.getText() ?? ''}\` | ${ms ? oneLine(doc(ms)) : ''} |`);
      }
      enums.push(out.join('\n') + '\n');
    }
  }
  return [
    '# API reference',
    '',
    '<!-- Generated from the JSDoc of constructs/ by `npm run docs`. Do not edit; a test fails when it is stale. -->',
    '',
    "Everything is imported from `'epl'`. Guides: [guide.md](guide.md), [servers.md](servers.md), [disks.md](disks.md), [secrets.md](secrets.md), [versioned-types.md](versioned-types.md), [postgres.md](postgres.md).",
    '',
    '## Constructs and classes',
    '',
    ...classes,
    '## Props',
    '',
    ...props,
    '## Enums',
    '',
    ...enums,
  ].join('\n');
}
