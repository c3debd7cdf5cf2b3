import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { sortDiagnostics, type Diagnostic } from '../../lib/diagnostics/types';
import { OutputDirectoryNotOwnedError, writeTree } from '../../lib/files/writer';
import { synthesize } from '../synth';
import { loadEntry } from './load-entry';
import { refineLocations, renderJson, renderText, SourceCache } from './report';

/** Exit codes: the platform is fine, the platform has errors, the command could not run. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
}

const HELP = `Usage: epl <command> [entry] [options]

Commands:
  synth [entry]      check the platform and write its files
  validate [entry]   check the platform, write nothing

Arguments:
  entry              the TypeScript file that default-exports the App (default: epl.ts)

Options:
  --out DIR          output directory of synth (default: ./out)
  --json             print diagnostics as JSON
  -h, --help         show this help
  -v, --version      show epl's version

Exit codes: 0 ok, 1 the platform has errors, 2 usage or internal error.
`;

function version(): string {
  // Two levels up from synth/cli in the sources, three from dist/synth/cli.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** Runs the `epl` command. Returns the exit code; never throws for user mistakes. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    io.stderr(`epl: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = args;
  if (values.version) {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  const [command, entryArg, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout)(HELP);
    return values.help || command === 'help' ? EXIT_OK : EXIT_USAGE;
  }
  if (command !== 'synth' && command !== 'validate') {
    io.stderr(`epl: unknown command '${command}'\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (rest.length > 0) {
    io.stderr(`epl: unexpected argument '${rest[0]}'\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (command === 'validate' && values.out !== undefined) {
    io.stderr('epl: --out is only used by synth\n');
    return EXIT_USAGE;
  }

  const entry = path.resolve(io.cwd, entryArg ?? 'epl.ts');
  const outDir = path.resolve(io.cwd, values.out ?? 'out');
  const sources = new SourceCache();
  const print = (diagnostics: readonly Diagnostic[], extra?: Record<string, unknown>) => {
    const refined = sortDiagnostics(refineLocations(diagnostics, sources));
    if (values.json) io.stdout(renderJson(refined, extra));
    else if (refined.length > 0) io.stderr(renderText(refined, sources, io.cwd, io.color));
  };

  try {
    if (!fs.existsSync(entry)) {
      io.stderr(`epl: entry file ${path.relative(io.cwd, entry) || entry} does not exist\n`);
      return EXIT_USAGE;
    }
    const loaded = await loadEntry(entry);
    if (!loaded.app) {
      print(loaded.diagnostics);
      return EXIT_INVALID;
    }
    const result = synthesize(loaded.app, { validateOnly: command === 'validate' });
    if (!result.files) {
      print(result.diagnostics);
      return result.diagnostics.some((d) => d.severity === 'error') ? EXIT_INVALID : EXIT_OK;
    }
    const report = writeTree(outDir, result.files);
    const rel = path.relative(io.cwd, outDir) || '.';
    print(result.diagnostics, { out: rel, written: report.written.length, unchanged: report.unchanged.length, removed: report.removed.length });
    if (!values.json) {
      io.stdout(
        `Synthesized ${result.files.size} files into ${rel}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed.\n`,
      );
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof OutputDirectoryNotOwnedError) {
      io.stderr(`epl: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`epl: internal error (a bug in epl, please report it):\n${(e as Error).stack ?? String(e)}\n`);
    return EXIT_USAGE;
  }
}

/** Entry point of the `epl` binary. */
export function main(): void {
  const color = !!process.stderr.isTTY && !process.env.NO_COLOR;
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    color,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`epl: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
