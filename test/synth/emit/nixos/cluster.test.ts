import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmitContext } from '../../../../synth/emit/context';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { secretBundleOf } from '../../../../synth/emit/secrets/bundles';
import { renderProvisionScript } from '../../../../synth/emit/scripts/provision';
import { secretKeys } from '../../../../synth/secrets/keys';
import { emitContext } from '../../../helpers/emit';
import { platform, type Platform } from '../../../helpers/platform';

/** What makes the example's L1 a cluster: joins, tokens, registrations, certificates. */
describe('a region\'s servers form one cluster', () => {
  let p: Platform;
  let ctx: EmitContext;
  const config = (host: string) => renderServerConfiguration(ctx, p.servers[host]!);
  const bundle = (host: string, name: string) => secretBundleOf(ctx, p.servers[host]!).find((f) => f.name === name);

  beforeAll(async () => {
    p = platform();
    ctx = await emitContext(p.app);
  });

  it('has Nomad servers join each other by address, not only through Consul', () => {
    expect(config('server-a')).toMatch(/server_join = \{\n\s+retry_join = \[ "10\.17\.0\.12" "10\.17\.0\.13" \];/);
    expect(config('server-b')).not.toContain('server_join');
  });

  it('gives Nomad a Consul token on every server: the server policy\'s on Nomad servers, the client\'s elsewhere', () => {
    const region = p.region;
    const a = JSON.parse(bundle('server-a', 'nomad-secrets.json')!.content);
    const b = JSON.parse(bundle('server-b', 'nomad-secrets.json')!.content);
    expect(a.consul.token).toBe(ctx.secrets[secretKeys.consulToken(region, 'nomad-server')]);
    expect(a.server.encrypt).toBe(ctx.secrets[secretKeys.nomadGossip]);
    expect(b).toEqual({ consul: { token: ctx.secrets[secretKeys.consulToken(region, 'nomad-client')] } });
    for (const host of ['server-a', 'server-b']) expect(config(host)).toContain('extraSettingsPaths = [ "/var/lib/epl-secrets/nomad-secrets.json" ];');
  });

  it('registers Vault in Consul, so vault.service.consul resolves', () => {
    const secrets = JSON.parse(bundle('server-b', 'vault-secrets.json')!.content);
    expect(secrets.service_registration.consul).toEqual({
      address: '127.0.0.1:8501',
      scheme: 'https',
      tls_ca_file: '/var/lib/epl-secrets/consul-ca.crt',
      token: ctx.secrets[secretKeys.consulToken(p.region, 'vault')],
    });
    expect(bundle('server-b', 'vault-secrets.json')!.owner).toBe('vault');
    expect(config('server-b')).toContain('extraSettingsPaths = [ "/var/lib/epl-secrets/vault-secrets.json" ];');
    expect(bundle('server-a', 'vault-secrets.json')).toBeUndefined();
  });

  it('lets jobs reach Vault and Consul with workload identities', () => {
    const a = config('server-a');
    expect(a).toMatch(/vault = \{\n\s+enabled = true;\n\s+address = "https:\/\/vault\.service\.consul:8200";\n\s+ca_file = "[^"]+";\n\s+jwt_auth_backend_path = "jwt-nomad\/";\n\s+default_identity = \{\n\s+aud = \[ "vault\.io" \];/);
    expect(a).toMatch(/service_identity = \{\n\s+aud = \[ "consul\.io" \];/);
    expect(config('server-b')).not.toContain('default_identity');
  });

  it('serves a client agent\'s HTTPS API with a certificate from the platform\'s Consul CA', () => {
    const d = config('server-d');
    expect(d).toMatch(/https = \{\n\s+cert_file = "\/var\/lib\/epl-secrets\/consul-tls\.crt";\n\s+key_file = "\/var\/lib\/epl-secrets\/consul-tls\.key";/);
    const cert = new X509Certificate(bundle('server-d', 'consul-tls.crt')!.content);
    expect(cert.subject).toContain('CN=client.us-west.consul');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.checkIssued(new X509Certificate(ctx.secrets[`${secretKeys.consulCa}/cert`]!))).toBe(true);
    // Servers present theirs everywhere.
    expect(config('server-a')).toMatch(/defaults = \{\n\s+ca_file = "[^"]+";\n\s+cert_file = /);
  });

  it('starts Nomad after its host volumes are mounted', () => {
    const a = config('server-a');
    expect(a).toContain('systemd.services.nomad.after = [ "zfs-mount.service" ];');
    expect(a).toContain('systemd.services.nomad.unitConfig.RequiresMountsFor = [ "/srv/xfs-jbods/vdb" ];');
  });

  it('restarts Vault when its unit changed, since NixOS never does', () => {
    const script = renderProvisionScript(ctx, p.servers['server-b']!);
    expect(script).toContain('vault_unit="$(systemctl cat vault.service | sha256sum)"');
    expect(script).toMatch(/if \[ -f "\$state\/vault-unit" \] && \[ "\$\(cat "\$state\/vault-unit"\)" != "\$vault_unit" \]; then\n\s+systemctl reset-failed vault\.service[^\n]*\n\s+systemctl restart vault\.service/);
    expect(renderProvisionScript(ctx, p.servers['server-a']!)).not.toContain('vault_unit');
  });
});
