import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE, exampleProject, projectWith, readTree, REPO, tempDir } from '../../helpers/cli';

const L1 = ['a', 'b', 'c', 'd'].flatMap((x) => [`l1-provisioning/server-${x}/configuration.nix`, `l1-provisioning/server-${x}/provision.sh`]);

describe('epl synth', () => {
  it('writes configurations, scripts, zones, bundles and a manifest; secrets beside the entry; byte-identical on a second run', async () => {
    const p = exampleProject();
    const first = await cli(['synth'], p.dir);
    expect(first.code, first.stderr).toBe(0);
    // The one warning: the example's Telegram bot names a token only its user can set, at the bot's line.
    expect(first.stderr).toMatch(/^epl\.ts:\d+:\d+ - warning secrets\/own-secret-unset: your secret custom\/telegram-default is not set, and L2 provisioning of us-west needs it: set it with `epl secrets set custom\/telegram-default`\n {2}at telegram-bots\/default tokenSecret\n/);
    expect(first.stderr).toMatch(/Found 0 errors and 1 warning\.\n$/);
    expect(first.stdout).toMatch(/^Synthesized 141 files into out: 141 written, 0 unchanged, 0 removed\.$/m);
    expect(first.stdout).toMatch(/^Generated 65 secrets into epl\.secrets\.yml\.$/m);
    const files = readTree(path.join(p.dir, 'out'));
    const visible = Object.keys(files).filter((f) => !f.startsWith('secrets/'));
    expect(visible.sort()).toEqual(
      [
        '.gitignore',
        'Makefile',
        'bootstrap/us-west/bootstrap.sh',
        'l2-provisioning/us-west/app-images/image.nix',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-app-test-hello-world.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-docker-registry-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-grafana-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-loki-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-minio-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-monitoring-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-nats-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-postgres-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-servers-us-west.json',
        'l2-provisioning/us-west/grafana-dashboards/main/epl-tempo-us-west.json',
        'l2-provisioning/us-west/nomad-jobs/apps_app-test-hello-world.hcl',
        'l2-provisioning/us-west/nomad-jobs/epl_docker-registry.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_grafana-main.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_loki-main.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_minio-global.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_mon-default.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_nats-main-nats.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_pg-testdb.hcl',
        'l2-provisioning/us-west/nomad-jobs/system_tempo-us-west.hcl',
        'l2-provisioning/us-west/pg-migrations/up_testdb.sh',
        'l2-provisioning/us-west/provision.sh',
        'l2-provisioning/us-west/scripts/build-epl-apps.sh',
        'l2-provisioning/us-west/scripts/dr-push-epl-apps.sh',
        'l2-provisioning/us-west/scripts/provision-grafana-dashboards.sh',
        'l2-provisioning/us-west/scripts/provision-monitoring-cas.sh',
        'l2-provisioning/us-west/scripts/provision-nats-resources.sh',
        'l2-provisioning/us-west/scripts/provision-pg-instances.sh',
        'l2-provisioning/us-west/scripts/provision-nomad-namespaces.sh',
        'l2-provisioning/us-west/scripts/provision-vault-secrets.sh',
        'l2-provisioning/us-west/scripts/schedule-nomad-app-jobs.sh',
        'l2-provisioning/us-west/scripts/schedule-nomad-system-jobs.sh',
        'apps/hello-world/Cargo.toml',
        'apps/hello-world/src/generated.rs',
        'apps/hello-world/src/implementation.rs',
        'apps/hello-world/src/main.rs',
        'dns/10.in-addr.arpa.zone',
        'dns/17.10.in-addr.arpa.zone',
        'dns/ds-records.txt',
        'dns/epl-infra.net.zone',
        'dns/us-west.epl-infra.net.zone',
        ...L1,
        'manifest.json',
        'prometheus/alert_rules.yml',
        'prometheus/alert_rules_tests.yml',
        'public-keys.json',
        'reservations/us-west.md',
      ].sort(),
    );
    expect(fs.statSync(path.join(p.dir, 'epl.secrets.yml')).mode & 0o777).toBe(0o600);
    const second = await cli(['synth'], p.dir);
    expect(second.stdout.split('\n')[0]).toBe('Synthesized 141 files into out: 0 written, 140 unchanged, 1 yours kept, 0 removed.');
    expect(second.stdout).not.toMatch(/Generated|Updated/);
    expect(readTree(path.join(p.dir, 'out'))).toEqual(files);
  });

  it('keeps every key when the output is deleted', async () => {
    const p = exampleProject();
    await cli(['synth'], p.dir);
    const before = readTree(path.join(p.dir, 'out'));
    fs.rmSync(path.join(p.dir, 'out'), { recursive: true });
    const again = await cli(['synth', '--json'], p.dir);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, generatedSecrets: [] });
    expect(readTree(path.join(p.dir, 'out'))).toEqual(before);
  });

  it('leaves an existing output untouched when the platform has errors', async () => {
    const p = exampleProject();
    expect((await cli(['synth'], p.dir)).code).toBe(0);
    const out = path.join(p.dir, 'out');
    const before = readTree(out);
    const mtime = fs.statSync(path.join(out, 'manifest.json')).mtimeMs;
    fs.writeFileSync(p.file, fs.readFileSync(p.file, 'utf8').replace("address: '10.17.0.11/24'", "address: '10.17.0.0/24'"));
    const run = await cli(['synth'], p.dir);
    expect(run.code).toBe(1);
    expect(readTree(out)).toEqual(before);
    expect(fs.statSync(path.join(out, 'manifest.json')).mtimeMs).toBe(mtime);
  });

  it('refuses a directory it did not write before running the entry', async () => {
    const p = projectWith("throw new Error('the entry must not run');\n");
    const out = path.join(p.dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'thesis.tex'), 'years of work');
    const run = await cli(['synth'], p.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to replace a directory epl did not write/);
    expect(run.stderr).not.toMatch(/must not run/);
    expect(fs.readdirSync(out)).toEqual(['thesis.tex']);
  });

  it('works when its cache cannot be written, and says so', async () => {
    const p = exampleProject(undefined, undefined, { freshCache: true });
    // Where the cache directory would go is a file: no one, root included, can create it.
    fs.writeFileSync(path.join(p.dir, 'node_modules/.cache/epl'), 'not a directory');
    const run = await cli(['synth'], p.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^epl: could not update the cache \(.*\); the next synth checks every secret again\n(epl\.ts:\d+:\d+ - warning secrets\/own-secret-unset|$)/);
    // No stack trace (a diagnostic's "at <construct path>" line is not one).
    expect(run.stderr).not.toMatch(/\n\s+at (.*\()?(node:|\/)\S*:\d+:\d+/);
  });

  it('defaults to epl.ts in the current directory, ./out and ./epl.secrets.yml', async () => {
    const p = exampleProject();
    expect((await cli(['synth'], p.dir)).code).toBe(0);
    expect(fs.existsSync(path.join(p.dir, 'out', 'manifest.json'))).toBe(true);
    expect(fs.existsSync(path.join(p.dir, 'epl.secrets.yml'))).toBe(true);
  });
});

