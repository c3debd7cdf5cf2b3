#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm install` runs).
const path = require('node:path');
const main = path.join(__dirname, '..', 'dist', 'synth', 'cli', 'main.js');
let cli;
try {
  cli = require(main);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(main)) {
    process.stderr.write('epl: the compiled code (dist/) is missing: run npm run build (npm install runs it too)\n');
    process.exit(2);
  }
  throw e;
}
cli.main();
