import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { isCapturedKey } from '../../secrets/keys';
import { EXIT_INVALID } from '../io';
import { locateSecrets, SecretsStore } from '../secrets-store';
import { UsageError, type Ui } from '../ui';
import { identityOf } from './common';
import type { SecretsCliOptions } from './secrets';

const BEGIN = /^-----BEGIN EPL SECRET (\S+)-----$/;
const END = (key: string) => `-----END EPL SECRET ${key}-----`;

/**
 * `epl secrets capture -- COMMAND...`: runs COMMAND (the region's bootstrap, through ssh) and keeps
 * what it prints between `-----BEGIN EPL SECRET <key>-----` and `-----END EPL SECRET <key>-----`
 * in the secrets file the moment the block ends, so a value a service hands out only once (Vault's
 * unseal keys and root token) is never lost with a terminal. Everything else passes through.
 * Only keys epl captures are taken; the exit status is the command's (1 when a value could not be
 * kept: it is then printed instead, so it is still in your hands).
 */
export async function secretsCapture(command: readonly string[], opts: SecretsCliOptions, ui: Ui): Promise<number> {
  if (command.length === 0) throw new UsageError('give the command to run after --, e.g. epl secrets capture -- ssh root@host sh bootstrap.sh --print-vault-init');
  const loc = locateSecrets(ui.io.cwd, opts.secrets);
  const rel = path.relative(ui.io.cwd, loc.file);
  let lost = false;

  const keep = async (key: string, lines: readonly string[]): Promise<void> => {
    const value = lines.join('\n');
    try {
      const store = SecretsStore.open(loc, identityOf(opts, ui));
      try {
        const read = await store.read();
        if (read.kind === 'problem') throw new Error(read.diagnostic.message);
        const state = read.kind === 'ok' ? read.state : { secrets: {}, rotate: [] };
        const replaced = state.secrets[key] !== undefined && state.secrets[key] !== value;
        await store.write({ ...state, secrets: { ...state.secrets, [key]: value } });
        ui.io.stdout(`(kept ${key} in ${rel}${replaced ? ', replacing the value it had' : ''})\n`);
      } finally {
        store.close();
      }
    } catch (e) {
      lost = true;
      ui.io.stderr(`epl: could not keep ${key} in ${rel} (${(e as Error).message}); here it is, keep it yourself:\n`);
      ui.io.stdout(`-----BEGIN EPL SECRET ${key}-----\n${value}\n${END(key)}\n`);
    }
  };

  const child = spawn(command[0]!, command.slice(1), { cwd: ui.io.cwd, env: { ...ui.io.env }, stdio: ['inherit', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolve) => {
    child.on('error', (e) => {
      ui.io.stderr(`epl: cannot run ${command[0]}: ${(e as NodeJS.ErrnoException).code ?? e.message}\n`);
      resolve(EXIT_INVALID);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : EXIT_INVALID)));
  });
  let open: { key: string; lines: string[] } | undefined;
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) {
    if (open) {
      if (line === END(open.key)) {
        await keep(open.key, open.lines);
        open = undefined;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const begin = BEGIN.exec(line);
    if (begin && isCapturedKey(begin[1]!)) open = { key: begin[1]!, lines: [] };
    else ui.io.stdout(`${line}\n`);
  }
  const code = await exited;
  if (open) {
    // The command stopped inside a block: what arrived is all there is, so it is shown, not kept.
    lost = true;
    ui.io.stderr(`epl: the output ended inside ${open.key}; what arrived is printed, not kept\n`);
    ui.io.stdout(`${open.lines.join('\n')}\n`);
  }
  return lost && code === 0 ? EXIT_INVALID : code;
}
