#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm install` runs). The
// command runs in a worker thread the main thread supervises (dist/synth/cli/supervisor.js), so
// an entry that never returns is stopped at its time limit; EPL_NO_WORKER=1 runs it directly.
const path = require('node:path');
const cli = path.join(__dirname, '..', 'dist', 'synth', 'cli');
const file = path.join(cli, process.env.EPL_NO_WORKER === '1' ? 'main.js' : 'supervisor.js');
let mod;
try {
  mod = require(file);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(file)) {
    process.stderr.write('epl: the compiled code (dist/) is missing: run npm run build (npm install runs it too)\n');
    process.exit(2);
  }
  throw e;
}
if (mod.supervise) mod.supervise(process.argv.slice(2));
else mod.main();
