import type { Construct } from 'constructs';
import { EplConstruct } from '../core/epl-construct';
import { uniqueChildId } from './containers';
import { checkProps } from '../core/props';
import type { Disk } from './disk';
import type { VdevType } from './enums';
import { ZfsDataset, type ZfsVolumeProps } from './volumes';

/** A vdev: disks that ZFS combines into one redundant unit. */
export interface VdevProps {
  readonly type: VdevType;
  readonly disks: readonly Disk[];
}

export interface ZpoolProps {
  /** Data vdevs, all of one type and width. */
  readonly vdevs: readonly VdevProps[];
  /** Hot spares. @default - none */
  readonly spares?: readonly Disk[];
  /** L2ARC read cache devices. @default - none */
  readonly cache?: readonly Disk[];
  /** SLOG devices (at most two). @default - none */
  readonly log?: readonly Disk[];
  /** Refuse single-disk vdevs. @default true */
  readonly redundant?: boolean;
}

/** An extra ZFS pool of a server (the root pool `rpool` is implicit). Define with `server.addZpool`. */
export class Zpool extends EplConstruct {
  readonly poolName: string;
  readonly owner: Construct;
  readonly vdevs: readonly VdevProps[];
  readonly spares: readonly Disk[];
  readonly cache: readonly Disk[];
  readonly log: readonly Disk[];
  readonly redundant: boolean;
  private readonly volumes: Construct;

  /** @internal use `server.addZpool(name, props)` */
  constructor(scope: Construct, owner: Construct, volumes: Construct, name: string, props: ZpoolProps) {
    super(scope, uniqueChildId(scope, name));
    props = checkProps(this, 'ZpoolProps', props);
    this.poolName = name;
    this.owner = owner;
    this.volumes = volumes;
    this.vdevs = props.vdevs.map((v) => ({ type: v.type, disks: [...v.disks] }));
    this.spares = [...(props.spares ?? [])];
    this.cache = [...(props.cache ?? [])];
    this.log = [...(props.log ?? [])];
    this.redundant = props.redundant ?? true;
  }

  /** Defines a dataset on this pool, mounted at `/srv/volumes/<name>`, and returns it. */
  addDataset(name: string, props: ZfsVolumeProps = {}): ZfsDataset {
    return new ZfsDataset(this.volumes, this.owner, this, name, props);
  }
}
