import { describe, expect, it } from 'vitest';
import { Network } from '../../../constructs';
import { synthesizeApp, validateApp } from '../../../synth/testing';
import { platform, withInterface } from '../../helpers/platform';

describe('epl-platform/testing', () => {
  it('synthesizes in memory and reads rendered files', async () => {
    const { app } = platform();
    const result = await synthesizeApp(app);
    expect(result.errors).toEqual([]);
    expect(result.paths).toContain('l1-provisioning/server-a/configuration.nix');
    expect(result.file('l1-provisioning/server-a/configuration.nix')).toContain('hostName = "server-a";');
    expect(Object.keys(result.files(/^dns\//))).toContain('dns/epl-infra.net.zone');
    expect(() => result.file('nope')).toThrow('no file nope was rendered');
    expect(Object.keys(result.secrets)).toContain('global/consul-ca/cert');
  });

  it('keeps given secrets, so a second run renders the same files', async () => {
    const first = await synthesizeApp(platform().app);
    const second = await synthesizeApp(platform().app, { secrets: first.secrets });
    expect(second.files()).toEqual(first.files());
  });

  it('finds diagnostics by code and construct path', async () => {
    const { app } = platform({ servers: { 'server-b': withInterface(0, { address: '10.17.0.0/24', network: Network.LAN }) } });
    const result = await synthesizeApp(app);
    expect(result.paths).toEqual([]);
    expect(result.diagnosticsWith('net/address-is-network-address', 'us-west/dc1/server-b')).toHaveLength(1);
    expect(validateApp(platform().app).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
