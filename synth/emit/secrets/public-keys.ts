import type { FileTree } from '../../../lib/files/file-tree';

/** Name of the record of the lasting keys' public halves in the output. */
export const PUBLIC_KEYS_FILE = 'public-keys.json';

/**
 * Adds `public-keys.json`: the public half of every lasting key (CA certificates, SSH, WireGuard,
 * DNSSEC and Nix cache public keys). Committed with the output, it shows a key change in review
 * and lets the next synth refuse to replace a key unasked.
 */
export function emitPublicKeys(publicKeys: Readonly<Record<string, string>>, out: FileTree): void {
  out.add(PUBLIC_KEYS_FILE, JSON.stringify(publicKeys, null, 2) + '\n');
}
