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
export async function cli(args: string[], cwd = REPO): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, color: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
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

/** Synthesizes an example into a fresh directory and returns it. */
export async function synthExample(entry = EXAMPLE): Promise<string> {
  const out = path.join(tempDir(), 'out');
  const run = await cli(['synth', entry, '--out', out]);
  if (run.code !== 0) throw new Error(`synth failed (${run.code}):\n${run.stderr}`);
  return out;
}
