import { describe, it } from 'vitest';
import { Network } from '../../../constructs';
import { expectDiagnostics, expectPaths } from '../../helpers/diagnostics';
import { platform, withInterface } from '../../helpers/platform';

const B = 'us-west/dc1/server-b';
const addr = (i: number) => ['interfaces', i, 'address'];

/** server-b with its lan interface (index 0) changed. */
const b = (change: Parameters<typeof withInterface>[1]) => platform({ servers: { 'server-b': withInterface(0, change) } }).app;

describe('interface rules', () => {
  it('fails interface names that are not Linux interface names', () => {
    expectDiagnostics(b({ name: 'eth0:1' }), [{ code: 'net/invalid-interface-name', path: B, prop: ['interfaces', 0, 'name'] }]);
    expectDiagnostics(b({ name: 'a-name-longer-than-15' }), [{ code: 'net/invalid-interface-name', path: B, prop: ['interfaces', 0, 'name'] }]);
  });

  it('passes common interface names', () => {
    expectDiagnostics(b({ name: 'enp1s0' }), []);
    expectDiagnostics(b({ name: 'eth0.100' }), []);
  });

  it('fails two interfaces of the same name', () => {
    const app = platform({
      servers: { 'server-b': (p) => ({ ...p, interfaces: [...p.interfaces, { name: 'eth0', network: Network.LAN, address: '10.17.0.21/24' }] }) },
    }).app;
    expectDiagnostics(app, [{ code: 'net/duplicate-interface-name', path: B, prop: ['interfaces', 1, 'name'] }]);
  });

  it('fails an address that does not parse', () => {
    for (const address of ['10.17.0.11', '10.17.0/24', '10.17.0.11/33', 'server-b/24']) {
      expectDiagnostics(b({ address }), [{ code: 'net/invalid-interface-address', path: B, prop: addr(0) }]);
    }
  });

  it('fails a private address on the internet network', () => {
    const app = platform({ servers: { 'server-c': withInterface(1, { address: '192.168.1.12/24' }) } }).app;
    expectDiagnostics(app, [{ code: 'net/private-address-on-internet', path: 'us-west/dc1/server-c', prop: addr(1) }]);
  });

  it('fails a public address on the lan network', () => {
    expectDiagnostics(b({ address: '11.17.0.11/24' }), [
      { code: 'net/public-address-on-private-network', path: B, prop: addr(0) },
      { code: 'net/address-outside-datacenter', path: B, prop: addr(0) },
    ]);
  });

  it('fails a private address outside its network', () => {
    expectPaths(b({ address: '192.168.0.11/24' }), 'net/address-outside-network', [B]);
    const app = platform({ servers: { 'server-c': withInterface(2, { address: '172.22.7.10/16' }) } }).app;
    expectDiagnostics(app, [{ code: 'net/address-outside-network', path: 'us-west/dc1/server-c', prop: addr(2) }]);
  });

  it("fails the subnet's network address", () => {
    expectDiagnostics(b({ address: '10.17.0.0/24' }), [{ code: 'net/address-is-network-address', path: B, prop: addr(0) }]);
  });

  it("fails the subnet's broadcast address", () => {
    expectDiagnostics(b({ address: '10.17.0.255/24' }), [{ code: 'net/address-is-broadcast-address', path: B, prop: addr(0) }]);
  });

  it("fails the subnet's gateway address", () => {
    expectDiagnostics(b({ address: '10.17.0.1/24' }), [{ code: 'net/address-is-gateway', path: B, prop: addr(0) }]);
  });

  it('passes the first and last assignable host addresses', () => {
    // Host .2 is the subnet's default floating gateway: taking it needs another one declared.
    const taken = { servers: { 'server-b': withInterface(0, { address: '10.17.0.2/24' }) } };
    expectDiagnostics(platform({ ...taken, dc: { floatingGateways: ['10.17.0.254/24'] } }).app, []);
    expectDiagnostics(b({ address: '10.17.0.254/24' }), []);
  });

  it('fails an address used twice on one network', () => {
    expectDiagnostics(b({ address: '10.17.0.10/24' }), [{ code: 'net/duplicate-address', path: B, prop: addr(0) }]);
  });

  it('fails nested interface subnets on one network', () => {
    const app = platform({
      dc: { allowSmallSubnets: true },
      servers: { 'server-b': (p) => ({ ...p, interfaces: [...p.interfaces, { name: 'eth9', network: Network.LAN, address: '10.17.0.99/16' }] }) },
    }).app;
    expectDiagnostics(app, [
      { code: 'net/overlapping-interface-subnets', path: 'us-west/dc1/server-a', prop: addr(0) },
      { code: 'net/lan-prefix-not-24', path: B, prop: addr(1) },
    ]);
  });

  it('fails a lan interface that is not a /24', () => {
    const app = platform({
      servers: Object.fromEntries(['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, withInterface(0, { address: `10.17.0.${10 + 'abcd'.indexOf(h.slice(-1))}/25` })])),
    }).app;
    expectPaths(app, 'net/lan-prefix-not-24', ['a', 'b', 'c', 'd'].map((x) => `us-west/dc1/server-${x}`));
  });

  it('fails a lan address in the dcrouter range', () => {
    const app = platform({
      dc: { allowSmallSubnets: true },
      servers: { 'server-b': withInterface(0, { address: '10.17.252.11/24' }) },
    }).app;
    expectDiagnostics(app, [{ code: 'net/lan-address-in-dcrouter-range', path: B, prop: addr(0) }]);
  });

  it("fails a lan address outside the server's datacenter", () => {
    expectDiagnostics(b({ address: '10.18.0.11/24' }), [{ code: 'net/address-outside-datacenter', path: B, prop: addr(0) }]);
  });

  it('fails a server without a lan interface', () => {
    const app = platform({ servers: { 'server-c': (p) => ({ ...p, interfaces: p.interfaces.filter((i) => i.network !== Network.LAN) }) } }).app;
    expectDiagnostics(app, [{ code: 'net/server-without-lan-interface', path: 'us-west/dc1/server-c', prop: ['interfaces'] }]);
  });
});
