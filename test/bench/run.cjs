#!/usr/bin/env node
'use strict';
// Synth benchmarks (`npm run bench`): times the phases of synthesizing examples/single-dc with
// the built code. Prints numbers; asserts nothing.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const repo = path.resolve(__dirname, '..', '..');
const entry = path.join(repo, 'examples', 'single-dc', 'epl.ts');
const dist = (p) => require(path.join(repo, 'dist', p));
const { loadEntry } = dist('synth/cli/load-entry.js');
const { synthesize, validate } = dist('synth/synth.js');
const { writeTree } = dist('lib/files/writer.js');
const { parseSecretsFile } = dist('synth/secrets/secrets-file.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
const time = async (fn) => {
  const s = performance.now();
  const r = await fn();
  return [performance.now() - s, r];
};

async function main() {
  const runs = Number(process.env.BENCH_RUNS || 5);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-bench-'));
  const out = path.join(tmp, 'out');
  const cacheDir = path.join(tmp, 'cache');
  const t = { load: [], rules: [], cold: [], warm: [], write: [] };
  let secrets = {};
  for (let i = 0; i < runs; i++) {
    const [load, loaded] = await time(() => loadEntry(entry));
    t.load.push(load);
    t.rules.push((await time(() => validate(loaded.app)))[0]);
    // cold: no cache, every secret generated; warm: cached verification, secrets kept
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const fresh = (await loadEntry(entry)).app;
    const [cold, r] = await time(() => synthesize(fresh, { pg: { cacheDir } }));
    t.cold.push(cold);
    secrets = parseSecretsFile(r.files.get('secrets.yml').content);
    const again = (await loadEntry(entry)).app;
    const [warm, r2] = await time(() => synthesize(again, { previousSecrets: secrets, pg: { cacheDir } }));
    t.warm.push(warm);
    if (r2.pgVerified.length !== 0 || r2.pgCached.length !== 1) throw new Error('expected a cache hit');
    t.write.push((await time(() => writeTree(out, r2.files)))[0]);
  }
  console.log(`median of ${runs} in-process runs:`);
  console.log(`  load entry (esbuild + run)          ${ms(median(t.load))}`);
  console.log(`  rules only                          ${ms(median(t.rules))}`);
  console.log(`  synth, cold (verify PG, new secrets) ${ms(median(t.cold))}`);
  console.log(`  synth, warm (PG cached, secrets kept) ${ms(median(t.warm))}`);
  console.log(`  write output                        ${ms(median(t.write))}`);

  const cli = (args) => {
    const s = performance.now();
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/epl.cjs'), ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - s;
  };
  const cmdWarm = [];
  const cmdNoCache = [];
  for (let i = 0; i < 3; i++) {
    cmdNoCache.push(cli(['synth', entry, '--out', out, '--no-cache']));
    cmdWarm.push(cli(['synth', entry, '--out', out]));
  }
  console.log('whole command, median of 3 (secrets kept in out/):');
  console.log(`  epl synth --no-cache (verifies PG)  ${ms(median(cmdNoCache))}`);
  console.log(`  epl synth (PG cached)               ${ms(median(cmdWarm))}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
