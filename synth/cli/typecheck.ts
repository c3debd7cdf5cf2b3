import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { Diagnostic } from '../../lib/diagnostics/types';
import { sortedStrings } from '../../lib/text/order';

/** Bump when what the check reports changes, so cached results are redone. */
const TYPECHECK_VERSION = 1;

/** The root of the running epl (the package directory, or the repository in development). */
const EPL_ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  return path.resolve(__dirname, '..', '..');
})();

/**
 * The typings the entry's `epl-platform` import is checked against: the running epl's own (as the
 * bundle runs it), its declaration files when built.
 */
function eplTypings(): { index: string; testing: string } {
  const dist = path.join(EPL_ROOT, 'dist');
  if (fs.existsSync(path.join(dist, 'constructs', 'index.d.ts'))) {
    return { index: path.join(dist, 'constructs', 'index.d.ts'), testing: path.join(dist, 'synth', 'testing', 'index.d.ts') };
  }
  return { index: path.join(EPL_ROOT, 'constructs', 'index.ts'), testing: path.join(EPL_ROOT, 'synth', 'testing', 'index.ts') };
}

let typingsDigest: string | undefined;

/** A digest of epl's declaration files, so a rebuilt epl is checked against again. */
function eplDigest(): string {
  if (typingsDigest) return typingsDigest;
  const h = createHash('sha256');
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of sortedStrings(entries.map((x) => x.name))) {
      const p = path.join(dir, e);
      const st = fs.statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.d\.ts$/.test(e) || (/\.ts$/.test(e) && !dir.includes(`${path.sep}dist`))) h.update(p).update('\0').update(fs.readFileSync(p));
    }
  };
  const typings = eplTypings();
  walk(path.dirname(path.dirname(typings.index)));
  return (typingsDigest = h.digest('hex'));
}

/** The nearest tsconfig.json from the entry's directory up to its project root (package.json). */
function findTsconfig(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, 'tsconfig.json');
    if (fs.existsSync(file)) return file;
    if (fs.existsSync(path.join(d, 'package.json')) || d === path.dirname(d)) return undefined;
  }
}

function compilerOptions(ts: typeof TS, entry: string): TS.CompilerOptions {
  const typings = eplTypings();
  const configFile = findTsconfig(path.dirname(entry));
  let base: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    esModuleInterop: true,
  };
  if (configFile) {
    const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
    if (!read.error) base = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile)).options;
  }
  return {
    ...base,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    // The entry's epl is the running epl, as in the bundle.
    paths: { ...(base.paths ?? {}), 'epl-platform': [typings.index], 'epl-platform/testing': [typings.testing], epl: [typings.index] },
  };
}

function cacheKey(entry: string, files: readonly string[], tsVersion: string): string {
  const h = createHash('sha256').update(JSON.stringify([TYPECHECK_VERSION, tsVersion, eplDigest(), entry]));
  const config = findTsconfig(path.dirname(entry));
  if (config) h.update(config).update(fs.readFileSync(config));
  for (const f of sortedStrings(files)) {
    h.update('\0').update(f).update('\0');
    try {
      h.update(fs.readFileSync(f));
    } catch {
      h.update('(missing)');
    }
  }
  return h.digest('hex');
}

function toDiagnostic(ts: typeof TS, d: TS.Diagnostic): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n');
  const text = message.length > 1 ? `${message[0]} ${message.slice(1).map((l) => l.trim()).join(' ')}` : message[0]!;
  const location = d.file && d.start !== undefined ? (() => {
    const pos = d.file.getLineAndCharacterOfPosition(d.start);
    return { file: path.resolve(d.file.fileName), line: pos.line + 1, column: pos.character + 1 };
  })() : undefined;
  return {
    code: `ts/TS${d.code}`,
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    message: text,
    path: '',
    ...(location ? { location } : {}),
  };
}

/**
 * Type-checks the entry and the user's files it imports (not packages, not epl) with the
 * TypeScript compiler, as tsc would with the project's tsconfig.json, and returns type errors as
 * diagnostics (`ts/TS2322`, ...). The result is cached by a hash of those files, the tsconfig and
 * epl's typings, so an unchanged project pays nothing.
 */
export async function typecheckEntry(entry: string, files: readonly string[], cacheDir: string | undefined): Promise<Diagnostic[]> {
  const tsVersion = (require('typescript/package.json') as { version: string }).version;
  const key = cacheKey(entry, files, tsVersion);
  const cacheFile = cacheDir ? path.join(cacheDir, `ts-${key}.json`) : undefined;
  if (cacheFile) {
    try {
      return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Diagnostic[];
    } catch {
      // not cached
    }
  }
  const ts = require('typescript') as typeof TS;
  const options = compilerOptions(ts, entry);
  // A JavaScript entry is checked only when the project asks for it (checkJs); the run-time
  // checks of the props cover it otherwise.
  if (/\.[cm]?jsx?$/.test(entry) && !(options.allowJs && options.checkJs)) return [];
  const program = ts.createProgram({ rootNames: [entry], options });
  const own = new Set(files.map((f) => path.resolve(f)));
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || own.has(path.resolve(d.file.fileName)) || !d.file.fileName.includes('node_modules'))
    .filter((d) => !d.file || !d.file.isDeclarationFile)
    .filter((d) => !d.file || !path.resolve(d.file.fileName).startsWith(EPL_ROOT + path.sep) || own.has(path.resolve(d.file.fileName)))
    .map((d) => toDiagnostic(ts, d));
  if (cacheFile) {
    try {
      fs.mkdirSync(cacheDir!, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(diagnostics));
      fs.renameSync(tmp, cacheFile);
    } catch {
      // The cache only saves time.
    }
  }
  return diagnostics;
}
