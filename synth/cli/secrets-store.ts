import * as fs from 'node:fs';
import * as path from 'node:path';
import { decryptText, encryptText, isRecipient, parseKeyLines } from '../../lib/crypto/age';
import { followLinks } from '../../lib/files/links';
import { takeLock } from '../../lib/files/lock';
import type { Diagnostic } from '../../lib/diagnostics/types';
import { stateDiagnostic } from '../secrets/diagnostics';
import { parseSecretsState, renderSecretsState, type SecretsState } from '../secrets/state-file';

/** Default name of the secrets file, beside the entry. */
export const SECRETS_BASENAME = 'epl.secrets';

/** Where the secrets state of a platform is kept. */
export interface SecretsLocation {
  /** The file (`epl.secrets.yml`, or `epl.secrets.age` when encrypted). */
  readonly file: string;
  readonly encrypted: boolean;
  /** Recipients of the encrypted file, one `age1...` per line (`epl.secrets.recipients`). */
  readonly recipientsFile: string;
}

function location(file: string): SecretsLocation {
  const encrypted = file.endsWith('.age');
  const base = file.replace(/\.(ya?ml|age)$/, '');
  return { file, encrypted, recipientsFile: `${base}.recipients` };
}

/**
 * The secrets file: `explicit` when given; else `epl.secrets.age` in `dir` when that exists,
 * else `epl.secrets.yml` in `dir` (the entry's directory for synth).
 */
export function locateSecrets(dir: string, explicit?: string): SecretsLocation {
  if (explicit) return location(path.resolve(dir, explicit));
  const age = path.join(dir, `${SECRETS_BASENAME}.age`);
  return location(fs.existsSync(age) ? age : path.join(dir, `${SECRETS_BASENAME}.yml`));
}

/** The same secrets, in the other form (plain ⇄ encrypted). */
export function otherForm(loc: SecretsLocation): SecretsLocation {
  const base = loc.file.replace(/\.(ya?ml|age)$/, '');
  return location(loc.encrypted ? `${base}.yml` : `${base}.age`);
}

export type ReadState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'ok'; readonly state: SecretsState; readonly edited: boolean; readonly legacy: boolean; readonly dropped: readonly string[] }
  | { readonly kind: 'problem'; readonly diagnostic: Diagnostic };

/** A problem the user must fix before secrets can be used (no identity, unreadable file); never quotes a secret. */
export class SecretsStoreError extends Error {}

/** The file a path names, following symlinks (whose target may not exist yet), so writing keeps the link. */
const realFile = followLinks;

function writeAtomic(file: string, content: string, mode: number): void {
  const target = realFile(file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  const tmp = `${target}.epl-tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, content, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The secrets file, opened under its lock (`<file>.epl-lock`), so a synth and `epl secrets set`
 * never overwrite each other's changes: read, decide and write all happen while it is held.
 */
export class SecretsStore {
  static open(loc: SecretsLocation, opts: { readonly identityFile?: string } = {}): SecretsStore {
    fs.mkdirSync(path.dirname(realFile(loc.file)), { recursive: true, mode: 0o755 });
    const release = takeLock(`${realFile(loc.file)}.epl-lock`, loc.file);
    return new SecretsStore(loc, opts.identityFile, release);
  }

  private lastText: string | undefined;

  private constructor(
    readonly location: SecretsLocation,
    private readonly identityFile: string | undefined,
    private readonly release: () => void,
  ) {}

  close(): void {
    this.release();
  }

  exists(): boolean {
    return fs.existsSync(this.location.file);
  }

  private async readText(file: string, encrypted: boolean): Promise<string | Diagnostic> {
    const raw = fs.readFileSync(file);
    if (!encrypted) return raw.toString('utf8');
    const identityFile = this.identityFile;
    if (!identityFile) throw new SecretsStoreError(`${file} is encrypted: give an age identity with --age-identity FILE or EPL_AGE_IDENTITY_FILE`);
    let identities: string[];
    try {
      identities = parseKeyLines(fs.readFileSync(identityFile, 'utf8'));
    } catch (e) {
      throw new SecretsStoreError(`cannot read the age identity ${identityFile}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    try {
      return await decryptText(raw, identities);
    } catch {
      return stateDiagnostic('unreadable', `${path.basename(file)} cannot be decrypted with the identity in ${identityFile} (another key, or a damaged file)`, file);
    }
  }

  /** Reads the state; a damaged file is a diagnostic (never quoting it), an absent one `absent`. */
  async read(): Promise<ReadState> {
    const { file, encrypted } = this.location;
    if (!fs.existsSync(file)) return { kind: 'absent' };
    return this.parse(await this.readText(file, encrypted), file);
  }

  /** Reads the flat `secrets.yml` earlier versions kept in the output directory, if there is one. */
  async readLegacy(outDir: string): Promise<ReadState & { file?: string }> {
    const file = path.join(outDir, 'secrets.yml');
    if (!fs.existsSync(file)) return { kind: 'absent' };
    const parsed = this.parse(fs.readFileSync(file, 'utf8'), file);
    return parsed.kind === 'ok' && !parsed.legacy ? { kind: 'absent' } : { ...parsed, file };
  }

  private parse(text: string | Diagnostic, file: string): ReadState {
    if (typeof text !== 'string') return { kind: 'problem', diagnostic: text };
    const parsed = parseSecretsState(text);
    if (!parsed.ok) {
      const which = parsed.problem.kind === 'damaged' ? 'damaged' : 'unreadable';
      return { kind: 'problem', diagnostic: stateDiagnostic(which, `${path.basename(file)}: ${parsed.problem.detail}`, file) };
    }
    this.lastText = text;
    return { kind: 'ok', state: parsed.state, edited: parsed.edited, legacy: parsed.legacy, dropped: parsed.dropped };
  }

  /** Recipients of the encrypted form. */
  recipients(): string[] {
    let text: string;
    try {
      text = fs.readFileSync(this.location.recipientsFile, 'utf8');
    } catch {
      throw new SecretsStoreError(`${this.location.file} is encrypted, but ${this.location.recipientsFile} (its age recipients, one per line) cannot be read`);
    }
    const recipients = parseKeyLines(text);
    const bad = recipients.find((r) => !isRecipient(r));
    if (recipients.length === 0 || bad !== undefined) throw new SecretsStoreError(`${this.location.recipientsFile} must list age recipients (age1...), one per line`);
    return recipients;
  }

  /**
   * Writes the state (0600, atomically, encrypted to the recipients when the file is `.age`).
   * Returns false when the content is what was read, so an unchanged state is not rewritten.
   */
  async write(state: SecretsState): Promise<boolean> {
    const text = renderSecretsState(state);
    if (text === this.lastText && this.exists()) return false;
    const content = this.location.encrypted ? await encryptText(text, this.recipients()) : text;
    writeAtomic(this.location.file, content, 0o600);
    this.lastText = text;
    return true;
  }

  /** Writes the state in the other form (`encrypt`/`decrypt`) and removes this one. */
  async convert(state: SecretsState, to: SecretsLocation, recipients?: readonly string[]): Promise<void> {
    const text = renderSecretsState(state);
    if (to.encrypted) {
      if (recipients) writeAtomic(to.recipientsFile, recipients.map((r) => `${r}\n`).join(''), 0o644);
      const store = new SecretsStore(to, this.identityFile, () => undefined);
      writeAtomic(to.file, await encryptText(text, store.recipients()), 0o600);
    } else {
      writeAtomic(to.file, text, 0o600);
    }
    fs.rmSync(this.location.file, { force: true });
  }
}
