import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, parseManifest } from '../../../lib/files/manifest';
import { diffTrees, type FileChange } from '../../../lib/files/tree-diff';
import { resolveOutputDir } from '../../../lib/files/writer';
import { PUBLIC_KEYS_FILE } from '../../emit/secrets/public-keys';
import { synthesize } from '../../synth';
import { EXIT_INVALID, EXIT_OK } from '../io';
import { locateSecrets, SecretsStore } from '../secrets-store';
import { plural, type Ui } from '../ui';
import { loadApp, pgOptionsOf, resolveEntry, identityOf } from './common';
import type { SynthOptions } from './synth';

/** What a change is about: a server's L1 files, a DNS zone, an app, or the output itself. */
function groupOf(file: string): string {
  const server = /^(?:l1-provisioning|secrets\/servers)\/([^/]+)\//.exec(file);
  if (server) return `server ${server[1]}`;
  if (file.startsWith('dns/')) return 'DNS';
  const app = /^apps\/([^/]+)\//.exec(file);
  if (app) return `app ${app[1]}`;
  if (file.startsWith('secrets/')) return 'secrets';
  return 'output';
}

/** Hides any secret value that shows up in a patch (none should: secret files are never shown). */
function mask(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8 && out.includes(s)) out = out.split(s).join('***');
  return out;
}

/**
 * `epl diff`: synthesizes in memory and compares with the output directory, like a plan: which
 * servers' files, zones and apps change, with unified diffs; secret files are named, never shown.
 * Writes nothing (secrets a real synth would generate are only counted).
 */
export async function diffCommand(entryArg: string, opts: SynthOptions, ui: Ui): Promise<number> {
  const io = ui.io;
  const entry = resolveEntry(entryArg, ui);
  const outDir = resolveOutputDir(path.resolve(io.cwd, opts.out ?? 'out'));
  const pg = pgOptionsOf(entry, opts, ui);
  const loaded = await loadApp(entry, opts, ui);
  if (!loaded.app) return ui.finish(loaded.diagnostics);

  const loc = locateSecrets(path.dirname(entry), opts.secrets);
  const store = SecretsStore.open(loc, identityOf(opts, ui));
  let read;
  try {
    read = await store.read();
  } finally {
    store.close();
  }
  if (read.kind === 'problem') return ui.finish([...loaded.diagnostics, read.diagnostic]);
  const readOut = (rel: string) => {
    try {
      const p = path.join(outDir, rel);
      return { content: fs.readFileSync(p, 'utf8'), mode: fs.statSync(p).mode };
    } catch {
      return undefined;
    }
  };
  const publicKeys = readOut(PUBLIC_KEYS_FILE)?.content;
  const result = await ui.step('Checking the platform and rendering its files', () =>
    synthesize(loaded.app!, {
      previousSecrets: read.kind === 'ok' ? read.state.secrets : {},
      rotate: read.kind === 'ok' ? read.state.rotate : [],
      provisioning: read.kind === 'ok' ? read.state.provisioning : undefined,
      previousPublicKeys: publicKeys ? (JSON.parse(publicKeys) as Record<string, string>) : {},
      regenerateSecrets: opts.regenerateSecrets === true,
      pg,
      alerts: pg.cacheDir ? { cacheDir: pg.cacheDir } : {},
    }),
  );
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  if (!result.files) return ui.finish(diagnostics);

  const manifest = parseManifest(readOut(MANIFEST_FILE)?.content ?? '');
  const changes = diffTrees(result.files, manifest?.files.map((f) => f.path) ?? [], readOut);
  const secretValues = Object.values(result.secrets);
  const groups = new Map<string, FileChange[]>();
  for (const c of changes) groups.set(groupOf(c.path), [...(groups.get(groupOf(c.path)) ?? []), c]);
  const code = changes.length > 0 || result.generatedSecrets.length > 0 ? EXIT_INVALID : EXIT_OK;
  if (ui.json) {
    ui.finish(diagnostics, {
      changed: code !== EXIT_OK,
      newSecrets: result.generatedSecrets,
      groups: Object.fromEntries([...groups].map(([g, list]) => [g, list.map((c) => c.path)])),
      files: changes.map((c) => ({ ...c, ...(c.patch ? { patch: mask(c.patch, secretValues) } : {}) })),
    });
    return code;
  }
  ui.finish(diagnostics);
  const rel = path.relative(io.cwd, outDir) || '.';
  if (code === EXIT_OK) {
    io.stdout(`No changes: ${rel} is what this platform synthesizes to.\n`);
    return code;
  }
  for (const [group, list] of groups) {
    io.stdout(`${group}:\n`);
    for (const c of list) io.stdout(`  ${c.kind.padEnd(7)} ${c.path}${c.secret ? ' (secret; contents not shown)' : ''}\n`);
  }
  if (result.generatedSecrets.length > 0) io.stdout(`secrets: ${plural(result.generatedSecrets.length, 'new secret')} would be generated (${result.generatedSecrets.slice(0, 5).join(', ')}${result.generatedSecrets.length > 5 ? ', ...' : ''})\n`);
  for (const c of changes) if (c.patch) io.stdout(`\n${mask(c.patch, secretValues)}`);
  io.stdout(`\n${plural(changes.length, 'file')} would change in ${rel}; run epl synth to write them.\n`);
  return code;
}
