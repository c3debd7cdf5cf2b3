import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { Datacenter, Network, Server } from '../../constructs';
import { expectDiagnostics, findings } from '../helpers/diagnostics';
import { platform } from '../helpers/platform';

/** A construct of the user's own between the datacenter and its servers. */
class Rack extends Construct {}

describe('how the tree is built', () => {
  it("lets constructs of the user's own group epl's: a server finds its datacenter by walking up", () => {
    const p = platform();
    const rack = new Rack(p.dc, 'rack-1');
    const s = new Server(rack, 'server-e', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.14/24' }] });
    s.addDisk('vda');
    expect(s.datacenter).toBe(p.dc);
    expect(findings(p.app).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports a construct outside the scope it needs, at the construct, without running the rules', () => {
    const p = platform();
    new Server(p.region, 'lost', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.14/24' }] });
    new Datacenter(new Rack(p.app, 'not-a-region'), 'dc9', { networkCidr: '10.99.0.0/16', implementation: p.dc.implementation });
    expectDiagnostics(p.app, [
      { code: 'props/wrong-scope', path: 'us-west/lost' },
      { code: 'props/wrong-scope', path: 'not-a-region/dc9' },
    ]);
    expect(findings(p.app).find((d) => d.path === 'us-west/lost')!.message).toBe('a Server must be created inside a Datacenter, not in us-west');
  });

  it("reports messages of the user's own validations at their construct, with epl's findings", () => {
    const p = platform();
    const rack = new Rack(p.dc, 'rack-1');
    rack.node.addValidation({ validate: () => ['rack-1 has no power feed'] });
    p.servers['server-a']!.node.addValidation({ validate: () => { throw new Error('validation broke'); } });
    expectDiagnostics(p.app, [
      { code: 'user/validation', path: 'us-west/dc1/rack-1' },
      { code: 'user/validation', path: 'us-west/dc1/server-a' },
    ]);
    const messages = findings(p.app).map((d) => d.message);
    expect(messages).toContain('rack-1 has no power feed');
    expect(messages).toContain('a validation threw: validation broke');
  });

  it('reports two servers with one hostname in a datacenter at both, and still runs the rules', () => {
    const p = platform();
    const twin = new Server(p.dc, 'server-a', { interfaces: [{ name: 'eth0', network: Network.LAN, address: '10.17.0.0/24' }] });
    twin.addDisk('vda');
    const found = findings(p.app).map((d) => `${d.code} @ ${d.path}`);
    expect(found).toEqual(expect.arrayContaining(['props/duplicate-id @ us-west/dc1/server-a#2', 'props/duplicate-id @ us-west/dc1/server-a', 'net/address-is-network-address @ us-west/dc1/server-a#2']));
  });
});
