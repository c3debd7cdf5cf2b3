import { createHmac } from 'node:crypto';
import { Network } from '../../constructs/core/network';
import type { Datacenter } from '../../constructs/core/datacenter';
import type { Server } from '../../constructs/core/server';
import { formatCidr, formatIpv4, octet } from '../../lib/ip/ipv4';
import { compareCodePoints } from '../../lib/text/order';
import type { Model } from '../model/model';
import { secretKeys } from '../secrets/keys';
import { vpnGateways } from './vpn';

/**
 * Dynamic routing with FRR, as the reference does it:
 * - OSPF (area 0) over the dcrouter network of a datacenter with several lan subnets, between
 *   the servers that route them (`router: true`, a dcrouter interface). Each announces its own lan
 *   subnets; gateways among them also announce the default route and the other datacenters'
 *   ranges they learned over BGP.
 * - BGP between the VPN gateways of different datacenters, over WireGuard: each gateway peers
 *   with the gateways its wg0 has as peers (the same index in every other datacenter) and
 *   announces its datacenter's /16.
 */

/** The reference's private ASN scheme: 64512 + the second octet of the datacenter's 10.x.0.0/16. */
export const PRIVATE_ASN_BASE = 64512;
export const OSPF_AREA = '0.0.0.0';
/**
 * Hello and dead intervals (seconds) on the dcrouter network: a router that dies is routed around
 * within the dead interval (FRR's default, 40 s, would leave a subnet cut off that long).
 */
export const OSPF_HELLO_SECONDS = 2;
export const OSPF_DEAD_SECONDS = 8;
/** BGP keepalive and hold time (seconds): a lost gateway's routes go within the hold time. */
export const BGP_KEEPALIVE_SECONDS = 10;
export const BGP_HOLD_SECONDS = 30;
/**
 * Seconds between connection attempts to a peer. FRR's default (120 s) would leave a session down
 * for two minutes when the first attempt came before the peer's tunnel was up.
 */
export const BGP_CONNECT_RETRY_SECONDS = 5;

export interface OspfPlan {
  readonly routerId: string;
  /** dcrouter interfaces: where adjacencies form, with MD5 authentication. */
  readonly interfaces: readonly { readonly name: string; readonly address: string }[];
  /** The dcrouter networks (`10.19.252.0/22`), all in area 0. */
  readonly networks: readonly string[];
  /** The server's own lan subnets, redistributed as connected routes. */
  readonly lanSubnets: readonly string[];
  /** Secret key of the datacenter's OSPF MD5 key. */
  readonly md5KeySecret: string;
  /** Gateways announce the default route and what BGP learned (other datacenters' ranges). */
  readonly gateway: boolean;
}

export interface BgpNeighbor {
  readonly address: string;
  readonly asn: number;
  readonly hostname: string;
  /** This server's own vpn address, which with `address` names the session's password. */
  readonly localAddress: string;
}

export interface BgpPlan {
  readonly asn: number;
  readonly routerId: string;
  /** The datacenter's range (`10.19.0.0/16`), announced to every neighbor. */
  readonly announce: string;
  readonly neighbors: readonly BgpNeighbor[];
  /** Secret key of the seed the neighbors' passwords are derived from. */
  readonly passwordSeedSecret: string;
}

export interface FrrPlan {
  readonly hostname: string;
  /** `eu-central/dc3`, for the header. */
  readonly where: string;
  readonly ospf: OspfPlan | undefined;
  readonly bgp: BgpPlan | undefined;
}

/** A datacenter's private ASN. */
export function datacenterAsn(model: Model, dc: Datacenter): number | undefined {
  const cidr = model.datacenterCidr(dc);
  return cidr ? PRIVATE_ASN_BASE + octet(cidr.network, 1) : undefined;
}

/**
 * The password of the BGP session between two vpn addresses, from the platform's peering seed:
 * both ends derive the same one (the addresses are sorted), every session has its own, and none
 * has to be stored.
 */
export function bgpPeerPassword(seed: string, a: string, b: string): string {
  const [low, high] = [a, b].sort(compareCodePoints);
  return createHmac('sha256', seed).update(`epl-bgp ${low} ${high}`).digest('hex').slice(0, 32);
}

/** The servers that run OSPF: routers with a dcrouter interface. */
export function ospfSpeakers(model: Model, dc: Datacenter): Server[] {
  return model
    .serversOf(dc)
    .filter((s) => s.roles.router && model.interfacesOf(s).some((i) => i.network === Network.DCROUTER && i.address))
    .sort((a, b) => compareCodePoints(a.hostname, b.hostname));
}

function ospfPlan(model: Model, server: Server): OspfPlan | undefined {
  if (!ospfSpeakers(model, server.datacenter).includes(server)) return undefined;
  const ifs = model.interfacesOf(server);
  const dcrouter = ifs.filter((i) => i.network === Network.DCROUTER && i.address && i.subnet);
  return {
    routerId: formatIpv4(dcrouter[0]!.address!.address),
    interfaces: dcrouter.map((i) => ({ name: i.name, address: formatIpv4(i.address!.address) })),
    networks: [...new Set(dcrouter.map((i) => formatCidr(i.subnet!)))],
    lanSubnets: [...new Set(ifs.filter((i) => i.network === Network.LAN && i.subnet).map((i) => formatCidr(i.subnet!)))],
    md5KeySecret: secretKeys.ospfKey(server.datacenter),
    gateway: server.roles.vpnGateway,
  };
}

function bgpPlan(model: Model, server: Server): BgpPlan | undefined {
  const all = vpnGateways(model);
  const me = all.find((g) => g.server === server);
  if (!me || !me.vpnAddress || !me.datacenterCidr) return undefined;
  const asn = datacenterAsn(model, server.datacenter);
  const localAddress = me.vpnAddress.replace(/\/\d+$/, '');
  // The peers of wg0 (see the WireGuard section): BGP runs over the tunnels that exist.
  const neighbors = all
    .filter((g) => g.server.datacenter !== server.datacenter && g.index === me.index && g.vpnAddress)
    .flatMap((g) => {
      const peerAsn = datacenterAsn(model, g.server.datacenter);
      return peerAsn === undefined ? [] : [{ address: g.vpnAddress.replace(/\/\d+$/, ''), asn: peerAsn, hostname: g.server.hostname, localAddress }];
    });
  if (asn === undefined || neighbors.length === 0) return undefined;
  return { asn, routerId: localAddress, announce: me.datacenterCidr, neighbors, passwordSeedSecret: secretKeys.bgpPeeringSeed };
}

/** What FRR does on a server, or undefined when it runs none of it. Assumes the rules passed. */
export function planFrr(model: Model, server: Server): FrrPlan | undefined {
  const ospf = ospfPlan(model, server);
  const bgp = bgpPlan(model, server);
  if (!ospf && !bgp) return undefined;
  return { hostname: server.hostname, where: `${server.datacenter.region.regionName}/${server.datacenter.dcName}`, ospf, bgp };
}
