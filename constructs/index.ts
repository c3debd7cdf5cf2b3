/** epl's public API: the constructs a platform is described with. */
export { App, type AppProps } from './core/app';
export { EplConstruct } from './core/epl-construct';
export { Tld, type TldProps } from './core/tld';
export { Region, type RegionProps } from './core/region';
export { Datacenter, type DatacenterProps } from './core/datacenter';
export { ServerKind, type ServerKindProps } from './core/server-kind';
export { Server, type ServerProps, type ServerRoles, type NetworkInterfaceProps, type ResolvedServerRoles } from './core/server';
export { Network } from './core/network';
export { Architecture, AvailabilityMode, DatacenterImplementation } from './core/enums';
