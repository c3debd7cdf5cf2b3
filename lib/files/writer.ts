import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileTree, OutputFile } from './file-tree';
import { followLinks } from './links';
import { takeLock } from './lock';
import { MANIFEST_FILE, parseManifest, renderManifest, sha256, type ManifestEntry } from './manifest';

export { LockedError } from './lock';

export interface WriteReport {
  /** Files whose content was written (new or changed). */
  readonly written: string[];
  /** Generated files left as they were because their content did not change. */
  readonly unchanged: string[];
  /** Files of the previous synth that are no longer generated. */
  readonly removed: string[];
  /** User-owned files that already existed and were kept. */
  readonly keptUserOwned: string[];
}

/** The output directory cannot be used: epl did not write it, it is read-only, a mount point, ... */
export class OutputDirectoryError extends Error {
  constructor(
    readonly dir: string,
    reason: string,
  ) {
    super(`${dir} ${reason}`);
  }
}

const DIR_MODE = 0o755;
/** Directories holding only secret files. */
const SECRET_DIR_MODE = 0o700;

/** What the user keeps in the output directory besides epl's files. */
type Entry = { readonly rel: string; readonly kind: 'file' | 'symlink' | 'empty-dir' };

function walk(root: string, rel = ''): Entry[] {
  const out: Entry[] = [];
  const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  if (rel && entries.length === 0) return [{ rel, kind: 'empty-dir' }];
  for (const entry of entries) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink()) out.push({ rel: p, kind: 'symlink' });
    else if (entry.isDirectory()) out.push(...walk(root, p));
    else if (entry.isFile()) out.push({ rel: p, kind: 'file' });
  }
  return out;
}

/** Hard-links `from` to `to` so an unchanged file keeps its inode and mtime; copies when linking fails. */
function carry(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
    const st = fs.statSync(from);
    fs.chmodSync(to, st.mode & 0o7777);
    fs.utimesSync(to, st.atime, st.mtime);
  }
}

function isWritable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where output for `outDir` is really written: a symlinked output directory is followed, so the
 * link stays and its target is updated.
 */
export function resolveOutputDir(outDir: string): string {
  return followLinks(path.resolve(outDir));
}

/**
 * Checks that epl may replace `dir` and can: it does not exist, is empty, or holds a manifest
 * epl wrote; it and its parent are writable; it is not a mount point (it is swapped by rename).
 * Throws OutputDirectoryError; changes nothing.
 */
export function checkOutputDir(outDir: string): void {
  const dir = resolveOutputDir(outDir);
  const parent = path.dirname(dir);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(dir);
  } catch {
    st = undefined;
  }
  if (st) {
    if (!st.isDirectory()) throw new OutputDirectoryError(dir, 'exists and is not a directory');
    const manifestPath = path.join(dir, MANIFEST_FILE);
    const manifest = fs.existsSync(manifestPath) ? parseManifest(fs.readFileSync(manifestPath, 'utf8')) : undefined;
    if (!manifest && fs.readdirSync(dir).length > 0) {
      throw new OutputDirectoryError(dir, `exists, is not empty and has no ${MANIFEST_FILE}: refusing to replace a directory epl did not write`);
    }
    if (!isWritable(dir)) throw new OutputDirectoryError(dir, 'is read-only: epl replaces the whole directory and will not replace one it cannot write');
    if (fs.statSync(parent).dev !== st.dev) {
      throw new OutputDirectoryError(dir, 'is a mount point: epl replaces the directory by renaming it, which a mount point cannot be; use a directory inside it');
    }
  }
  let existing = parent;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!isWritable(existing)) throw new OutputDirectoryError(dir, `cannot be written: ${existing} is read-only`);
}

/**
 * An output directory opened for writing: the lock (`<out>.epl-lock` beside it) is held until
 * `close`, and an interrupted earlier run has been recovered, so what `readFile` sees is the
 * complete previous output.
 */
