import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileTree } from '../../../lib/files/file-tree';
import { LockedError, OutputDirectoryError, writeTree } from '../../../lib/files/writer';

let root: string;
let out: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-writer-'));
  out = path.join(root, 'out');
});

function tree(files: Record<string, string>, extra: (t: FileTree) => void = () => undefined): FileTree {
  const t = new FileTree();
  for (const [p, c] of Object.entries(files)) t.add(p, c);
  extra(t);
  return t;
}

const read = (p: string) => fs.readFileSync(path.join(out, p), 'utf8');

describe('writeTree', () => {
  it('writes files, modes and a manifest with sha256 of every file', () => {
    const report = writeTree(out, tree({ 'a/b.txt': 'hello' }, (t) => t.add('run.sh', '#!/bin/sh\n', { mode: 0o755 })));
    expect(report.written).toEqual(['a/b.txt', 'run.sh']);
    expect(read('a/b.txt')).toBe('hello');
    expect(fs.statSync(path.join(out, 'run.sh')).mode & 0o777).toBe(0o755);
    const manifest = JSON.parse(read('manifest.json'));
    expect(manifest.files).toEqual([
      { path: 'a/b.txt', sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', mode: '0644' },
      { path: 'run.sh', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mode: '0755' },
    ]);
  });

  it('does not rewrite unchanged files', () => {
    writeTree(out, tree({ 'same.txt': 'x', 'changes.txt': '1' }));
    const before = fs.statSync(path.join(out, 'same.txt'));
    const manifestBefore = fs.statSync(path.join(out, 'manifest.json'));
    writeTree(out, tree({ 'same.txt': 'x', 'changes.txt': '1' }));
    expect(fs.statSync(path.join(out, 'manifest.json')).ino).toBe(manifestBefore.ino);
    const report = writeTree(out, tree({ 'same.txt': 'x', 'changes.txt': '2' }));
    expect(report).toMatchObject({ written: ['changes.txt'], unchanged: ['same.txt'] });
    const after = fs.statSync(path.join(out, 'same.txt'));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(read('changes.txt')).toBe('2');
  });

  it('restores a generated file the user edited', () => {
    writeTree(out, tree({ 'gen.txt': 'generated' }));
    fs.writeFileSync(path.join(out, 'gen.txt'), 'edited');
    expect(writeTree(out, tree({ 'gen.txt': 'generated' })).written).toEqual(['gen.txt']);
    expect(read('gen.txt')).toBe('generated');
  });

  it('creates user-owned files once and keeps their edits', () => {
    const t = () => tree({}, (x) => x.add('app/implementation.rs', '// stub', { userOwned: true }));
    writeTree(out, t());
    fs.writeFileSync(path.join(out, 'app/implementation.rs'), '// mine');
    const report = writeTree(out, t());
    expect(report.keptUserOwned).toEqual(['app/implementation.rs']);
    expect(read('app/implementation.rs')).toBe('// mine');
  });

  it('removes files it no longer generates and keeps files the user added', () => {
    writeTree(out, tree({ 'old.txt': 'o', 'kept.txt': 'k' }));
    fs.writeFileSync(path.join(out, 'NOTES.md'), 'my notes');
    const report = writeTree(out, tree({ 'kept.txt': 'k' }));
    expect(report.removed).toEqual(['old.txt']);
    expect(fs.existsSync(path.join(out, 'old.txt'))).toBe(false);
    expect(read('NOTES.md')).toBe('my notes');
  });

  it('refuses to replace a directory it did not write', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'precious.txt'), 'data');
    expect(() => writeTree(out, tree({ 'a.txt': 'a' }))).toThrow(/refusing to replace a directory epl did not write/);
    expect(fs.readdirSync(out)).toEqual(['precious.txt']);
  });

  it('leaves the previous output untouched when writing fails part-way', () => {
    writeTree(out, tree({ 'a.txt': 'first' }));
    // The second file fails while the staging tree is being written (as a full disk would).
    class FailingTree extends FileTree {
      override list() {
        const failing = { path: 'b.txt', mode: 0o644 as const, userOwned: false, secret: false, get content(): string { throw new Error('disk full'); } };
        return [...super.list(), failing];
      }
    }
    const t = new FailingTree();
    t.add('a.txt', 'second');
    expect(() => writeTree(out, t)).toThrow('disk full');
    expect(read('a.txt')).toBe('first');
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('restores the previous output when a run died between its two renames', () => {
    writeTree(out, tree({ 'a.txt': 'first' }, (t) => t.add('mine.rs', '// stub', { userOwned: true })));
    fs.writeFileSync(path.join(out, 'mine.rs'), '// my code');
    // What a run that died after its first rename leaves behind:
    fs.renameSync(out, path.join(root, 'out.epl-old-99999'));
    fs.mkdirSync(path.join(root, 'out.epl-staging-99999'));
    const report = writeTree(out, tree({ 'a.txt': 'second' }, (t) => t.add('mine.rs', '// stub', { userOwned: true })));
    expect(report.keptUserOwned).toEqual(['mine.rs']);
    expect(read('mine.rs')).toBe('// my code');
    expect(read('a.txt')).toBe('second');
    expect(fs.readdirSync(root).sort()).toEqual(['out']);
  });

  it('refuses to write while another live process holds the lock, and takes over a stale lock', () => {
    fs.writeFileSync(path.join(root, 'out.epl-lock'), String(process.ppid));
    expect(() => writeTree(out, tree({ 'a.txt': 'x' }))).toThrow(LockedError);
    fs.writeFileSync(path.join(root, 'out.epl-lock'), '2147483646');
    writeTree(out, tree({ 'a.txt': 'x' }));
    expect(read('a.txt')).toBe('x');
    expect(fs.existsSync(path.join(root, 'out.epl-lock'))).toBe(false);
  });

  it('keeps the mode of the output directory', () => {
    writeTree(out, tree({ 'a.txt': 'x' }));
    fs.chmodSync(out, 0o700);
    writeTree(out, tree({ 'a.txt': 'y' }));
    expect(fs.statSync(out).mode & 0o777).toBe(0o700);
  });

  it('sets every mode explicitly, whatever the umask: 0755 directories, 0700 for secrets only', () => {
    const previous = process.umask(0o000);
    try {
      writeTree(out, tree({ 'l1/a/run.sh': '#!/bin/sh\n' }, (t) => t.add('secrets/servers/a/key', 'k', { secret: true })));
    } finally {
      process.umask(previous);
    }
    const mode = (p: string) => fs.statSync(path.join(out, p)).mode & 0o777;
    expect([mode('.'), mode('l1'), mode('l1/a'), mode('l1/a/run.sh')]).toEqual([0o755, 0o755, 0o755, 0o644]);
    expect([mode('secrets'), mode('secrets/servers/a'), mode('secrets/servers/a/key')]).toEqual([0o700, 0o700, 0o600]);
    // Nothing is writable by group or others.
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => [path.join(d, e.name), ...(e.isDirectory() ? walk(path.join(d, e.name)) : [])]);
    expect(walk(out).filter((p) => (fs.statSync(p).mode & 0o022) !== 0)).toEqual([]);
  });

  it("keeps the user's symlinks and empty directories", () => {
    writeTree(out, tree({ 'a.txt': '1' }));
    fs.symlinkSync('a.txt', path.join(out, 'link'));
    fs.mkdirSync(path.join(out, 'mine/empty'), { recursive: true });
    writeTree(out, tree({ 'a.txt': '2' }));
    expect(fs.readlinkSync(path.join(out, 'link'))).toBe('a.txt');
    expect(fs.readdirSync(path.join(out, 'mine/empty'))).toEqual([]);
  });

  it('follows a symlinked output directory and keeps the link', () => {
    const real = path.join(root, 'real-out');
    fs.symlinkSync(real, out);
    writeTree(out, tree({ 'a.txt': '1' }));
    writeTree(out, tree({ 'a.txt': '2' }));
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(real, 'a.txt'), 'utf8')).toBe('2');
  });

  it('refuses a read-only output directory before changing anything', () => {
    writeTree(out, tree({ 'a.txt': '1' }));
    fs.chmodSync(out, 0o555);
    try {
      if (process.getuid?.() === 0) return; // root may write anyway (the CLI test runs this as another user)
      expect(() => writeTree(out, tree({ 'a.txt': '2' }))).toThrow(/is read-only/);
      expect(read('a.txt')).toBe('1');
    } finally {
      fs.chmodSync(out, 0o755);
    }
  });

  it('takes over a lock whose pid now belongs to another process', () => {
    // A lock written by a process that died, whose pid was reused (here: our parent's pid, with another start time).
    fs.writeFileSync(path.join(root, 'out.epl-lock'), JSON.stringify({ pid: process.ppid, start: '1' }));
    writeTree(out, tree({ 'a.txt': 'x' }));
    expect(read('a.txt')).toBe('x');
  });

  it('is an OutputDirectoryError for a file where the directory should be', () => {
    fs.writeFileSync(out, 'a file');
    expect(() => writeTree(out, tree({ 'a.txt': 'x' }))).toThrow(OutputDirectoryError);
  });

  it('rejects paths that escape the output directory', () => {
    expect(() => tree({ '../x': 'no' })).toThrow(/invalid output path/);
    expect(() => tree({ 'a b': 'no' })).toThrow(/invalid output path/);
    expect(() => tree({ a: 'file', 'a/b': 'under a file' })).toThrow(/both a file and a directory/);
    expect(() => tree({ 'a/b': 'x', a: 'file over a directory' })).toThrow(/both a file and a directory/);
  });
});
