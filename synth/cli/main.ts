import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { LockedError } from '../../lib/files/lock';
import { OutputDirectoryError } from '../../lib/files/writer';
import { DatabaseUnavailableError } from '../verify/pg/engine';
import { SecretsStoreError } from './secrets-store';
import { Ui, UsageError } from './ui';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from './io';

function version(): string {
  // Two levels up from synth/cli in the sources, three from dist/synth/cli.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** Colour unless `--no-color` or NO_COLOR; FORCE_COLOR turns it on (or off with 0) whatever the terminal. */
function useColor(flag: boolean, io: CliIo): boolean {
  if (!flag || (io.env.NO_COLOR ?? '') !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.interactive;
}

const EXIT_CODES = 'Exit codes: 0 ok, 1 the platform has errors (diff: there are changes), 2 usage or internal error.';

/** Options every command that runs the entry shares. */
function entryOptions(cmd: Command): Command {
  return cmd
    .argument('[entry]', 'the TypeScript file that default-exports the App', 'epl.ts')
    .option('--json', 'print the outcome as one JSON document on stdout')
    .option('--no-cache', 'verify Postgres schemas, type-check and re-check secrets even when unchanged')
    .option('--no-typecheck', 'skip type-checking the entry with the TypeScript compiler')
    .option('--postgres-url <url>', 'verify against this Postgres server (a role that may create databases) instead of the embedded PGlite; also EPL_POSTGRES_URL')
    .addOption(new Option('--timeout <seconds>', 'time limit for running the entry').default('60').argParser(positiveNumber('--timeout')))
    .addOption(new Option('--statement-timeout <ms>', 'time limit for each database statement of the Postgres checks').default('5000').argParser(positiveNumber('--statement-timeout')));
}

function positiveNumber(flag: string) {
  return (value: string): string => {
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`${flag} takes a positive number, not '${value}'`);
    return value;
  };
}

function secretsOptions(cmd: Command): Command {
  return cmd
    .option('--secrets <file>', 'the secrets file (default: epl.secrets.yml, or epl.secrets.age, beside the entry)')
    .option('--age-identity <file>', 'age identity that decrypts an encrypted secrets file; also EPL_AGE_IDENTITY_FILE');
}

/**
 * Runs the `epl` command. Returns the exit code; never throws for user mistakes, and never prints
 * a stack trace for them.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  let exitCode = EXIT_OK;
  let ui = new Ui(io, json, useColor(!argv.includes('--no-color'), io));
  const run = (action: (ui: Ui) => Promise<number>) => async () => {
    exitCode = await action(ui);
  };
  // With --json, commander's own error text (and its help hint) stays off stderr: the error is printed as JSON.
  const output = {
    writeOut: (t: string) => io.stdout(t),
    writeErr: (t: string) => (json ? undefined : io.stderr(t)),
    outputError: (t: string, write: (t: string) => void) => (json ? undefined : write(t)),
  };

  const program = new Command('epl')
    .description('Describe a whole self-hosted platform as one typed construct tree; check it and write what its machines need.')
    .version(version(), '-v, --version', "print epl's version")
    .helpOption('-h, --help', 'show help (also for each command: epl synth --help)')
    .option('--no-color', 'no colours (also NO_COLOR; FORCE_COLOR forces them)')
    .showHelpAfterError('(epl --help lists the commands and options)')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .exitOverride()
    .configureOutput(output);

  const withCommon = (cmd: Command) => cmd.exitOverride().configureOutput(output);

  secretsOptions(
    entryOptions(withCommon(program.command('synth').description('check the platform and write its files'))).option('--out <dir>', 'output directory', 'out'),
  )
    .option('--regenerate-secrets', 'accept new keys where the secrets file is missing or damaged, and new lasting keys (CAs, DNSSEC)')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .action((entry: string, opts: Record<string, unknown>) => run(async (u) => (await import('./commands/synth')).synthCommand(entry, opts, u))());

  entryOptions(withCommon(program.command('validate').description('make every check synth makes (types, rules, Postgres); write nothing')))
    .addHelpText('after', `\n${EXIT_CODES}`)
    .action((entry: string, opts: Record<string, unknown>) => run(async (u) => (await import('./commands/validate')).validateCommand(entry, opts, u))());

  secretsOptions(
    entryOptions(withCommon(program.command('diff').description('synthesize in memory and show what would change in the output directory'))).option('--out <dir>', 'output directory', 'out'),
  )
    .addHelpText('after', `\nExit codes: 0 no change, 1 changes (or errors in the platform), 2 usage or internal error.`)
    .action((entry: string, opts: Record<string, unknown>) => run(async (u) => (await import('./commands/diff')).diffCommand(entry, opts, u))());

  withCommon(program.command('init').description('create a new infrastructure project that synthesizes as it is'))
    .argument('[dir]', 'directory of the new project', '.')
    .option('--name <name>', 'project name (default: the directory name)')
    .option('--json', 'print the outcome as JSON')
    .action((dir: string, opts: Record<string, unknown>) => run(async (u) => (await import('./commands/init')).initCommand(dir, opts, u))());

  const secrets = withCommon(program.command('secrets').description('read or change the secrets file'));
  const secretsCmd = (name: string, description: string) =>
    secretsOptions(withCommon(secrets.command(name).description(description))).option('--json', 'print the outcome as JSON');
  const secretsAction = (fn: (mod: typeof import('./commands/secrets'), u: Ui) => Promise<number>) => () =>
    run(async (u) => fn(await import('./commands/secrets'), u))();
  secretsCmd('list', 'list the keys of the secrets file').action((opts: Record<string, unknown>) => secretsAction((m, u) => m.secretsList(opts, u))());
  secretsCmd('get', 'print a secret').argument('<key>').action((key: string, opts: Record<string, unknown>) => secretsAction((m, u) => m.secretsGet(key, opts, u))());
  secretsCmd('set', 'set a secret from standard input (or --file)')
    .argument('<key>')
    .option('--file <file>', 'read the value from this file')
    .action((key: string, opts: Record<string, unknown>) => secretsAction((m, u) => m.secretsSet(key, opts, u))());
  secretsCmd('rotate', 'replace a key on the next synth (a CA renews what it signed)')
    .argument('<key>')
    .action((key: string, opts: Record<string, unknown>) => secretsAction((m, u) => m.secretsRotate(key, opts, u))());
  secretsCmd('encrypt', 'encrypt the secrets file with age, to the recipients given')
    .requiredOption('--recipient <age1...>', 'an age recipient (repeat for several)', (v: string, prev: string[] = []) => [...prev, v])
    .action((opts: Record<string, unknown>) => secretsAction((m, u) => m.secretsEncrypt(opts, u))());
  secretsCmd('decrypt', 'turn an encrypted secrets file back into plain YAML').action((opts: Record<string, unknown>) => secretsAction((m, u) => m.secretsDecrypt(opts, u))());

  secretsOptions(withCommon(secrets.command('capture').description('run a command and keep the secrets it prints in EPL SECRET blocks (Vault init)')))
    .argument('<command...>', 'the command, after --')
    .action((command: string[], opts: Record<string, unknown>) => run(async (u) => (await import('./commands/capture')).secretsCapture(command, opts, u))());

  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    ui = new Ui(io, json, ui.color);
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      // Commander has printed the message (text mode); JSON mode prints it as data.
      if (json) return ui.usage(e.message.replace(/^error: /, ''));
      return EXIT_USAGE;
    }
    if (e instanceof UsageError || e instanceof OutputDirectoryError || e instanceof LockedError || e instanceof SecretsStoreError || e instanceof DatabaseUnavailableError) return ui.usage(e.message);
    return internalError(e, io);
  }
}

/** A bug in epl: say so, with the stack, which is then useful. */
export function internalError(e: unknown, io: CliIo): number {
  let text: string;
  try {
    text = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } catch {
    text = Object.prototype.toString.call(e);
  }
  io.stderr(`epl: internal error (a bug in epl, please report it):\n${text}\n`);
  return EXIT_USAGE;
}

/**
 * The `epl` command on the main thread of this process. The binary normally runs it in a
 * supervised worker instead (supervisor.ts); EPL_NO_WORKER=1 runs it here.
 */
export function main(): void {
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    interactive: !!process.stderr.isTTY,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = internalError(e, { stderr: (t: string) => process.stderr.write(t) } as unknown as CliIo);
    },
  );
}
