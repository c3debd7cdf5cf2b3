import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileTree } from './file-tree';
import { MANIFEST_FILE, parseManifest, renderManifest, sha256, type ManifestEntry } from './manifest';

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

/** Another epl process is writing the same output directory. */
export class OutputDirectoryLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`${dir} is being written by another epl process (pid ${pid}); try again when it has finished`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<out>.epl-lock` for this process, replacing a lock whose process is gone. */
function lock(file: string, dir: string): () => void {
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder && holder !== process.pid && alive(holder)) throw new OutputDirectoryLockedError(dir, holder);
      fs.rmSync(file, { force: true });
    }
  }
}

/** The output directory holds files epl did not write and no manifest: epl refuses to replace it. */
export class OutputDirectoryNotOwnedError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} exists, is not empty and has no ${MANIFEST_FILE}: refusing to replace a directory epl did not write`);
  }
}

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, p));
    else if (entry.isFile()) out.push(p);
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
    fs.utimesSync(to, st.atime, st.mtime);
  }
}

/**
 * Writes `tree` to `outDir` atomically: the new tree is built in a sibling staging directory and
 * swapped in with renames, so a failure part-way leaves the previous output as it was. Unchanged
 * files are carried over by hard link (not rewritten), user-owned files that exist are kept, files
 * the previous manifest listed but this synth no longer generates are dropped, and files the user
 * put there themselves are kept.
 */
export function writeTree(outDir: string, tree: FileTree): WriteReport {
  const dir = path.resolve(outDir);
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  fs.mkdirSync(parent, { recursive: true });
  const unlock = lock(path.join(parent, `${base}.epl-lock`), dir);
  try {
    return writeLocked(dir, parent, base, tree);
  } finally {
    unlock();
  }
}

function writeLocked(dir: string, parent: string, base: string, tree: FileTree): WriteReport {
  // A run that died between its two renames left the previous output as <out>.epl-old-<pid>:
  // put it back before anything else.
  const olds = fs.readdirSync(parent).filter((n) => n.startsWith(`${base}.epl-old-`));
  if (!fs.existsSync(dir) && olds.length > 0) {
    const newest = olds.map((n) => ({ n, t: fs.statSync(path.join(parent, n)).mtimeMs })).sort((a, b) => b.t - a.t)[0]!.n;
    fs.renameSync(path.join(parent, newest), dir);
  }

  let previous: Map<string, ManifestEntry> | undefined;
  const exists = fs.existsSync(dir);
  if (exists) {
    if (!fs.statSync(dir).isDirectory()) throw new OutputDirectoryNotOwnedError(dir);
    const manifestPath = path.join(dir, MANIFEST_FILE);
    const manifest = fs.existsSync(manifestPath) ? parseManifest(fs.readFileSync(manifestPath, 'utf8')) : undefined;
    if (!manifest && fs.readdirSync(dir).length > 0) throw new OutputDirectoryNotOwnedError(dir);
    previous = new Map((manifest?.files ?? []).map((f) => [f.path, f]));
  }

  // Leftovers of an interrupted run are ours by name, and no other run is writing (we hold the lock).
  for (const name of fs.readdirSync(parent)) {
    if (name.startsWith(`${base}.epl-staging-`) || name.startsWith(`${base}.epl-old-`)) {
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }

  // Decide each file first: when nothing changes, the output directory is left exactly as it is.
  const report: WriteReport = { written: [], unchanged: [], removed: [], keptUserOwned: [] };
  const entries: ManifestEntry[] = [];
  const files = tree.list();
  const keep = new Set<string>();
  for (const file of files) {
    const oldPath = path.join(dir, file.path);
    const oldExists = exists && fs.existsSync(oldPath);
    const mode = file.mode.toString(8).padStart(4, '0');
    if (file.userOwned && oldExists) {
      keep.add(file.path);
      report.keptUserOwned.push(file.path);
      entries.push({ path: file.path, sha256: sha256(fs.readFileSync(oldPath)), mode, userOwned: true });
      continue;
    }
    const hash = sha256(file.content);
    if (oldExists && (fs.statSync(oldPath).mode & 0o777) === file.mode && sha256(fs.readFileSync(oldPath)) === hash) {
      keep.add(file.path);
      report.unchanged.push(file.path);
    } else {
      report.written.push(file.path);
    }
    entries.push({ path: file.path, sha256: hash, mode, ...(file.userOwned ? { userOwned: true as const } : {}) });
  }
  const userFiles: string[] = [];
  if (exists) {
    for (const rel of walk(dir)) {
      if (rel === MANIFEST_FILE || tree.get(rel)) continue;
      if (previous?.has(rel)) report.removed.push(rel);
      else userFiles.push(rel);
    }
  }
  const manifest = renderManifest(entries);
  const oldManifest = path.join(dir, MANIFEST_FILE);
  const manifestUnchanged = exists && fs.existsSync(oldManifest) && fs.readFileSync(oldManifest, 'utf8') === manifest;
  if (manifestUnchanged && report.written.length === 0 && report.removed.length === 0) return report;

  const staging = path.join(parent, `${base}.epl-staging-${process.pid}`);
  fs.mkdirSync(staging, { mode: 0o755 });
  const made = new Set<string>();
  const mkdirFor = (file: string) => {
    const d = path.dirname(file);
    if (made.has(d)) return;
    fs.mkdirSync(d, { recursive: true });
    made.add(d);
  };
  try {
    for (const file of files) {
      const newPath = path.join(staging, file.path);
      mkdirFor(newPath);
      if (keep.has(file.path)) {
        carry(path.join(dir, file.path), newPath);
      } else {
        fs.writeFileSync(newPath, file.content, { mode: file.mode });
        fs.chmodSync(newPath, file.mode); // the umask may have narrowed it
      }
    }
    for (const rel of userFiles) {
      mkdirFor(path.join(staging, rel));
      carry(path.join(dir, rel), path.join(staging, rel)); // the user's own file
    }
    if (manifestUnchanged) carry(oldManifest, path.join(staging, MANIFEST_FILE));
    else fs.writeFileSync(path.join(staging, MANIFEST_FILE), manifest, { mode: 0o644 });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }

  if (exists) {
    fs.chmodSync(staging, fs.statSync(dir).mode & 0o7777);
    const old = path.join(parent, `${base}.epl-old-${process.pid}`);
    fs.renameSync(dir, old);
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      fs.renameSync(old, dir);
      fs.rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    fs.rmSync(old, { recursive: true, force: true });
  } else {
    fs.renameSync(staging, dir);
  }
  return report;
}
