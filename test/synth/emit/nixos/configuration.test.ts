import { describe, expect, it } from 'vitest';
import { hostIdOf, renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { renderAdminWireguardConfig } from '../../../../synth/emit/vpn/admin-wg';
import { emitContext } from '../../../helpers/emit';
import { ADMIN_KEY, addGatewayDatacenter, platform } from '../../../helpers/platform';

async function render(host: string, opts: Parameters<typeof platform>[0] = {}) {
  const p = platform(opts);
  return renderServerConfiguration(await emitContext(p.app), p.servers[host]!);
}

describe('configuration.nix', () => {
  it("routes a private server through its subnet's floating gateway and trusts the lan", async () => {
    const text = await render('server-a');
    expect(text).toContain('hostName = "server-a";');
    expect(text).toContain(`hostId = "${hostIdOf('server-a')}";`);
    expect(text).toContain('networking.defaultGateway = {\n    address = "10.17.0.2";\n    interface = "eth0";');
    expect(text).toContain('networking.interfaces.eth0.ipv4.routes = [\n    {\n      address = "10.0.0.0";\n      prefixLength = 8;\n      via = "10.17.0.2";');
    expect(text).not.toContain('keepalived');
    expect(text).not.toContain('rp_filter');
    expect(text).toContain('trustedInterfaces = [ "eth0" ];');
    expect(text).not.toContain('allowedTCPPorts');
  });

  it('opens only what the roles need on the public interface', async () => {
    const text = await render('server-d', { servers: { 'server-d': (p) => ({ ...p, roles: { ...p.roles, ingress: false } }) } });
    expect(text).toContain('allowedTCPPorts = [ 22 53 ];');
    expect(text).toContain('allowedUDPPorts = [ 53 51820 ];');
  });

  it('gives the vpn address to WireGuard, not to a static interface, and trusts it', async () => {
    const text = await render('server-c');
    expect(text).not.toContain('networking.interfaces.wg0');
    expect(text).toContain('networking.wireguard.interfaces.wg0 = {\n    ips = [ "172.21.7.10/16" ];');
    expect(text).toContain('trustedInterfaces = [ "eth0" "wg0" ];');
  });

  it('makes consul masters servers and other servers clients', async () => {
    const a = await render('server-a');
    const d = await render('server-d');
    expect(a).toMatch(/server = true;\n\s+bootstrap_expect = 3;/);
    expect(d).toMatch(/server = false;/);
    expect(d).toContain('retry_join = [ "10.17.0.10" "10.17.0.11" "10.17.0.12" ];');
  });

  it('runs Vault only on vault instances and BIND only on DNS servers', async () => {
    expect(await render('server-a')).not.toContain('services.vault');
    expect(await render('server-a')).not.toContain('services.bind');
    const d = await render('server-d');
    expect(d).toContain('storageBackend = "raft";');
    expect(d).toMatch(/zone "epl-infra\.net" \{\n\s+type primary;/);
    const c = await render('server-c');
    expect(c).toMatch(/zone "epl-infra\.net" \{\n\s+type secondary;\n\s+file "\/var\/lib\/named\/epl-infra\.net\.slave\.zone";\n\s+primaries \{ 10\.17\.0\.13; \};/);
  });

  it('pairs each VPN gateway with the gateway of the same rank in every other datacenter', async () => {
    const p = platform({
      extend: addGatewayDatacenter,
    });
    const ctx = await emitContext(p.app);
    const c = renderServerConfiguration(ctx, p.servers['server-c']!);
    // server-c is dc1's first gateway (by hostname), gw-1 dc2's first.
    expect(c).toMatch(/allowedIPs = \[ "172\.21\.8\.10\/32" "10\.18\.0\.0\/16" \];\n\s+endpoint = "88\.88\.88\.10:51820";/);
    expect(c).not.toContain('172.21.8.11');
    const admin = renderAdminWireguardConfig(ctx)!;
    expect(admin.match(/\[Peer\]/g)).toHaveLength(4);
    expect(admin.match(/10\.18\.0\.0\/16/g)).toHaveLength(1);
  });

  it("resolves through the region's DNS servers, master first, itself by loopback", async () => {
    expect(await render('server-a')).toContain('networking.nameservers = [ "10.17.0.13" "10.17.0.12" ];');
    expect(await render('server-d')).toContain('networking.nameservers = [ "127.0.0.1" "10.17.0.12" ];');
  });

  it('imports extra pools and mounts XFS disks', async () => {
    const a = await render('server-a');
    expect(a).toContain('boot.zfs.extraPools = [ "extra" ];');
    expect(a).toContain('fileSystems."/srv/xfs-jbods/vdb" = {');
    expect(await render('server-b')).not.toContain('extraPools');
  });

  it('writes each admin key once', async () => {
    const text = await render('server-a', { app: { adminSshKeys: [ADMIN_KEY, `  ${ADMIN_KEY}  `] } });
    // the App's key once, plus the generated root key
    expect(text.match(/ssh-ed25519 /g)).toHaveLength(2);
  });

  it('uses stable, distinct host ids', () => {
    expect(hostIdOf('server-a')).toMatch(/^[0-9a-f]{8}$/);
    expect(hostIdOf('server-a')).toBe(hostIdOf('server-a'));
    expect(hostIdOf('server-a')).not.toBe(hostIdOf('server-b'));
  });
});
