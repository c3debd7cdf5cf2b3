import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shdq, shq } from '../../../lib/shell/quote';

const HOSTILE = ['plain', '', "it's", 'a "quote"', 'back\\slash', '$HOME and ${x}', '`id` and $(id)', '# Do not edit: `epl synth` overwrites this file.', 'new\nline', '!bang *glob?'];

/** What sh makes of `word` as the argument of printf. */
function throughSh(word: string): string {
  const r = spawnSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('shell quoting', () => {
  it('gives sh back the text, in single quotes', () => {
    for (const text of HOSTILE) expect(throughSh(shq(text)), text).toBe(text);
  });

  it('gives sh back the text, in double quotes', () => {
    for (const text of HOSTILE) expect(throughSh(shdq(text)), text).toBe(text);
    expect(shdq('`epl synth`')).toBe('"\\`epl synth\\`"');
  });
});
