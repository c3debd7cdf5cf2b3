#!/usr/bin/env node
'use strict';
// Synth benchmarks (`npm run bench`): times the phases of synthesizing examples/single-dc with
// the built CLI. Prints numbers; asserts nothing.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const repo = path.resolve(__dirname, '..', '..');
const entry = path.join(repo, 'examples', 'single-dc', 'epl.ts');
const { loadEntry } = require(path.join(repo, 'dist/synth/cli/load-entry.js'));
const { synthesize } = require(path.join(repo, 'dist/synth/synth.js'));
const { writeTree } = require(path.join(repo, 'dist/lib/files/writer.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

async function main() {
  const runs = Number(process.env.BENCH_RUNS || 10);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'epl-bench-')), 'out');
  const t = { load: [], synth: [], write: [] };
  for (let i = 0; i < runs; i++) {
    let s = performance.now();
    const { app } = await loadEntry(entry);
    t.load.push(performance.now() - s);
    s = performance.now();
    const result = synthesize(app);
    t.synth.push(performance.now() - s);
    s = performance.now();
    writeTree(out, result.files);
    t.write.push(performance.now() - s);
  }
  console.log(`in-process, median of ${runs}: load ${fmt(median(t.load))}, rules+emit ${fmt(median(t.synth))}, write ${fmt(median(t.write))}`);

  const cold = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/epl.cjs'), 'synth', entry, '--out', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    cold.push(performance.now() - s);
  }
  console.log(`whole command (node bin/epl.cjs synth), median of 5: ${fmt(median(cold))}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
