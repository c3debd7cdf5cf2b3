#!/usr/bin/env node
'use strict';
// Regenerates docs/errors.md from the rules (run through `npm run docs`, which builds first).
const fs = require('node:fs');
const path = require('node:path');
const { renderErrorCatalogue } = require('../dist/synth/rules/catalogue.js');
const { ALL_RULES } = require('../dist/synth/rules/index.js');
const file = path.join(__dirname, '..', 'docs', 'errors.md');
fs.writeFileSync(file, renderErrorCatalogue(ALL_RULES));
console.log(`wrote ${path.relative(process.cwd(), file)} (${ALL_RULES.length} rules)`);
