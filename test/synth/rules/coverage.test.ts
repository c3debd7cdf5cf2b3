import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../../synth/rules';
import { PG_CHECKS } from '../../../synth/verify/pg/checks';

/**
 * Every rule must be triggered by a test in this folder or a component's test folder: its code has to appear in an expected
 * diagnostic (`code: '...'`), an `expectPaths(app, '...')` or a `fails('...', ...)` call. The passing side is the
 * standard platform, which every rule test file checks with `expectDiagnostics(app, [])`.
 */
describe('rule test coverage', () => {
  const dir = __dirname;
  // Component rules are tested beside their component (test/synth/components/<name>/).
  const components = path.join(dir, '..', 'components');
  const sources = [
    ...fs.readdirSync(dir).filter((f) => f !== path.basename(__filename)).map((f) => path.join(dir, f)),
    ...fs.readdirSync(components, { recursive: true, encoding: 'utf8' }).map((f) => path.join(components, f)),
  ]
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');

  it('has a triggering test for every rule', () => {
    const untested = ALL_RULES.map((r) => r.code).filter((code) => {
      const [domain, name] = code.split('/');
      const literal = new RegExp(`code: [\`']${domain}/${name}[\`']|expectPaths\\([^)]*'${domain}/${name}'|fails\\('${domain}/${name}'`);
      // quorum rules are tested through a template literal over the three services
      const templated = /-quorum(-spread)?$/.test(code) && sources.includes(`servers/\${svc}${code.endsWith('-spread') ? '-quorum-spread' : '-quorum'}`);
      return !literal.test(sources) && !templated && !sources.includes(`code: '${code}'`);
    });
    expect(untested).toEqual([]);
  });

  it('has a test that finds every database check', () => {
    const verifyTests = fs
      .readdirSync(path.join(dir, '..', 'verify'))
      .map((f) => fs.readFileSync(path.join(dir, '..', 'verify', f), 'utf8'))
      .join('\n');
    expect(Object.values(PG_CHECKS).map((c) => c.code).filter((code) => !verifyTests.includes(`'${code} @`))).toEqual([]);
  });
});
