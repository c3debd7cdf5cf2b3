import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childDsRecords } from '../../../../synth/emit/dns';
import { renderZoneFile, soaMailbox } from '../../../../synth/emit/dns/zone-file';
import { tempDir } from '../../../helpers/cli';
import { emitContext } from '../../../helpers/emit';
import { platform } from '../../../helpers/platform';
import { checkZone, hasTool } from '../../../helpers/tools';

describe('zone files', () => {
  it('write the SOA mailbox with the local part escaped', () => {
    expect(soaMailbox('first.last@example.com')).toBe('first\\.last.example.com.');
  });

  it('include custom records, quoted TXT values and the DS of delegated zones, and pass named-checkzone', async () => {
    const p = platform({
      tld: {
        automaticCertificates: false,
        txtRecords: { '@': ['v=spf1 mx -all', 'quote " and \\ backslash'] },
        mxRecords: { '@': [{ priority: 10, value: 'mail.example.org.' }] },
        cnameRecords: { docs: 'example.github.io.' },
      },
    });
    const ctx = await emitContext(p.app);
    const zone = ctx.zones.find((z) => z.name === 'epl-infra.net')!;
    const text = renderZoneFile(ctx.model, zone, childDsRecords(zone, ctx.zones, ctx.secrets));
    expect(text).toMatch(/^@ +IN TXT {3}"quote \\" and \\\\ backslash"$/m);
    expect(text).toMatch(/^@ +IN MX {4}10 mail\.example\.org\.$/m);
    expect(text).toMatch(/^docs +IN CNAME example\.github\.io\.$/m);
    expect(text).toMatch(/^us-west IN DS \d+ 15 2 [0-9A-F]{64}$/m);
    if (!hasTool('named-checkzone')) return;
    const file = path.join(tempDir(), 'zone');
    fs.writeFileSync(file, text);
    const r = checkZone('epl-infra.net', file);
    expect(r.problems).toEqual([]);
    expect(r.status, r.output).toBe(0);
  });
});
