import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiReference } from '../../synth/docs/api-reference';

describe('docs/api.md', () => {
  const repo = path.join(__dirname, '..', '..');
  const text = renderApiReference(repo);

  it('is current (regenerate with `npm run docs`)', () => {
    expect(fs.readFileSync(path.join(repo, 'docs', 'api.md'), 'utf8')).toBe(text);
  });

  it('documents the constructs, their props with defaults, and the enums', () => {
    expect(text).toContain('### Server\n');
    expect(text).toContain('new Server(scope: Construct, hostname: string, props: ServerProps)');
    expect(text).toMatch(/\| `defaultServerKind\?` \| `ServerKind` \| Kind of the servers that do not name one\. \| - for test VMs/);
    expect(text).toContain('### DatacenterImplementation');
  });
});
