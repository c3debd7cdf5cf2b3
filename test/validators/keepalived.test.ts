import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTree, synthExample, tempDir } from '../helpers/cli';
import { keepalivedConfOf, onServer } from '../helpers/keepalived';
import { sh } from '../helpers/netns';
import { hasTool } from '../helpers/tools';

const AUTH = 'keepalived-auth.conf';

/**
 * `keepalived --config-test` on every keepalived.conf epl emits, as NixOS's module writes it from
 * configuration.nix, with the server's secret files where provisioning puts them (its included
 * authentication block). `-e` makes a missing include an error: keepalived only warns otherwise.
 */
describe('keepalived --config-test on every emitted keepalived.conf', () => {
  const run = hasTool('keepalived') && hasTool('nix-instantiate') && hasTool('unshare');
  let out = '';
  const confs = new Map<string, string>();
  const scratch = run ? tempDir('epl-keepalived-') : '';

  beforeAll(async () => {
    if (!run) return;
    out = await synthExample();
    for (const file of Object.keys(readTree(out)).filter((f) => f.endsWith('/configuration.nix')).sort()) {
      const conf = keepalivedConfOf(path.join(out, file));
      if (conf !== undefined) confs.set(file.split('/')[1]!, conf);
    }
  }, 120_000);

  /** keepalived's verdict on a configuration, with a server's bundle installed. */
  function configTest(host: string, conf: string, files: readonly string[] = [AUTH]): { status: number | null; out: string } {
    const file = path.join(scratch, `${host}-${Math.random().toString(36).slice(2)}.conf`);
    fs.writeFileSync(file, conf);
    return sh(onServer(path.join(out, 'secrets/servers', host), files, `keepalived -e --config-test -f ${file}`, path.join(scratch, 'notify.log')));
  }

  it('finds keepalived on the two VPN gateways of the single subnet, and nowhere else', () => {
    if (!run) return;
    expect([...confs.keys()]).toEqual(['server-c', 'server-d']);
  });

  it('passes, with nothing to say', () => {
    if (!run) return;
    for (const [host, conf] of confs) {
      const r = configTest(host, conf);
      expect(r.out.trim(), host).toBe('');
      expect(r.status, `${host}: ${r.out}`).toBe(0);
    }
  });

  it('is a check that fails: an unknown keyword, and a missing secret file, are refused', () => {
    if (!run) return;
    const [host, conf] = [...confs][0]!;
    expect(configTest(host, conf.replace('advert_int 1', 'advert_intt 1')).status).not.toBe(0);
    expect(configTest(host, conf, []).status).not.toBe(0);
  });
});
