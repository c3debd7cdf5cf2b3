import { describe, expect, it } from 'vitest';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { KEEPALIVED_AUTH_FILE, keepalivedAuthConf, keepalivedConfFile, keepalivedConfig } from '../../../../synth/emit/nixos/sections/keepalived';
import { secretBundleOf } from '../../../../synth/emit/secrets/bundles';
import { secretKeys } from '../../../../synth/secrets/keys';
import { expectDiagnostics } from '../../../helpers/diagnostics';
import { emitContext } from '../../../helpers/emit';
import { platform, type PlatformOptions } from '../../../helpers/platform';

async function setup(opts: PlatformOptions = {}) {
  const p = platform(opts);
  expectDiagnostics(p.app, []);
  const ctx = await emitContext(p.app);
  return { p, ctx };
}

describe('keepalived on the routing servers of a subnet', () => {
  it("gives the single-subnet datacenter's VPN gateways one instance for host .2, the first by hostname the higher priority", async () => {
    const { p, ctx } = await setup();
    const c = keepalivedConfig(ctx.model, p.servers['server-c']!)!;
    const d = keepalivedConfig(ctx.model, p.servers['server-d']!)!;
    expect(c.globalDefs).toBe('router_id server-c\nenable_script_security\nscript_user root\n');
    expect(c.instances).toContain('vrrp_instance epl_10_17_0_0_24 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 1\n  priority 200\n  advert_int 1\n');
    expect(c.instances).toContain('  unicast_src_ip 10.17.0.12\n  unicast_peer {\n    10.17.0.13\n  }\n');
    expect(c.instances).toContain(`  include ${KEEPALIVED_AUTH_FILE}\n`);
    expect(c.instances).toContain('  virtual_ipaddress {\n    10.17.0.2/24 dev eth0\n  }\n');
    expect(c.instances).toContain('  notify "/run/current-system/sw/bin/logger -t epl-vrrp"\n');
    expect(d.instances).toContain('  priority 100\n');
    expect(d.instances).toContain('  unicast_src_ip 10.17.0.13\n  unicast_peer {\n    10.17.0.12\n  }\n');
    // Same instance, same virtual router, on both ends.
    expect(d.instances.replace(/priority \d+|10\.17\.0\.1[23]/g, '')).toBe(c.instances.replace(/priority \d+|10\.17\.0\.1[23]/g, ''));
    for (const host of ['server-a', 'server-b']) expect(keepalivedConfig(ctx.model, p.servers[host]!)).toBeUndefined();
  });

  it('uses a declared floating gateway', async () => {
    const { p, ctx } = await setup({ dc: { floatingGateways: ['10.17.0.254/24'] } });
    expect(keepalivedConfig(ctx.model, p.servers['server-c']!)!.instances).toContain('    10.17.0.254/24 dev eth0\n');
    expect(renderServerConfiguration(ctx, p.servers['server-a']!)).toContain('address = "10.17.0.254";');
  });

  it('puts the text into the NixOS module, and the password only into the bundle', async () => {
    const { p, ctx } = await setup();
    const server = p.servers['server-c']!;
    const text = renderServerConfiguration(ctx, server);
    const password = ctx.secrets[secretKeys.vrrpPassword(p.dc)]!;
    expect(password).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(text).toContain('services.keepalived = {\n    enable = true;\n    extraGlobalDefs = \'\'\n      router_id server-c\n');
    expect(text).toContain(`systemd.services.keepalived.unitConfig.AssertFileNotEmpty = "${KEEPALIVED_AUTH_FILE}";`);
    expect(text).not.toContain(password);
    const auth = secretBundleOf(ctx, server).find((f) => f.target === KEEPALIVED_AUTH_FILE)!;
    expect(auth).toMatchObject({ name: 'keepalived-auth.conf', mode: '0400', owner: 'root', content: keepalivedAuthConf(password) });
    expect(auth.content).toBe(`authentication {\n  auth_type PASS\n  auth_pass ${password}\n}\n`);
    expect(secretBundleOf(ctx, p.servers['server-a']!).some((f) => f.target === KEEPALIVED_AUTH_FILE)).toBe(false);
  });

  it('assembles the file as the NixOS module does', () => {
    expect(keepalivedConfFile({ globalDefs: 'router_id x\n', instances: 'vrrp_instance a {\n}\n' })).toBe('global_defs {\n  \n  \n  router_id x\n\n}\n\n\n\nvrrp_instance a {\n}\n\n');
  });
});
