import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../synth/cli/main';
import { parseSecretsState } from '../../synth/secrets/state-file';

export const REPO = path.resolve(__dirname, '..', '..');
export const EXAMPLE = path.join(REPO, 'examples', 'single-dc', 'epl.ts');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process, as `epl <args>` in `cwd`, with an environment of its own (`env`): not
 * interactive, no colours unless the test asks.
 */
export async function cli(args: string[], cwd = REPO, stdin = '', env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, interactive: false, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => stdin });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'epl-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `dir` (relative path → content). */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out[p] = fs.readFileSync(path.join(dir, p), 'utf8');
    }
  };
  walk('');
  return out;
}

/**
 * Synthesizes an example into `out` (a fresh directory by default), with its secrets file beside
 * `out` (not beside the example), and returns the output directory.
 */
export async function synthExample(entry = EXAMPLE, out = path.join(tempDir(), 'out')): Promise<string> {
  const run = await cli(['synth', entry, '--out', out, '--secrets', secretsBeside(out)]);
  if (run.code !== 0) throw new Error(`synth failed (${run.code}):\n${run.stderr}`);
  return out;
}

/** The secrets file tests keep beside an output directory. */
export function secretsBeside(out: string): string {
  return path.join(path.dirname(out), 'epl.secrets.yml');
}

/** The secrets of a secrets file, by key. */
export function readSecrets(file: string): Record<string, string> {
  const parsed = parseSecretsState(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problem.detail}`);
  return { ...parsed.state.secrets };
}

/** The committed test secrets (test/fixtures/single-dc.secrets.yml). */
export function fixtureSecrets(): Record<string, string> {
  return readSecrets(path.join(__dirname, '..', 'fixtures', 'single-dc.secrets.yml'));
}

/**
 * Synthesizes an example in-process with the committed test secrets and a fixed clock, so the
 * output is the same on every machine (snapshots).
 */
export async function synthExampleInMemory(entry = EXAMPLE): Promise<{ files: Record<string, string>; modes: Record<string, number>; generated: readonly string[] }> {
  const { loadEntry } = await import('../../synth/cli/load-entry');
  const { synthesize } = await import('../../synth/synth');
  const { NOW } = await import('./emit');
  const loaded = await loadEntry(entry, { typecheck: false });
  if (!loaded.app) throw new Error(JSON.stringify(loaded.diagnostics));
  const previousSecrets = fixtureSecrets();
  const result = await synthesize(loaded.app, { previousSecrets, now: NOW });
  if (!result.files) throw new Error(JSON.stringify(result.diagnostics));
  const files: Record<string, string> = {};
  const modes: Record<string, number> = {};
  for (const f of result.files.list()) {
    files[f.path] = f.content;
    modes[f.path] = f.mode;
  }
  return { files, modes, generated: result.generatedSecrets };
}

/** A project of its own: a temp directory with `node_modules/` (so caches stay in it) and `epl.ts`. */
export interface Project {
  readonly dir: string;
  readonly file: string;
  /** The line of the change, when one was made. */
  readonly line: number;
}

/**
 * A copy of the example in a project of its own, with `from` replaced by `to` when given. Its
 * verification cache is shared by the tests of this process (type checks and Postgres results of
 * the same content are reused), unless `freshCache`.
 */
export function exampleProject(from?: string, to?: string, opts: { freshCache?: boolean } = {}): Project {
  let text = fs.readFileSync(EXAMPLE, 'utf8');
  let line = 0;
  if (from !== undefined && to !== undefined) {
    if (!text.includes(from)) throw new Error(`example has no '${from}'`);
    text = text.replace(from, to);
    line = text.slice(0, text.indexOf(to)).split('\n').length;
  }
  return projectWith(text, line, opts);
}

const sharedCache = path.join(os.tmpdir(), `epl-test-cache-${process.pid}`);

/** A project whose entry is `source`. */
export function projectWith(source: string, line = 0, opts: { freshCache?: boolean } = {}): Project {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'node_modules', '.cache'), { recursive: true });
  if (!opts.freshCache) {
    fs.mkdirSync(sharedCache, { recursive: true });
    fs.symlinkSync(sharedCache, path.join(dir, 'node_modules', '.cache', 'epl'));
  }
  fs.writeFileSync(path.join(dir, 'epl.ts'), source);
  return { dir, file: path.join(dir, 'epl.ts'), line };
}
