import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../synth/cli/main';

export const REPO = path.resolve(__dirname, '..', '..');
export const EXAMPLE = path.join(REPO, 'examples', 'single-dc', 'epl.ts');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, as `epl <args>` in `cwd`. */
export async function cli(args: string[], cwd = REPO, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, color: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => stdin });
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

/** Synthesizes an example into `out` (a fresh directory by default) and returns it. */
export async function synthExample(entry = EXAMPLE, out = path.join(tempDir(), 'out')): Promise<string> {
  const run = await cli(['synth', entry, '--out', out]);
  if (run.code !== 0) throw new Error(`synth failed (${run.code}):\n${run.stderr}`);
  return out;
}

/**
 * Synthesizes an example in-process with the committed test secrets and a fixed clock, so the
 * output is the same on every machine (snapshots).
 */
export async function synthExampleInMemory(entry = EXAMPLE): Promise<{ files: Record<string, string>; modes: Record<string, number>; generated: readonly string[] }> {
  const { loadEntry } = await import('../../synth/cli/load-entry');
  const { synthesize } = await import('../../synth/synth');
  const { parseSecretsFile } = await import('../../synth/secrets/secrets-file');
  const { NOW } = await import('./emit');
  const loaded = await loadEntry(entry);
  if (!loaded.app) throw new Error(JSON.stringify(loaded.diagnostics));
  const previousSecrets = parseSecretsFile(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'single-dc.secrets.yml'), 'utf8'));
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
