import { describe, expect, it } from 'vitest';
import {
  broadcastAddress,
  cidrInside,
  cidrsOverlap,
  firstHostAddress,
  formatIpv4,
  isCanonical,
  isPrivateIpv4,
  parseIpv4,
  parseIpv4Cidr,
  parseIpv4WithPrefix,
} from '../../../lib/ip/ipv4';

const ip = (s: string) => {
  const r = parseIpv4(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('IPv4 helpers', () => {
  it('parses dotted quads and rejects everything else', () => {
    expect(formatIpv4(ip('10.17.0.10'))).toBe('10.17.0.10');
    for (const bad of ['10.17.0', '10.17.0.256', '10.17.0.1.2', ' 10.0.0.1', '0x0a.0.0.1', '']) expect(parseIpv4(bad).ok, bad).toBe(false);
  });

  it('parses address/prefix and rejects bad prefixes', () => {
    expect(parseIpv4WithPrefix('10.17.0.10/24')).toEqual({ ok: true, value: { address: ip('10.17.0.10'), prefix: 24 } });
    for (const bad of ['10.17.0.10', '10.17.0.10/33', '10.17.0.10/-1', '10.17.0.10/2x']) expect(parseIpv4WithPrefix(bad).ok, bad).toBe(false);
  });

  it('computes network, broadcast and gateway addresses', () => {
    const a = ip('10.17.0.77');
    expect(formatIpv4(broadcastAddress(a, 24))).toBe('10.17.0.255');
    expect(formatIpv4(firstHostAddress(a, 24))).toBe('10.17.0.1');
    expect(formatIpv4(broadcastAddress(a, 0))).toBe('255.255.255.255');
  });

  it('knows canonical CIDRs and containment', () => {
    const dc = parseIpv4Cidr('10.17.0.0/16');
    const bad = parseIpv4Cidr('10.17.3.0/16');
    if (!dc.ok || !bad.ok) throw new Error('parse');
    expect(isCanonical(dc.value)).toBe(true);
    expect(isCanonical(bad.value)).toBe(false);
    expect(cidrInside(dc.value, { network: ip('10.0.0.0'), prefix: 8 })).toBe(true);
    expect(cidrInside({ network: ip('10.0.0.0'), prefix: 8 }, dc.value)).toBe(false);
    expect(cidrsOverlap(dc.value, { network: ip('10.17.5.0'), prefix: 24 })).toBe(true);
    expect(cidrsOverlap(dc.value, { network: ip('10.18.0.0'), prefix: 16 })).toBe(false);
  });

  it('knows the RFC 1918 ranges', () => {
    for (const p of ['10.0.0.1', '172.16.0.1', '172.31.255.254', '192.168.1.1']) expect(isPrivateIpv4(ip(p)), p).toBe(true);
    for (const p of ['11.0.0.1', '172.32.0.1', '192.169.0.1', '77.77.77.12']) expect(isPrivateIpv4(ip(p)), p).toBe(false);
  });
});
