import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleProject, projectWith, REPO } from '../../helpers/cli';

type Report = { ok: boolean; diagnostics: Array<{ code: string; message: string; location?: { file: string; line: number; column: number } }> };
const run = async (dir: string, ...args: string[]) => {
  const r = await cli([...args, '--json'], dir);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
};
const at = (r: Report) => r.diagnostics.map((d) => `${d.code}@${d.location?.line}`);

/** The three mistakes of the first-contact report, one per line (4, 5, 6). */
const MISTAKES = [
  "import { App, Datacenter, DatacenterImplementation, Network, Region, Server, Tld } from 'epl-platform';",
  "const app = new App({ projectName: 'x', adminEmail: 'a@b.cd' });",
  "const dc = new Datacenter(new Region(app, 'r1', { isDnsMaster: true }), 'dc1', { networkCidr: '10.1.0.0/16', implementation: DatacenterImplementation.TEST_VMS });",
  "new Tld(app, 'acme.test', { automaticCertificate: false });",
  "new Server(dc, 's1', { interfaces: [{ name: 'eth0', network: 'lan', address: '10.1.0.10/24' }] });",
  "new Server(dc, 's2', { kind: 'testvm.cpu8ram8192', interfaces: [], roles: { consulMastr: true } });",
  'export default app;',
];

describe('a typo, a wrong value kind and a string where an object is expected', () => {
  for (const command of ['validate', 'synth']) {
    it(`are diagnostics at the user's line on ${command}, from the type check`, async () => {
      const p = projectWith(MISTAKES.join('\n'));
      const { code, report } = await run(p.dir, command);
      expect(code).toBe(1);
      expect(at(report)).toEqual(expect.arrayContaining(['ts/TS2561@4', 'ts/TS2322@5', 'ts/TS2322@6']));
      expect(report.diagnostics.find((d) => d.code === 'ts/TS2561')!.message).toMatch(/Did you mean to write 'automaticCertificates'\?/);
      expect(fs.existsSync(path.join(p.dir, 'out'))).toBe(false);
    });
  }

  it('are diagnostics at the line without the type check too (plain JavaScript, or --no-typecheck)', async () => {
    const p = projectWith(MISTAKES.join('\n'));
    const { code, report } = await run(p.dir, 'validate', '--no-typecheck');
    expect(code).toBe(1);
    expect(at(report).sort()).toEqual(['props/unknown-prop@4', 'props/unknown-prop@6', 'props/wrong-type@5', 'props/wrong-type@6'].sort());
    const messages = report.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain("unknown prop 'automaticCertificate' in TldProps; did you mean 'automaticCertificates'?");
    expect(messages).toContain("unknown prop 'consulMastr' in ServerRoles; did you mean 'consulMaster'?");
    expect(messages).toContain("interfaces[0].network must be a Network (Network.LAN, Network.VPN, Network.INTERNET or Network.DCROUTER), not the string 'lan'");
    expect(messages).toContain("kind must be a ServerKind, not the string 'testvm.cpu8ram8192'");
  });

  it('are found in a JavaScript entry, with a number for a Size and a missing required prop', async () => {
    const p = projectWith('');
    const file = path.join(p.dir, 'epl.js');
    fs.writeFileSync(
      file,
      [
        "const { App, DiskKind, DiskMedium } = require('epl-platform');",
        "const app = new App({ projectName: 'x', adminEmail: 'a@b.cd' });",
        "new DiskKind(app, 'ssd', { medium: DiskMedium.SSD, capacity: 100 });",
        "new DiskKind(app, 'hdd', { medium: 'floppy' });",
        'module.exports = app;',
      ].join('\n'),
    );
    const { code, report } = await run(p.dir, 'validate', 'epl.js');
    expect(code).toBe(1);
    expect(at(report).sort()).toEqual(['props/wrong-type@3', 'props/wrong-type@4']);
    expect(report.diagnostics.map((d) => d.message).join('\n')).toMatch(/capacity must be a Size, not the number 100/);
  });

  it('type-checks once: an unchanged entry is not checked again', async () => {
    const p = exampleProject(undefined, undefined, { freshCache: true });
    await run(p.dir, 'validate');
    const cache = path.join(p.dir, 'node_modules/.cache/epl');
    const checks = () => fs.readdirSync(cache).filter((f) => f.startsWith('ts-'));
    expect(checks()).toHaveLength(1);
    const [file] = checks();
    const mtime = fs.statSync(path.join(cache, file!)).mtimeMs;
    await run(p.dir, 'validate');
    expect(checks()).toEqual([file]);
    expect(fs.statSync(path.join(cache, file!)).mtimeMs).toBe(mtime);
    fs.appendFileSync(p.file, '\n// changed\n');
    await run(p.dir, 'validate');
    expect(checks()).toHaveLength(2);
  });
});

