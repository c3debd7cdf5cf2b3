import { IPv6, IPv6CidrRange, Validator } from 'ip-num';

/** Facts about an IPv6 address that platform rules care about. */
export interface Ipv6Facts {
  readonly value: bigint;
  readonly isLoopback: boolean;
  readonly isMulticast: boolean;
  /** Unique local addresses, fc00::/7. */
  readonly isPrivate: boolean;
}

const LOOPBACK = IPv6.fromString('::1');
const MULTICAST = IPv6CidrRange.fromCidr('ff00::/8');
const UNIQUE_LOCAL = IPv6CidrRange.fromCidr('fc00::/7');

/** Parses an IPv6 address, or returns undefined when it is not one. */
export function parseIpv6(text: string): Ipv6Facts | undefined {
  if (!Validator.isValidIPv6String(text)[0]) return undefined;
  const ip = IPv6.fromString(text);
  return {
    value: ip.getValue(),
    isLoopback: ip.isEquals(LOOPBACK),
    isMulticast: MULTICAST.contains(ip),
    isPrivate: UNIQUE_LOCAL.contains(ip),
  };
}
