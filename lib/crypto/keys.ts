/**
 * Key material generated in-process with node:crypto: no ssh-keygen, wg, nix or dnssec-keygen
 * binaries are needed at synth.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** `n` random bytes, base64 (Consul and Nomad gossip keys use 32). */
export function randomBase64(n: number): string {
  return randomBytes(n).toString('base64');
}

/** A password of `length` characters from an alphabet without look-alikes. */
export function randomPassword(length = 32): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (let i = 0; i < bytes.length && out.length < length; i++) if (bytes[i]! < 256 - (256 % alphabet.length)) out += alphabet[bytes[i]! % alphabet.length];
  return out.length === length ? out : randomPassword(length);
}

/** The 32-byte seed of a raw Ed25519 or X25519 private key (from its PKCS#8 DER). */
function rawPrivate(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
}

function rawPublic(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** Rebuilds a KeyObject from a raw 32-byte seed. */
function fromSeed(kind: 'ed25519' | 'x25519', seed: Buffer): KeyObject {
  const prefix = Buffer.from(kind === 'ed25519' ? '302e020100300506032b657004220420' : '302e020100300506032b656e04220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, seed]), format: 'der', type: 'pkcs8' });
}

/** A new Ed25519 private key as its base64 seed. */
export function newEd25519Seed(): string {
  return rawPrivate(generateKeyPairSync('ed25519').privateKey).toString('base64');
}

export function ed25519PublicFromSeed(seedBase64: string): Buffer {
  return rawPublic(createPublicKey(fromSeed('ed25519', Buffer.from(seedBase64, 'base64'))));
}

export function ed25519PrivateKey(seedBase64: string): KeyObject {
  return fromSeed('ed25519', Buffer.from(seedBase64, 'base64'));
}

/** A WireGuard private key (X25519, base64, as `wg genkey` prints). */
export function newWireguardPrivateKey(): string {
  return rawPrivate(generateKeyPairSync('x25519').privateKey).toString('base64');
}

/** The public key of a WireGuard private key, as `wg pubkey` prints. */
export function wireguardPublicKey(privateKeyBase64: string): string {
  return rawPublic(createPublicKey(fromSeed('x25519', Buffer.from(privateKeyBase64, 'base64')))).toString('base64');
}

/**
 * A Nix binary-cache signing key, `name:base64(seed ‖ public)` as `nix key generate-secret`
 * writes it.
 */
export function newNixCacheKey(name: string): string {
  const seed = newEd25519Seed();
  return `${name}:${Buffer.concat([Buffer.from(seed, 'base64'), ed25519PublicFromSeed(seed)]).toString('base64')}`;
}

/** The public half of a Nix signing key, `name:base64(public)`. */
export function nixCachePublicKey(secret: string): string {
  const [name, data] = secret.split(':');
  if (!name || !data) throw new Error('not a Nix signing key');
  return `${name}:${Buffer.from(data, 'base64').subarray(32).toString('base64')}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
