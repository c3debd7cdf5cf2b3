import type { App } from '../constructs/core/app';
import { FileTree } from '../lib/files/file-tree';
import { sortDiagnostics, type Diagnostic } from '../lib/diagnostics/types';
import { buildModel } from './model/build-model';
import { ALL_RULES } from './rules';
import { runRules } from './rules/run-rules';
import { emitNixos } from './emit/nixos';
import type { Rule } from './rules/rule';

export interface SynthResult {
  /** Every finding, errors and unacknowledged warnings, sorted by location. */
  readonly diagnostics: readonly Diagnostic[];
  /** The output, or undefined when there are errors. */
  readonly files: FileTree | undefined;
}

export interface SynthOptions {
  /** Rules to run. @default every rule */
  readonly rules?: readonly Rule[];
  /** Stop after the checks: no planning or emitting. @default false */
  readonly validateOnly?: boolean;
}

/** Locks the tree so nothing changes it while it is being checked and rendered. */
function prepare(app: App): void {
  for (const c of app.node.findAll()) c.node.lock();
}

/**
 * Checks the platform and renders its files in memory. Pure apart from reading the tree: no
 * disk, clock or randomness, so the same app gives the same files.
 */
export function synthesize(app: App, opts: SynthOptions = {}): SynthResult {
  prepare(app);
  const model = buildModel(app);
  const diagnostics = sortDiagnostics(runRules(model, opts.rules ?? ALL_RULES));
  if (opts.validateOnly || diagnostics.some((d) => d.severity === 'error')) return { diagnostics, files: undefined };
  const files = new FileTree();
  emitNixos(model, files);
  return { diagnostics, files };
}
