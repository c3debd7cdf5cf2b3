import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dnssecKey, keyTag } from '../../../lib/crypto/dnssec';
import { ed25519PublicFromSeed, newEd25519Seed, newNixCacheKey, newWireguardPrivateKey, nixCachePublicKey, randomPassword, wireguardPublicKey } from '../../../lib/crypto/keys';
import { sshPrivateKeyFile, sshPublicKeyLine } from '../../../lib/crypto/ssh';
import { checkCa, checkCertificate, createCa, createCertificate } from '../../../lib/crypto/tls';
import { tempDir } from '../../helpers/cli';
import { hasTool, nixEnv, runTool } from '../../helpers/tools';

const run = (cmd: string, args: string[], input?: string, cwd?: string) => {
  const r = runTool(cmd, args, { ...(input !== undefined ? { input } : {}), ...(cwd ? { cwd } : {}), ...(cmd === 'nix' ? { env: nixEnv() } : {}) });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};
const NOW = new Date('2026-11-01T00:00:00Z');

describe('WireGuard keys', () => {
  it('derive the public key as wg pubkey does', () => {
    const priv = newWireguardPrivateKey();
    expect(Buffer.from(priv, 'base64')).toHaveLength(32);
    if (!hasTool('wg')) return;
    expect(run('wg', ['pubkey'], priv + '\n').trim()).toBe(wireguardPublicKey(priv));
  });
});

describe('OpenSSH Ed25519 keys', () => {
  it('sign with the private key file and verify with the public key line (ssh-keygen)', () => {
    const seed = newEd25519Seed();
    if (!hasTool('ssh-keygen')) return;
    const dir = tempDir();
    const key = path.join(dir, 'id_ed25519');
    fs.writeFileSync(key, sshPrivateKeyFile(seed, 'epl-test'), { mode: 0o600 });
    const line = sshPublicKeyLine(seed, 'epl-test');
    expect(run('ssh-keygen', ['-y', '-f', key]).trim()).toBe(line);
    fs.writeFileSync(path.join(dir, 'msg'), 'hello');
    run('ssh-keygen', ['-Y', 'sign', '-f', key, '-n', 'file', path.join(dir, 'msg')]);
    fs.writeFileSync(path.join(dir, 'allowed'), `epl@test ${line}\n`);
    run('ssh-keygen', ['-Y', 'verify', '-f', path.join(dir, 'allowed'), '-I', 'epl@test', '-n', 'file', '-s', path.join(dir, 'msg.sig')], 'hello');
  });
});

describe('DNSSEC keys', () => {
  it('compute the key tag and DS record as dnssec-dsfromkey does', () => {
    const seed = newEd25519Seed();
    const k = dnssecKey('epl-infra.net', 257, seed);
    expect(k.tag).toBe(keyTag(257, ed25519PublicFromSeed(seed)));
    expect(k.privateFile).toContain('Algorithm: 15 (ED25519)');
    if (!hasTool('dnssec-dsfromkey')) return;
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, `${k.fileBase}.key`), k.keyFile);
    fs.writeFileSync(path.join(dir, `${k.fileBase}.private`), k.privateFile);
    const ds = run('dnssec-dsfromkey', ['-2', `${k.fileBase}.key`], undefined, dir).trim();
    expect(ds.replace(/\s+/g, ' ')).toBe(k.ds);
  });
});

describe('Nix binary cache keys', () => {
  it('have the format nix expects', () => {
    const secret = newNixCacheKey('test-cache-1');
    expect(secret).toMatch(/^test-cache-1:[A-Za-z0-9+/]{86}==$/);
    if (!hasTool('nix')) return;
    const pub = run('nix', ['--extra-experimental-features', 'nix-command', 'key', 'convert-secret-to-public'], secret).trim();
    expect(pub).toBe(nixCachePublicKey(secret));
  });
});

describe('passwords', () => {
  it('are long and use an unambiguous alphabet', () => {
    const p = randomPassword(32);
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{32}$/);
    expect(randomPassword(32)).not.toBe(p);
  });
});

describe('TLS', () => {
  it('issues certificates that openssl verifies against their CA, with the requested names', async () => {
    const ca = await createCa('Test CA', 3650, NOW);
    const req = { commonName: 'server.us-west.consul', dnsNames: ['server.us-west.consul', 'localhost'], ipAddresses: ['127.0.0.1', '10.17.0.10'], validDays: 730 };
    const cert = await createCertificate(ca, req, NOW);
    expect(await checkCa(ca, 'Test CA', NOW, 30)).toBeDefined();
    expect(await checkCertificate(cert, ca, req, NOW, 30)).toBeDefined();
    // Keeping rules: other names, another CA, near expiry, a mismatched key.
    expect(await checkCertificate(cert, ca, { ...req, ipAddresses: ['127.0.0.1'] }, NOW, 30)).toBeUndefined();
    expect(await checkCertificate(cert, await createCa('Test CA', 3650, NOW), req, NOW, 30)).toBeUndefined();
    expect(await checkCertificate(cert, ca, req, new Date('2028-10-15T00:00:00Z'), 30)).toBeUndefined();
    const other = await createCertificate(ca, req, NOW);
    expect(await checkCertificate({ certificate: cert.certificate, privateKey: other.privateKey }, ca, req, NOW, 30)).toBeUndefined();
    expect(await checkCa({ certificate: ca.certificate, privateKey: other.privateKey }, 'Test CA', NOW, 30)).toBeUndefined();
    if (!hasTool('openssl')) return;
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ca.pem'), ca.certificate);
    fs.writeFileSync(path.join(dir, 'cert.pem'), cert.certificate);
    fs.writeFileSync(path.join(dir, 'key.pem'), cert.privateKey);
    expect(run('openssl', ['verify', '-attime', String(NOW.getTime() / 1000 + 60), '-CAfile', 'ca.pem', 'cert.pem'], undefined, dir).trim()).toBe('cert.pem: OK');
    const text = run('openssl', ['x509', '-in', 'cert.pem', '-noout', '-text'], undefined, dir);
    expect(text).toContain('DNS:server.us-west.consul, DNS:localhost, IP Address:127.0.0.1, IP Address:10.17.0.10');
    expect(text).toContain('TLS Web Server Authentication, TLS Web Client Authentication');
    expect(run('openssl', ['pkey', '-in', 'key.pem', '-pubout'], undefined, dir)).toBe(run('openssl', ['x509', '-in', 'cert.pem', '-noout', '-pubkey'], undefined, dir));
  });
});
