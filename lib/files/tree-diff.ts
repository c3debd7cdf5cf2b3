import { createTwoFilesPatch } from 'diff';
import type { FileTree } from './file-tree';

export type ChangeKind = 'added' | 'changed' | 'removed' | 'mode';

/** One file whose content or mode would change. */
export interface FileChange {
  readonly path: string;
  readonly kind: ChangeKind;
  readonly secret: boolean;
  /** Unified diff of the content; absent for secret files and unchanged content. */
  readonly patch?: string;
}

/** A file of the existing output: its content and mode, or undefined when it is missing. */
export type ExistingFile = { readonly content: string; readonly mode: number } | undefined;

/**
 * What writing `tree` would change in an output whose generated files are `previous` (paths
 * from its manifest). User-owned files that exist are never changed; secret files are compared but
 * never shown.
 */
export function diffTrees(tree: FileTree, previous: readonly string[], read: (path: string) => ExistingFile): FileChange[] {
  const changes: FileChange[] = [];
  for (const file of tree.list()) {
    const old = read(file.path);
    if (old === undefined) {
      changes.push({ path: file.path, kind: 'added', secret: file.secret, ...(file.secret ? {} : { patch: createTwoFilesPatch('/dev/null', `b/${file.path}`, '', file.content) }) });
      continue;
    }
    if (file.userOwned) continue;
    if (old.content !== file.content) {
      changes.push({ path: file.path, kind: 'changed', secret: file.secret, ...(file.secret ? {} : { patch: createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, old.content, file.content) }) });
    } else if ((old.mode & 0o777) !== file.mode) {
      changes.push({ path: file.path, kind: 'mode', secret: file.secret });
    }
  }
  for (const p of previous) {
    if (tree.get(p) || read(p) === undefined) continue;
    changes.push({ path: p, kind: 'removed', secret: p.startsWith('secrets/') });
  }
  return changes;
}
