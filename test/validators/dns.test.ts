import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample } from '../helpers/cli';
import { hasTool, runTool } from '../helpers/tools';

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

  it('accepts every zone', () => {
    if (!hasTool('named-checkzone')) return;
    for (const file of zones) {
      const zone = path.basename(file, '.zone');
      const r = runTool('named-checkzone', ['-k', 'fail', '-n', 'fail', zone, path.join(out, file)]);
      expect(r.stdout + r.stderr, file).toMatch(/OK/);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
  });
});
