import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../synth/rules';
import { renderErrorCatalogue } from '../../synth/rules/catalogue';

describe('docs/errors.md', () => {
  it('is current (regenerate with `npm run docs`)', () => {
    const file = path.join(__dirname, '..', '..', 'docs', 'errors.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderErrorCatalogue(ALL_RULES));
  });

  it('documents every rule with a title and a doc paragraph', () => {
    for (const rule of ALL_RULES) {
      expect(rule.title.length, rule.code).toBeGreaterThan(10);
      expect(rule.doc.length, rule.code).toBeGreaterThan(30);
      expect(rule.title.endsWith('.'), rule.code).toBe(false);
    }
  });
});
