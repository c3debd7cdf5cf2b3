import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/cli';
import { hasTool } from '../../helpers/tools';
import { buildModel } from '../../../synth/model/build-model';
import { ensureSecrets } from '../../../synth/secrets/ensure';
import { secretKeys } from '../../../synth/secrets/keys';
import { neededSecrets } from '../../../synth/secrets/needed';
import { storedKeys } from '../../../synth/secrets/requests';
import { NOW } from '../../helpers/emit';
import { platform } from '../../helpers/platform';

const requests = () => neededSecrets(buildModel(platform().app));

describe('ensureSecrets', () => {
  it('generates every requested secret once', async () => {
    const reqs = requests();
    const { values, generated } = await ensureSecrets(reqs, {}, { now: NOW });
    const keys = reqs.flatMap(storedKeys).sort();
    expect(Object.keys(values).sort()).toEqual(keys);
    expect(generated).toEqual(keys);
    expect(new Set(Object.values(values)).size).toBe(keys.length);
  });

  it('keeps valid secrets, so a second run changes nothing', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const second = await ensureSecrets(reqs, first.values, { now: NOW });
    expect(second.generated).toEqual([]);
    expect(second.values).toEqual(first.values);
  });

  it('regenerates only a deleted secret', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const key = secretKeys.consulGossip;
    const { [key]: _deleted, ...rest } = first.values;
    const second = await ensureSecrets(reqs, rest, { now: NOW });
    expect(second.generated).toEqual([key]);
    expect(second.values[key]).not.toBe(first.values[key]);
    expect({ ...second.values, [key]: 'x' }).toEqual({ ...first.values, [key]: 'x' });
  });

  it('regenerates what a deleted CA signed, and nothing else', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const rest = Object.fromEntries(Object.entries(first.values).filter(([k]) => !k.startsWith('global/vault-ca/')));
    const second = await ensureSecrets(reqs, rest, { now: NOW });
    expect(second.generated.every((k) => k.startsWith('global/vault-ca/') || k.endsWith('/vault-tls/cert') || k.endsWith('/vault-tls/key'))).toBe(true);
    expect(second.generated).toContain('server/server-b/vault-tls/cert');
    expect(second.reasons['server/server-b/vault-tls/cert']).toBe('reissued');
    expect(second.generated).toHaveLength(2 + 2 * 3); // the CA and three instance certificates
  });

  it('replaces invalid values and keeps custom secrets', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const broken = { ...first.values, [secretKeys.wireguardAdmin]: 'not a key', 'custom/api-token': 'abc' };
    const second = await ensureSecrets(reqs, broken, { now: NOW });
    expect(second.generated).toEqual([secretKeys.wireguardAdmin]);
    expect(second.values['custom/api-token']).toBe('abc');
    expect(second.reasons[secretKeys.wireguardAdmin]).toBe('invalid');
  });

  it('renews certificates that expire within 30 days', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const later = await ensureSecrets(reqs, first.values, { now: new Date("2028-10-15T00:00:00Z") });
    expect(later.generated.some((k) => /^server\/.*\/consul-tls\//.test(k))).toBe(true);
    expect(later.reasons['server/server-a/consul-tls/cert']).toBe('renewed');
    expect(later.generated.some((k) => k.startsWith('global/consul-ca/'))).toBe(false);
  });

  it('writes an htpasswd entry that htpasswd accepts for the password', async () => {
    const { values } = await ensureSecrets(requests(), {}, { now: NOW });
    if (!hasTool('htpasswd')) return;
    const file = path.join(tempDir(), 'htpasswd');
    fs.writeFileSync(file, values[secretKeys.adminPanelHtpasswd] + '\n');
    const ok = spawnSync('htpasswd', ['-vb', file, 'admin', values[secretKeys.adminPanelPassword]!], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(spawnSync('htpasswd', ['-vb', file, 'admin', 'wrong'], { encoding: 'utf8' }).status).not.toBe(0);
  });

  it('rehashes the htpasswd entry when the password changes', async () => {
    const reqs = requests();
    const first = await ensureSecrets(reqs, {}, { now: NOW });
    const second = await ensureSecrets(reqs, { ...first.values, [secretKeys.adminPanelPassword]: 'a new password set by the user' }, { now: NOW });
    expect(second.generated).toEqual([secretKeys.adminPanelHtpasswd]);
  });
});
