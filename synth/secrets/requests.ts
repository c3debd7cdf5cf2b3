import type { Server } from '../../constructs/core/server';
import type { CertificateRequest } from '../../lib/crypto/tls';
import { tlsKeys } from './keys';

/** How a secret is made. */
export type SecretRecipe =
  | { readonly kind: 'random-base64'; readonly bytes: number }
  | { readonly kind: 'random-hex'; readonly bytes: number }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'password'; /** @default 32 */ readonly length?: number }
  | { readonly kind: 'htpasswd'; readonly user: string; readonly passwordKey: string }
  | { readonly kind: 'wireguard' }
  | { readonly kind: 'ed25519' }
  | { readonly kind: 'nix-cache'; readonly name: string }
  | { readonly kind: 'tls-ca'; readonly commonName: string; readonly validDays: number }
  | { readonly kind: 'tls-cert'; readonly caKey: string; readonly request: CertificateRequest };

/** One secret the platform needs, and where provisioning places it. */
export interface SecretRequest {
  readonly key: string;
  readonly recipe: SecretRecipe;
  /** Servers that receive the value (as a file, or inside a file of its service). */
  readonly servers: readonly Server[];
  /**
   * The file's name in the servers' secrets directory; TLS recipes place `<file>.crt` (and, for
   * certificates, `<file>.key`). @default - not a file of its own
   */
  readonly file?: string;
  /** The user that reads the file. @default 'root' */
  readonly owner?: string;
  /**
   * Replacing the value breaks what was set up with it outside this synth (a CA every agent trusts,
   * a DNSSEC key the registrar holds a DS of), so a synth never replaces it unasked.
   * @default false
   */
  readonly lasting?: boolean;
}

/** The keys a request stores in the secrets file. */
export function storedKeys(req: SecretRequest): string[] {
  if (req.recipe.kind === 'tls-ca' || req.recipe.kind === 'tls-cert') {
    const k = tlsKeys(req.key);
    return [k.cert, k.privateKey];
  }
  return [req.key];
}
