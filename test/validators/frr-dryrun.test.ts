import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, REPO, synthExample, tempDir } from '../helpers/cli';
import { hasFrr } from '../helpers/frr';
import { runTool } from '../helpers/tools';

/**
 * FRR's own parser (`vtysh --dryrun`) over every frr.conf the multi-dc example renders: the text
 * the servers' bundles carry and FRR loads at start. vtysh --dryrun prints each line it rejects
 * and exits non-zero; both count.
 */
describe('vtysh --dryrun on every generated frr.conf', () => {
  const run = hasFrr();
  let out = '';
  let confs: string[] = [];
  beforeAll(async () => {
    out = await synthExample(path.join(REPO, 'examples', 'multi-dc', 'epl.ts'));
    confs = Object.keys(readTree(out)).filter((f) => f.endsWith('/frr.conf')).sort();
  }, 120_000);

  it('finds the configurations of the routers and the gateways', () => {
    expect(confs.map((f) => f.split('/')[2])).toEqual(['dc1-gw1', 'dc1-gw2', 'dc2-gw1', 'dc2-gw2', 'dc3-gw1', 'dc3-gw2', 'dc3-rtr1', 'dc3-rtr2']);
  });

  it('accepts each of them', () => {
    if (!run) return;
    for (const f of confs) {
      const r = runTool('vtysh', ['--dryrun', '-f', path.join(out, f)]);
      expect(r.stdout + r.stderr, f).toBe('');
      expect(r.status, f).toBe(0);
    }
  });

  it('is a live check: a configuration with a wrong line fails', () => {
    if (!run) return;
    const dir = tempDir('epl-frr-dryrun-');
    const bad = path.join(dir, 'frr.conf');
    fs.writeFileSync(bad, fs.readFileSync(path.join(out, confs[0]!), 'utf8').replace('router bgp', 'router bgpx'));
    const r = runTool('vtysh', ['--dryrun', '-f', bad]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/Unknown command/);
  });
});