describe('epl validate', () => {
  it('reports a network address with file:line, the construct path and a code frame', async () => {
    const p = exampleProject("address: '10.17.0.11/24'", "address: '10.17.0.0/24'");
    const run = await cli(['validate'], p.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const column = fs.readFileSync(p.file, 'utf8').split('\n')[p.line - 1]!.indexOf("'10.17.0.0/24'") + 1;
    expect(run.stderr).toContain(`epl.ts:${p.line}:${column} - error net/address-is-network-address: interface eth0 address 10.17.0.0 is the network address of 10.17.0.0/24`);
    expect(run.stderr).toContain('at us-west/dc1/server-b interfaces[0].address');
    expect(run.stderr).toContain(`> ${p.line} |`);
    expect(run.stderr).toMatch(/\n\s+\|\s+\^\n/);
    expect(run.stderr).toContain('Found 1 error and 0 warnings.');
  });

  it('reports every problem at once', async () => {
    const p = exampleProject('roles: { consulMaster: true, vaultInstance: true }', 'roles: { vaultInstance: true, dnsSlave: true }');
    const run = await cli(['validate', '--json'], p.dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(['dns/slave-without-internet-interface', 'servers/consul-quorum']);
    expect(report).toMatchObject({ ok: false, errors: 2 });
    expect(report.diagnostics[0].location.file).toBe(p.file);
  });

  it('prints warnings but succeeds, with a one-line summary', async () => {
    const p = exampleProject('  adminSshKeys: [ADMIN_KEY],\n', '');
    const run = await cli(['validate'], p.dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning meta/no-admin-ssh-keys');
    expect(run.stdout).toMatch(/^epl\.ts: no problems in \d+ constructs \(1 warning\), Postgres schemas testdb verified \(\d+\.\d\d s\)\.\n$/);
  });

  it('writes nothing', async () => {
    const p = exampleProject();
    expect((await cli(['validate'], p.dir)).code).toBe(0);
    expect(fs.readdirSync(p.dir).sort()).toEqual(['epl.ts', 'node_modules']);
  });
});

describe('entry file problems', () => {
  it('reports a syntax error at its line', async () => {
    const p = projectWith("import { App } from 'epl-platform';\nconst app = new App({ projectName: 'x', adminEmail: 'a@b.cd' };\nexport default app;\n");
    const run = await cli(['validate', '--json'], p.dir);
    expect(run.code).toBe(1);
    const [d] = JSON.parse(run.stdout).diagnostics;
    expect(d).toMatchObject({ code: 'entry/build-failed', location: { file: p.file, line: 2 } });
  });

  it('reports two constructs with one id at both lines, with every other finding', async () => {
    const p = projectWith(
      [
        "import { App, Region } from 'epl-platform';",
        "const app = new App({ projectName: 'x', adminEmail: 'a@b.cd' });",
        "new Region(app, 'us-west');",
        "new Region(app, 'us-west');",
        "new Region(app, 'Bad_Name');",
        'export default app;',
      ].join('\n'),
    );
    const run = await cli(['validate', '--json', '--no-typecheck'], p.dir);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout).diagnostics.map((d: { code: string; location?: { line: number } }) => `${d.code}@${d.location?.line}`);
    expect(found).toEqual(expect.arrayContaining(['props/duplicate-id@3', 'props/duplicate-id@4', 'names/invalid-region-name@5']));
    expect(run.stderr).toBe('');
  });

  it('reports an entry that exports no App', async () => {
    const run = await cli(['validate', '--json'], projectWith('export default 42;\n').dir);
    expect(JSON.parse(run.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('entry/no-app');
  });

  it('accepts a default-exported async function returning the App', async () => {
    const p = exampleProject('export default app;', 'export default async () => app;');
    expect((await cli(['validate'], p.dir)).code).toBe(0);
  });
});

describe('usage', () => {
  it('prints help and exits 0, also per command', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: epl [options] [command]');
    const synth = await cli(['synth', '--help']);
    expect(synth.code).toBe(0);
    expect(synth.stdout).toContain('Usage: epl synth [options] [entry]');
    expect(synth.stdout).toContain('--regenerate-secrets');
  });

  it('exits 2 for an unknown command, a missing entry or an unknown option, as JSON with --json', async () => {
    expect((await cli(['deploy'])).code).toBe(2);
    expect((await cli(['synth', 'nope.ts'])).stderr).toMatch(/does not exist/);
    expect((await cli(['synth', 'nope.ts'])).code).toBe(2);
    const unknown = await cli(['validate', EXAMPLE, '--file', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--file'/);
    const json = await cli(['validate', EXAMPLE, '--frobnicate', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { kind: 'usage', message: expect.stringMatching(/unknown option '--frobnicate'/) } });
    expect((await cli(['synth', 'nope.ts', '--json'])).stdout).toMatch(/"kind": "usage"/);
    expect((await cli([])).code).toBe(2);
  });

  it('takes --no-color and FORCE_COLOR', async () => {
    const p = exampleProject("address: '10.17.0.11/24'", "address: '10.17.0.0/24'");
    const colored = await cli(['validate'], p.dir, '', { FORCE_COLOR: '1' });
    expect(colored.stderr).toContain('\u001b[');
    const plain = await cli(['validate', '--no-color'], p.dir, '', { FORCE_COLOR: '1' });
    expect(plain.stderr).not.toContain('\u001b[');
    expect((await cli(['validate'], p.dir, '', { NO_COLOR: '1', FORCE_COLOR: '1' })).stderr).not.toContain('\u001b[');
  });
});

describe('the epl binary', () => {
  it('runs through npx inside this repository without the registry', () => {
    // npm may add notices of its own (a newer npm, install scripts): only epl's output is judged.
    const r = spawnSync('npx', ['--no-install', 'epl', 'validate', EXAMPLE], { cwd: REPO, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(r.stderr.replace(/^npm (warn|notice)\b.*\n/gim, '')).toBe('');
    expect(r.stdout).toMatch(/no problems in/);
    expect(r.status).toBe(0);
  });

  it('exits 1 with a code frame from the built CLI', () => {
    const p = exampleProject("address: '10.17.0.12/24'", "address: '10.17.0.255/24'");
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'epl.cjs'), 'validate', p.file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`epl.ts:${p.line}:`);
    expect(r.stderr).toContain('error net/address-is-broadcast-address');
  });

  it('says what to do when the build is missing', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(REPO, 'bin', 'epl.cjs'), path.join(dir, 'bin', 'epl.cjs'));
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'epl.cjs'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^epl: the compiled code \(dist\/\) is missing: run npm run build/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
