import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_COMPONENTS } from '../../../synth/components/registry.generated';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render } = require('../../../scripts/gen-components.cjs') as { render: () => string };
const dir = path.join(__dirname, '../../../synth/components');

describe('component registry', () => {
  it('is current: every folder with an index.ts is registered (npm run build regenerates it)', () => {
    expect(fs.readFileSync(path.join(dir, 'registry.generated.ts'), 'utf8')).toBe(render());
  });

  it('names each component after its folder', () => {
    const folders = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'index.ts'))).map((e) => e.name).sort();
    expect(ALL_COMPONENTS.map((c) => c.name).sort()).toEqual(folders);
  });
});
