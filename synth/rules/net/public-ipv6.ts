import { Network } from '../../../constructs/core/network';
import { parseIpv6 } from '../../../lib/ip/ipv6';
import type { Server } from '../../../constructs/core/server';
import { defineRule, type Report } from '../rule';

const PROP = ['publicIpv6Address'];

function eachIpv6(servers: readonly Server[], fn: (s: Server, text: string, facts: ReturnType<typeof parseIpv6>) => void): void {
  for (const s of servers) if (s.publicIpv6Address !== undefined) fn(s, s.publicIpv6Address, parseIpv6(s.publicIpv6Address));
}

function factRule(code: string, title: string, doc: string, reference: string, bad: (f: NonNullable<ReturnType<typeof parseIpv6>>) => boolean, what: string) {
  return defineRule({
    code,
    severity: 'error',
    title,
    doc,
    reference: [reference],
    check(model, report: Report) {
      eachIpv6(model.servers, (s, text, facts) => {
        if (facts && bad(facts)) report(s, `public IPv6 address ${text} is ${what}`, { prop: PROP });
      });
    },
  });
}

export const invalidPublicIpv6 = defineRule({
  code: 'net/invalid-public-ipv6',
  severity: 'error',
  title: 'A public IPv6 address parses as IPv6',
  doc: 'Write the server\'s public IPv6 address in standard notation, e.g. `2a01:4f8:c17:1::1`.',
  reference: ['InvalidPublicIpV6AddressForNode'],
  check(model, report) {
    eachIpv6(model.servers, (s, text, facts) => {
      if (!facts) report(s, `public IPv6 address '${text}' is not an IPv6 address`, { prop: PROP });
    });
  },
});

export const publicIpv6Loopback = factRule(
  'net/public-ipv6-loopback',
  'A public IPv6 address is not the loopback address',
  '`::1` is the host itself and cannot be reached from outside.',
  'PublicIpV6AddressForNodeIsLoopback',
  (f) => f.isLoopback,
  'the loopback address',
);

export const publicIpv6Multicast = factRule(
  'net/public-ipv6-multicast',
  'A public IPv6 address is not a multicast address',
  'Addresses in ff00::/8 are multicast groups, not host addresses.',
  'PublicIpV6AddressForNodeIsMulticast',
  (f) => f.isMulticast,
  'a multicast address (ff00::/8)',
);

export const publicIpv6Private = factRule(
  'net/public-ipv6-private',
  'A public IPv6 address is not a unique local address',
  'Addresses in fc00::/7 are private to a site and cannot be reached from the internet.',
  'PublicIpV6AddressIsPrivate',
  (f) => f.isPrivate,
  'a private unique local address (fc00::/7)',
);

export const publicIpv6NotEndingInOne = defineRule({
  code: 'net/public-ipv6-not-ending-in-1',
  severity: 'error',
  title: "A public IPv6 address ends in ':1'",
  doc: 'Providers route a /64 to the server and epl configures the address ending in `:1` as its host address (`:2` is tolerated for providers that reserve `:1`).',
  reference: ['PublicIpV6AddressDoesNotEndWithOne'],
  check(model, report) {
    eachIpv6(model.servers, (s, text, facts) => {
      if (facts && (facts.value & 0xffffn) !== 1n && (facts.value & 0xffffn) !== 2n) report(s, `public IPv6 address ${text} does not end in ':1'`, { prop: PROP });
    });
  },
});

export const publicIpv6WithoutPublicIpv4 = defineRule({
  code: 'net/public-ipv6-without-public-ipv4',
  severity: 'error',
  title: 'A server with a public IPv6 address has an internet interface',
  doc: 'The public IPv6 address is configured on the server\'s internet interface, so the server needs one (with its public IPv4 address).',
  reference: ['ServerHasPublicIpV6AddressButDoesntHaveIpV4PublicAddress'],
  check(model, report) {
    for (const s of model.servers) {
      if (s.publicIpv6Address !== undefined && !model.interfacesOf(s).some((i) => i.network === Network.INTERNET)) {
        report(s, `server '${s.hostname}' has a public IPv6 address but no interface on the internet network`, { prop: PROP });
      }
    }
  },
});
