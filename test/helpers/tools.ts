import { spawnSync } from 'node:child_process';

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
