import type { Construct } from 'constructs';
import type { DiskKind } from '../storage/disk-kind';
import { DiskIdsPolicy } from '../storage/enums';
import { EplConstruct } from './epl-construct';
import { DatacenterImplementation } from './enums';
import { Region } from './region';
import type { NixpkgsPin } from './nixpkgs';
import { checkProps } from './props';
import { ServerKind } from './server-kind';

export interface DatacenterProps {
  /**
   * The datacenter's private range: a /16 inside 10.0.0.0/8 (`10.17.0.0/16`), unique per
   * datacenter. Its lan subnets are /24s within it.
   */
  readonly networkCidr: string;
  /** How the datacenter's machines come to exist. */
  readonly implementation: DatacenterImplementation;
  /**
   * Kind of the servers that do not name one.
   * @default - for test VMs `testvm.cpu2ram8192`; otherwise none, and each server must name its kind
   */
  readonly defaultServerKind?: ServerKind;
  /**
   * Kind of the disks that do not name one.
   * @default - none; each disk must name its kind
   */
  readonly defaultDiskKind?: DiskKind;
  /**
   * How disks are identified.
   * @default DiskIdsPolicy.AUTO
   */
  readonly diskIdsPolicy?: DiskIdsPolicy;
  /**
   * Allow several lan /24 subnets with fewer than 100 servers each.
   * @default false
   */
  readonly allowSmallSubnets?: boolean;
  /**
   * The nixpkgs the datacenter's servers are built from, in place of the App's: to move one
   * datacenter to a new release before the others, say.
   * @default - the App's `nixpkgs`
   */
  readonly nixpkgs?: NixpkgsPin;
  /**
   * Bare metal only: the provider's router on the servers' internet subnet (`203.0.113.1`), the
   * default route of every server with an internet interface. Give it when the provider's router
   * is not the first host of that subnet. Test VMs always route through the hypervisor.
   * @default - the first host address of each server's internet subnet
   */
  readonly upstreamGateway?: string;
  /**
   * Floating gateway addresses of lan subnets, `10.17.0.254/24`: at most one per /24 subnet that
   * has routers or VPN gateways. The subnet's other servers route everything beyond it (other
   * subnets, other datacenters, the internet) through this address, which whichever of the
   * subnet's two routing servers is up holds (VRRP); declare one where the default is taken.
   * @default - host .2 of every such subnet (`10.17.0.2` for `10.17.0.0/24`)
   */
  readonly floatingGateways?: readonly string[];
}

/**
 * A datacenter: one site with one private /16. The id is its name (kebab-case, at most 14
 * characters, not starting with `ns`).
 */
export class Datacenter extends EplConstruct {
  readonly dcName: string;
  /** The region the datacenter is in (the nearest Region above it). */
  readonly region: Region;
  readonly networkCidr: string;
  readonly implementation: DatacenterImplementation;
  readonly defaultServerKind: ServerKind | undefined;
  readonly allowSmallSubnets: boolean;
  readonly defaultDiskKind: DiskKind | undefined;
  readonly diskIdsPolicy: DiskIdsPolicy;
  /** The nixpkgs pin given to the datacenter; undefined: the App's. */
  readonly nixpkgs: NixpkgsPin | undefined;
  /** The upstream gateway given to the datacenter (bare metal); undefined: each internet subnet's first host. */
  readonly upstreamGateway: string | undefined;
  /** The floating gateway addresses declared; subnets without one use host .2. */
  readonly floatingGateways: readonly string[];

  constructor(scope: Construct, name: string, props: DatacenterProps) {
    super(scope, name);
    props = checkProps(this, 'DatacenterProps', props);
    this.dcName = name;
    this.region = this.enclosing(Region, 'a Region') as Region;
    this.networkCidr = props.networkCidr;
    this.implementation = props.implementation;
    this.allowSmallSubnets = props.allowSmallSubnets ?? false;
    this.defaultDiskKind = props.defaultDiskKind;
    this.diskIdsPolicy = props.diskIdsPolicy ?? DiskIdsPolicy.AUTO;
    this.nixpkgs = props.nixpkgs && { ...props.nixpkgs };
    this.upstreamGateway = props.upstreamGateway;
    this.floatingGateways = [...(props.floatingGateways ?? [])];
    this.defaultServerKind =
      props.defaultServerKind ??
      (props.implementation === DatacenterImplementation.TEST_VMS ? ServerKind.testVm(this, { cores: 2, memoryMiB: 8192 }) : undefined);
  }
}
