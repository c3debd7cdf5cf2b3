import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleProject } from '../../helpers/cli';

describe('epl diff', () => {
  it('shows only the changed server after changing one label, and nothing after synth', async () => {
    const p = exampleProject();
    expect((await cli(['synth'], p.dir)).code).toBe(0);
    const same = await cli(['diff'], p.dir);
    expect(same).toMatchObject({ code: 0, stdout: 'No changes: out is what this platform synthesizes to.\n' });

    fs.writeFileSync(p.file, fs.readFileSync(p.file, 'utf8').replace("labels: { loki_reader: 'true' },", "labels: { loki_reader: 'true', loki_writer: 'false' },"));
    const before = fs.readFileSync(path.join(p.dir, 'out/l1-provisioning/server-a/configuration.nix'), 'utf8');
    const json = await cli(['diff', '--json'], p.dir);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { changed: boolean; groups: Record<string, string[]>; files: Array<{ path: string; kind: string; patch?: string }> };
    expect(report.changed).toBe(true);
    expect(report.groups).toEqual({ 'server server-a': ['l1-provisioning/server-a/configuration.nix', 'l1-provisioning/server-a/provision.sh'] });
    // A label no placement depends on (Loki needs both of its readers and all three writers).
    expect(report.files[0]!.patch).toMatch(/^\+\s+label_loki_writer = "false";$/m);

    const text = await cli(['diff'], p.dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('server server-a:\n  changed l1-provisioning/server-a/configuration.nix\n');
    expect(text.stdout).toContain('2 files would change in out; run epl synth to write them.');
    // diff writes nothing
    expect(fs.readFileSync(path.join(p.dir, 'out/l1-provisioning/server-a/configuration.nix'), 'utf8')).toBe(before);
  });

  it('names secret files that would change, never their content', async () => {
    const p = exampleProject();
    expect((await cli(['synth'], p.dir)).code).toBe(0);
    expect((await cli(['secrets', 'rotate', 'server/server-c/vault-tls'], p.dir)).code).toBe(0);
    const run = await cli(['diff', '--json'], p.dir);
    const report = JSON.parse(run.stdout) as { newSecrets: string[]; files: Array<{ path: string; secret: boolean; patch?: string }> };
    expect(report.newSecrets).toEqual(['server/server-c/vault-tls/cert', 'server/server-c/vault-tls/key']);
    // The bundle changed, so server-c's provisioning id goes up.
    expect(report.files.map((f) => f.path).sort()).toEqual(['l1-provisioning/server-c/provision.sh', 'secrets/servers/server-c/vault-tls.crt', 'secrets/servers/server-c/vault-tls.key']);
    const [script, ...secretFiles] = report.files.sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(script!.patch).toMatch(/^-PROVISIONING_ID=1\n\+PROVISIONING_ID=2$/m);
    expect(secretFiles.every((f) => f.secret && f.patch === undefined)).toBe(true);
  });

  it('reports the platform\'s errors with exit 1 and writes nothing', async () => {
    const p = exampleProject("address: '10.17.0.11/24'", "address: '10.17.0.0/24'");
    const run = await cli(['diff'], p.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error net/address-is-network-address');
    expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
    expect(fs.existsSync(path.join(p.dir, 'epl.secrets.yml'))).toBe(false);
  });
});
