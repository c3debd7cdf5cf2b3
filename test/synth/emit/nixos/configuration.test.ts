import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../../synth/model/build-model';
import { hostIdOf, renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { ADMIN_KEY, platform } from '../../../helpers/platform';

function render(host: string, opts: Parameters<typeof platform>[0] = {}) {
  const p = platform(opts);
  return renderServerConfiguration(buildModel(p.app), p.servers[host]!);
}

describe('configuration.nix', () => {
  it('routes a private server through its lan gateway and trusts the lan', () => {
    const text = render('server-a');
    expect(text).toContain('hostName = "server-a";');
    expect(text).toContain(`hostId = "${hostIdOf('server-a')}";`);
    expect(text).toContain('defaultGateway = {\n      address = "10.17.0.1";\n      interface = "eth0";');
    expect(text).toContain('trustedInterfaces = [ "eth0" ];');
    expect(text).not.toContain('allowedTCPPorts');
  });

  it('opens only what the roles need on the public interface', () => {
    const text = render('server-d', { servers: { 'server-d': (p) => ({ ...p, roles: { ...p.roles, ingress: false } }) } });
    expect(text).toContain('allowedTCPPorts = [ 22 53 ];');
    expect(text).toContain('allowedUDPPorts = [ 53 51820 ];');
  });

  it('leaves vpn addresses to WireGuard and keeps the interface trusted', () => {
    const text = render('server-c');
    expect(text).not.toContain('172.21.7.10');
    expect(text).toContain('"wg0"');
  });

  it('writes each admin key once', () => {
    const text = render('server-a', { app: { adminSshKeys: [ADMIN_KEY, `  ${ADMIN_KEY}  `] } });
    expect(text.match(/ssh-ed25519 /g)).toHaveLength(1);
  });

  it('uses stable, distinct host ids', () => {
    expect(hostIdOf('server-a')).toMatch(/^[0-9a-f]{8}$/);
    expect(hostIdOf('server-a')).toBe(hostIdOf('server-a'));
    expect(hostIdOf('server-a')).not.toBe(hostIdOf('server-b'));
  });
});
