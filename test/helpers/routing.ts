import { type App, DatacenterImplementation, DiskIdsPolicy, Network, ServerKind, type ServerProps } from '../../constructs';
import { addServer, type Platform, type PlatformOptions } from './platform';

/** Adds a dcrouter interface (`eth2` unless named) to a server's props. */
export function withDcrouter(address: string, name = 'eth2') {
  return (props: ServerProps): ServerProps => ({ ...props, interfaces: [...props.interfaces, { name, network: Network.DCROUTER, address }] });
}

/**
 * Adds routers `router-1` and `router-2` for a second lan subnet 10.17.1.0/24 of dc1, each with a
 * dcrouter interface, for `extend`. The standard gateways then route 10.17.0.0/24 and need
 * dcrouter interfaces too (see `routedSubnet`).
 */
export function addSubnetRouters({ app, dc }: Platform, count = 2): void {
  for (let n = 1; n <= count; n++) {
    addServer(dc, `router-${n}`, {
      ...(dc.implementation === DatacenterImplementation.BARE_METAL ? { kind: bareMetalKind(app) } : {}),
      interfaces: [
        { name: 'eth0', network: Network.LAN, address: `10.17.1.${9 + n}/24` },
        { name: 'eth1', network: Network.DCROUTER, address: `10.17.252.${19 + n}/22` },
      ],
      roles: { router: true },
    });
  }
}

/**
 * The standard platform with a second lan subnet 10.17.1.0/24 routed by two routers; the gateways
 * (server-c, server-d) route 10.17.0.0/24. Every rule passes on it.
 */
export function routedSubnet(): PlatformOptions {
  return {
    dc: { allowSmallSubnets: true },
    servers: { 'server-c': withDcrouter('10.17.252.12/22'), 'server-d': withDcrouter('10.17.252.13/22') },
    extend: (p) => addSubnetRouters(p),
  };
}

/**
 * Options making dc1 a bare-metal datacenter whose servers name a 16-core, 64 GiB kind, with
 * other changes to the standard servers' props if given.
 */
export function bareMetal(dc: PlatformOptions['dc'] = {}, changes: PlatformOptions['servers'] = {}): PlatformOptions {
  return {
    dc: { implementation: DatacenterImplementation.BARE_METAL, diskIdsPolicy: DiskIdsPolicy.REQUIRE_DEVNAME, ...dc },
    servers: Object.fromEntries(
      ['server-a', 'server-b', 'server-c', 'server-d'].map((h) => [h, (p: ServerProps, app: App) => ({ ...(changes[h]?.(p, app) ?? p), kind: bareMetalKind(app) })]),
    ),
  };
}

function bareMetalKind(app: App): ServerKind {
  const existing = app.node.tryFindChild('bm.cpu16ram65536');
  return existing instanceof ServerKind ? existing : new ServerKind(app, 'bm.cpu16ram65536', { cores: 16, memoryMiB: 65536 });
}
