import { spawnSync } from 'node:child_process';
import { hasTool } from './tools';

/**
 * Shell helpers for the validators that build small networks of namespaces (`ip netns`) and run
 * real daemons or packets through them.
 */

/** Runs a shell command; its status and its stdout and stderr together. */
export function sh(command: string): { status: number | null; out: string } {
  const r = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Runs a shell command that must succeed, and returns its output. */
export function must(command: string): string {
  const r = sh(command);
  if (r.status !== 0) throw new Error(`${command}: ${r.out}`);
  return r.out;
}

/**
 * Whether a test that makes network namespaces can run: its tools, and root. With
 * EPL_REQUIRE_TOOLS=1 (set in CI) a missing tool or missing root fails instead of skipping.
 */
export function canUseNamespaces(test: string, tools: readonly string[]): boolean {
  if (!['ip', ...tools].every((t) => hasTool(t))) return false;
  if (process.getuid?.() !== 0) {
    if (process.env.EPL_REQUIRE_TOOLS === '1') throw new Error(`the ${test} test makes network namespaces and needs root (EPL_REQUIRE_TOOLS=1)`);
    return false;
  }
  return true;
}
