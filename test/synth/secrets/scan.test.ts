import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../synth/model/build-model';
import { loadEntry } from '../../../synth/cli/load-entry';
import { secretKeys, tlsKeys } from '../../../synth/secrets/keys';
import { neededSecrets } from '../../../synth/secrets/needed';
import type { SecretRequest } from '../../../synth/secrets/requests';
import { storedKeys } from '../../../synth/secrets/requests';
import { cli, EXAMPLE, readSecrets, readTree, secretsBeside, synthExample } from '../../helpers/cli';

/** The strings a scan looks for: the value, and every long line of a multi-line one (a PEM body). */
function needles(value: string): string[] {
  return [value, ...value.split('\n').map((l) => l.trim()).filter((l) => l.length >= 16 && !l.startsWith('-----'))];
}

/** Certificates are public (servers present them to anyone); everything else is secret. */
const isPublic = (key: string) => key.endsWith('/cert');

describe('secrets appear only in the secret bundles of the servers that need them', () => {
  let out: string;
  let files: Record<string, string>;
  let secrets: Record<string, string>;
  let requests: SecretRequest[];
  beforeAll(async () => {
    out = await synthExample();
    files = readTree(out);
    secrets = readSecrets(secretsBeside(out));
    requests = neededSecrets(buildModel((await loadEntry(EXAMPLE, { typecheck: false })).app!));
  });

  it('finds no secret value in any output file outside secrets/ (so the rest can be committed)', () => {
    const leaks: string[] = [];
    for (const [key, value] of Object.entries(secrets)) {
      if (isPublic(key)) continue;
      for (const [file, content] of Object.entries(files)) {
        if (!file.startsWith('secrets/') && needles(value).some((n) => content.includes(n))) leaks.push(`${key} in ${file}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(Object.keys(secrets).length).toBeGreaterThan(50);
    expect(files['.gitignore']).toBe('# Secret bundles for provisioning: never commit them.\n/secrets/\n');
  });

  it("puts a server's secrets only in the bundles of servers its request names", () => {
    const leaks: string[] = [];
    for (const req of requests) {
      const allowed = new Set(req.servers.map((s) => `secrets/servers/${s.hostname}/`));
      // Service fragments built from secrets go to every server that runs the service.
      if (req.key === secretKeys.wireguardAdmin) allowed.add('secrets/admin/');
      // The region's bootstrap creates the ACL tokens, with the management tokens.
      const region = /^region\/([^/]+)\/(consul-acl-[a-z-]+-token|nomad-acl-bootstrap-token)$/.exec(req.key);
      if (region) allowed.add(`secrets/bootstrap/${region[1]}/`);
      for (const key of storedKeys(req)) {
        if (isPublic(key)) continue;
        for (const [file, content] of Object.entries(files)) {
          if (!file.startsWith('secrets/') || [...allowed].some((a) => file.startsWith(a))) continue;
          if (needles(secrets[key]!).some((n) => content.includes(n))) leaks.push(`${key} in ${file}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('finds each placed secret in the bundle of a server that needs it (the scan can fail)', () => {
    const consulKey = secrets[tlsKeys('server/server-a/consul-tls').privateKey]!;
    expect(files['secrets/servers/server-a/consul-tls.key']).toBe(consulKey);
    expect(Object.entries(files).filter(([, c]) => c.includes(consulKey)).map(([f]) => f)).toEqual(['secrets/servers/server-a/consul-tls.key']);
    expect(files['secrets/admin/wg.conf']).toContain(secrets[secretKeys.wireguardAdmin]);
    expect(files['l1-provisioning/server-a/provision.sh']).toContain('install_file /var/lib/epl-secrets/consul-tls.key 0400 consul < "$bundle"/consul-tls.key');
  });

  it('never ships a CA private key', () => {
    for (const ca of [secretKeys.consulCa, secretKeys.nomadCa, secretKeys.vaultCa]) {
      const key = secrets[tlsKeys(ca).privateKey]!;
      expect(Object.entries(files).filter(([, c]) => needles(key).some((n) => c.includes(n))).map(([f]) => f)).toEqual([]);
    }
  });

  it('lists secret files in the committed manifest without a checksum', () => {
    const manifest = JSON.parse(files['manifest.json']!) as { files: Array<{ path: string; sha256?: string; secret?: boolean }> };
    const bundle = manifest.files.filter((f) => f.path.startsWith('secrets/'));
    expect(bundle.length).toBeGreaterThan(10);
    expect(bundle.every((f) => f.secret === true && f.sha256 === undefined)).toBe(true);
  });
});

describe('messages never quote a secret', () => {
  it('on a damaged or unreadable secrets file', async () => {
    const out = await synthExample();
    const file = secretsBeside(out);
    const text = fs.readFileSync(file, 'utf8');
    const values = Object.values(readSecrets(file));
    const damaged = [
      text.slice(0, Math.floor(text.length / 2)), // cut short
      text.replace('version: 1\n', 'version: 1\n  bad indentation: [\n'), // not YAML
      text.replace(/\n(  global\/consul-gossip-key: .*)\n/, '\n$1\n$1\n'), // a key twice
    ];
    for (const broken of damaged) {
      fs.writeFileSync(file, broken, { mode: 0o600 });
      for (const json of [false, true]) {
        const run = await cli(['synth', EXAMPLE, '--out', out, '--secrets', file, ...(json ? ['--json'] : [])]);
        expect(run.code, run.stderr + run.stdout).toBe(1);
        for (const v of values) for (const n of needles(v)) expect(run.stderr + run.stdout).not.toContain(n);
      }
    }
  });

  it('on a Postgres URL it cannot use', async () => {
    const run = await cli(['validate', EXAMPLE, '--no-cache', '--postgres-url', 'postgres://epl:s3cretPassw0rd@127.0.0.1:1/postgres']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot use the Postgres server at 127\.0\.0\.1:1/);
    expect(run.stderr + run.stdout).not.toContain('s3cretPassw0rd');
    const bad = await cli(['validate', EXAMPLE, '--postgres-url', 'postgres://epl:s3cretPassw0rd@[bad']);
    expect(bad.stderr + bad.stdout).not.toContain('s3cretPassw0rd');
  });
});
