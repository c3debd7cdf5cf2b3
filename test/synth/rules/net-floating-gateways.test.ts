import { describe, expect, it } from 'vitest';
import { validate } from '../../../synth/synth';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform, withInterface } from '../../helpers/platform';

const DC = 'us-west/dc1';
const at = (i: number) => ['floatingGateways', i];
/** The standard platform with these floating gateways declared on dc1. */
const declared = (...floatingGateways: string[]) => platform({ dc: { floatingGateways } }).app;

describe('floating gateway rules', () => {
  it('passes the default (host .2) and a declared address for the gateways\' subnet', () => {
    expectDiagnostics(platform().app, []);
    expectDiagnostics(declared('10.17.0.254/24'), []);
  });

  it('fails an address that does not parse', () => {
    for (const text of ['10.17.0.254', '10.17.0/24', 'gateway/24']) {
      expectDiagnostics(declared(text), [{ code: 'net/invalid-floating-gateway', path: DC, prop: at(0) }]);
    }
  });

  it('fails an address outside 10.0.0.0/8', () => {
    expectDiagnostics(declared('192.168.0.2/24'), [{ code: 'net/floating-gateway-outside-lan', path: DC, prop: at(0) }]);
  });

  it('fails a prefix other than /24', () => {
    expectDiagnostics(declared('10.17.0.254/16'), [{ code: 'net/floating-gateway-prefix-not-24', path: DC, prop: at(0) }]);
  });

  it("fails the subnet's network, broadcast and first host address", () => {
    expectDiagnostics(declared('10.17.0.0/24'), [{ code: 'net/floating-gateway-is-network-address', path: DC, prop: at(0) }]);
    expectDiagnostics(declared('10.17.0.255/24'), [{ code: 'net/floating-gateway-is-broadcast-address', path: DC, prop: at(0) }]);
    expectDiagnostics(declared('10.17.0.1/24'), [{ code: 'net/floating-gateway-is-first-address', path: DC, prop: at(0) }]);
  });

  it('fails two addresses for one subnet', () => {
    expectDiagnostics(declared('10.17.0.254/24', '10.17.0.253/24'), [{ code: 'net/two-floating-gateways-for-subnet', path: DC, prop: at(1) }]);
  });

  it('fails an address for a subnet without routers or gateways', () => {
    expectDiagnostics(declared('10.17.5.2/24'), [{ code: 'net/floating-gateway-unused', path: DC, prop: at(0) }]);
  });

  it("fails an address that is a server's", () => {
    const found = expectDiagnostics(declared('10.17.0.11/24'), [{ code: 'net/floating-gateway-clash-with-server', path: DC, prop: at(0) }]);
    expect(found[0]!.message).toContain("server 'server-b'");
  });

  it('fails a subnet whose default address is a server\'s and declares none, and passes once one is declared', () => {
    const taken = { 'server-b': withInterface(0, { address: '10.17.0.2/24' }) };
    const found = expectDiagnostics(platform({ servers: taken }).app, [{ code: 'net/floating-gateway-needed', path: DC }]);
    expect(found[0]!.message).toContain('10.17.0.2');
    expectDiagnostics(platform({ servers: taken, dc: { floatingGateways: ['10.17.0.254/24'] } }).app, []);
  });

  it('reports every mistake of a list at its own entry', () => {
    const found = validate(declared('10.17.0.254/24', 'nope', '10.17.0.253/24')).map((d) => `${d.code} ${JSON.stringify(d.prop)}`);
    expect(found.sort()).toEqual(['net/invalid-floating-gateway ["floatingGateways",1]', 'net/two-floating-gateways-for-subnet ["floatingGateways",2]']);
  });
});
