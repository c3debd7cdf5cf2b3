import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import type { Size } from '../core/size';
import type { DiskKind } from './disk-kind';
import { uniqueChildId } from './containers';
import { checkProps } from '../core/props';

export interface DiskProps {
  /**
   * @default - the datacenter's default disk kind
   */
  readonly kind?: DiskKind;
  /**
   * This is the root disk, holding the root ZFS pool `rpool`.
   * @default - the disk with id `vda`, when no disk is marked
   */
  readonly root?: boolean;
  /**
   * Format the disk as a standalone XFS file system (for XFS volumes) instead of using it in ZFS.
   * @default false
   */
  readonly xfsFormat?: boolean;
  /** Size of an elastic disk; not allowed for fixed-size kinds. @default - the kind's capacity */
  readonly capacity?: Size;
  /** Provisioned IOPS, for kinds with extra config. @default - the provider's default */
  readonly provisionedIops?: number;
  /** Provisioned throughput in MB/s, for kinds with extra config. @default - the provider's default */
  readonly provisionedThroughputMbps?: number;
}

/** A block device of a server. The id is the device name (`vda`) or its serial number. */
export class Disk extends EplConstruct {
  /** What identifies the disk: device name or serial, per the datacenter's disk id policy. */
  readonly diskId: string;
  /** The server's construct (set by `Server.addDisk`). */
  readonly owner: Construct;
  readonly kind: DiskKind | undefined;
  readonly root: boolean | undefined;
  readonly xfsFormat: boolean;
  readonly capacity: Size | undefined;
  readonly provisionedIops: number | undefined;
  readonly provisionedThroughputMbps: number | undefined;

  /** @internal use `server.addDisk(id, props)` */
  constructor(scope: Construct, owner: Construct, diskId: string, props: DiskProps) {
    super(scope, uniqueChildId(scope, diskId));
    props = checkProps(this, 'DiskProps', props);
    this.diskId = diskId;
    this.owner = owner;
    this.kind = props.kind;
    this.root = props.root;
    this.xfsFormat = props.xfsFormat ?? false;
    this.capacity = props.capacity;
    this.provisionedIops = props.provisionedIops;
    this.provisionedThroughputMbps = props.provisionedThroughputMbps;
  }
}
