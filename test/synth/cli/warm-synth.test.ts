import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, EXAMPLE, secretsBeside, tempDir } from '../../helpers/cli';

const DAY = 86_400_000;

async function synthJson(out: string): Promise<{ generatedSecrets: string[]; written: number; unchanged: number }> {
  const run = await cli(['synth', EXAMPLE, '--out', out, '--secrets', secretsBeside(out), '--json']);
  if (run.code !== 0) throw new Error(run.stderr + run.stdout);
  return JSON.parse(run.stdout);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a warm synth', () => {
  it('changes nothing, and keeps the output directory itself', async () => {
    const out = path.join(tempDir(), 'out');
    await synthJson(out);
    const before = fs.statSync(out);
    const again = await synthJson(out);
    expect(again).toMatchObject({ generatedSecrets: [], written: 0 });
    expect(fs.statSync(out).ino).toBe(before.ino);
  });

  it('renews a certificate that comes within 30 days of expiry, with nothing else changed (clock moved forward)', async () => {
    const out = path.join(tempDir(), 'out');
    const start = Date.now();
    await synthJson(out);
    // The second run takes its checks from the cache written by the first.
    expect((await synthJson(out)).generatedSecrets).toEqual([]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start + (730 - 29) * DAY);
    const later = await synthJson(out);
    // Every two-year certificate is renewed; the ten-year CAs are kept.
    expect(later.generatedSecrets).toContain('server/server-a/consul-tls/cert');
    expect(later.generatedSecrets).toContain('server/server-d/nomad-client-tls/key');
    expect(later.generatedSecrets.filter((k) => k.includes('-ca/'))).toEqual([]);
    expect(later.generatedSecrets.every((k) => k.includes('-tls/'))).toBe(true);
    expect((await synthJson(out)).generatedSecrets).toEqual([]);
  });
});
