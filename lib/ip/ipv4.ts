/**
 * Small IPv4 helpers over ip-num. Values are plain numbers (0..2^32-1) so rules can compare and
 * sort them cheaply; parsing goes through ip-num's validators.
 */
import { IPv4, Validator } from 'ip-num';

/** An IPv4 address with a prefix length, as written on an interface (`10.17.0.10/24`). */
export interface Ipv4WithPrefix {
  /** The address as an unsigned 32-bit number. */
  readonly address: number;
  readonly prefix: number;
}

/** A parsed IPv4 network (`10.17.0.0/16`). `network` is the first address of the range. */
export interface Ipv4Cidr {
  readonly network: number;
  readonly prefix: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a dotted-quad IPv4 address (`10.17.0.10`). */
export function parseIpv4(text: string): ParseResult<number> {
  const [valid, errors] = Validator.isValidIPv4String(text);
  if (!valid || !/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    return { ok: false, error: errors[0] ?? `'${text}' is not a dotted-quad IPv4 address` };
  }
  return { ok: true, value: Number(IPv4.fromDecimalDottedString(text).getValue()) };
}

/** Parses `a.b.c.d/p` keeping the host bits (an interface address). */
export function parseIpv4WithPrefix(text: string): ParseResult<Ipv4WithPrefix> {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, error: `'${text}' has no prefix length (expected a.b.c.d/p)` };
  const ip = parseIpv4(text.slice(0, slash));
  if (!ip.ok) return ip;
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    return { ok: false, error: `prefix length '${prefixText}' is not a number from 0 to 32` };
  }
  return { ok: true, value: { address: ip.value, prefix: Number(prefixText) } };
}

/** Parses a CIDR network. Host bits may be set; check {@link isCanonical} for that. */
export function parseIpv4Cidr(text: string): ParseResult<Ipv4Cidr & { address: number }> {
  const parsed = parseIpv4WithPrefix(text);
  if (!parsed.ok) return parsed;
  const { address, prefix } = parsed.value;
  return { ok: true, value: { address, prefix, network: networkAddress(address, prefix) } };
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function networkAddress(address: number, prefix: number): number {
  return (address & maskOf(prefix)) >>> 0;
}

export function broadcastAddress(address: number, prefix: number): number {
  return (networkAddress(address, prefix) | (~maskOf(prefix) >>> 0)) >>> 0;
}

/** The first usable host, which epl reserves for the subnet's gateway. */
export function firstHostAddress(address: number, prefix: number): number {
  return networkAddress(address, prefix) + 1;
}

/** Whether a CIDR is written with all host bits zero (`10.0.0.0/8`, not `10.0.0.1/8`). */
export function isCanonical(cidr: { address: number; prefix: number }): boolean {
  return networkAddress(cidr.address, cidr.prefix) === cidr.address;
}

export function cidrContains(outer: Ipv4Cidr, address: number): boolean {
  return networkAddress(address, outer.prefix) === outer.network;
}

/** Whether `inner` lies completely inside `outer`. */
export function cidrInside(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContains(outer, inner.network);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return cidrInside(a, b) || cidrInside(b, a);
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

const RFC1918: Ipv4Cidr[] = [
  { network: 0x0a000000, prefix: 8 },
  { network: 0xac100000, prefix: 12 },
  { network: 0xc0a80000, prefix: 16 },
];

/** RFC 1918 private address ranges: 10/8, 172.16/12, 192.168/16. */
export function isPrivateIpv4(address: number): boolean {
  return RFC1918.some((range) => cidrContains(range, address));
}

/** The octet at `index` (0 = leftmost). */
export function octet(address: number, index: 0 | 1 | 2 | 3): number {
  return (address >>> (24 - index * 8)) & 0xff;
}
