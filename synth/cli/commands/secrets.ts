import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRecipient } from '../../../lib/crypto/age';
import { sortedStrings } from '../../../lib/text/order';
import { CUSTOM_PREFIX, isCapturedKey } from '../../secrets/keys';
import type { SecretsState } from '../../secrets/state-file';
import { EXIT_OK } from '../io';
import { locateSecrets, otherForm, SecretsStore, type SecretsLocation } from '../secrets-store';
import { plural, UsageError, type Ui } from '../ui';
import { identityOf } from './common';

export interface SecretsCliOptions {
  readonly secrets?: string;
  readonly ageIdentity?: string;
  readonly json?: boolean;
  readonly file?: string;
  readonly recipient?: readonly string[];
}

function where(opts: SecretsCliOptions, ui: Ui): SecretsLocation {
  return locateSecrets(ui.io.cwd, opts.secrets);
}

/** Opens the secrets file under its lock, runs `fn` with its state, closes it. */
async function withState<T>(opts: SecretsCliOptions, ui: Ui, fn: (state: SecretsState, store: SecretsStore) => Promise<T>): Promise<T> {
  const loc = where(opts, ui);
  const store = SecretsStore.open(loc, identityOf(opts, ui));
  try {
    const read = await store.read();
    const rel = path.relative(ui.io.cwd, loc.file);
    if (read.kind === 'absent') throw new UsageError(`${rel} does not exist; run epl synth first (or pass the file with --secrets)`);
    if (read.kind === 'problem') throw new UsageError(`${read.diagnostic.code}: ${read.diagnostic.message}`);
    return await fn(read.state, store);
  } finally {
    store.close();
  }
}

function done(ui: Ui, message: string, data: Record<string, unknown> = {}): number {
  if (ui.json) ui.io.stdout(JSON.stringify({ ok: true, ...data }, null, 2) + '\n');
  else ui.io.stderr(`${message}\n`);
  return EXIT_OK;
}

/** `epl secrets list` */
export function secretsList(opts: SecretsCliOptions, ui: Ui): Promise<number> {
  return withState(opts, ui, async (state) => {
    const keys = sortedStrings(Object.keys(state.secrets));
    if (ui.json) ui.io.stdout(JSON.stringify({ ok: true, keys, rotate: state.rotate }, null, 2) + '\n');
    else ui.io.stdout(keys.map((k) => `${k}\n`).join(''));
    return EXIT_OK;
  });
}

/** `epl secrets get KEY` */
export function secretsGet(key: string, opts: SecretsCliOptions, ui: Ui): Promise<number> {
  return withState(opts, ui, async (state) => {
    const value = state.secrets[key];
    if (value === undefined) throw new UsageError(`no secret named '${key}' (epl secrets list shows them)`);
    if (ui.json) ui.io.stdout(JSON.stringify({ ok: true, key, value }, null, 2) + '\n');
    else ui.io.stdout(value.endsWith('\n') ? value : `${value}\n`);
    return EXIT_OK;
  });
}

/** The key a stored key belongs to for rotation: `global/consul-ca/cert` → `global/consul-ca`. */
function rotationKey(key: string): string {
  return key.replace(/\/(cert|key)$/, '');
}

/**
 * `epl secrets set KEY`: replaces a value (or adds a `custom/<name>` secret). Setting a lasting key
 * is a rotation: the next synth accepts its new public key.
 */
