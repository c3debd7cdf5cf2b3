import type { App } from '../../constructs/core/app';
import type { Datacenter } from '../../constructs/core/datacenter';
import type { NixpkgsPin } from '../../constructs/core/nixpkgs';
import type { Network } from '../../constructs/core/network';
import type { Region } from '../../constructs/core/region';
import type { Server } from '../../constructs/core/server';
import type { ServerKind } from '../../constructs/core/server-kind';
import type { Tld } from '../../constructs/core/tld';
import type { Disk } from '../../constructs/storage/disk';
import type { DiskKind } from '../../constructs/storage/disk-kind';
import type { ServerVolume } from '../../constructs/storage/volumes';
import type { Zpool } from '../../constructs/storage/zpool';
import type { VersionedType } from '../../constructs/apps/versioned-type';
import type { PgSchema } from '../../constructs/apps/pg-schema';
import type { PgDeployment } from '../../constructs/apps/pg-deployment';
import type { BackendApplication, BackendDeployment } from '../../constructs/apps/backend-application';
import type { DockerImagePin } from '../../constructs/core/docker-image-pin';
import type { Ipv4Cidr, Ipv4WithPrefix } from '../../lib/ip/ipv4';

/** One interface of one server, with its address parsed. */
export interface InterfaceModel {
  readonly server: Server;
  /** Position in the server's `interfaces` prop, for diagnostics. */
  readonly index: number;
  readonly name: string;
  readonly network: Network;
  /** The address as written. */
  readonly addressText: string;
  /** The parsed address, or undefined when it does not parse (reported by its own rule). */
  readonly address: Ipv4WithPrefix | undefined;
  /** The interface's subnet (address with host bits cleared). */
  readonly subnet: Ipv4Cidr | undefined;
  /** Whether SSH uses this interface (explicit flag or the default choice). */
  readonly ssh: boolean;
}

/**
 * A read-only index of the construct tree. Rules, planners and emitters read this; none of them
 * walks the tree.
 */
export interface Model {
  readonly app: App;
  readonly tlds: readonly Tld[];
  /** The admin TLD: the one flagged `admin`, else the only TLD; undefined when ambiguous. */
  readonly adminTld: Tld | undefined;
  readonly regions: readonly Region[];
  readonly datacenters: readonly Datacenter[];
  readonly serverKinds: readonly ServerKind[];
  readonly servers: readonly Server[];
  readonly interfaces: readonly InterfaceModel[];
  readonly diskKinds: readonly DiskKind[];
  readonly disks: readonly Disk[];
  readonly zpools: readonly Zpool[];
  readonly volumes: readonly ServerVolume[];
  readonly versionedTypes: readonly VersionedType[];
  readonly pgSchemas: readonly PgSchema[];
  readonly pgDeployments: readonly PgDeployment[];
  readonly backendApplications: readonly BackendApplication[];
  readonly backendDeployments: readonly BackendDeployment[];
  readonly dockerImagePins: readonly DockerImagePin[];
  /**
   * Every construct of a class, in tree order: how components find their own constructs, so the
   * model does not grow a list per cluster service.
   */
  ofType<T>(type: abstract new (...args: never[]) => T): readonly T[];
  disksOf(server: Server): readonly Disk[];
  zpoolsOf(server: Server): readonly Zpool[];
  volumesOf(server: Server): readonly ServerVolume[];
  /** The server a disk, pool or volume belongs to. */
  serverOf(item: Disk | Zpool | ServerVolume): Server;
  /** Disks marked `root`, or the disk `vda` when none is marked. */
  rootDisksOf(server: Server): readonly Disk[];
  /** The disk's kind, or its datacenter's default. */
  diskKindOf(disk: Disk): DiskKind | undefined;
  /** Size in bytes: the disk's own for elastic kinds, else its kind's. */
  diskBytes(disk: Disk): number | undefined;
  datacentersOf(region: Region): readonly Datacenter[];
  serversOf(dc: Datacenter): readonly Server[];
  serversInRegion(region: Region): readonly Server[];
  interfacesOf(server: Server): readonly InterfaceModel[];
  /** The nixpkgs the datacenter's servers are built from: its own pin, else the App's, else the default. */
  nixpkgsOf(dc: Datacenter): NixpkgsPin;
  /** The datacenter's parsed /16, or undefined when it does not parse. */
  datacenterCidr(dc: Datacenter): (Ipv4Cidr & { address: number }) | undefined;
}
