import { ed25519PublicFromSeed, nixCachePublicKey, wireguardPublicKey } from '../../lib/crypto/keys';
import { sortedBy } from '../../lib/text/order';
import { tlsKeys } from './keys';
import type { SecretRequest } from './requests';

/**
 * The public half of each lasting secret that has one (a CA's certificate, an SSH, WireGuard,
 * DNSSEC or Nix cache public key), by request key. The output records them in
 * `public-keys.json`, so a synth can tell that it is about to replace a key others rely on, and a
 * reviewer sees it in the diff.
 */
export function publicKeysOf(requests: readonly SecretRequest[], values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Array<[string, string]> = [];
  for (const req of requests) {
    if (!req.lasting) continue;
    const value = values[req.key];
    let pub: string | undefined;
    switch (req.recipe.kind) {
      case 'tls-ca':
        pub = values[tlsKeys(req.key).cert];
        break;
      case 'ed25519':
        pub = value && ed25519PublicFromSeed(value).toString('base64');
        break;
      case 'wireguard':
        pub = value && wireguardPublicKey(value);
        break;
      case 'nix-cache':
        pub = value && nixCachePublicKey(value);
        break;
      default:
        pub = undefined;
    }
    if (pub) out.push([req.key, pub]);
  }
  return Object.fromEntries(sortedBy(out, ([key]) => key));
}

/** Whether `key` is covered by a rotation request (the key itself or a key above it). */
export function isRotated(key: string, rotate: readonly string[]): boolean {
  return rotate.some((r) => key === r || key.startsWith(`${r}/`) || r.startsWith(`${key}/`));
}

/** Lasting keys whose public half differs from the one the existing output was made with. */
export function changedLastingKeys(previous: Readonly<Record<string, string>>, current: Readonly<Record<string, string>>): string[] {
  return Object.keys(current).filter((key) => previous[key] !== undefined && previous[key] !== current[key]);
}
