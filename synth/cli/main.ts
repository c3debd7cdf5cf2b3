import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { sortDiagnostics, type Diagnostic } from '../../lib/diagnostics/types';
import { OutputDirectoryLockedError, OutputDirectoryNotOwnedError, writeTree } from '../../lib/files/writer';
import { check, synthesize } from '../synth';
import { parseSecretsFile, SECRETS_FILE } from '../secrets/secrets-file';
import { secretsCommand } from './commands/secrets';
import { DatabaseUnavailableError, serverEngine } from '../verify/pg/engine';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { cacheDirFor, readSecretChecks, writeSecretChecks } from './cache';
import { loadEntry } from './load-entry';
import { refineLocations, renderJson, renderText, SourceCache } from './report';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from './io';

const HELP = `Usage: epl <command> [entry] [options]

Commands:
  synth [entry]      check the platform and write its files
  validate [entry]   make every check synth makes (rules, Postgres), write nothing
  secrets list       list the keys of the secrets file in the output directory
  secrets get KEY    print a secret
  secrets set KEY    set a secret from standard input (or --file F)

Arguments:
  entry              the TypeScript file that default-exports the App (default: epl.ts)

Options:
  --out DIR          output directory of synth and secrets (default: ./out)
  --file F           read the value of secrets set from F
  --json             print diagnostics as JSON
  --no-cache         verify Postgres schemas and re-check secrets even when unchanged
                     since the last synth
  --postgres-url URL verify against this Postgres server (a role that may create databases)
                     instead of the embedded PGlite; also EPL_POSTGRES_URL
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
        file: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        'postgres-url': { type: 'string' },
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
  if (command === 'secrets') {
    return secretsCommand(positionals.slice(1), path.resolve(io.cwd, values.out ?? 'out'), values.file, io);
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
    const postgresUrl = values['postgres-url'] ?? process.env.EPL_POSTGRES_URL;
    if (postgresUrl !== undefined && !URL.canParse(postgresUrl)) {
      io.stderr(`epl: the Postgres URL '${postgresUrl}' is not a URL (postgres://user:password@host:5432/postgres)\n`);
      return EXIT_USAGE;
    }
    const pgOptions = {
      ...(values['no-cache'] ? {} : { cacheDir: cacheDirFor(entry) }),
      ...(postgresUrl ? { engine: serverEngine(postgresUrl), engineId: `server:${new URL(postgresUrl).host}` } : {}),
    };
    if (command === 'validate') {
      const checked = await check(loaded.app, { pg: pgOptions });
      print(checked.diagnostics, { pgVerified: checked.pgVerified, pgCached: checked.pgCached });
      return checked.diagnostics.some((d) => d.severity === 'error') ? EXIT_INVALID : EXIT_OK;
    }
    const secretsPath = path.join(outDir, SECRETS_FILE);
    let previousSecrets: Record<string, string> = {};
    if (fs.existsSync(secretsPath)) {
      try {
        previousSecrets = parseSecretsFile(fs.readFileSync(secretsPath, 'utf8'));
      } catch (e) {
        io.stderr(`epl: ${path.relative(io.cwd, secretsPath)}: ${(e as Error).message}\n`);
        return EXIT_USAGE;
      }
    }
    const started = Date.now();
    const cacheDir = values['no-cache'] ? undefined : cacheDirFor(entry);
    const secretChecks = cacheDir ? readSecretChecks(cacheDir, secretsPath) : {};
    const result = await synthesize(loaded.app, { previousSecrets, secretChecks, pg: pgOptions });
    if (!result.files) {
      print(result.diagnostics, { pgVerified: result.pgVerified, pgCached: result.pgCached });
      return EXIT_INVALID;
    }
    const report = writeTree(outDir, result.files);
    const cacheProblem = cacheDir ? writeSecretChecks(cacheDir, secretsPath, result.secretChecks) : undefined;
    if (cacheProblem) io.stderr(`epl: note: could not update the cache (${cacheProblem}); the next synth checks every secret again\n`);
    const rel = path.relative(io.cwd, outDir) || '.';
    const summary = {
      out: rel,
      written: report.written.length,
      unchanged: report.unchanged.length,
      removed: report.removed.length,
      keptUserOwned: report.keptUserOwned,
      generatedSecrets: result.generatedSecrets,
      pgVerified: result.pgVerified,
      pgCached: result.pgCached,
    };
    print(result.diagnostics, summary);
    if (!values.json) {
      io.stdout(
        `Synthesized ${result.files.size} files into ${rel}: ${report.written.length} written, ${report.unchanged.length} unchanged, ` +
          `${report.keptUserOwned.length ? `${report.keptUserOwned.length} yours kept, ` : ''}${report.removed.length} removed.\n`,
      );
      if (result.generatedSecrets.length > 0) io.stdout(`Generated ${result.generatedSecrets.length} secrets into ${path.join(rel, SECRETS_FILE)}.\n`);
      if (result.pgVerified.length > 0) io.stdout(`Verified Postgres schemas against ${postgresUrl ? new URL(postgresUrl).host : 'PGlite'}: ${result.pgVerified.join(', ')}.\n`);
      if (result.pgCached.length > 0) io.stdout(`Unchanged Postgres schemas, verified before: ${result.pgCached.join(', ')}.\n`);
      io.stdout(`Done in ${((Date.now() - started) / 1000).toFixed(2)} s.\n`);
    }
    return EXIT_OK;
  } catch (e) {
    if (e instanceof OutputDirectoryNotOwnedError || e instanceof OutputDirectoryLockedError || e instanceof DatabaseUnavailableError) {
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
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
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
