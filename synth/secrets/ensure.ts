import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ed25519PublicFromSeed, newEd25519Seed, newNixCacheKey, newWireguardPrivateKey, nixCachePublicKey, randomBase64, randomPassword, wireguardPublicKey } from '../../lib/crypto/keys';
import { certificateEnd, checkCa, checkCertificate, createCa, createCertificate, type KeyPair, type Validity } from '../../lib/crypto/tls';
import { CUSTOM_PREFIX, isCapturedKey, tlsKeys } from './keys';
import type { SecretRequest } from './requests';
import { sortedStrings } from '../../lib/text/order';

/** Certificates are renewed when fewer days than this remain. */
export const RENEW_DAYS = 30;

/** Bump when what a check verifies changes, so values checked before are checked again. */
const CHECK_VERSION = 1;

/**
 * What an earlier synth established about a kept value: it passed every check for its request.
 * Certificates carry their validity, so expiry is still noticed without parsing them again.
 */
export interface SecretCheck {
  readonly notBefore?: string;
  readonly notAfter?: string;
}

/**
 * Checks of earlier synths by digest. A digest covers the request, the stored values and what
 * they were checked against (a certificate's CA, an htpasswd entry's password), never a value
 * alone, so the record holds no secret and any change to an input misses it.
 */
export type SecretChecks = Readonly<Record<string, SecretCheck>>;

export interface EnsureOptions {
  /** The time certificates are issued at and checked against. */
  readonly now: Date;
  /** Checks of earlier synths; a value whose digest is here is kept without checking it again. @default none */
  readonly checked?: SecretChecks;
}

/**
 * Why a value was made: there was none, a certificate was near its end, its CA was replaced, or
 * the value kept was not valid for its use (a certificate set by hand that its CA did not sign).
 */
export type GeneratedReason = 'new' | 'renewed' | 'reissued' | 'invalid';

