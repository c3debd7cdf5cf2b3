import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519PublicFromSeed, newEd25519Seed, newNixCacheKey, newWireguardPrivateKey, nixCachePublicKey, randomBase64, randomPassword, wireguardPublicKey } from '../../lib/crypto/keys';
import { caStillValid, certificateStillValid, createCa, createCertificate, type KeyPair } from '../../lib/crypto/tls';
import { tlsKeys, type SecretRequest } from './requests';

/** Certificates are renewed when fewer days than this remain. */
const RENEW_DAYS = 30;

export interface EnsureResult {
  /** Every secret the platform needs, by key. */
  readonly values: Readonly<Record<string, string>>;
  /** Keys whose value was made in this run (new, invalid, or depending on a renewed CA). */
  readonly generated: readonly string[];
}

function valid(kind: SecretRequest['recipe']['kind'], value: string | undefined): value is string {
  if (value === undefined || value === '') return false;
  try {
    switch (kind) {
      case 'uuid':
        return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
      case 'random-base64':
        return Buffer.from(value, 'base64').length >= 16;
      case 'random-hex':
        return /^[0-9a-f]{64}$/.test(value);
      case 'wireguard':
        return wireguardPublicKey(value).length === 44;
      case 'ed25519':
        return ed25519PublicFromSeed(value).length === 32;
      case 'nix-cache':
        return nixCachePublicKey(value).length > 0;
      default:
        return true;
    }
  } catch {
    return false;
  }
}

/**
 * Makes sure every requested secret has a value: a valid previous value is kept, anything
 * missing or invalid is generated. Certificates are kept only while they still verify against
 * their CA with the requested names, so regenerating a CA regenerates what it signed. Secrets
 * the user set that no request names (custom secrets) are kept as they are.
 */
export async function ensureSecrets(requests: readonly SecretRequest[], previous: Readonly<Record<string, string>>, now: Date): Promise<EnsureResult> {
  const values: Record<string, string> = {};
  const generated: string[] = [];
  const pairs = new Map<string, KeyPair>();
  const set = (key: string, value: string, fresh: boolean) => {
    values[key] = value;
    if (fresh) generated.push(key);
  };
  const keep = (key: string) => previous[key];

  const handle = async (req: SecretRequest): Promise<void> => {
    const r = req.recipe;
    switch (r.kind) {
      case 'tls-ca':
      case 'tls-cert': {
        const k = tlsKeys(req.key);
        const old = { certificate: keep(k.cert) ?? '', privateKey: keep(k.privateKey) ?? '' };
        let pair: KeyPair;
        let fresh: boolean;
        if (r.kind === 'tls-ca') {
          fresh = !(await caStillValid(old, r.commonName, now, RENEW_DAYS));
          pair = fresh ? await createCa(r.commonName, r.validDays, now) : old;
        } else {
          const ca = pairs.get(r.caKey);
          if (!ca) throw new Error(`epl bug: certificate ${req.key} needs CA ${r.caKey}, which is not requested`);
          fresh = !(await certificateStillValid(old, ca, r.request, now, RENEW_DAYS));
          pair = fresh ? await createCertificate(ca, r.request, now) : old;
        }
        pairs.set(req.key, pair);
        set(k.cert, pair.certificate, fresh);
        set(k.privateKey, pair.privateKey, fresh);
        return;
      }
      case 'htpasswd':
        return; // after the passwords, below
      default: {
        const old = keep(req.key);
        if (valid(r.kind, old)) set(req.key, old, false);
        else set(req.key, generate(r), true);
      }
    }
  };
  // CAs first (certificates depend on them); within each group the crypto runs concurrently.
  await Promise.all(requests.filter((q) => q.recipe.kind === 'tls-ca').map(handle));
  await Promise.all(requests.filter((q) => q.recipe.kind !== 'tls-ca').map(handle));
  for (const req of requests) {
    const r = req.recipe;
    if (r.kind !== 'htpasswd') continue;
    const password = values[r.passwordKey];
    if (password === undefined) throw new Error(`epl bug: ${req.key} needs ${r.passwordKey}`);
    const bcrypt = require('bcryptjs') as typeof import('bcryptjs');
    const old = keep(req.key);
    const [user, hash] = old?.split(':') ?? [];
    if (old && user === r.user && hash && bcrypt.compareSync(password, hash)) set(req.key, old, false);
    else set(req.key, `${r.user}:${bcrypt.hashSync(password, 10)}`, true);
  }
  for (const [key, value] of Object.entries(previous)) if (key.startsWith('custom_')) values[key] = value;
  return { values, generated: generated.sort() };
}

function generate(r: SecretRequest['recipe']): string {
  switch (r.kind) {
    case 'random-base64':
      return randomBase64(r.bytes);
    case 'random-hex':
      return randomBytes(r.bytes).toString('hex');
    case 'uuid':
      return randomUUID();
    case 'password':
      return randomPassword(32);
    case 'wireguard':
      return newWireguardPrivateKey();
    case 'ed25519':
      return newEd25519Seed();
    case 'nix-cache':
      return newNixCacheKey(r.name);
    default:
      throw new Error(`epl bug: no generator for ${r.kind}`);
  }
}
