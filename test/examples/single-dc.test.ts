import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample } from '../helpers/cli';

describe('examples/single-dc', () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    files = readTree(await synthExample());
  });

  it('matches the committed snapshots', async () => {
    for (const [file, content] of Object.entries(files)) {
      await expect(content, file).toMatchFileSnapshot(`__snapshots__/single-dc/${file}`);
    }
  });

  it('gives byte-identical output from a fresh synth', async () => {
    expect(readTree(await synthExample())).toEqual(files);
  });
});