describe('entries that fail without a stack trace', () => {
  const entry = (body: string) => projectWith(["import { App } from 'epl-platform';", body].join('\n'));
  const cases: Array<[string, string, string]> = [
    ['a thrown null', 'throw null;', 'entry/exception'],
    ['a thrown object without a prototype', 'throw Object.create(null);', 'entry/exception'],
    ['a rejected promise', "export default Promise.reject(new Error('no'));", 'entry/exception'],
    ['a getter that throws in the props', "const props = { projectName: 'x', get adminEmail(): string { throw new Error('boom'); } };\nexport default new App(props);", 'props/wrong-type'],
    ['a BigInt where a number is expected', "export default new App({ projectName: 'x', adminEmail: 'a@b.cd', adminSshKeys: [1n as unknown as string] });", 'props/wrong-type'],
    ['a missing required prop', "export default new App({ projectName: 'x' } as never);", 'props/missing-prop'],
  ];
  for (const [what, body, code] of cases) {
    it(`reports ${what}`, async () => {
      const p = entry(body);
      const r = await cli(['validate', '--no-typecheck'], p.dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`error ${code}`);
      expect(r.stderr).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
      expect(r.stderr).not.toContain('internal error');
    });
  }

  it('reports a platform nested too deeply to check (a 20,000-level struct)', async () => {
    const p = projectWith(
      [
        "import { App, t, VersionedType } from 'epl-platform';",
        "const app = new App({ projectName: 'x', adminEmail: 'a@b.cd' });",
        'let f = t.struct({ leaf: t.i64().at(0) });',
        'for (let i = 0; i < 20000; i++) f = t.struct({ inner: f.at(0) });',
        "new VersionedType(app, 'deep').snapshot(1, { top: f.at(0) });",
        'export default app;',
      ].join('\n'),
    );
    for (const command of ['validate', 'synth']) {
      const { code, report } = await run(p.dir, command, '--no-typecheck');
      expect(code).toBe(1);
      expect(report.diagnostics.map((d) => d.code)).toContain('props/too-deep');
    }
  });

  it('stops an entry whose export never settles, at the time limit', async () => {
    const p = entry('export default new Promise<never>(() => {});');
    const started = Date.now();
    const { code, report } = await run(p.dir, 'validate', '--no-typecheck', '--timeout', '1');
    expect(code).toBe(1);
    expect(at(report)).toEqual(['entry/timeout@0']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('an entry that never returns', () => {
  it('is stopped at the time limit by the binary, with a diagnostic and exit 1, text or JSON', () => {
    const p = projectWith("import { App } from 'epl-platform';\nwhile (true) {}\nexport default new App({ projectName: 'x', adminEmail: 'a@b.cd' });\n");
    for (const json of [false, true]) {
      const started = Date.now();
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin/epl.cjs'), 'validate', '--no-typecheck', '--timeout', '1', ...(json ? ['--json'] : [])], { cwd: p.dir, encoding: 'utf8', timeout: 30_000 });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.status).toBe(1);
      if (json) expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, diagnostics: [{ code: 'entry/timeout' }] });
      else expect(r.stderr).toMatch(/^epl\.ts - error entry\/timeout: running the entry did not finish within 1 s/);
    }
    expect(fs.readdirSync(p.dir).sort()).toEqual(['epl.ts', 'node_modules']);
  });
});

describe('ES module entries', () => {
  it('may use top-level await and import.meta.url', async () => {
    const p = projectWith(
      [
        "import { readFile } from 'node:fs/promises';",
        "import { App, Tld } from 'epl-platform';",
        "const name = (await readFile(new URL('./name.txt', import.meta.url), 'utf8')).trim();",
        "const app = new App({ projectName: name, adminEmail: 'a@b.cd' });",
        "new Tld(app, 'example.com');",
        'export default app;',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(p.dir, 'name.txt'), 'from-a-file\n');
    fs.writeFileSync(path.join(p.dir, 'package.json'), '{ "type": "module" }\n');
    const r = await cli(['validate', '--json'], p.dir);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.diagnostics.filter((d) => d.code.startsWith('entry/') || d.code.startsWith('ts/'))).toEqual([]);
    // The name was read through import.meta.url: no problem with the project name is reported.
    expect(report.diagnostics.map((d) => d.code)).not.toContain('meta/invalid-project-name');
    expect(fs.readdirSync(p.dir).filter((f) => f.includes('epl-bundle'))).toEqual([]);
  });
});
