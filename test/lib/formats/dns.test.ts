import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSoaEmail, soaMailbox, txtStrings } from '../../../lib/formats/dns';
import { renderZoneFile } from '../../../synth/emit/dns/zone-file';
import { childDsRecords } from '../../../synth/emit/dns';
import { tempDir } from '../../helpers/cli';
import { emitContext } from '../../helpers/emit';
import { platform } from '../../helpers/platform';
import { checkZone, hasTool, runTool } from '../../helpers/tools';

const HOSTILE_TXT = ['v=spf1 mx -all', 'quote " and \\ backslash', 'semi;colon (paren) $ORIGIN x', 'x'.repeat(253)];

describe('zone-file text', () => {
  it('escapes an SOA mailbox label by label, and knows which emails fit one', () => {
    expect(soaMailbox('first.last@example.com')).toBe('first\\.last.example.com.');
    expect(soaMailbox("o'brien+ops@example.com")).toBe("o\\'brien\\+ops.example.com.");
    expect(isSoaEmail('first.last+ops@mail.example.com')).toBe(true);
    for (const bad of ['a;b@x.com', 'a b@x.com', `${'x'.repeat(64)}@x.com`, 'a@-x.com', '@x.com', 'a.@x.com']) expect(isSoaEmail(bad), bad).toBe(false);
  });

  it('writes TXT values as quoted character strings of at most 255 bytes', () => {
    expect(txtStrings('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    expect(txtStrings('zürich')).toBe('"z\\195\\188rich"');
    expect(txtStrings('x'.repeat(300)).split('" "').map((s) => s.replace(/"/g, '').length)).toEqual([255, 45]);
    expect(txtStrings('')).toBe('""');
  });

  it('gives zones that named-checkzone accepts and reads back as written, with hostile values', async () => {
    const p = platform({ app: { adminEmail: "first.o'brien+ops@epl-infra.net" }, tld: { automaticCertificates: false, txtRecords: { '@': HOSTILE_TXT } } });
    const ctx = await emitContext(p.app);
    const zone = ctx.zones.find((z) => z.name === 'epl-infra.net')!;
    const text = renderZoneFile(ctx.model, zone, childDsRecords(zone, ctx.zones, ctx.secrets));
    if (!hasTool('named-checkzone')) return;
    const file = path.join(tempDir(), 'zone');
    fs.writeFileSync(file, text);
    const r = checkZone('epl-infra.net', file);
    expect(r.problems).toEqual([]);
    expect(r.status, r.output).toBe(0);
    // BIND's own rendering of the zone has the same values (its escapes, decoded).
    const dump = runTool('named-checkzone', ['-D', '-o', '-', 'epl-infra.net', file]);
    const decode = (s: string) => Buffer.from(s.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/\\(.)/g, '$1'), 'latin1').toString('utf8');
    const txts = [...dump.stdout.matchAll(/\sTXT\s+((?:"(?:[^"\\]|\\.)*"\s*)+)$/gm)].map((m) => [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => decode(x[1]!)).join(''));
    expect(txts.sort()).toEqual([...HOSTILE_TXT].sort());
    // The mailbox's local part stayed one label: BIND keeps the escape of its dot only.
    expect(dump.stdout).toMatch(/SOA\s+ns1\.epl-infra\.net\. first\\\.o'brien\+ops\.epl-infra\.net\. /);
  });
});
