import { describe, expect, it } from 'vitest';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { vpnNatTableContent } from '../../../../synth/emit/nixos/sections/vpn-nat';
import { ADMIN_VPN_ADDRESS } from '../../../../synth/plan/vpn';
import { findings } from '../../../helpers/diagnostics';
import { emitContext } from '../../../helpers/emit';
import { addGatewayDatacenter, platform, type PlatformOptions } from '../../../helpers/platform';
import { routedSubnet } from '../../../helpers/routing';

/** Configurations of a platform every rule accepts, but for the codes in `tolerated`. */
async function configurations(opts: PlatformOptions = {}, tolerated: readonly string[] = []): Promise<Record<string, string>> {
  const p = platform(opts);
  expect(findings(p.app).filter((d) => !tolerated.includes(d.code)).map((d) => `${d.code} @ ${d.path}`)).toEqual([]);
  const ctx = await emitContext(p.app);
  return Object.fromEntries(Object.entries(p.servers).map(([host, s]) => [host, renderServerConfiguration(ctx, s)]));
}

describe('the masquerades on VPN gateways (table ip epl-nat)', () => {
  it('is on the VPN gateways only, with forwarding and no reverse-path filter, and masquerades the admin and private servers', async () => {
    const conf = await configurations();
    for (const host of ['server-c', 'server-d']) {
      expect(conf[host]).toContain(
        [
          '  networking.nftables.tables.epl-nat = {',
          '    family = "ip";',
          "    content = ''",
          '      chain postrouting {',
          '        type nat hook postrouting priority srcnat; policy accept;',
          `        iifname "wg0" oifname "eth0" ip saddr ${ADMIN_VPN_ADDRESS} masquerade`,
          '        oifname "eth1" ip saddr 10.0.0.0/8 masquerade',
          '      }',
          "    '';",
          '  };',
        ].join('\n'),
      );
      expect(conf[host]).toContain('boot.kernel.sysctl."net.ipv4.conf.all.forwarding" = true;');
      expect(conf[host]).toContain('boot.kernel.sysctl."net.ipv4.conf.all.rp_filter" = 0;');
      expect(conf[host]).toContain('networking.firewall.checkReversePath = false;');
    }
    for (const host of ['server-a', 'server-b']) {
      expect(conf[host]).not.toContain('epl-nat');
      expect(conf[host]).not.toContain('masquerade');
      expect(conf[host]).not.toContain('forwarding');
      expect(conf[host]).not.toContain('checkReversePath');
    }
  });

  it('leaves the paired gateways of other datacenters their own addresses', async () => {
    // dc2 shares dc1's single-datacenter region only to keep the setup short
    const conf = await configurations({ extend: addGatewayDatacenter }, ['regions/single-dc-region-datacenter-count']);
    // dc2 is routed over wg0 now; its traffic into the lan is still not rewritten, only the
    // admin's address is (and private addresses leaving for the internet).
    expect(conf['server-c']).toContain('"10.18.0.0/16"');
    const rules = conf['server-c']!.split('\n').filter((l) => l.includes('masquerade'));
    expect(rules).toEqual([`        iifname "wg0" oifname "eth0" ip saddr ${ADMIN_VPN_ADDRESS} masquerade`, '        oifname "eth1" ip saddr 10.0.0.0/8 masquerade']);
  });

  it('masquerades towards every interface on the datacenter network, dcrouter included', async () => {
    // a second subnet makes the gateways routers, with dcrouter interfaces (eth2)
    const conf = await configurations(routedSubnet());
    expect(conf['server-c']).toContain(`iifname "wg0" oifname { "eth0", "eth2" } ip saddr ${ADMIN_VPN_ADDRESS} masquerade`);
  });

  it('masquerades private servers only where the gateway has an internet interface', () => {
    expect(vpnNatTableContent(['eth0'])).not.toContain('10.0.0.0/8');
    expect(vpnNatTableContent(['eth0'], 'eth1')).toContain('  oifname "eth1" ip saddr 10.0.0.0/8 masquerade\n');
  });

  it('writes one interface as a name and several as a set', () => {
    expect(vpnNatTableContent(['eth0'])).toContain('oifname "eth0" ');
    expect(vpnNatTableContent(['eth0', 'eth2'])).toContain('oifname { "eth0", "eth2" } ');
  });
});
