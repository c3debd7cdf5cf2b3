import * as path from 'node:path';
import type { Diagnostic } from '../../../lib/diagnostics/types';
import { checkOutputDir, OutputDir, type WriteReport } from '../../../lib/files/writer';
import { PUBLIC_KEYS_FILE } from '../../emit/secrets/public-keys';
import { stateDiagnostic } from '../../secrets/diagnostics';
import type { SecretsState } from '../../secrets/state-file';
import { synthesize, type SynthResult } from '../../synth';
import { readSecretChecks, writeSecretChecks } from '../cache';
import { locateSecrets, SecretsStore, type SecretsLocation } from '../secrets-store';
import { plural, type Ui } from '../ui';
import { loadApp, pgOptionsOf, resolveEntry, type EntryOptions, identityOf } from './common';

export interface SynthOptions extends EntryOptions {
  readonly out?: string;
  readonly secrets?: string;
  readonly ageIdentity?: string;
  readonly regenerateSecrets?: boolean;
}

/** The secrets synth starts from, or the diagnostic why it must not start. */
interface Start {
  readonly values: Readonly<Record<string, string>>;
  readonly rotate: readonly string[];
  readonly problem?: Diagnostic;
  /** A legacy `out/secrets.yml` the values came from, to report the move. */
  readonly movedFrom?: string;
  /** Provisioning ids of the last synth. */
  readonly provisioning?: SecretsState['provisioning'];
}

function parsePublicKeys(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * Reads the secrets state under its lock. A missing file while the output records public keys, or
 * a damaged one, stops synth (unless --regenerate-secrets): new keys must never be made by accident.
 * A legacy `out/secrets.yml` is taken over once.
 */
async function startingSecrets(store: SecretsStore, out: OutputDir, loc: SecretsLocation, opts: SynthOptions): Promise<Start> {
  const read = await store.read();
  if (read.kind === 'ok') return { values: read.state.secrets, rotate: read.state.rotate, provisioning: read.state.provisioning };
  if (read.kind === 'problem') return opts.regenerateSecrets ? { values: {}, rotate: [] } : { values: {}, rotate: [], problem: read.diagnostic };
  const legacy = await store.readLegacy(out.dir);
  if (legacy.kind === 'ok') return { values: legacy.state.secrets, rotate: [], movedFrom: legacy.file! };
  if (legacy.kind === 'problem') return { values: {}, rotate: [], problem: legacy.diagnostic };
  if (out.readFile(PUBLIC_KEYS_FILE) !== undefined && !opts.regenerateSecrets) {
    const problem = stateDiagnostic(
      'missing',
      `${loc.file} does not exist, but ${path.join(out.dir, PUBLIC_KEYS_FILE)} shows the output was made with secrets: restore the file (or pass it with --secrets), or run with --regenerate-secrets to make new keys`,
    );
    return { values: {}, rotate: [], problem };
  }
  return { values: {}, rotate: [] };
}

function summary(ui: Ui, outRel: string, secretsRel: string, result: SynthResult, report: WriteReport, start: Start, wroteSecrets: boolean, started: number, pgHost?: string): void {
  const total = result.files!.size;
  const io = ui.io;
  io.stdout(
    `Synthesized ${plural(total, 'file')} into ${outRel}: ${report.written.length} written, ${report.unchanged.length} unchanged, ` +
      `${report.keptUserOwned.length ? `${report.keptUserOwned.length} yours kept, ` : ''}${report.removed.length} removed.\n`,
  );
  if (start.movedFrom) io.stdout(`Moved the secrets of ${path.relative(io.cwd, start.movedFrom)} to ${secretsRel}; keep that file with your code (not in the output).\n`);
  const generated = result.generatedSecrets;
  if (generated.length > 0) io.stdout(`Generated ${plural(generated.length, 'secret')} into ${secretsRel}.\n`);
  else if (wroteSecrets) io.stdout(`Updated ${secretsRel}.\n`);
  if (result.pgVerified.length > 0) io.stdout(`Verified Postgres schemas against ${pgHost ?? 'PGlite'}: ${result.pgVerified.join(', ')}.\n`);
  if (result.pgCached.length > 0) io.stdout(`Unchanged Postgres schemas, verified before: ${result.pgCached.join(', ')}.\n`);
  if (result.alertTests === 'passed') io.stdout('Alert tests passed (promtool).\n');
  if (result.alertTests === 'cached') io.stdout('Unchanged alerts, their tests passed before.\n');
  io.stdout(`Done in ${((Date.now() - started) / 1000).toFixed(2)} s.\n`);
}

/** `epl synth`: check the platform, keep its secrets, write its files. */
export async function synthCommand(entryArg: string, opts: SynthOptions, ui: Ui): Promise<number> {
  const started = Date.now();
  const io = ui.io;
  const entry = resolveEntry(entryArg, ui);
  const outDir = path.resolve(io.cwd, opts.out ?? 'out');
  // Before the entry runs: an output directory epl may not replace is known now, not after the work.
  checkOutputDir(outDir);
  const pg = pgOptionsOf(entry, opts, ui);
  const loaded = await loadApp(entry, opts, ui);
  if (!loaded.app) return ui.finish(loaded.diagnostics);

  const loc = locateSecrets(path.dirname(entry), opts.secrets);
  const out = OutputDir.open(outDir);
  let store: SecretsStore | undefined;
  try {
    store = SecretsStore.open(loc, identityOf(opts, ui));
    const start = await startingSecrets(store, out, loc, opts);
    if (start.problem) return ui.finish([...loaded.diagnostics, start.problem]);
    const cacheDir = pg.cacheDir;
    const secretChecks = cacheDir ? readSecretChecks(cacheDir, loc.file) : {};
    const result = await ui.step('Checking the platform and rendering its files', () =>
      synthesize(loaded.app!, {
        previousSecrets: start.values,
        rotate: start.rotate,
        previousPublicKeys: parsePublicKeys(out.readFile(PUBLIC_KEYS_FILE)),
        regenerateSecrets: opts.regenerateSecrets === true,
        provisioning: start.provisioning,
        secretChecks,
        pg,
        alerts: pg.cacheDir ? { cacheDir: pg.cacheDir } : {},
      }),
    );
    const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
    const extra = { generatedSecrets: result.generatedSecrets, pgVerified: result.pgVerified, pgCached: result.pgCached, alertTests: result.alertTests };
    if (!result.files) return ui.finish(diagnostics, extra);
    // The secrets first: an output is never written with secrets that are not kept.
    const wroteSecrets = await store.write({ secrets: result.secrets, rotate: [], provisioning: result.provisioning });
    const report = out.write(result.files);
    const cacheProblem = cacheDir ? writeSecretChecks(cacheDir, loc.file, result.secretChecks) : undefined;
    if (cacheProblem) ui.note(`could not update the cache (${cacheProblem}); the next synth checks every secret again`);
    const outRel = path.relative(io.cwd, outDir) || '.';
    const secretsRel = path.relative(io.cwd, loc.file);
    const code = ui.finish(diagnostics, {
      ...extra,
      out: outRel,
      secrets: secretsRel,
      written: report.written.length,
      unchanged: report.unchanged.length,
      removed: report.removed.length,
      keptUserOwned: report.keptUserOwned,
      ...(start.movedFrom ? { movedSecretsFrom: path.relative(io.cwd, start.movedFrom) } : {}),
    });
    if (!ui.json) summary(ui, outRel, secretsRel, result, report, start, wroteSecrets, started, pg.serverHost);
    return code;
  } finally {
    store?.close();
    out.close();
  }
}
