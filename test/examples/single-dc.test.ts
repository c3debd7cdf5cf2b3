import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample, synthExampleInMemory } from '../helpers/cli';

describe('examples/single-dc', () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    const result = await synthExampleInMemory();
    expect(result.generated).toEqual([]);
    files = result.files;
  });

  it('matches the committed snapshots (with the committed test secrets)', async () => {
    for (const [file, content] of Object.entries(files)) {
      // A committed `.gitignore` would act on the snapshot directory itself.
      await expect(content, file).toMatchFileSnapshot(`__snapshots__/single-dc/${file.replace(/(^|\/)\.gitignore$/, '$1dot-gitignore')}`);
    }
  });

  it('gives byte-identical output, secrets included, when synthesized twice into one directory', async () => {
    const out = await synthExample();
    const first = readTree(out);
    const again = readTree(await synthExample(undefined, out));
    expect(again).toEqual(first);
  });
});
