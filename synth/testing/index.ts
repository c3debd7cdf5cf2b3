/**
 * epl's testing API (`epl-platform/testing`): synthesize a platform in memory in your own tests,
 * assert its diagnostics and read the files it renders. Works with any test runner.
 *
 * @example
 * import { synthesizeApp } from 'epl-platform/testing';
 * import app from '../epl';
 *
 * const result = await synthesizeApp(app);
 * expect(result.errors).toEqual([]);
 * expect(result.file('l1-provisioning/server-a/configuration.nix')).toContain('services.consul');
 */
import type { App } from '../../constructs/core/app';
import type { Diagnostic } from '../../lib/diagnostics/types';
import { synthesize, validate } from '../synth';

export type { Diagnostic } from '../../lib/diagnostics/types';

/** What synthesizing an app in memory gave. */
export interface Synthesized {
  /** Every finding, errors and warnings. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /** Paths of the rendered files (empty when there are errors), sorted. */
  readonly paths: readonly string[];
  /** A rendered file's content; throws when there is no such file. */
  file(path: string): string;
  /** Rendered files whose path matches. */
  files(match?: RegExp): Readonly<Record<string, string>>;
  /** The diagnostics with this code (and, given, at this construct path). */
  diagnosticsWith(code: string, path?: string): readonly Diagnostic[];
  /** Every secret, kept or generated, by key (pass them as `secrets` to the next run). */
  readonly secrets: Readonly<Record<string, string>>;
}

export interface SynthesizeAppOptions {
  /** Secrets to keep (as `epl secrets` would); others are generated. @default none */
  readonly secrets?: Readonly<Record<string, string>>;
  /** The time certificates are issued at. @default now */
  readonly now?: Date;
  /**
   * Where to cache Postgres verification and alert test results (as synth does in
   * `node_modules/.cache/epl`), so unchanged schemas and alerts are not checked again on every
   * test run. @default no cache
   */
  readonly cacheDir?: string;
}

/** Synthesizes `app` in memory: every check synth makes, and the files it would write. Writes nothing. */
export async function synthesizeApp(app: App, opts: SynthesizeAppOptions = {}): Promise<Synthesized> {
  const result = await synthesize(app, {
    ...(opts.secrets ? { previousSecrets: opts.secrets } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.cacheDir ? { pg: { cacheDir: opts.cacheDir }, alerts: { cacheDir: opts.cacheDir } } : {}),
  });
  const contents = new Map((result.files?.list() ?? []).map((f) => [f.path, f.content]));
  return {
    diagnostics: result.diagnostics,
    errors: result.diagnostics.filter((d) => d.severity === 'error'),
    warnings: result.diagnostics.filter((d) => d.severity === 'warning'),
    paths: [...contents.keys()],
    file(path) {
      const text = contents.get(path);
      if (text === undefined) throw new Error(`no file ${path} was rendered${result.files ? '' : ' (the platform has errors)'}`);
      return text;
    },
    files(match) {
      return Object.fromEntries([...contents].filter(([p]) => !match || match.test(p)));
    },
    diagnosticsWith(code, path) {
      return result.diagnostics.filter((d) => d.code === code && (path === undefined || d.path === path));
    },
    secrets: result.secrets,
  };
}

/** Runs every rule over `app` (no Postgres, no secrets, no files): the quick check. */
export function validateApp(app: App): readonly Diagnostic[] {
  return validate(app);
}
