import * as path from 'node:path';
import { check } from '../../synth';
import { plural, type Ui } from '../ui';
import { loadApp, pgOptionsOf, resolveEntry, type EntryOptions } from './common';

/** `epl validate`: every check synth makes, nothing written. */
export async function validateCommand(entryArg: string, opts: EntryOptions, ui: Ui): Promise<number> {
  const started = Date.now();
  const entry = resolveEntry(entryArg, ui);
  const pg = pgOptionsOf(entry, opts, ui);
  const loaded = await loadApp(entry, opts, ui);
  if (!loaded.app) return ui.finish(loaded.diagnostics);
  const app = loaded.app;
  const checked = await ui.step('Checking the platform', () => check(app, { pg, alerts: pg.cacheDir ? { cacheDir: pg.cacheDir } : {} }));
  const diagnostics = [...loaded.diagnostics, ...checked.diagnostics];
  const constructs = app.node.findAll().length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const line =
    `${path.relative(ui.io.cwd, entry)}: no problems in ${plural(constructs, 'construct')}` +
    `${warnings ? ` (${plural(warnings, 'warning')})` : ''}` +
    `${checked.pgVerified.length + checked.pgCached.length ? `, Postgres schemas ${[...checked.pgVerified, ...checked.pgCached].join(', ')} verified` : ''}` +
    ` (${((Date.now() - started) / 1000).toFixed(2)} s).`;
  return ui.finish(diagnostics, { pgVerified: checked.pgVerified, pgCached: checked.pgCached }, line);
}