export class OutputDir {
  /** Opens `outDir` (following a symlink), checking it, locking it and recovering an interrupted swap. */
  static open(outDir: string): OutputDir {
    checkOutputDir(outDir);
    const dir = resolveOutputDir(outDir);
    fs.mkdirSync(path.dirname(dir), { recursive: true, mode: DIR_MODE });
    const release = takeLock(`${dir}.epl-lock`, dir);
    try {
      recoverInterruptedSwap(dir);
      checkOutputDir(dir);
    } catch (e) {
      release();
      throw e;
    }
    return new OutputDir(dir, release);
  }

  private closed = false;

  private constructor(
    /** The real path of the output directory. */
    readonly dir: string,
    private readonly release: () => void,
  ) {}

  /** A file of the current output, or undefined. */
  readFile(rel: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.dir, rel), 'utf8');
    } catch {
      return undefined;
    }
  }

  /**
   * Writes `tree` atomically: the new tree is built in a sibling staging directory and swapped in
   * with renames, so a failure part-way leaves the previous output as it was. Unchanged files are
   * carried over by hard link (not rewritten), user-owned files that exist are kept, files the
   * previous manifest listed but this synth no longer generates are dropped, and files, symlinks
   * and empty directories the user put there are kept. When nothing changed, nothing is touched.
   * Modes are set explicitly, whatever the umask: 0755 directories, 0700 for directories of
   * secrets only, each file its own mode.
   */
  write(tree: FileTree): WriteReport {
    if (this.closed) throw new Error('epl bug: write after close');
    return writeLocked(this.dir, tree);
  }

  close(): void {
    if (!this.closed) this.release();
    this.closed = true;
  }
}

/** Opens, writes and closes: `OutputDir.open(outDir).write(tree)`. */
export function writeTree(outDir: string, tree: FileTree): WriteReport {
  const out = OutputDir.open(outDir);
  try {
    return out.write(tree);
  } finally {
    out.close();
  }
}

/**
 * A run that died between its two renames left the previous output as `<out>.epl-old-<pid>` and no
 * `<out>`: put it back. Leftover staging and old directories of dead runs are removed.
 */
