#!/usr/bin/env node
'use strict';
// Regenerates docs/errors.md, docs/api.md and constructs/core/prop-shapes.generated.ts (run through
// `npm run docs`, which builds first).
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const { renderErrorCatalogue } = require('../dist/synth/rules/catalogue.js');
const { ALL_RULES } = require('../dist/synth/rules/index.js');
const { renderApiReference } = require('../dist/synth/docs/api-reference.js');
const { renderPropShapes } = require('../dist/synth/docs/prop-shapes.js');
fs.writeFileSync(path.join(root, 'docs', 'errors.md'), renderErrorCatalogue(ALL_RULES));
fs.writeFileSync(path.join(root, 'docs', 'api.md'), renderApiReference(root));
fs.writeFileSync(path.join(root, 'constructs', 'core', 'prop-shapes.generated.ts'), renderPropShapes(root));
console.log(`wrote docs/errors.md (${ALL_RULES.length} rules), docs/api.md and constructs/core/prop-shapes.generated.ts`);
