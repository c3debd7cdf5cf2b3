import type { Server } from '../../constructs/core/server';
import type { CertificateRequest } from '../../lib/crypto/tls';

/** How a secret is made. */
export type SecretRecipe =
  | { readonly kind: 'random-base64'; readonly bytes: number }
  | { readonly kind: 'random-hex'; readonly bytes: number }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'password' }
  | { readonly kind: 'htpasswd'; readonly user: string; readonly passwordKey: string }
  | { readonly kind: 'wireguard' }
  | { readonly kind: 'ed25519' }
  | { readonly kind: 'nix-cache'; readonly name: string }
  | { readonly kind: 'tls-ca'; readonly commonName: string; readonly validDays: number }
  | { readonly kind: 'tls-cert'; readonly caKey: string; readonly request: CertificateRequest };

/** One secret the platform needs, and the servers whose provisioning places it. */
export interface SecretRequest {
  readonly key: string;
  readonly recipe: SecretRecipe;
  /** Servers that receive the value in their provisioning script. */
  readonly servers: readonly Server[];
}

/** Keys under which a TLS recipe stores its two halves. */
export function tlsKeys(key: string): { readonly cert: string; readonly privateKey: string } {
  return { cert: `${key}_cert_pem`, privateKey: `${key}_key_pem` };
}

/** The keys a request stores in the secrets file. */
export function storedKeys(req: SecretRequest): string[] {
  if (req.recipe.kind === 'tls-ca' || req.recipe.kind === 'tls-cert') {
    const k = tlsKeys(req.key);
    return [k.cert, k.privateKey];
  }
  return [req.key];
}
