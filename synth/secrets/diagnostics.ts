import type { Diagnostic } from '../../lib/diagnostics/types';
import type { Origin } from '../components/component';

/** Codes of the diagnostics about the secrets state (not rules over the tree). */
export const SECRET_DIAGNOSTICS = {
  unreadable: {
    code: 'secrets/file-unreadable',
    title: 'The secrets file can be read',
    doc: 'The secrets file is not YAML of the shape epl writes, or an encrypted one cannot be decrypted with the identity given. The message says where, never what: it quotes no value. Restore the file from a backup, or give the age identity (`--age-identity` or `EPL_AGE_IDENTITY_FILE`).',
  },
  damaged: {
    code: 'secrets/file-damaged',
    title: 'The secrets file is whole',
    doc: 'The file is empty, lost its last line (which records how many secrets it holds and their checksum), or holds fewer secrets than it records: it was cut short, or keys were deleted by hand. Synth stops rather than generate new keys for the platform. Restore the file from a backup; replace a key on purpose with `epl secrets rotate KEY`; or run `epl synth --regenerate-secrets` to accept new keys.',
  },
  missing: {
    code: 'secrets/file-missing',
    title: 'The secrets an output was made with are there',
    doc: 'The output directory records the public keys of the platform (`public-keys.json`), so it was made with secrets, but the secrets file does not exist. Synth stops rather than generate new CAs, tokens and DNSSEC keys. Restore the file (or pass its path with `--secrets`), or run `epl synth --regenerate-secrets` to start over with new keys.',
  },
  lastingKeyChanged: {
    code: 'secrets/lasting-key-changed',
    title: 'A lasting key is replaced only on purpose',
    doc: "Some keys are relied on outside the output: agents trust a CA, the registrar holds a DNSSEC key's DS record, WireGuard peers and SSH clients know public keys. The output's `public-keys.json` records them; a synth that would give one a new public key (because its value is gone or invalid) stops. Restore the value, or replace the key on purpose with `epl secrets rotate KEY`.",
  },
  valueReplaced: {
    code: 'secrets/value-replaced',
    title: 'A secret from the secrets file is valid for its use',
    doc: 'A value in the secrets file could not be used (a certificate its CA did not sign, for other names, or not matching its key; a malformed key) and synth replaced it with a new one. Check the value you set (`epl secrets set`).',
  },
  ownSecretUnset: {
    code: 'secrets/own-secret-unset',
    title: 'Your secrets that the platform names are set',
    doc: "A construct names your own secret `custom/<name>` (a Telegram bot's `tokenSecret`, a webhook's `urlSecret`) that the secrets file lacks. Synth goes on, and L2 provisioning stops at the Vault secrets step until it is there: set it with `epl secrets set custom/<name>` and synthesize again.",
  },
} as const;

/** The codes of the secrets-state diagnostics that are warnings; the others are errors. */
export const SECRET_WARNINGS: ReadonlySet<string> = new Set([SECRET_DIAGNOSTICS.valueReplaced.code, SECRET_DIAGNOSTICS.ownSecretUnset.code]);

/** A secrets-state diagnostic, located at the secrets file itself (line 0: no code frame, which would show secrets). */
export function stateDiagnostic(which: keyof typeof SECRET_DIAGNOSTICS, message: string, file?: string): Diagnostic {
  return { code: SECRET_DIAGNOSTICS[which].code, severity: 'error', message, path: '', ...(file ? { location: { file, line: 0, column: 0 } } : {}) };
}

export function lastingKeyChanged(key: string): Diagnostic {
  return stateDiagnostic(
    'lastingKeyChanged',
    `synth would replace ${key}, whose public key the existing output records (public-keys.json); restore its value, or replace it on purpose with \`epl secrets rotate ${key}\``,
  );
}

export function valueReplaced(key: string): Diagnostic {
  return { code: SECRET_DIAGNOSTICS.valueReplaced.code, severity: 'warning', message: `the value of ${key} in the secrets file was not valid for its use and was replaced with a new one`, path: '' };
}

export function ownSecretUnset(key: string, regions: readonly string[], origin?: Origin): Diagnostic {
  const c = origin?.construct;
  return {
    code: SECRET_DIAGNOSTICS.ownSecretUnset.code,
    severity: 'warning',
    message: `your secret ${key} is not set, and L2 provisioning of ${regions.join(', ')} needs it: set it with \`epl secrets set ${key}\``,
    path: c ? c.node.path : '',
    ...(origin?.prop ? { prop: origin.prop } : {}),
    ...(c?.creationLocation ? { location: c.creationLocation } : {}),
  };
}