export async function secretsSet(key: string, opts: SecretsCliOptions, ui: Ui): Promise<number> {
  let value: string;
  try {
    value = opts.file !== undefined ? fs.readFileSync(path.resolve(ui.io.cwd, opts.file), 'utf8') : await ui.io.readStdin();
  } catch (e) {
    throw new UsageError(`cannot read the value: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // A value typed or piped usually ends with one newline that is not part of it; PEM files keep theirs.
  if (opts.file === undefined || !value.includes('-----BEGIN')) value = value.replace(/\r?\n$/, '');
  if (value === '') throw new UsageError('refusing to set an empty secret; use `epl secrets rotate KEY` to have a new value made');
  return withState(opts, ui, async (state, store) => {
    // Yours, or what a service handed out (Vault's keys, when they were not captured): no rotation.
    const custom = (key.startsWith(CUSTOM_PREFIX) && key.length > CUSTOM_PREFIX.length && !key.slice(CUSTOM_PREFIX.length).includes('/')) || isCapturedKey(key);
    if (!(key in state.secrets) && !custom) throw new UsageError(`no secret named '${key}'; secrets of your own are named custom/<name>`);
    const rotate = custom ? state.rotate : [...state.rotate, rotationKey(key)];
    await store.write({ ...state, secrets: { ...state.secrets, [key]: value }, rotate });
    return done(ui, `set ${key}; run epl synth to use it`, { key });
  });
}

/** `epl secrets rotate KEY`: drops the value(s) so the next synth makes new ones, and allows the new public key. */
export function secretsRotate(key: string, opts: SecretsCliOptions, ui: Ui): Promise<number> {
  return withState(opts, ui, async (state, store) => {
    const target = rotationKey(key);
    if (target.startsWith(CUSTOM_PREFIX)) throw new UsageError(`${key} is your own secret: epl cannot make a new value for it; set one with epl secrets set`);
    if (isCapturedKey(target)) {
      // epl cannot make these: rotating one forgets it (a Vault whose data is gone for good).
      if (state.secrets[target] === undefined) throw new UsageError(`no secret named '${key}' (epl secrets list shows them)`);
      const { [target]: _forgotten, ...secrets } = state.secrets;
      await store.write({ ...state, secrets });
      return done(ui, `forgot ${target}; the next bootstrap that initializes Vault captures a new one`, { rotate: target, removed: [target] });
    }
    const matched = Object.keys(state.secrets).filter((k) => k === target || k.startsWith(`${target}/`));
    if (matched.length === 0) throw new UsageError(`no secret named '${key}' (epl secrets list shows them)`);
    const secrets = Object.fromEntries(Object.entries(state.secrets).filter(([k]) => !matched.includes(k)));
    await store.write({ ...state, secrets, rotate: [...state.rotate, target] });
    const note = target.endsWith('-ca') ? '; everything it signed is renewed too' : '';
    return done(ui, `${target} will be replaced by the next epl synth${note}`, { rotate: target, removed: matched });
  });
}

/** `epl secrets encrypt --recipient age1...`: the plain file becomes `<name>.age` plus `<name>.recipients`. */
export function secretsEncrypt(opts: SecretsCliOptions, ui: Ui): Promise<number> {
  const recipients = opts.recipient ?? [];
  const bad = recipients.find((r) => !isRecipient(r));
  if (bad !== undefined || recipients.length === 0) throw new UsageError(`--recipient takes age recipients (age1...)${bad !== undefined ? `, not '${bad}'` : ''}`);
  return withState(opts, ui, async (state, store) => {
    if (store.location.encrypted) throw new UsageError(`${path.relative(ui.io.cwd, store.location.file)} is encrypted already`);
    const to = otherForm(store.location);
    await store.convert(state, to, recipients);
    return done(ui, `encrypted the secrets to ${plural(recipients.length, 'recipient')} into ${path.relative(ui.io.cwd, to.file)} (recipients in ${path.relative(ui.io.cwd, to.recipientsFile)}); decrypt with --age-identity or EPL_AGE_IDENTITY_FILE`, {
      file: to.file,
    });
  });
}

/** `epl secrets decrypt`: the encrypted file becomes plain YAML again. */
export function secretsDecrypt(opts: SecretsCliOptions, ui: Ui): Promise<number> {
  return withState(opts, ui, async (state, store) => {
    if (!store.location.encrypted) throw new UsageError(`${path.relative(ui.io.cwd, store.location.file)} is not encrypted`);
    const to = otherForm(store.location);
    await store.convert(state, to);
    return done(ui, `decrypted the secrets into ${path.relative(ui.io.cwd, to.file)} (mode 0600)`, { file: to.file });
  });
}
