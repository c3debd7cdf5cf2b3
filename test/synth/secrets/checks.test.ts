import { describe, expect, it, vi } from 'vitest';
import * as tls from '../../../lib/crypto/tls';
import { buildModel } from '../../../synth/model/build-model';
import { ensureSecrets } from '../../../synth/secrets/ensure';
import { secretKeys, tlsKeys } from '../../../synth/secrets/keys';
import { neededSecrets } from '../../../synth/secrets/needed';
import { NOW } from '../../helpers/emit';
import { platform } from '../../helpers/platform';

// Count the expensive certificate checks while keeping their behaviour.
vi.mock('../../../lib/crypto/tls', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/crypto/tls')>();
  return { ...real, checkCa: vi.fn(real.checkCa), checkCertificate: vi.fn(real.checkCertificate) };
});

const requests = () => neededSecrets(buildModel(platform().app));
const DAY = 86_400_000;

describe('secret checks remembered between synths', () => {
  it('keeps every secret without checking a certificate again', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    vi.mocked(tls.checkCa).mockClear();
    vi.mocked(tls.checkCertificate).mockClear();
    const second = await ensureSecrets(reqs, first.values, { now: NOW, checked: first.checks });
    expect(second.generated).toEqual([]);
    expect(second.values).toEqual(first.values);
    expect(second.checks).toEqual(first.checks);
    expect(tls.checkCa).not.toHaveBeenCalled();
    expect(tls.checkCertificate).not.toHaveBeenCalled();
  });

  it('holds no secret value', async () => {
    const first = await ensureSecrets(requests(), {}, { now: NOW });
    const text = JSON.stringify(first.checks);
    for (const value of Object.values(first.values)) expect(text).not.toContain(value.trim().split('\n')[1] ?? value);
  });

  it('checks a value again when it changed, and a certificate when its CA changed', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const certKey = tlsKeys(secretKeys.vaultCert(platform().servers['server-b']!)).cert;
    // Another valid certificate of the same CA under the same key: checked, and kept.
    const rest = Object.fromEntries(Object.entries(first.values).filter(([k]) => !k.startsWith('global/vault-ca/')));
    vi.mocked(tls.checkCertificate).mockClear();
    const second = await ensureSecrets(reqs, rest, { now: NOW, checked: first.checks });
    // the Vault CA is new, so the three instance certificates it signed were checked and replaced
    expect(vi.mocked(tls.checkCertificate).mock.calls.length).toBe(3);
    expect(second.generated).toContain(certKey);
    const swapped = { ...first.values, [secretKeys.wireguardAdmin]: 'not a key' };
    const third = await ensureSecrets(reqs, swapped, { now: NOW, checked: first.checks });
    expect(third.generated).toEqual([secretKeys.wireguardAdmin]);
  });

  it('renews a certificate that falls inside the renewal window, though its check is remembered', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    // Certificates last 730 days; 29 days before they end they are renewed, CAs (10 years) are not.
    const later = new Date(NOW.getTime() + (730 - 29) * DAY);
    const renewed = await ensureSecrets(reqs, first.values, { now: later, checked: first.checks });
    expect(renewed.generated.filter((k) => /^server\/.*\/consul-tls\//.test(k))).toHaveLength(8);
    expect(renewed.generated.some((k) => k.includes('-ca/'))).toBe(false);
    // A day earlier nothing is due.
    const early = await ensureSecrets(reqs, first.values, { now: new Date(later.getTime() - 2 * DAY), checked: first.checks });
    expect(early.generated).toEqual([]);
  });

  it('does not trust a remembered check from the future (clock moved back)', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    vi.mocked(tls.checkCa).mockClear();
    await ensureSecrets(reqs, first.values, { now: new Date(NOW.getTime() - DAY), checked: first.checks });
    expect(tls.checkCa).toHaveBeenCalled();
  });
});
