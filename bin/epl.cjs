#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm install` runs).
require('../dist/synth/cli/main.js').main();
