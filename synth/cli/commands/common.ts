import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App } from '../../../constructs/core/app';
import type { Diagnostic } from '../../../lib/diagnostics/types';
import type { PgVerifyOptions } from '../../verify/pg';
import { serverEngine } from '../../verify/pg/engine';
import { cacheDirFor } from '../cache';
import { loadEntry } from '../load-entry';
import { UsageError, type Ui } from '../ui';

/** Options of the commands that run the entry (`synth`, `validate`, `diff`). */
export interface EntryOptions {
  readonly json?: boolean;
  readonly cache?: boolean;
  readonly typecheck?: boolean;
  readonly postgresUrl?: string;
  readonly timeout?: string;
  readonly statementTimeout?: string;
}

/** A URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** The age identity file: `--age-identity`, else EPL_AGE_IDENTITY_FILE. */
export function identityOf(opts: { readonly ageIdentity?: string }, ui: Ui): { identityFile?: string } {
  const file = opts.ageIdentity ?? ui.io.env.EPL_AGE_IDENTITY_FILE;
  return file ? { identityFile: path.resolve(ui.io.cwd, file) } : {};
}

/** The entry's absolute path; a missing entry is a usage error. */
export function resolveEntry(entryArg: string, ui: Ui): string {
  const entry = path.resolve(ui.io.cwd, entryArg);
  if (!fs.existsSync(entry)) throw new UsageError(`entry file ${path.relative(ui.io.cwd, entry) || entry} does not exist`);
  if (!fs.statSync(entry).isFile()) throw new UsageError(`entry ${path.relative(ui.io.cwd, entry) || entry} is not a file`);
  return entry;
}

/** How Postgres schemas are verified: engine, cache and statement time limit. */
export function pgOptionsOf(entry: string, opts: EntryOptions, ui: Ui): PgVerifyOptions & { readonly serverHost?: string } {
  const url = opts.postgresUrl ?? ui.io.env.EPL_POSTGRES_URL;
  if (url !== undefined && !URL.canParse(url)) throw new UsageError(`the Postgres URL ${redactUrl(url)} is not a URL (postgres://user:password@host:5432/postgres)`);
  return {
    ...(opts.cache === false ? {} : { cacheDir: cacheDirFor(entry) }),
    statementTimeoutMs: Number(opts.statementTimeout ?? 5000),
    ...(url ? { engine: serverEngine(url, Number(opts.statementTimeout ?? 5000)), engineId: `server:${new URL(url).host}`, serverHost: new URL(url).host } : {}),
  };
}

/** Loads the entry (type-checked unless asked not to); the App, or the diagnostics why not. */
export async function loadApp(entry: string, opts: EntryOptions, ui: Ui): Promise<{ app: App | undefined; diagnostics: readonly Diagnostic[] }> {
  return ui.step('Running the entry', () =>
    loadEntry(entry, {
      typecheck: opts.typecheck !== false,
      timeoutMs: Number(opts.timeout ?? 60) * 1000,
      ...(opts.cache === false ? {} : { cacheDir: cacheDirFor(entry) }),
    }),
  );
}
