import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childDsRecords } from '../../../../synth/emit/dns';
import { renderZoneFile, soaMailbox } from '../../../../synth/emit/dns/zone-file';
import { tempDir } from '../../../helpers/cli';
import { emitContext } from '../../../helpers/emit';
import { platform } from '../../../helpers/platform';
import { hasTool } from '../../../helpers/tools';

describe('zone files', () => {
  it('write the SOA mailbox with the local part escaped', () => {
    expect(soaMailbox('first.last@example.com')).toBe('first\\.last.example.com.');
  });

  it('include custom records, quoted TXT values and the DS of delegated zones, and pass named-checkzone', async () => {
    const p = platform({
      tld: {
        automaticCertificates: false,
        txtRecords: { '@': ['v=spf1 mx -all', 'quote " and \\ backslash'] },
        mxRecords: { '@': [{ priority: 10, value: 'mail.epl-infra.net.' }] },
        cnameRecords: { docs: 'example.github.io.' },
      },
    });
    const ctx = await emitContext(p.app);
    const zone = ctx.zones.find((z) => z.name === 'epl-infra.net')!;
    const text = renderZoneFile(ctx.model, zone, childDsRecords(zone, ctx.zones, ctx.secrets));
    expect(text).toContain('@       IN TXT   "quote \\" and \\\\ backslash"');
    expect(text).toContain('@       IN MX    10 mail.epl-infra.net.');
    expect(text).toContain('docs    IN CNAME example.github.io.');
    expect(text).toMatch(/^us-west IN DS \d+ 15 2 [0-9A-F]{64}$/m);
    if (!hasTool('named-checkzone')) return;
    const file = path.join(tempDir(), 'zone');
    fs.writeFileSync(file, text);
    const r = spawnSync('named-checkzone', ['-k', 'fail', '-n', 'fail', 'epl-infra.net', file], { encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
  });
});
