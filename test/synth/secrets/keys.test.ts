import { describe, expect, it } from 'vitest';
import { App, Datacenter, DatacenterImplementation, Region, Server } from '../../../constructs';
import { secretKeys, tlsKeys } from '../../../synth/secrets/keys';
import { synthesizeApp } from '../../../synth/testing';
import { platform } from '../../helpers/platform';

/** Names that tried to reach into other keys' namespaces. */
const HOSTILE = ['admin', 'global', 'server', 'a/b', 'a%2Fb', '', '..', 'consul-ca', 'x/wireguard-key', 'ns1', '%'];

describe('secret keys', () => {
  it('never collide, whatever the names: every kind has its own namespace and names are one segment', () => {
    const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
    const keys: string[] = Object.values(secretKeys as Record<string, unknown>).filter((k): k is string => typeof k === 'string');
    for (const name of HOSTILE) {
      const region = new Region(app, `r${keys.length}`);
      Object.defineProperty(region, 'regionName', { value: name });
      const dc = new Datacenter(region, 'dc', { networkCidr: '10.1.0.0/16', implementation: DatacenterImplementation.TEST_VMS });
      const server = new Server(dc, `s${keys.length}`, { interfaces: [] });
      Object.defineProperty(server, 'hostname', { value: name });
      keys.push(
        secretKeys.consulToken(region, 'agent'),
        secretKeys.consulToken(region, 'management'),
        secretKeys.consulServerCert(server),
        secretKeys.nomadServerCert(server),
        secretKeys.nomadClientCert(server),
        secretKeys.vaultCert(server),
        secretKeys.wireguard(server),
        secretKeys.zfsEncryption(server),
        secretKeys.dnssec(name, 'ksk'),
        secretKeys.dnssec(name, 'zsk'),
        secretKeys.custom(name),
      );
    }
    const stored = keys.flatMap((k) => [k, tlsKeys(k).cert, tlsKeys(k).privateKey]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(stored).size).toBe(stored.length);
    // A user's name is always exactly one segment.
    expect(secretKeys.wireguard({ hostname: 'a/b' } as Server)).toBe('server/a%2Fb/wireguard-key');
    expect(secretKeys.custom('')).toBe('custom/%00');
  });

  it("give a VPN gateway named admin its own key, not the admin's", async () => {
    const p = platform({ rename: { 'server-c': 'admin' } });
    const result = await synthesizeApp(p.app);
    expect(result.errors).toEqual([]);
    const gatewayKey = result.secrets['server/admin/wireguard-key'];
    const adminKey = result.secrets['global/admin-wireguard-key'];
    expect(gatewayKey).toBeDefined();
    expect(gatewayKey).not.toBe(adminKey);
    expect(result.file('secrets/servers/admin/wireguard-key')).toBe(`${gatewayKey}\n`);
    expect(result.file('secrets/admin/wg.conf')).toContain(`PrivateKey = ${adminKey}`);
    expect(result.file('secrets/admin/wg.conf')).not.toContain(gatewayKey!);
  });
});
