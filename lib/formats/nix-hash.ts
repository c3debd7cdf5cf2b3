/**
 * How Nix writes a sha256 (`builtins.fetchTarball { sha256 = ...; }` accepts these): its own base32
 * or SRI. Rules check hashes with these before they reach a configuration.
 */

/** Nix's base32 alphabet: digits and letters without e, o, t and u. */
const NIX_BASE32 = '0123456789abcdfghijklmnpqrsvwxyz';

/**
 * A sha256 in Nix's base32: 52 characters. 52 × 5 bits hold 260, so the first character, which
 * carries the 4 extra high bits, is 0 or 1 (Nix rejects any other: the hash would not fit).
 */
export function isNixBase32Sha256(text: string): boolean {
  return text.length === 52 && /^[01]/.test(text) && [...text].every((c) => NIX_BASE32.includes(c));
}

/** A sha256 in SRI form: `sha256-` and the 32 bytes in padded base64. */
export function isSriSha256(text: string): boolean {
  return /^sha256-[A-Za-z0-9+/]{43}=$/.test(text) && Buffer.from(text.slice(7), 'base64').length === 32;
}

/** A 32-byte digest in Nix's base32 (the last character holds the lowest 5 bits), for tests and messages. */
export function toNixBase32(digest: Uint8Array): string {
  let out = '';
  for (let n = Math.ceil((digest.length * 8) / 5) - 1; n >= 0; n--) {
    const bit = n * 5;
    const i = bit >> 3;
    const j = bit & 7;
    const value = ((digest[i] ?? 0) >> j) | (j > 3 ? (digest[i + 1] ?? 0) << (8 - j) : 0);
    out += NIX_BASE32[value & 0x1f];
  }
  return out;
}
