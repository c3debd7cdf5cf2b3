import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, REPO, tempDir } from '../../helpers/cli';

const asOther = process.getuid?.() === 0;

/**
 * The built package where `nobody` can read it: the checkout itself, or (when it lies under a
 * directory only root may enter, such as /root) a copy of what the CLI needs.
 */
const PACKAGE = ((): string => {
  if (!asOther) return REPO;
  const bin = path.join(REPO, 'bin/epl.cjs');
  if (spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `test -r ${bin}`]).status === 0) return REPO;
  const copy = tempDir('epl-package-');
  fs.chmodSync(copy, 0o755);
  for (const part of ['package.json', 'bin', 'dist', 'node_modules']) {
    // Hard links where the file system allows: node_modules is large.
    const r = spawnSync('cp', ['-al', path.join(REPO, part), copy]);
    if (r.status !== 0) spawnSync('cp', ['-a', path.join(REPO, part), copy]);
  }
  return copy;
})();

/**
 * Runs the built CLI as another user (`nobody`) when the tests run as root, as this user
 * otherwise, with umask 000: what it writes must not depend on the umask.
 */
function epl(dir: string, args: string): { status: number | null; out: string } {
  const command = `umask 000 && cd ${dir} && ${process.execPath} ${path.join(PACKAGE, 'bin/epl.cjs')} ${args}`;
  const r = asOther ? spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', command], { encoding: 'utf8' }) : spawnSync('sh', ['-c', command], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function projectFor(user: 'nobody' | 'self'): string {
  const dir = tempDir();
  fs.copyFileSync(EXAMPLE, path.join(dir, 'epl.ts'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.chmodSync(dir, 0o755);
  if (user === 'nobody' && asOther) spawnSync('chown', ['-R', 'nobody', dir]);
  return dir;
}

describe('what synth writes, whatever the umask and the user', () => {
  it('is never writable by group or others; secrets are owner-only', () => {
    const dir = projectFor('nobody');
    const r = epl(dir, 'synth');
    expect(r.status, r.out).toBe(0);
    const bad: string[] = [];
    const walk = (p: string) => {
      for (const e of fs.readdirSync(p, { withFileTypes: true })) {
        const full = path.join(p, e.name);
        if ((fs.lstatSync(full).mode & 0o022) !== 0) bad.push(path.relative(dir, full));
        if (e.isDirectory()) walk(full);
      }
    };
    walk(path.join(dir, 'out'));
    expect(bad).toEqual([]);
    expect(fs.statSync(path.join(dir, 'out')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(dir, 'out/secrets')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'epl.secrets.yml')).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('refuses a read-only output directory without replacing it', () => {
    const dir = projectFor('nobody');
    expect(epl(dir, 'synth').status).toBe(0);
    const out = path.join(dir, 'out');
    const inode = fs.statSync(out).ino;
    fs.chmodSync(out, 0o555);
    fs.writeFileSync(path.join(dir, 'epl.ts'), fs.readFileSync(path.join(dir, 'epl.ts'), 'utf8').replace("labels: { loki_reader: 'true' },", "labels: { loki_reader: 'false' },"));
    const r = epl(dir, 'synth');
    fs.chmodSync(out, 0o755);
    if (process.getuid?.() !== 0) {
      expect(r.status).toBe(2);
      expect(r.out).toMatch(/is read-only/);
      expect(r.out).not.toMatch(/\n\s+at /);
      expect(fs.statSync(out).ino).toBe(inode);
      return;
    }
    // As another user than its owner (root owns nothing here: nobody does), the same.
    expect(r.status, r.out).toBe(2);
    expect(r.out).toMatch(/is read-only/);
    expect(fs.statSync(out).ino).toBe(inode);
  }, 120_000);
});

describe('an output directory that is a mount point', () => {
  it('is refused before the entry runs, and left as it is', () => {
    const dir = projectFor('self');
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    // In a mount namespace of its own (as root, or a user mapped to root), out/ gets a tmpfs.
    const script = `mount -t tmpfs tmpfs ${out} && cd ${dir} && ${process.execPath} ${path.join(REPO, 'bin/epl.cjs')} synth; echo "status $?"; ls -A ${out}`;
    const r = spawnSync('unshare', [...(asOther ? [] : ['-r']), '-m', 'sh', '-c', script], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/is a mount point: epl replaces the directory by renaming it/);
    expect(r.stdout).toMatch(/status 2\n$/);
  }, 60_000);
});
