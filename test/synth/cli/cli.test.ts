import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE, readTree, REPO, tempDir } from '../../helpers/cli';
import { parseSecretsFile, renderSecretsFile } from '../../../synth/secrets/secrets-file';

/** A copy of the example in a temp dir with one change applied; returns the copy's path and the changed line. */
function brokenExample(from: string, to: string): { file: string; line: number } {
  const text = fs.readFileSync(EXAMPLE, 'utf8');
  if (!text.includes(from)) throw new Error(`example has no '${from}'`);
  const changed = text.replace(from, to);
  const file = path.join(tempDir(), 'epl.ts');
  fs.writeFileSync(file, changed);
  return { file, line: changed.slice(0, changed.indexOf(to)).split('\n').length };
}

function writeEntry(source: string): string {
  const file = path.join(tempDir(), 'epl.ts');
  fs.writeFileSync(file, source);
  return file;
}

describe('epl synth', () => {
  it('writes configurations, provisioning scripts, zones, secrets and a manifest, byte-identical on a second run', async () => {
    const out = path.join(tempDir(), 'out');
    const first = await cli(['synth', EXAMPLE, '--out', out]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/Synthesized 19 files into .*: 19 written, 0 unchanged, 0 removed/);
    expect(first.stdout).toMatch(/Generated \d+ secrets into/);
    const files = readTree(out);
    expect(Object.keys(files).sort()).toEqual([
      'admin-wg.conf',
      'apps/hello-world/Cargo.toml',
      'apps/hello-world/src/generated.rs',
      'apps/hello-world/src/implementation.rs',
      'apps/hello-world/src/main.rs',
      'dns/10.in-addr.arpa.zone',
      'dns/17.10.in-addr.arpa.zone',
      'dns/ds-records.txt',
      'dns/epl-infra.net.zone',
      'dns/us-west.epl-infra.net.zone',
      ...['a', 'b', 'c', 'd'].flatMap((x) => [`l1-provisioning/server-${x}/configuration.nix`, `l1-provisioning/server-${x}/provision.sh`]),
      'manifest.json',
      'secrets.yml',
    ]);
    const second = await cli(['synth', EXAMPLE, '--out', out]);
    expect(second.stdout.split('\n')[0]).toBe('Synthesized 19 files into ' + path.relative(REPO, out) + ': 0 written, 18 unchanged, 1 yours kept, 0 removed.');
    expect(second.stdout).not.toContain('Generated');
    expect(readTree(out)).toEqual(files);
  });

  it('regenerates only a secret that was deleted from the secrets file', async () => {
    const out = path.join(tempDir(), 'out');
    await cli(['synth', EXAMPLE, '--out', out]);
    const before = parseSecretsFile(fs.readFileSync(path.join(out, 'secrets.yml'), 'utf8'));
    const { ['wireguard_server-c_private_key']: _gone, ...rest } = before;
    fs.writeFileSync(path.join(out, 'secrets.yml'), renderSecretsFile(rest), { mode: 0o600 });
    const run = await cli(['synth', EXAMPLE, '--out', out, '--json']);
    expect(JSON.parse(run.stdout).generatedSecrets).toEqual(['wireguard_server-c_private_key']);
    const after = parseSecretsFile(fs.readFileSync(path.join(out, 'secrets.yml'), 'utf8'));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(Object.entries(after).filter(([k, v]) => before[k] !== v).map(([k]) => k)).toEqual(['wireguard_server-c_private_key']);
  });

  it('defaults to epl.ts in the current directory and ./out', async () => {
    const dir = tempDir();
    fs.copyFileSync(EXAMPLE, path.join(dir, 'epl.ts'));
    expect((await cli(['synth'], dir)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out', 'manifest.json'))).toBe(true);
  });

  it('leaves an existing output untouched when the platform has errors', async () => {
    const out = path.join(tempDir(), 'out');
    expect((await cli(['synth', EXAMPLE, '--out', out])).code).toBe(0);
    const before = readTree(out);
    const mtime = fs.statSync(path.join(out, 'manifest.json')).mtimeMs;
    const broken = brokenExample("address: '10.17.0.11/24'", "address: '10.17.0.0/24'");
    const run = await cli(['synth', broken.file, '--out', out]);
    expect(run.code).toBe(1);
    expect(readTree(out)).toEqual(before);
    expect(fs.statSync(path.join(out, 'manifest.json')).mtimeMs).toBe(mtime);
  });

  it('refuses to overwrite a directory it did not write', async () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'thesis.tex'), 'years of work');
    const run = await cli(['synth', EXAMPLE, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to replace a directory epl did not write/);
    expect(fs.readdirSync(out)).toEqual(['thesis.tex']);
  });
});

