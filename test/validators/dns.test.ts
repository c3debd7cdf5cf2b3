import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample, tempDir } from '../helpers/cli';
import { checkZone, hasTool } from '../helpers/tools';

describe('named-checkzone on every emitted zone', () => {
  let out: string;
  let zones: string[];
  beforeAll(async () => {
    out = await synthExample();
    zones = Object.keys(readTree(out)).filter((f) => f.startsWith('dns/') && f.endsWith('.zone'));
  });

  it('emits the TLD, region and reverse zones', () => {
    expect(zones.sort()).toEqual(['dns/10.in-addr.arpa.zone', 'dns/17.10.in-addr.arpa.zone', 'dns/epl-infra.net.zone', 'dns/us-west.epl-infra.net.zone']);
  });

  it('accepts every zone, warnings counting as failures', () => {
    if (!hasTool('named-checkzone')) return;
    for (const file of zones) {
      const zone = path.basename(file, '.zone');
      const r = checkZone(zone, path.join(out, file));
      expect(r.problems, file).toEqual([]);
      expect(r.status, r.output).toBe(0);
    }
  });

  it('gives the delegation of a region zone its glue, and fails a zone without (the check can fail)', () => {
    const file = path.join(out, 'dns/epl-infra.net.zone');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^ns1\.us-west IN A {5}77\.77\.77\.13$/m);
    expect(text).toMatch(/^ns2\.us-west IN A {5}77\.77\.77\.12$/m);
    if (!hasTool('named-checkzone')) return;
    const copy = path.join(tempDir(), 'epl-infra.net.zone');
    fs.writeFileSync(copy, text.replace(/^ns\d\.us-west .*\n/gm, ''));
    expect(checkZone('epl-infra.net', copy).problems.join('\n')).toMatch(/has no REQUIRED GLUE/);
  });
});
