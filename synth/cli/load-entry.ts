import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import * as eplRuntime from '../../constructs';
import { App } from '../../constructs/core/app';
import { LIBRARY_DIRS } from '../../constructs/core/epl-construct';
import { firstUserFrame, parseStack, registerLocationMapper, type LocationMapper } from '../../lib/diagnostics/stack';
import type { Diagnostic } from '../../lib/diagnostics/types';
import { ENTRY_DIAGNOSTICS } from '../entry-diagnostics';

const RUNTIME = Symbol.for('epl.runtime');

/**
 * Resolves `import ... from 'epl'` in the user's entry to the epl this CLI runs, so the entry's
 * constructs are the very classes synth checks (no second copy from node_modules).
 */
const eplRuntimePlugin: Plugin = {
  name: 'epl-runtime',
  setup(build) {
    build.onResolve({ filter: /^epl$/ }, () => ({ path: 'epl', namespace: 'epl-runtime' }));
    build.onLoad({ filter: /.*/, namespace: 'epl-runtime' }, () => ({
      contents: `module.exports = globalThis[Symbol.for('epl.runtime')];`,
      loader: 'js',
    }));
  },
};

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

function entryError(code: string, message: string, location?: Diagnostic['location']): LoadResult {
  return { app: undefined, diagnostics: [{ code, severity: 'error', message, path: '', ...(location ? { location } : {}) }] };
}

/**
 * Bundles the user's TypeScript entry with esbuild (dependencies stay external, source maps
 * inline), runs it, and returns the App it exports. Mistakes in the entry — a syntax error, an
 * exception while building the tree, no App exported — come back as diagnostics pointing at the
 * user's line.
 */
export async function loadEntry(entryFile: string): Promise<LoadResult> {
  const entry = path.resolve(entryFile);
  const dir = path.dirname(entry);
  const outfile = path.join(dir, `${path.basename(entry).replace(/\.[cm]?[jt]sx?$/, '')}.epl-bundle.cjs`);
  (globalThis as Record<symbol, unknown>)[RUNTIME] ??= eplRuntime;

  const esbuild = await import('esbuild');
  let code: string;
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      sourcemap: 'external',
      sourcesContent: false,
      write: false,
      outfile,
      absWorkingDir: dir,
      logLevel: 'silent',
      plugins: [eplRuntimePlugin],
    });
    const output = result.outputFiles.find((f) => f.path === outfile);
    const map = result.outputFiles.find((f) => f.path === `${outfile}.map`);
    if (!output || !map) throw new Error('epl bug: esbuild produced no bundle or source map');
    code = output.text;
    registerLocationMapper(outfile, sourceMapper(map.text, dir));
  } catch (e) {
    const errors = (e as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }).errors;
    if (!errors) throw e;
    return {
      app: undefined,
      diagnostics: errors.map((err) => ({
        code: ENTRY_DIAGNOSTICS.buildFailed.code,
        severity: 'error' as const,
        message: err.text,
        path: '',
        ...(err.location ? { location: { file: path.resolve(dir, err.location.file), line: err.location.line, column: err.location.column + 1 } } : {}),
      })),
    };
  }

  let exported: unknown;
  try {
    const m = new Module(outfile, module);
    m.filename = outfile;
    m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dir);
    (m as unknown as { _compile(code: string, file: string): void })._compile(code, outfile);
    const exports = m.exports as { default?: unknown };
    exported = exports && typeof exports === 'object' && 'default' in exports ? exports.default : exports;
    if (typeof exported === 'function') exported = await (exported as () => unknown)();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const at = firstUserFrame(parseStack(err.stack ?? ''), [...LIBRARY_DIRS, outfile]);
    return entryError(ENTRY_DIAGNOSTICS.exception.code, err.message.split('\n')[0]!, at && fs.existsSync(at.file) ? at : undefined);
  }
  if (!App.isApp(exported)) {
    return entryError(ENTRY_DIAGNOSTICS.noApp.code, `${path.basename(entry)} must default-export an App, or a function returning one`, { file: entry, line: 1, column: 1 });
  }
  return { app: exported, diagnostics: [] };
}
