import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli';

// Synthesizes the example in a fresh node per locale (ICU reads LANG at start-up) with the committed
// test secrets and a fixed clock, and prints a digest of every file's path, mode and content.
const SCRIPT = `
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const dist = (p) => require(${JSON.stringify(path.join(REPO, 'dist'))} + '/' + p);
const { loadEntry } = dist('synth/cli/load-entry.js');
const { synthesize } = dist('synth/synth.js');
const { parseSecretsState } = dist('synth/secrets/state-file.js');
(async () => {
  const loaded = await loadEntry(${JSON.stringify(path.join(REPO, 'examples/single-dc/epl.ts'))}, { typecheck: false });
  const previousSecrets = parseSecretsState(fs.readFileSync(${JSON.stringify(path.join(REPO, 'test/fixtures/single-dc.secrets.yml'))}, 'utf8')).state.secrets;
  const r = await synthesize(loaded.app, { previousSecrets, now: new Date('2026-11-01T00:00:00Z'), pg: { cacheDir: process.env.EPL_TEST_CACHE } });
  const h = createHash('sha256');
  for (const f of r.files.list()) h.update(f.path + '\\0' + f.mode + '\\0' + f.content + '\\0');
  process.stdout.write(JSON.stringify({ digest: h.digest('hex'), generated: r.generatedSecrets.length, locale: Intl.DateTimeFormat().resolvedOptions().locale }));
})();
`;

describe('output does not depend on the locale', () => {
  it('is byte-identical under several LANG values', () => {
    // Under Czech, Lithuanian and Hawaiian collation localeCompare ordered the example's volumes and
    // fields differently; the Postgres verification is cached after the first run.
    const cache = tempDir();
    const results = ['C', 'en_US.UTF-8', 'cs_CZ.UTF-8', 'lt_LT.UTF-8', 'haw_US.UTF-8', 'tr_TR.UTF-8'].map((lang) => {
      const env = { ...process.env, LANG: lang, LC_ALL: lang, LC_COLLATE: lang, EPL_TEST_CACHE: cache };
      const r = spawnSync(process.execPath, ['-e', SCRIPT], { env, encoding: 'utf8', cwd: REPO });
      expect(r.status, r.stderr).toBe(0);
      return { lang, ...(JSON.parse(r.stdout) as { digest: string; generated: number; locale: string }) };
    });
    // ICU did pick the locales up, so the comparison means something.
    expect(new Set(results.map((r) => r.locale)).size).toBeGreaterThan(3);
    expect(results.every((r) => r.generated === 0)).toBe(true);
    expect(new Set(results.map((r) => r.digest)).size, JSON.stringify(results, null, 1)).toBe(1);
  }, 120_000);
});
