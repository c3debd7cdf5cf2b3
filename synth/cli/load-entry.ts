import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Message, Metafile, Plugin } from 'esbuild';
import * as eplRuntime from '../../constructs';
import * as eplTesting from '../testing';
import { App } from '../../constructs/core/app';
import { LIBRARY_DIRS } from '../../constructs/core/epl-construct';
import { firstUserFrame, parseStack, registerLocationMapper, type LocationMapper } from '../../lib/diagnostics/stack';
import type { Diagnostic, SourceLocation } from '../../lib/diagnostics/types';
import { ENTRY_DIAGNOSTICS } from '../entry-diagnostics';
import { describeThrown } from '../../lib/diagnostics/thrown';
import { typecheckEntry } from './typecheck';

/** The package name users import epl by; `epl` is accepted too. */
export const PACKAGE_NAME = 'epl-platform';
const RUNTIME = Symbol.for('epl.runtime');
const TESTING = Symbol.for('epl.runtime.testing');
const IMPORTS: Readonly<Record<string, symbol>> = { [PACKAGE_NAME]: RUNTIME, epl: RUNTIME, [`${PACKAGE_NAME}/testing`]: TESTING };

/**
 * Resolves `import ... from 'epl-platform'` in the user's entry to the epl this CLI runs, so the
 * entry's constructs are the very classes synth checks (no second copy from node_modules), and
 * replaces `import.meta.url` (and `dirname`, `filename`) in each of the user's files with that
 * file's own, so they are right in the bundle too.
 */
