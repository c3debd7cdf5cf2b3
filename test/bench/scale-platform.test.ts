import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli';
import { scalePlatformSource } from './scale-platform';

describe('the scale benchmark platform', () => {
  it('passes every rule, so the benchmark times a full synth and not an error report', async () => {
    const entry = path.join(tempDir(), 'epl.ts');
    fs.writeFileSync(entry, scalePlatformSource(20));
    const run = await cli(['validate', entry, '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ diagnostics: [], errors: 0 });
    expect(run.code).toBe(0);
  });

  it('grows by servers only', () => {
    expect(scalePlatformSource(1000)).toContain('const SERVERS = 1000;');
    expect(() => scalePlatformSource(7)).toThrow();
  });
});
