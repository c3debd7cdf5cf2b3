/** OpenSSH Ed25519 keys (the `openssh-key-v1` private format and the public key line). */
import { randomBytes } from 'node:crypto';
import { ed25519PublicFromSeed } from './keys';

function sshString(data: Buffer | string): Buffer {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}

function publicBlob(seedBase64: string): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(ed25519PublicFromSeed(seedBase64))]);
}

/** `ssh-ed25519 AAAA... comment` for an Ed25519 seed. */
export function sshPublicKeyLine(seedBase64: string, comment: string): string {
  return `ssh-ed25519 ${publicBlob(seedBase64).toString('base64')} ${comment}`;
}

/**
 * The unencrypted OpenSSH private key file for an Ed25519 seed (PROTOCOL.key). The check ints
 * are random, as ssh-keygen makes them.
 */
export function sshPrivateKeyFile(seedBase64: string, comment: string): string {
  const seed = Buffer.from(seedBase64, 'base64');
  const pub = ed25519PublicFromSeed(seedBase64);
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const one = Buffer.alloc(4);
  one.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    one,
    sshString(publicBlob(seedBase64)),
    sshString(priv),
  ]);
  const b64 = body.toString('base64').replace(/.{1,70}/g, '$&\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}-----END OPENSSH PRIVATE KEY-----\n`;
}
