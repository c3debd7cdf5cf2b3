import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SecretChecks } from '../secrets/ensure';
import { sortedBy } from '../../lib/text/order';

/**
 * Where verification results are cached: `node_modules/.cache/epl` of the project the entry is
 * in (the convention of Babel, ESLint and others), or `~/.cache/epl`.
 */
export function cacheDirFor(entry: string): string {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'epl');
  }
  return path.join(os.homedir(), '.cache', 'epl');
}

/** One file per secrets file, so projects sharing a cache directory do not evict each other. */
function secretChecksFile(cacheDir: string, secretsFile: string): string {
  return path.join(cacheDir, `secret-checks-${createHash('sha256').update(path.resolve(secretsFile)).digest('hex').slice(0, 16)}.json`);
}

/** Checks of the secrets made by the last synth; none when the cache is missing or unreadable. */
export function readSecretChecks(cacheDir: string, secretsFile: string): SecretChecks {
  try {
    const parsed = JSON.parse(fs.readFileSync(secretChecksFile(cacheDir, secretsFile), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SecretChecks) : {};
  } catch {
    return {};
  }
}

/**
 * Records this synth's checks for the next one. The cache only saves time, so a cache that cannot
 * be written costs a slower next synth, not this one: failures are returned, not thrown.
 */
export function writeSecretChecks(cacheDir: string, secretsFile: string, checks: SecretChecks): string | undefined {
  const file = secretChecksFile(cacheDir, secretsFile);
  const text = JSON.stringify(Object.fromEntries(sortedBy(Object.entries(checks), ([digest]) => digest)));
  try {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return undefined;
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text, { mode: 0o644 });
    fs.renameSync(tmp, file);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
