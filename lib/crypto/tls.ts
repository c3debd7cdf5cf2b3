/**
 * TLS certificate authorities and certificates (ECDSA P-256) through @peculiar/x509, in place of
 * cfssl and `consul tls`.
 */
import { createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
type Key = webcrypto.CryptoKey;
type Pair = webcrypto.CryptoKeyPair;
let lib: typeof X509 | undefined;

function x509(): typeof X509 {
  if (!lib) {
    // tsyringe, used inside @peculiar/x509, needs the Reflect metadata polyfill first.
    require('reflect-metadata');
    lib = require('@peculiar/x509') as typeof X509;
    lib.cryptoProvider.set(webcrypto as never);
  }
  return lib;
}

/** A PEM certificate and its PEM (PKCS#8) private key. */
export interface KeyPair {
  readonly certificate: string;
  readonly privateKey: string;
}

export interface CertificateRequest {
  readonly commonName: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** Days from now until the certificate expires. */
  readonly validDays: number;
  /** Extended key usages. @default server and client authentication */
  readonly usages?: ReadonlyArray<'server' | 'client'>;
}

function serial(): string {
  // Positive 128-bit serial: clear the top bit.
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  return b.toString('hex');
}

async function exportKey(key: Key): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

async function importKey(pem: string): Promise<Key> {
  const der = createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
  return webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
}

const days = (now: Date, n: number) => new Date(now.getTime() + n * 86_400_000);

/** A self-signed certificate authority. */
export async function createCa(commonName: string, validDays: number, now: Date): Promise<KeyPair> {
  const x = x509();
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as Pair;
  const cert = await x.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: now,
    notAfter: days(now, validDays),
    signingAlgorithm: ALG,
    keys: keys as never,
    extensions: [
      new x.BasicConstraintsExtension(true, undefined, true),
      new x.KeyUsagesExtension(x.KeyUsageFlags.keyCertSign | x.KeyUsageFlags.cRLSign | x.KeyUsageFlags.digitalSignature, true),
      await x.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
    ],
  });
  return { certificate: cert.toString('pem') + '\n', privateKey: await exportKey(keys.privateKey) };
}

/** A CA's parsed certificate and imported signing key, made once per CA for all it signs. */
const signers = new WeakMap<KeyPair, Promise<{ cert: X509.X509Certificate; key: Key }>>();

function signerOf(ca: KeyPair): Promise<{ cert: X509.X509Certificate; key: Key }> {
  let signer = signers.get(ca);
  if (!signer) {
    signer = importKey(ca.privateKey).then((key) => ({ cert: new (x509().X509Certificate)(ca.certificate), key }));
    signers.set(ca, signer);
  }
  return signer;
}

/** A certificate for `req`, signed by `ca`. */
export async function createCertificate(ca: KeyPair, req: CertificateRequest, now: Date): Promise<KeyPair> {
  const x = x509();
  const { cert: caCert, key: caKey } = await signerOf(ca);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as Pair;
  const usages = req.usages ?? ['server', 'client'];
  const names = [
    ...(req.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(req.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${req.commonName}`,
    issuer: caCert.subject,
    notBefore: now,
    notAfter: days(now, req.validDays),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey as never,
    signingKey: caKey as never,
    extensions: [
      new x.BasicConstraintsExtension(false, undefined, true),
      new x.KeyUsagesExtension(x.KeyUsageFlags.digitalSignature | x.KeyUsageFlags.keyEncipherment, true),
      new x.ExtendedKeyUsageExtension(usages.map((u) => (u === 'server' ? x.ExtendedKeyUsage.serverAuth : x.ExtendedKeyUsage.clientAuth))),
      new x.SubjectAlternativeNameExtension(names),
      await x.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certificate: cert.toString('pem') + '\n', privateKey: await exportKey(keys.privateKey) };
}

/** When a certificate is valid. */
export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Whether an existing certificate can be kept: it parses, was signed by `ca`, has exactly the
 * requested names and usages, matches its key, and is valid for at least `minDaysLeft` more days.
 * Returns its validity when it can be kept, undefined otherwise.
 */
export async function checkCertificate(pair: KeyPair, ca: KeyPair, req: CertificateRequest, now: Date, minDaysLeft: number): Promise<Validity | undefined> {
  try {
    const x = x509();
    const cert = new x.X509Certificate(pair.certificate);
    const caCert = new x.X509Certificate(ca.certificate);
    if (!(await cert.verify({ publicKey: caCert.publicKey, signatureOnly: true }))) return undefined;
    if (cert.subject !== `CN=${req.commonName}` || cert.notAfter < days(now, minDaysLeft) || cert.notBefore > now) return undefined;
    const san = cert.getExtension(x.SubjectAlternativeNameExtension);
    const have = (san?.names.toJSON() ?? []).map((n) => `${n.type}:${n.value}`).sort();
    const want = [...(req.dnsNames ?? []).map((v) => `dns:${v}`), ...(req.ipAddresses ?? []).map((v) => `ip:${v}`)].sort();
    if (JSON.stringify(have) !== JSON.stringify(want)) return undefined;
    const eku = cert.getExtension(x.ExtendedKeyUsageExtension)?.usages.map(String).sort() ?? [];
    const wantEku = (req.usages ?? ['server', 'client']).map((u) => (u === 'server' ? x.ExtendedKeyUsage.serverAuth : x.ExtendedKeyUsage.clientAuth)).map(String).sort();
    if (JSON.stringify(eku) !== JSON.stringify(wantEku)) return undefined;
    return (await keyMatches(cert, pair.privateKey)) ? { notBefore: cert.notBefore, notAfter: cert.notAfter } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a CA certificate parses, matches its key, and is valid for `minDaysLeft` more days.
 * Returns its validity when it can be kept, undefined otherwise.
 */
export async function checkCa(ca: KeyPair, commonName: string, now: Date, minDaysLeft: number): Promise<Validity | undefined> {
  try {
    const x = x509();
    const cert = new x.X509Certificate(ca.certificate);
    if (cert.subject !== `CN=${commonName}` || cert.notAfter < days(now, minDaysLeft) || cert.notBefore > now) return undefined;
    const ok = (await cert.verify({ publicKey: cert.publicKey, signatureOnly: true })) && (await keyMatches(cert, ca.privateKey));
    return ok ? { notBefore: cert.notBefore, notAfter: cert.notAfter } : undefined;
  } catch {
    return undefined;
  }
}

/** When a PEM certificate ends, or undefined when it does not parse. */
export function certificateEnd(pem: string): Date | undefined {
  try {
    return new (x509().X509Certificate)(pem).notAfter;
  } catch {
    return undefined;
  }
}

async function keyMatches(cert: X509.X509Certificate, privateKeyPem: string): Promise<boolean> {
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', (await cert.publicKey.export()) as unknown as Key));
  return spki.equals(createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'der', type: 'spki' }));
}