describe('epl validate', () => {
  it('reports a network address with file:line, the construct path and a code frame', async () => {
    const broken = brokenExample("address: '10.17.0.11/24'", "address: '10.17.0.0/24'");
    const run = await cli(['validate', broken.file], path.dirname(broken.file));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const column = fs.readFileSync(broken.file, 'utf8').split('\n')[broken.line - 1]!.indexOf("'10.17.0.0/24'") + 1;
    expect(run.stderr).toContain(`epl.ts:${broken.line}:${column} - error net/address-is-network-address: interface eth0 address 10.17.0.0 is the network address of 10.17.0.0/24`);
    expect(run.stderr).toContain('at us-west/dc1/server-b interfaces[0].address');
    expect(run.stderr).toContain(`> ${broken.line} |`);
    expect(run.stderr).toMatch(/\n\s+\|\s+\^\n/);
    expect(run.stderr).toContain('Found 1 error and 0 warnings.');
  });

  it('reports every problem at once', async () => {
    const broken = brokenExample("roles: { consulMaster: true, vaultInstance: true }", "roles: { vaultInstance: true, dnsSlave: true }");
    const run = await cli(['validate', broken.file, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual([
      'dns/slave-without-internet-interface',
      'servers/consul-quorum',
    ]);
    expect(report.errors).toBe(2);
    expect(report.diagnostics[0].location.file).toBe(broken.file);
  });

  it('prints warnings but succeeds', async () => {
    const file = brokenExample('  adminSshKeys: [ADMIN_KEY],\n', '').file;
    const run = await cli(['validate', file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning meta/no-admin-ssh-keys');
  });

  it('writes nothing', async () => {
    const dir = tempDir();
    fs.copyFileSync(EXAMPLE, path.join(dir, 'epl.ts'));
    expect((await cli(['validate'], dir)).code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['epl.ts']);
  });
});

describe('entry file problems', () => {
  it('reports a syntax error at its line', async () => {
    const file = writeEntry("import { App } from 'epl';\nconst app = new App({ projectName: 'x', adminEmail: 'a@b.cd' };\nexport default app;\n");
    const run = await cli(['validate', file, '--json']);
    expect(run.code).toBe(1);
    const [d] = JSON.parse(run.stdout).diagnostics;
    expect(d).toMatchObject({ code: 'entry/build-failed', location: { file, line: 2 } });
  });

  it('reports an exception thrown while building the tree at the user line, without a stack trace', async () => {
    const file = writeEntry(
      [
        "import { App, Region } from 'epl';",
        "const app = new App({ projectName: 'x', adminEmail: 'a@b.cd' });",
        "new Region(app, 'us-west');",
        "new Region(app, 'us-west');",
        'export default app;',
      ].join('\n'),
    );
    const run = await cli(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/epl\.ts:4:1 - error entry\/exception: There is already a Construct with name 'us-west'/);
    expect(run.stderr).not.toMatch(/\n\s+at .*node_modules/);
  });

  it('reports an entry that exports no App', async () => {
    const run = await cli(['validate', writeEntry('export default 42;\n'), '--json']);
    expect(JSON.parse(run.stdout).diagnostics[0].code).toBe('entry/no-app');
  });

  it('accepts a default-exported async function returning the App', async () => {
    const source = fs.readFileSync(EXAMPLE, 'utf8').replace('export default app;', 'export default async () => app;');
    expect((await cli(['validate', writeEntry(source)])).code).toBe(0);
  });
});

describe('Postgres verification', () => {
  /** A copy of the example in a project of its own (so its verification cache is fresh), with one change. */
  function project(from?: string, to?: string): { dir: string; file: string; line: number } {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'node_modules'));
    let text = fs.readFileSync(EXAMPLE, 'utf8');
    let line = 0;
    if (from !== undefined && to !== undefined) {
      if (!text.includes(from)) throw new Error(`example has no '${from}'`);
      text = text.replace(from, to);
      line = text.slice(0, text.indexOf(to)).split('\n').length;
    }
    fs.writeFileSync(path.join(dir, 'epl.ts'), text);
    return { dir, file: path.join(dir, 'epl.ts'), line };
  }

  it('verifies once, then skips an unchanged schema', async () => {
    const p = project();
    const first = await cli(['synth', '--json'], p.dir);
    expect(JSON.parse(first.stdout)).toMatchObject({ pgVerified: ['testdb'], pgCached: [] });
    expect(fs.readdirSync(path.join(p.dir, 'node_modules/.cache/epl')).filter((f) => f.startsWith('pg-'))).toHaveLength(1);
    const second = await cli(['synth', '--json'], p.dir);
    expect(JSON.parse(second.stdout)).toMatchObject({ pgVerified: [], pgCached: ['testdb'] });
    const forced = await cli(['synth', '--json', '--no-cache'], p.dir);
    expect(JSON.parse(forced.stdout)).toMatchObject({ pgVerified: ['testdb'], pgCached: [] });
  });

  it('verifies against a Postgres server given by URL', async () => {
    const url = process.env.EPL_TEST_POSTGRES_URL;
    if (!url) return; // CI sets it (see test/synth/verify/pg.test.ts)
    const p = project();
    const run = await cli(['synth', '--postgres-url', url], p.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Verified Postgres schemas against ${new URL(url).host}: testdb.`);
    const broken = project('outputs: [{ max_id: 3 }]', 'outputs: [{ max_id: 4 }]');
    const bad = await cli(['synth', '--postgres-url', url], broken.dir);
    expect(bad.stderr).toContain("error pg/query-unexpected-output: query 'max_id_from_foo' returned [{\"max_id\":\"3\"}]");
  });

  it('reports a Postgres URL that is not one, or a server it cannot use, without a stack trace', async () => {
    const p = project();
    const bad = await cli(['validate', '--postgres-url', 'not a url'], p.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a URL/);
    const down = await cli(['validate', '--no-cache', '--postgres-url', 'postgres://nobody:x@127.0.0.1:1/postgres'], p.dir);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^epl: cannot use the Postgres server at 127\.0\.0\.1:1 for verification: /);
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails synth on an expected output that does not match, at the query', async () => {
    const p = project('outputs: [{ max_id: 3 }]', 'outputs: [{ max_id: 4 }]');
    const run = await cli(['synth'], p.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`epl\\.ts:${p.line}:\\d+ - error pg/query-unexpected-output: query 'max_id_from_foo' returned`));
    expect(run.stderr).toContain('at testdb/query-max_id_from_foo tests[0].outputs');
    expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
  });

  it('fails synth when a dropped index forces a sequential scan', async () => {
    const p = project("upgrade: 'CREATE TABLE foo ( id INT PRIMARY KEY );'", "upgrade: 'CREATE TABLE foo ( id INT NOT NULL );'");
    const run = await cli(['validate', p.file], p.dir);
    expect(run.code).toBe(1); // validate makes the database checks too
    expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
    const synth = await cli(['synth'], p.dir);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toMatch(/error pg\/sequential-scan: 'max_id_from_foo' scans foo sequentially/);
    expect(synth.stderr).toMatch(/error pg\/sequential-scan: 'insert_id_returning'|error pg\/sequential-scan: 'max_id_from_foo'/);
  });

  it('fails synth on a downgrade that does not restore the schema, at the migration', async () => {
    const p = project("downgrade: 'DROP TABLE foo;'", "downgrade: 'SELECT 1;'");
    const run = await cli(['synth'], p.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`epl\\.ts:${p.line}:\\d+ - error pg/migration-downgrade-mismatch: downgrade of migration 1 does not restore the schema before it: left behind foo.id integer`));
  });
});

describe('epl secrets', () => {
  it('lists, gets and sets secrets of an output directory', async () => {
    const out = path.join(tempDir(), 'out');
    await cli(['synth', EXAMPLE, '--out', out]);
    const list = await cli(['secrets', 'list', '--out', out]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('consul_gossip_key\n');
    const get = await cli(['secrets', 'get', 'admin_panel_password', '--out', out]);
    expect(get.stdout).toMatch(/^[A-Za-z0-9]{32}\n$/);
    const set = await cli(['secrets', 'set', 'admin_panel_password', '--out', out], REPO, 'correct horse battery staple\n');
    expect(set.code).toBe(0);
    expect((await cli(['secrets', 'get', 'admin_panel_password', '--out', out])).stdout).toBe('correct horse battery staple\n');
    expect(fs.statSync(path.join(out, 'secrets.yml')).mode & 0o777).toBe(0o600);
    // The next synth keeps the value and rehashes the admin panel's htpasswd entry.
    const run = await cli(['synth', EXAMPLE, '--out', out, '--json']);
    expect(JSON.parse(run.stdout).generatedSecrets).toEqual(['admin_panel_htpasswd']);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.find((f: { path: string }) => f.path === 'secrets.yml').mode).toBe('0600');
  });

  it('sets a custom secret from a file and keeps it across synths', async () => {
    const out = path.join(tempDir(), 'out');
    await cli(['synth', EXAMPLE, '--out', out]);
    const file = path.join(tempDir(), 'token');
    fs.writeFileSync(file, 's3cr3t-token');
    expect((await cli(['secrets', 'set', 'custom_api_token', '--file', file, '--out', out])).code).toBe(0);
    await cli(['synth', EXAMPLE, '--out', out]);
    expect((await cli(['secrets', 'get', 'custom_api_token', '--out', out])).stdout).toBe('s3cr3t-token\n');
  });

  it('refuses unknown keys, empty values and a missing secrets file', async () => {
    const out = path.join(tempDir(), 'out');
    expect((await cli(['secrets', 'get', 'x', '--out', out])).stderr).toMatch(/does not exist; run epl synth first/);
    await cli(['synth', EXAMPLE, '--out', out]);
    expect((await cli(['secrets', 'get', 'nope', '--out', out])).code).toBe(2);
    expect((await cli(['secrets', 'set', 'nope', '--out', out], REPO, 'v')).code).toBe(2);
    expect((await cli(['secrets', 'set', 'custom_x', '--out', out], REPO, '\n')).code).toBe(2);
    expect((await cli(['secrets', 'frob', '--out', out])).code).toBe(2);
  });
});

describe('usage', () => {
  it('prints help and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: epl <command>');
  });

  it('exits 2 for an unknown command, a missing entry or a bad option', async () => {
    expect((await cli(['deploy'])).code).toBe(2);
    expect((await cli(['synth', 'nope.ts'])).stderr).toMatch(/does not exist/);
    expect((await cli(['synth', 'nope.ts'])).code).toBe(2);
    expect((await cli(['validate', EXAMPLE, '--frobnicate'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });
});

describe('the epl binary', () => {
  it('runs through npx inside this repository without the registry', () => {
    // npm may add notices of its own (a newer npm, install scripts): only epl's output is judged.
    const r = spawnSync('npx', ['--no-install', 'epl', 'validate', EXAMPLE], { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(r.stderr.replace(/^npm (warn|notice)\b.*\n/gim, '')).toBe('');
    expect(r.status).toBe(0);
  });

  it('exits 1 with a code frame from the built CLI', () => {
    const broken = brokenExample("address: '10.17.0.12/24'", "address: '10.17.0.255/24'");
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'epl.cjs'), 'validate', broken.file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`epl.ts:${broken.line}:`);
    expect(r.stderr).toContain('error net/address-is-broadcast-address');
  });
});
