import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli';

/** Runs a command as a user would in a shell, in `cwd`. */
function sh(command: string, cwd: string) {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { status: r.status, out: r.stdout + r.stderr };
}

// epl as a user gets it: the packed tarball, installed into a project `epl init` made. The
// project's other dependencies come from npm's cache (or the registry).
describe('epl init, then the README of the project it made', () => {
  let tarball: string;
  let project: string;
  beforeAll(() => {
    const packDir = tempDir();
    const pack = sh(`npm pack --ignore-scripts --pack-destination ${packDir}`, REPO);
    expect(pack.status, pack.out).toBe(0);
    tarball = path.join(packDir, fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
    project = path.join(tempDir(), 'my-platform');
  }, 120_000);

  it('creates a project that installs, synthesizes and passes its own test', () => {
    const init = sh(`node ${path.join(REPO, 'bin/epl.cjs')} init my-platform`, path.dirname(project));
    expect(init.status, init.out).toBe(0);
    expect(init.out).toContain('Created the project my-platform in my-platform.');
    expect(fs.readdirSync(project).sort()).toEqual(['.gitignore', 'README.md', 'epl.ts', 'package.json', 'test', 'tsconfig.json']);
    const readme = fs.readFileSync(path.join(project, 'README.md'), 'utf8');
    const commands = [...readme.matchAll(/^(npm install && .*?)\s+#/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['npm install && npx epl synth', 'npm install && npm test']);
    // This epl, not a release from the registry.
    const install = sh(`npm install --prefer-offline ${tarball}`, project);
    expect(install.status, install.out).toBe(0);
    for (const command of commands) {
      const r = sh(command, project);
      expect(r.status, `${command}\n${r.out}`).toBe(0);
    }
    expect(fs.existsSync(path.join(project, 'out/l1-provisioning/server-a/configuration.nix'))).toBe(true);
    expect(fs.statSync(path.join(project, 'epl.secrets.yml')).mode & 0o777).toBe(0o600);
    // Type errors are caught in the new project too.
    fs.appendFileSync(path.join(project, 'epl.ts'), "\nnew Tld(app, 'extra.com', { dnsSec: false });\n");
    const typo = sh('npx epl validate', project);
    expect(typo.status).toBe(1);
    expect(typo.out).toMatch(/error ts\/TS2561: Object literal may only specify known properties, but 'dnsSec' does not exist in type 'TldProps'. Did you mean to write 'dnssec'\?/);
  }, 300_000);

  it('refuses to write over an existing project', () => {
    const again = sh(`node ${path.join(REPO, 'bin/epl.cjs')} init my-platform`, path.dirname(project));
    expect(again.status).toBe(2);
    expect(again.out).toMatch(/already has .*epl\.ts/);
  });
});