function recoverInterruptedSwap(dir: string): void {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const olds = fs.readdirSync(parent).filter((n) => n.startsWith(`${base}.epl-old-`));
  if (!fs.existsSync(dir) && olds.length > 0) {
    const newest = olds.map((n) => ({ n, t: fs.statSync(path.join(parent, n)).mtimeMs })).sort((a, b) => b.t - a.t)[0]!.n;
    fs.renameSync(path.join(parent, newest), dir);
  }
  // Ours by name, and no other run is writing (we hold the lock).
  for (const name of fs.readdirSync(parent)) {
    if (name.startsWith(`${base}.epl-staging-`) || name.startsWith(`${base}.epl-old-`)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function manifestEntry(file: OutputFile, hash: string | undefined): ManifestEntry {
  return {
    path: file.path,
    // The manifest is committed: secret files are listed without a checksum of their content.
    ...(file.secret || hash === undefined ? {} : { sha256: hash }),
    mode: file.mode.toString(8).padStart(4, '0'),
    ...(file.userOwned ? { userOwned: true as const } : {}),
    ...(file.secret ? { secret: true as const } : {}),
  };
}

function writeLocked(dir: string, tree: FileTree): WriteReport {
  const parent = path.dirname(dir);
  const exists = fs.existsSync(dir);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const previous = new Set((exists && fs.existsSync(manifestPath) ? parseManifest(fs.readFileSync(manifestPath, 'utf8'))?.files ?? [] : []).map((f) => f.path));

  // Decide each file first: when nothing changes, the output directory is left exactly as it is.
  const report: WriteReport = { written: [], unchanged: [], removed: [], keptUserOwned: [] };
  const entries: ManifestEntry[] = [];
  const files = tree.list();
  const keep = new Set<string>();
  for (const file of files) {
    const oldPath = path.join(dir, file.path);
    const old = exists ? fs.lstatSync(oldPath, { throwIfNoEntry: false }) : undefined;
    const oldIsFile = old?.isFile() ?? false;
    if (file.userOwned && oldIsFile) {
      keep.add(file.path);
      report.keptUserOwned.push(file.path);
      entries.push(manifestEntry(file, sha256(fs.readFileSync(oldPath))));
      continue;
    }
    const hash = sha256(file.content);
    if (oldIsFile && (old!.mode & 0o7777) === file.mode && sha256(fs.readFileSync(oldPath)) === hash) {
      keep.add(file.path);
      report.unchanged.push(file.path);
    } else {
      report.written.push(file.path);
    }
    entries.push(manifestEntry(file, hash));
  }
  const userEntries: Entry[] = [];
  if (exists) {
    for (const entry of walk(dir)) {
      if (entry.rel === MANIFEST_FILE || tree.get(entry.rel)) continue;
      if (entry.kind === 'file' && previous.has(entry.rel)) report.removed.push(entry.rel);
      else userEntries.push(entry);
    }
  }
  const manifest = renderManifest(entries);
  const manifestUnchanged = exists && fs.existsSync(manifestPath) && fs.readFileSync(manifestPath, 'utf8') === manifest;
  if (manifestUnchanged && report.written.length === 0 && report.removed.length === 0) return report;

  const staging = path.join(parent, `${path.basename(dir)}.epl-staging-${process.pid}`);
  fs.mkdirSync(staging, { mode: DIR_MODE });
  const secretOnly = secretOnlyDirs(files);
  const made = new Set<string>(['']);
  const mkdirFor = (rel: string) => {
    const d = path.posix.dirname(rel);
    if (d === '.' || made.has(d)) return;
    mkdirFor(d);
    fs.mkdirSync(path.join(staging, d), { mode: DIR_MODE });
    fs.chmodSync(path.join(staging, d), secretOnly.has(d) ? SECRET_DIR_MODE : DIR_MODE); // whatever the umask
    made.add(d);
  };
  try {
    for (const file of files) {
      const newPath = path.join(staging, file.path);
      mkdirFor(file.path);
      if (keep.has(file.path)) {
        carry(path.join(dir, file.path), newPath);
      } else {
        fs.writeFileSync(newPath, file.content, { mode: file.mode });
        fs.chmodSync(newPath, file.mode); // the umask may have narrowed it
      }
    }
    for (const entry of userEntries) {
      const from = path.join(dir, entry.rel);
      const to = path.join(staging, entry.rel);
      if (entry.kind === 'empty-dir') {
        mkdirFor(`${entry.rel}/.`);
        continue;
      }
      mkdirFor(entry.rel);
      if (entry.kind === 'symlink') fs.symlinkSync(fs.readlinkSync(from), to);
      else carry(from, to); // the user's own file
    }
    if (manifestUnchanged) carry(manifestPath, path.join(staging, MANIFEST_FILE));
    else {
      fs.writeFileSync(path.join(staging, MANIFEST_FILE), manifest, { mode: 0o644 });
      fs.chmodSync(path.join(staging, MANIFEST_FILE), 0o644);
    }
    fs.chmodSync(staging, exists ? fs.statSync(dir).mode & 0o7777 : DIR_MODE);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  swapIn(dir, staging, exists);
  return report;
}

/** Directories (relative) under which every file is secret. */
function secretOnlyDirs(files: readonly OutputFile[]): Set<string> {
  const mixed = new Set<string>();
  const all = new Set<string>();
  for (const f of files) {
    for (let d = path.posix.dirname(f.path); d !== '.'; d = path.posix.dirname(d)) {
      all.add(d);
      if (!f.secret) mixed.add(d);
    }
  }
  return new Set([...all].filter((d) => !mixed.has(d)));
}

function swapIn(dir: string, staging: string, exists: boolean): void {
  if (!exists) {
    fs.renameSync(staging, dir);
    return;
  }
  const old = path.join(path.dirname(dir), `${path.basename(dir)}.epl-old-${process.pid}`);
  try {
    fs.renameSync(dir, old);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if ((e as NodeJS.ErrnoException).code === 'EBUSY') throw new OutputDirectoryError(dir, 'is a mount point (or in use): epl replaces the directory by renaming it; use a directory inside it');
    throw e;
  }
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    fs.renameSync(old, dir);
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
}
