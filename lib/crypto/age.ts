/**
 * age encryption (age-encryption.org/v1) of text files with X25519 recipients, through the
 * `age-encryption` package, ASCII-armored so the file stays text. Files it writes decrypt with the
 * `age` CLI (`age -d -i key.txt`), and files the CLI writes (armored or not) decrypt here.
 */
import type * as Age from 'age-encryption';

// age-encryption is an ES module; Node 20.19+ loads it with require().
const age = () => require('age-encryption') as typeof Age;

/** Recipients (`age1...`) or identities (`AGE-SECRET-KEY-1...`) from a file's text: one per line, `#` comments. */
export function parseKeyLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Whether a string looks like an X25519 recipient. */
export function isRecipient(s: string): boolean {
  return /^age1[02-9ac-hj-np-z]{58}$/.test(s);
}

/** Encrypts `text` to every recipient; returns the armored file. */
export async function encryptText(text: string, recipients: readonly string[]): Promise<string> {
  const e = new (age().Encrypter)();
  for (const r of recipients) e.addRecipient(r);
  return age().armor.encode(await e.encrypt(text));
}

/** Decrypts an age file (armored or binary) with the first identity that opens it. */
export async function decryptText(file: Uint8Array, identities: readonly string[]): Promise<string> {
  const d = new (age().Decrypter)();
  for (const i of identities) d.addIdentity(i);
  const text = Buffer.from(file).toString('latin1');
  const data = text.trimStart().startsWith('-----BEGIN AGE ENCRYPTED FILE-----') ? age().armor.decode(text) : file;
  return d.decrypt(data, 'text');
}

/** A new X25519 identity and its recipient. */
export async function newAgeIdentity(): Promise<{ identity: string; recipient: string }> {
  const identity = await age().generateX25519Identity();
  return { identity, recipient: await age().identityToRecipient(identity) };
}
