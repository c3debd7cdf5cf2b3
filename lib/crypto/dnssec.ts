/** DNSSEC keys with algorithm 15 (Ed25519, RFC 8080) in BIND's file formats. */
import { createHash } from 'node:crypto';
import { ed25519PublicFromSeed } from './keys';

const ALGORITHM = 15;
const PROTOCOL = 3;

/** DNSKEY flags: 257 for a key-signing key, 256 for a zone-signing key. */
export type DnskeyFlags = 257 | 256;

function dnskeyRdata(flags: DnskeyFlags, publicKey: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(flags, 0);
  head.writeUInt8(PROTOCOL, 2);
  head.writeUInt8(ALGORITHM, 3);
  return Buffer.concat([head, publicKey]);
}

/** The key tag of a DNSKEY (RFC 4034 appendix B). */
export function keyTag(flags: DnskeyFlags, publicKey: Buffer): number {
  const rdata = dnskeyRdata(flags, publicKey);
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** A domain name in DNS wire format, lower-cased (RFC 4034 canonical form). */
function wireName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').toLowerCase().split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
}

export interface DnssecKey {
  readonly zone: string;
  readonly flags: DnskeyFlags;
  readonly tag: number;
  /** BIND's file base name, `K<zone>.+015+<tag>`. */
  readonly fileBase: string;
  /** Contents of the `.key` file: the DNSKEY record. */
  readonly keyFile: string;
  /** Contents of the `.private` file. */
  readonly privateFile: string;
  /** The DS record (SHA-256 digest) to publish in the parent zone; only meaningful for a KSK. */
  readonly ds: string;
}

/** Builds a zone's key files and DS record from an Ed25519 seed. */
export function dnssecKey(zone: string, flags: DnskeyFlags, seedBase64: string): DnssecKey {
  const origin = zone.replace(/\.$/, '') + '.';
  const pub = ed25519PublicFromSeed(seedBase64);
  const tag = keyTag(flags, pub);
  const digest = createHash('sha256').update(Buffer.concat([wireName(origin), dnskeyRdata(flags, pub)])).digest('hex').toUpperCase();
  const tag5 = String(tag).padStart(5, '0');
  return {
    zone: origin,
    flags,
    tag,
    fileBase: `K${origin}+015+${tag5}`,
    keyFile: `${origin} IN DNSKEY ${flags} ${PROTOCOL} ${ALGORITHM} ${pub.toString('base64')}\n`,
    privateFile: `Private-key-format: v1.3\nAlgorithm: ${ALGORITHM} (ED25519)\nPrivateKey: ${seedBase64}\n`,
    ds: `${origin} IN DS ${tag} ${ALGORITHM} 2 ${digest}`,
  };
}