export interface EnsureResult {
  /** Every secret the platform needs, by key. */
  readonly values: Readonly<Record<string, string>>;
  /** Keys whose value was made in this run (new, invalid, or depending on a renewed CA). */
  readonly generated: readonly string[];
  /** Why each generated key was made. */
  readonly reasons: Readonly<Record<string, GeneratedReason>>;
  /** The checks that hold for `values`, to pass as `checked` next time. */
  readonly checks: SecretChecks;
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

function digest(req: SecretRequest, inputs: readonly string[]): string {
  const h = createHash('sha256').update(JSON.stringify([CHECK_VERSION, req.key, req.recipe]));
  for (const input of inputs) h.update('\0').update(input);
  return h.digest('hex');
}

/** Whether a recorded check still holds at `now`: certificates must not be near expiry. */
function stillHolds(check: SecretCheck | undefined, now: Date): boolean {
  if (!check) return false;
  if (check.notBefore !== undefined && Date.parse(check.notBefore) > now.getTime()) return false;
  return check.notAfter === undefined || Date.parse(check.notAfter) >= now.getTime() + RENEW_DAYS * 86_400_000;
}

/** Whether a certificate that parses ends within `days` (so replacing it is a renewal). */
function endsWithin(pem: string, now: Date, days: number): boolean {
  const end = certificateEnd(pem);
  return end !== undefined && end.getTime() < now.getTime() + days * 86_400_000;
}

const validityCheck = (v: Validity): SecretCheck => ({ notBefore: v.notBefore.toISOString(), notAfter: v.notAfter.toISOString() });
const issuedCheck = (now: Date, validDays: number): SecretCheck => ({ notBefore: now.toISOString(), notAfter: new Date(now.getTime() + validDays * 86_400_000).toISOString() });

/**
 * Makes sure every requested secret has a value: a valid previous value is kept, anything
 * missing or invalid is generated. Certificates are kept only while they still verify against
 * their CA with the requested names, so regenerating a CA regenerates what it signed. Secrets
 * the user set that no request names (custom secrets) and those captured from services are kept as they are.
 *
 * A value whose digest is in `checked` is kept without parsing it again (the expensive part of a
 * warm synth); a certificate among them is still renewed when it nears expiry.
 */
export async function ensureSecrets(requests: readonly SecretRequest[], previous: Readonly<Record<string, string>>, opts: EnsureOptions): Promise<EnsureResult> {
  const { now } = opts;
  const checked = opts.checked ?? {};
  const values: Record<string, string> = {};
  const reasons: Record<string, GeneratedReason> = {};
  const checks: Record<string, SecretCheck> = {};
  const pairs = new Map<string, KeyPair>();
  const freshCas = new Set<string>();
  const set = (key: string, value: string, reason?: GeneratedReason) => {
    values[key] = value;
    if (reason) reasons[key] = reason;
  };
  const keep = (key: string) => previous[key];

  const handleTls = async (req: SecretRequest): Promise<void> => {
    const r = req.recipe;
    if (r.kind !== 'tls-ca' && r.kind !== 'tls-cert') return;
    const k = tlsKeys(req.key);
    const old = { certificate: keep(k.cert) ?? '', privateKey: keep(k.privateKey) ?? '' };
    const ca = r.kind === 'tls-cert' ? pairs.get(r.caKey) : undefined;
    if (r.kind === 'tls-cert' && !ca) throw new Error(`epl bug: certificate ${req.key} needs CA ${r.caKey}, which is not requested`);
    const inputs = [old.certificate, old.privateKey, ...(ca ? [ca.certificate] : [])];
    let record: SecretCheck | undefined = checked[digest(req, inputs)];
    if (!stillHolds(record, now)) {
      const validity = r.kind === 'tls-ca' ? await checkCa(old, r.commonName, now, RENEW_DAYS) : await checkCertificate(old, ca!, r.request, now, RENEW_DAYS);
      record = validity && validityCheck(validity);
    }
    let pair: KeyPair = old;
    let reason: GeneratedReason | undefined;
    if (!record) {
      pair = r.kind === 'tls-ca' ? await createCa(r.commonName, r.validDays, now) : await createCertificate(ca!, r.request, now);
      if (r.kind === 'tls-ca') freshCas.add(req.key);
      reason = !old.certificate ? 'new' : r.kind === 'tls-cert' && freshCas.has(r.caKey) ? 'reissued' : endsWithin(old.certificate, now, RENEW_DAYS) ? 'renewed' : 'invalid';
    }
    checks[digest(req, [pair.certificate, pair.privateKey, ...(ca ? [ca.certificate] : [])])] = record ?? issuedCheck(now, r.kind === 'tls-ca' ? r.validDays : r.request.validDays);
    pairs.set(req.key, pair);
    set(k.cert, pair.certificate, reason);
    set(k.privateKey, pair.privateKey, reason);
  };

  const handleValue = (req: SecretRequest): void => {
    const r = req.recipe;
    const old = keep(req.key);
    const ok = old !== undefined && (checked[digest(req, [old])] !== undefined || valid(r.kind, old));
    const value = ok ? old : generate(r);
    checks[digest(req, [value])] = {};
    set(req.key, value, ok ? undefined : old === undefined ? 'new' : 'invalid');
  };

  const handleHtpasswd = (req: SecretRequest): void => {
    const r = req.recipe;
    if (r.kind !== 'htpasswd') return;
    const password = values[r.passwordKey];
    if (password === undefined) throw new Error(`epl bug: ${req.key} needs ${r.passwordKey}`);
    const old = keep(req.key);
    const matches = (entry: string) => {
      const [user, hash] = entry.split(':');
      const bcrypt = require('bcryptjs') as typeof import('bcryptjs');
      return user === r.user && !!hash && bcrypt.compareSync(password, hash);
    };
    const ok = old !== undefined && (checked[digest(req, [old, password])] !== undefined || matches(old));
    const value = ok ? old : `${r.user}:${(require('bcryptjs') as typeof import('bcryptjs')).hashSync(password, 10)}`;
    checks[digest(req, [value, password])] = {};
    // A new password is a new entry, not an invalid one.
    set(req.key, value, ok ? undefined : old === undefined ? 'new' : 'renewed');
  };

  const isTls = (q: SecretRequest) => q.recipe.kind === 'tls-ca' || q.recipe.kind === 'tls-cert';
  // CAs first (certificates depend on them); within each group the crypto runs concurrently.
  await Promise.all(requests.filter((q) => q.recipe.kind === 'tls-ca').map(handleTls));
  await Promise.all(requests.filter((q) => q.recipe.kind === 'tls-cert').map(handleTls));
  for (const req of requests) if (!isTls(req) && req.recipe.kind !== 'htpasswd') handleValue(req);
  // After the passwords they hash.
  for (const req of requests) handleHtpasswd(req);
  for (const [key, value] of Object.entries(previous)) if (key.startsWith(CUSTOM_PREFIX) || isCapturedKey(key)) values[key] = value;
  return { values, generated: sortedStrings(Object.keys(reasons)), reasons, checks };
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
      return randomPassword(r.length ?? 32);
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
