import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import type { Disk } from './disk';
import { uniqueChildId } from './containers';
import { checkProps } from '../core/props';
import { VolumeUsage, ZfsRecordSize } from './enums';
import type { Zpool } from './zpool';

/** Props shared by ZFS-backed volumes. */
export interface ZfsVolumeProps {
  /** How workloads may use the volume. @default VolumeUsage.EXCLUSIVE */
  readonly usage?: VolumeUsage;
  /** @default ZfsRecordSize.K4 */
  readonly recordSize?: ZfsRecordSize;
  /** @default true */
  readonly compression?: boolean;
  /** Encrypt the dataset with a key derived from the secrets file. @default true */
  readonly encryption?: boolean;
}

export interface XfsVolumeProps {
  /** The XFS-formatted disk the volume is a directory of. */
  readonly disk: Disk;
  /** How workloads may use the volume. @default VolumeUsage.EXCLUSIVE */
  readonly usage?: VolumeUsage;
}

/**
 * A directory on a server that stateful workloads are placed on. Volume names are unique per
 * server across root volumes, ZFS datasets and XFS volumes.
 */
export abstract class ServerVolume extends EplConstruct {
  readonly volumeName: string;
  readonly usage: VolumeUsage;
  /** The server's construct. */
  readonly owner: Construct;

  /** The props, checked against their type (see `checkProps`). */
  protected readonly props: { readonly usage?: VolumeUsage };

  constructor(scope: Construct, owner: Construct, name: string, props: object, shape: 'ZfsVolumeProps' | 'XfsVolumeProps') {
    super(scope, uniqueChildId(scope, name));
    this.props = checkProps(this, shape, props);
    this.volumeName = name;
    this.owner = owner;
    this.usage = this.props.usage ?? VolumeUsage.EXCLUSIVE;
  }

  /** Where the volume is mounted on the server. */
  abstract get mountpoint(): string;
}

/** A ZFS volume: on the root pool (`RootVolume`) or on an extra pool (`ZfsDataset`). */
export abstract class ZfsVolume extends ServerVolume {
  readonly recordSize: ZfsRecordSize;
  readonly compression: boolean;
  readonly encryption: boolean;

  constructor(scope: Construct, owner: Construct, name: string, props: ZfsVolumeProps) {
    super(scope, owner, name, props, 'ZfsVolumeProps');
    const p = this.props as ZfsVolumeProps;
    this.recordSize = p.recordSize ?? ZfsRecordSize.K4;
    this.compression = p.compression ?? true;
    this.encryption = p.encryption ?? true;
  }

  /** Name of the pool the dataset is on. */
  abstract get poolName(): string;

  /** The ZFS dataset, `<pool>/epl-<name>`. */
  get datasetName(): string {
    return `${this.poolName}/epl-${this.volumeName}`;
  }

  get mountpoint(): string {
    return `/srv/volumes/${this.volumeName}`;
  }
}

/** A ZFS dataset on the server's root pool `rpool`. Define with `server.rootVolume(name)`. */
export class RootVolume extends ZfsVolume {
  get poolName(): string {
    return 'rpool';
  }
}

/** A ZFS dataset on an extra pool. Define with `zpool.addDataset(name)`. */
export class ZfsDataset extends ZfsVolume {
  readonly zpool: Zpool;

  /** @internal */
  constructor(scope: Construct, owner: Construct, zpool: Zpool, name: string, props: ZfsVolumeProps) {
    super(scope, owner, name, props);
    this.zpool = zpool;
  }

  get poolName(): string {
    return this.zpool.poolName;
  }
}

/** A directory on an XFS-formatted disk. Define with `server.xfsVolume(name, { disk })`. */
export class XfsVolume extends ServerVolume {
  readonly disk: Disk;

  /** @internal */
  constructor(scope: Construct, owner: Construct, name: string, props: XfsVolumeProps) {
    super(scope, owner, name, props, 'XfsVolumeProps');
    this.disk = (this.props as XfsVolumeProps).disk;
  }

  get mountpoint(): string {
    return `/srv/xfs-jbods/${this.disk.diskId}/${this.volumeName}`;
  }
}
