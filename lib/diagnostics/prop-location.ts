import type * as TS from 'typescript';
import type { PropPath, SourceLocation } from './types';

let ts: typeof TS | undefined;
function typescript(): typeof TS {
  // Loaded on first use: only synths that report diagnostics pay for the compiler.
  ts ??= require('typescript') as typeof TS;
  return ts;
}

/**
 * Finds where a prop was written. `at` is where a construct was created (the `new` of
 * `new Server(scope, id, props)`); the prop path is followed through object and array literals
 * in the last object-literal argument. Returns the deepest location reached, or `at` itself when
 * the call or the props are not literal.
 */
export function locateProp(source: string, at: SourceLocation, prop: PropPath): SourceLocation {
  const t = typescript();
  const file = t.createSourceFile(at.file, source, t.ScriptTarget.Latest, true);
  const lineStarts = file.getLineStarts();
  if (at.line - 1 >= lineStarts.length) return at;
  const pos = lineStarts[at.line - 1]! + at.column - 1;

  let call: TS.NewExpression | TS.CallExpression | undefined;
  const visit = (node: TS.Node): void => {
    if (pos < node.getStart(file) || pos >= node.getEnd()) return;
    if ((t.isNewExpression(node) || t.isCallExpression(node)) && node.arguments?.some((a) => t.isObjectLiteralExpression(a))) {
      // The innermost call containing the position wins, but one that starts exactly there is best.
      if (!call || node.getStart(file) === pos || call.getStart(file) !== pos) call = node;
    }
    t.forEachChild(node, visit);
  };
  visit(file);
  if (!call?.arguments) return at;

  const args = call.arguments.filter((a) => t.isObjectLiteralExpression(a));
  let node: TS.Node | undefined = args[args.length - 1];
  let found: TS.Node | undefined;
  for (const part of prop) {
    if (!node) break;
    if (typeof part === 'number' && t.isArrayLiteralExpression(node)) {
      node = node.elements[part];
    } else if (typeof part === 'string' && t.isObjectLiteralExpression(node)) {
      const member: TS.ObjectLiteralElementLike | undefined = node.properties.find((p) => {
        const name = p.name;
        return !!name && (t.isIdentifier(name) || t.isStringLiteral(name)) && name.text === part;
      });
      node = member && (t.isPropertyAssignment(member) ? member.initializer : member);
    } else {
      break;
    }
    if (node) found = node;
  }
  if (!found) return at;
  const lc = file.getLineAndCharacterOfPosition(found.getStart(file));
  return { file: at.file, line: lc.line + 1, column: lc.character + 1 };
}