function entryPlugin(format: 'cjs' | 'esm'): Plugin {
  return {
    name: 'epl-entry',
    setup(build) {
      build.onResolve({ filter: /^epl(-platform(\/testing)?)?$/ }, (args) => ({ path: args.path, namespace: 'epl-runtime' }));
      build.onLoad({ filter: /.*/, namespace: 'epl-runtime' }, (args) => {
        const symbol = IMPORTS[args.path]!;
        const get = `globalThis[Symbol.for(${JSON.stringify(symbol.description)})]`;
        if (format === 'cjs') return { contents: `module.exports = ${get};`, loader: 'js' };
        const names = Object.keys(runtimeOf(symbol)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
        return { contents: `const m = ${get};\n${names.map((n) => `export const ${n} = m.${n};`).join('\n')}\nexport default m;`, loader: 'js' };
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = fs.readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const url = pathToFileURL(args.path).href;
        const contents = source
          .replace(/\bimport\.meta\.url\b/g, JSON.stringify(url))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)));
        const ext = path.extname(args.path).slice(1).replace(/^[cm]/, '');
        return { contents, loader: ext as 'ts' | 'js' | 'tsx' | 'jsx', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

function runtimeOf(symbol: symbol): Record<string, unknown> {
  return (symbol === TESTING ? eplTesting : eplRuntime) as unknown as Record<string, unknown>;
}

/** Maps 1-based positions in the bundle to the user's sources through esbuild's source map. */
function sourceMapper(mapJson: string, dir: string): LocationMapper {
  const map = new Module.SourceMap(JSON.parse(mapJson) as ConstructorParameters<typeof Module.SourceMap>[0]);
  return (line, column) => {
    const entry = map.findEntry(line - 1, column - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return null;
    const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(dir, entry.originalSource);
    return { file: src, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  };
}

export type LoadResult = { app: App; diagnostics: readonly Diagnostic[] } | { app: undefined; diagnostics: readonly Diagnostic[] };

export interface LoadOptions {
  /** Type-check the entry and the user's files it imports with the TypeScript compiler. @default true */
  readonly typecheck?: boolean;
  /** Time limit for running the entry and settling its export. @default 60 s */
  readonly timeoutMs?: number;
  /** Where type-check results are cached by content hash. @default no cache */
  readonly cacheDir?: string;
}

function entryError(code: string, message: string, location?: SourceLocation): Diagnostic {
  return { code, severity: 'error', message, path: '', ...(location ? { location } : {}) };
}

function buildErrors(errors: readonly Message[], dir: string): Diagnostic[] {
  return errors.map((err) =>
    entryError(ENTRY_DIAGNOSTICS.buildFailed.code, err.text, err.location ? { file: path.resolve(dir, err.location.file), line: err.location.line, column: err.location.column + 1 } : undefined),
  );
}

/** The module format of the bundle: ES modules only when the entry needs them (top-level await). */
async function bundle(entry: string, format: 'cjs' | 'esm', outfile: string) {
  const esbuild = await import('esbuild');
  return esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    packages: 'external',
    sourcemap: 'external',
    sourcesContent: false,
    write: false,
    metafile: true,
    outfile,
    absWorkingDir: path.dirname(entry),
    logLevel: 'silent',
    plugins: [entryPlugin(format)],
  });
}

/** The user's own source files in a bundle (not epl, not packages): what the type check covers. */
function userFiles(metafile: Metafile, dir: string): string[] {
  return Object.keys(metafile.inputs)
    .filter((p) => !p.startsWith('epl-runtime:') && !p.includes('node_modules/'))
    .map((p) => path.resolve(dir, p));
}

async function runBundle(code: string, outfile: string, format: 'cjs' | 'esm', dir: string): Promise<unknown> {
  if (format === 'cjs') {
    const m = new Module(outfile, module);
    m.filename = outfile;
    m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
    (m as unknown as { _compile(code: string, file: string): void })._compile(code, outfile);
    const exports = m.exports as { default?: unknown };
    return exports && typeof exports === 'object' && 'default' in exports ? exports.default : exports;
  }
  // An ES module is imported from a file beside the entry, so its imports resolve as the entry's do.
  fs.writeFileSync(outfile, code, { mode: 0o600 });
  try {
    const ns = (await import(/* webpackIgnore: true */ pathToFileURL(outfile).href)) as { default?: unknown };
    return ns.default;
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

/**
 * Tells the supervising main thread (when epl runs in a worker) that the user's entry starts or
 * stops running, so it can stop a worker whose entry never returns.
 */
function watchdog(message: { type: 'entry'; running: boolean; timeoutMs?: number; entry?: string }): void {
  if (!isMainThread && parentPort && (workerData as { argv?: unknown } | undefined)?.argv) parentPort.postMessage(message);
}

/** `value`, or a timeout error when it does not settle within `ms`. */
async function within<T>(value: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EntryTimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class EntryTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the entry did not finish within ${ms / 1000} s (its default export never settled); raise the limit with --timeout`);
  }
}

/**
 * Bundles the user's entry with esbuild (dependencies stay external, source maps), type-checks
 * it, runs it, and returns the App it exports. Mistakes in the entry — a syntax or type error, an
 * exception (of any value) while building the tree, a rejected or never-settling export, no App —
 * come back as diagnostics pointing at the user's line.
 */
export async function loadEntry(entryFile: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const entry = path.resolve(entryFile);
  const dir = path.dirname(entry);
  const stem = path.basename(entry).replace(/\.[cm]?[jt]sx?$/, '');
  (globalThis as Record<symbol, unknown>)[RUNTIME] ??= eplRuntime;
  (globalThis as Record<symbol, unknown>)[TESTING] ??= eplTesting;

  let format: 'cjs' | 'esm' = 'cjs';
  let outfile = path.join(dir, `${stem}.epl-bundle.cjs`);
  let result;
  try {
    try {
      result = await bundle(entry, format, outfile);
    } catch (e) {
      const errors = (e as { errors?: Message[] }).errors;
      // Top-level await needs an ES module.
      if (!errors?.some((m) => /top-level await/i.test(m.text))) throw e;
      format = 'esm';
      outfile = path.join(dir, `.${stem}.epl-bundle-${process.pid}.mjs`);
      result = await bundle(entry, format, outfile);
    }
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors) throw e;
    return { app: undefined, diagnostics: buildErrors(errors, dir) };
  }
  const output = result.outputFiles.find((f) => f.path === outfile);
  const map = result.outputFiles.find((f) => f.path === `${outfile}.map`);
  if (!output || !map) throw new Error('epl bug: esbuild produced no bundle or source map');
  registerLocationMapper(outfile, sourceMapper(map.text, dir));

  const typeDiagnostics = opts.typecheck === false ? [] : await typecheckEntry(entry, userFiles(result.metafile, dir), opts.cacheDir);
  let exported: unknown;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  watchdog({ type: 'entry', running: true, timeoutMs, entry });
  try {
    exported = await within(
      (async () => {
        let value = await runBundle(output.text, outfile, format, dir);
        if (typeof value === 'function') value = await (value as () => unknown)();
        return value;
      })(),
      timeoutMs,
    );
  } catch (e) {
    if (e instanceof EntryTimeoutError) return { app: undefined, diagnostics: [...typeDiagnostics, entryError(ENTRY_DIAGNOSTICS.timeout.code, e.message, { file: entry, line: 0, column: 0 })] };
    const thrown = describeThrown(e);
    const at = firstUserFrame(parseStack(thrown.stack), [...LIBRARY_DIRS, outfile]);
    const diagnostic = entryError(ENTRY_DIAGNOSTICS.exception.code, thrown.message, at && fs.existsSync(at.file) ? at : { file: entry, line: 0, column: 0 });
    return { app: undefined, diagnostics: [...typeDiagnostics, diagnostic] };
  } finally {
    watchdog({ type: 'entry', running: false });
  }
  if (!App.isApp(exported)) {
    return { app: undefined, diagnostics: [...typeDiagnostics, entryError(ENTRY_DIAGNOSTICS.noApp.code, `${path.basename(entry)} must default-export an App, or a function returning one`, { file: entry, line: 1, column: 1 })] };
  }
  return { app: exported, diagnostics: typeDiagnostics };
}
