import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Whether an external tool is on PATH. With EPL_REQUIRE_TOOLS=1 (set in CI) a missing tool is an
 * error, so a validator can never pass by skipping.
 */
export function hasTool(name: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.EPL_REQUIRE_TOOLS === '1') {
    throw new Error(`${name} is required (EPL_REQUIRE_TOOLS=1) but not installed; .ci/run installs it with apt-get`);
  }
  return found;
}

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * The lines of stderr that report an error. Validators judge these and the exit status, never
   * the rest of stderr: a tool may warn about its environment (nix about a missing `nixbld`
   * group on a fresh machine, npm about a newer version), which says nothing about epl's output.
   */
  readonly errors: readonly string[];
}

export interface ToolOptions {
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs a validating tool in the C locale, so its messages read the same on every machine. */
export function runTool(cmd: string, args: readonly string[], opts: ToolOptions = {}): ToolRun {
  const r = spawnSync(cmd, [...args], {
    input: opts.input,
    cwd: opts.cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANGUAGE: '', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const errors = r.stderr.split('\n').filter((l) => /^\s*(error|fatal)\b/i.test(l));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, errors };
}

/**
 * Environment for nix-instantiate and nix that reads no user or machine configuration beyond the
 * defaults, with its state in a scratch directory: the validators then behave the same whether or
 * not the machine ever ran Nix, as root or not.
 */
export function nixEnv(): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-nix-'));
  return {
    NIX_CONF_DIR: path.join(dir, 'etc'),
    NIX_USER_CONF_FILES: path.join(dir, 'nix.conf'),
    NIX_STATE_DIR: path.join(dir, 'state'),
    NIX_LOG_DIR: path.join(dir, 'log'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    NIX_REMOTE: '',
  };
}

/**
 * Runs `command` with root's powers: directly when this process is root, else inside a user
 * namespace that maps this user to root (`unshare --map-root-user`), so a test that needs root
 * runs on every machine instead of skipping when it is not.
 */
export function asRoot(command: readonly string[]): string[] {
  return process.getuid?.() === 0 ? [...command] : ['unshare', '--map-root-user', ...command];
}

/**
 * Checks a zone file with BIND's named-checkzone, strictly: bad names and NS records fail (`-k fail
 * -n fail`), in-zone integrity is checked without lookups (`-i local`), and every warning — a
 * delegation without its glue addresses, say — counts as a problem, since named-checkzone only
 * warns about those and resolvers cannot follow such a delegation.
 */
export function checkZone(zone: string, file: string): { status: number | null; problems: string[]; output: string } {
  const r = runTool('named-checkzone', ['-k', 'fail', '-n', 'fail', '-i', 'local', zone, file]);
  const output = r.stdout + r.stderr;
  const problems = output.split('\n').filter((l) => l.trim() !== '' && l !== 'OK' && !/^zone \S+: loaded serial \d+$/.test(l));
  return { status: r.status, problems, output };
}
