import { sortedBy } from '../text/order';
/** File modes epl writes: regular files, executables, secrets, and scripts holding secrets. */
export type FileMode = 0o644 | 0o755 | 0o600 | 0o700;

export interface OutputFile {
  /** Relative POSIX path inside the output directory. */
  readonly path: string;
  readonly content: string;
  readonly mode: FileMode;
  /**
   * Created once and never overwritten (e.g. an app's `implementation.rs`): the user owns it
   * after the first synth.
   */
  readonly userOwned: boolean;
  /**
   * Holds secret material: owner-only (0600 files in 0700 directories) and listed in the manifest
   * without a checksum, since the manifest is meant to be committed.
   */
  readonly secret: boolean;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** An in-memory output tree. Emitters add files; only the writer touches the disk. */
export class FileTree {
  private readonly files = new Map<string, OutputFile>();
  private readonly dirs = new Set<string>();

  add(path: string, content: string, opts: { mode?: FileMode; userOwned?: boolean; secret?: boolean } = {}): void {
    const segments = path.split('/');
    if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
      throw new Error(`epl bug: invalid output path '${path}'`);
    }
    if (path === 'manifest.json') throw new Error('epl bug: manifest.json is written by the writer');
    if (this.files.has(path)) throw new Error(`epl bug: two emitters wrote '${path}'`);
    const parents = segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('/'));
    if (this.dirs.has(path) || parents.some((d) => this.files.has(d))) throw new Error(`epl bug: '${path}' is both a file and a directory`);
    for (const d of parents) this.dirs.add(d);
    if (opts.secret && opts.mode !== undefined && (opts.mode & 0o077) !== 0) throw new Error(`epl bug: secret file '${path}' with mode ${opts.mode.toString(8)}`);
    this.files.set(path, { path, content, mode: opts.mode ?? (opts.secret ? 0o600 : 0o644), userOwned: opts.userOwned ?? false, secret: opts.secret ?? false });
  }

  /** Replaces the content of a file already added (a value only known once all files exist). */
  update(path: string, content: string): void {
    const file = this.files.get(path);
    if (!file) throw new Error(`epl bug: no file '${path}' to update`);
    this.files.set(path, { ...file, content });
  }

  get(path: string): OutputFile | undefined {
    return this.files.get(path);
  }

  /** Files sorted by path. */
  list(): OutputFile[] {
    return sortedBy(this.files.values(), (f) => f.path);
  }

  get size(): number {
    return this.files.size;
  }
}
