#!/usr/bin/env node
'use strict';
// Synth benchmarks (`npm run bench`): times the phases of synthesizing examples/single-dc with
// the built code, then whole `epl synth` commands on generated platforms of 100 and 1,000
// servers (test/bench/scale-platform.ts). Prints numbers and ratios; asserts nothing.
// BENCH_RUNS sets the runs of the in-process phases (default 5), BENCH_SCALE_RUNS those of the
// scale commands (default 3), BENCH_ONLY=scale skips the first part.
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
const { renderSecretsState } = dist('synth/secrets/state-file.js');

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
  const t = { load: [], typed: [], rules: [], cold: [], warm: [], write: [] };
  let secrets = {};
  for (let i = 0; i < runs; i++) {
    const [load, loaded] = await time(() => loadEntry(entry, { typecheck: false }));
    t.load.push(load);
    t.typed.push((await time(() => loadEntry(entry, { typecheck: true })))[0]);
    t.rules.push((await time(() => validate(loaded.app)))[0]);
    // cold: no cache, every secret generated; warm: cached verification, secrets kept
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const fresh = (await loadEntry(entry, { typecheck: false })).app;
    const [cold, r] = await time(() => synthesize(fresh, { pg: { cacheDir } }));
    t.cold.push(cold);
    secrets = r.secrets;
    const again = (await loadEntry(entry, { typecheck: false })).app;
    const [warm, r2] = await time(() => synthesize(again, { previousSecrets: secrets, pg: { cacheDir } }));
    t.warm.push(warm);
    if (r2.pgVerified.length !== 0 || r2.pgCached.length !== 1) throw new Error('expected a cache hit');
    t.write.push((await time(() => writeTree(out, r2.files)))[0]);
  }
  console.log(`median of ${runs} in-process runs:`);
  console.log(`  load entry (esbuild + run)          ${ms(median(t.load))}`);
  console.log(`  load entry + type check (uncached)  ${ms(median(t.typed))}`);
  console.log(`  rules only                          ${ms(median(t.rules))}`);
  console.log(`  synth, cold (verify PG, new secrets) ${ms(median(t.cold))}`);
  console.log(`  synth, warm (PG cached, secrets kept) ${ms(median(t.warm))}`);
  console.log(`  write output                        ${ms(median(t.write))}`);

  // The output written above was made with these secrets: synth refuses to go on without them.
  const secretsFile = path.join(tmp, 'epl.secrets.yml');
  fs.writeFileSync(secretsFile, renderSecretsState({ secrets, rotate: [] }), { mode: 0o600 });
  const cli = (args) => {
    const s = performance.now();
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/epl.cjs'), ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - s;
  };
  const cmdWarm = [];
  const cmdNoCache = [];
  for (let i = 0; i < 3; i++) {
    cmdNoCache.push(cli(['synth', entry, '--out', out, '--secrets', secretsFile, '--no-cache']));
    cmdWarm.push(cli(['synth', entry, '--out', out, '--secrets', secretsFile]));
  }
  console.log('whole command, median of 3 (secrets kept):');
  console.log(`  epl synth --no-cache (verifies PG)  ${ms(median(cmdNoCache))}`);
  console.log(`  epl synth (PG cached)               ${ms(median(cmdWarm))}`);
}

/** Loads the TypeScript generator through esbuild (a dependency already). */
function scalePlatformSource(servers) {
  const built = require('esbuild').buildSync({ entryPoints: [path.join(__dirname, 'scale-platform.ts')], bundle: true, platform: 'node', format: 'cjs', write: false });
  const m = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(m, m.exports, require);
  return m.exports.scalePlatformSource(servers);
}

/** Runs `epl synth` as a user does; returns wall time and the process's peak RSS. */
function synthCommand(entry, out, rssFile) {
  const s = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(__dirname, 'rss.cjs'), path.join(repo, 'bin/epl.cjs'), 'synth', entry, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, EPL_BENCH_RSS_FILE: rssFile },
  });
  const wall = performance.now() - s;
  if (r.status !== 0) throw new Error(r.stderr);
  return { wall, rssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}

async function scale() {
  const runs = Number(process.env.BENCH_SCALE_RUNS || 3);
  const sizes = [100, 1000];
  const results = {};
  for (const n of sizes) {
    // A project directory with node_modules, so the verification cache lives inside it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `epl-bench-scale-${n}-`));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    const entry = path.join(dir, 'epl.ts');
    fs.writeFileSync(entry, scalePlatformSource(n));
    const out = path.join(dir, 'out');
    const rss = path.join(dir, 'rss');
    const cold = [];
    const warm = [];
    for (let i = 0; i < runs; i++) {
      // cold: no output, no secrets, no cache; warm: the same command again, nothing changed
      fs.rmSync(out, { recursive: true, force: true });
      fs.rmSync(path.join(dir, 'epl.secrets.yml'), { force: true });
      fs.rmSync(path.join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
      cold.push(synthCommand(entry, out, rss));
      warm.push(synthCommand(entry, out, rss));
    }
    results[n] = {
      cold: median(cold.map((r) => r.wall)),
      warm: median(warm.map((r) => r.wall)),
      coldRss: Math.max(...cold.map((r) => r.rssMiB)),
      warmRss: Math.max(...warm.map((r) => r.rssMiB)),
    };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`whole \`epl synth\` on generated platforms (five datacenters, two disks per server), median of ${runs}:`);
  console.log('  servers      cold     warm  peak RSS cold/warm   cold per server  warm per server');
  for (const n of sizes) {
    const r = results[n];
    console.log(
      `  ${String(n).padStart(7)} ${ms(r.cold).padStart(9)} ${ms(r.warm).padStart(8)} ${`${r.coldRss.toFixed(0)}/${r.warmRss.toFixed(0)} MiB`.padStart(18)} ` +
        `${`${(r.cold / n).toFixed(2)} ms`.padStart(17)} ${`${(r.warm / n).toFixed(2)} ms`.padStart(16)}`,
    );
  }
  const [small, large] = sizes.map((n) => results[n]);
  console.log('ratios:');
  console.log(`  warm / cold at 1,000 servers        ${((large.warm / large.cold) * 100).toFixed(1)} %   (target: at most 25 %)`);
  console.log(`  cold 1,000 / cold 100 servers       ${(large.cold / small.cold).toFixed(2)}x  (target: at most 12x; 10x is linear)`);
  console.log(`  warm 1,000 / warm 100 servers       ${(large.warm / small.warm).toFixed(2)}x`);
}

(process.env.BENCH_ONLY === 'scale' ? scale() : main().then(scale)).catch((e) => {
  console.error(e);
  process.exit(1);
});
