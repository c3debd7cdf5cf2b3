import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPropShapes } from '../../synth/docs/prop-shapes';

describe('constructs/core/prop-shapes.generated.ts', () => {
  const repo = path.join(__dirname, '..', '..');
  const text = renderPropShapes(repo);

  it('is current (regenerate with `npm run docs`)', () => {
    expect(fs.readFileSync(path.join(repo, 'constructs', 'core', 'prop-shapes.generated.ts'), 'utf8')).toBe(text);
  });

  it('has the shape of every props interface, with optional props and kinds from the types', () => {
    expect(text).toContain('ServerProps: {');
    expect(text).toContain('"interfaces": { kind: { array: { shape: "NetworkInterfaceProps" } }, optional: false },');
    expect(text).toContain('"network": { kind: { instance: "Network" }, optional: false },');
    expect(text).toContain('"implementation": { kind: { oneOf: ["testvms", "bm_simple"], name: "DatacenterImplementation" }, optional: false },');
  });
});
