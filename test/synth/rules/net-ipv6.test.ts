import { describe, it } from 'vitest';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { platform } from '../../helpers/platform';

const PROP = ['publicIpv6Address'];
const withIpv6 = (host: string, publicIpv6Address: string) =>
  platform({ servers: { [host]: (p) => ({ ...p, publicIpv6Address }) } }).app;
const C = 'us-west/dc1/server-c';

describe('public IPv6 rules', () => {
  it('passes a global address ending in :1', () => {
    expectDiagnostics(withIpv6('server-c', '2a01:4f8:c17:1::1'), []);
  });

  it('fails an address that does not parse', () => {
    expectDiagnostics(withIpv6('server-c', '2a01:4f8::zz'), [{ code: 'net/invalid-public-ipv6', path: C, prop: PROP }]);
  });

  it('fails the loopback address', () => {
    expectDiagnostics(withIpv6('server-c', '::1'), [{ code: 'net/public-ipv6-loopback', path: C, prop: PROP }]);
  });

  it('fails a multicast address', () => {
    expectDiagnostics(withIpv6('server-c', 'ff02::1'), [{ code: 'net/public-ipv6-multicast', path: C, prop: PROP }]);
  });

  it('fails a unique local address', () => {
    expectDiagnostics(withIpv6('server-c', 'fd12:3456::1'), [{ code: 'net/public-ipv6-private', path: C, prop: PROP }]);
  });

  it('fails an address not ending in :1', () => {
    expectDiagnostics(withIpv6('server-c', '2a01:4f8:c17:1::5'), [{ code: 'net/public-ipv6-not-ending-in-1', path: C, prop: PROP }]);
  });

  it('fails a public IPv6 address on a server without an internet interface', () => {
    expectDiagnostics(withIpv6('server-a', '2a01:4f8:c17:1::1'), [{ code: 'net/public-ipv6-without-public-ipv4', path: 'us-west/dc1/server-a', prop: PROP }]);
  });
});
