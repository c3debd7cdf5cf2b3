import type { App } from '../core/app';
import { EplConstruct } from '../core/epl-construct';
import { checkProps } from '../core/props';
import type { Size } from '../core/size';
import { DiskMedium } from './enums';

export interface DiskKindProps {
  /** @default DiskMedium.SSD */
  readonly medium?: DiskMedium;
  /**
   * Size of every disk of this kind. Required unless the kind is elastic.
   * @default - none
   */
  readonly capacity?: Size;
  /**
   * An elastic kind (a cloud volume) has its size chosen per disk, between `minCapacity` and
   * `maxCapacity`.
   * @default false
   */
  readonly elastic?: boolean;
  /** Smallest disk of an elastic kind. @default - 1 GiB */
  readonly minCapacity?: Size;
  /** Largest disk of an elastic kind; required for elastic kinds. @default - none */
  readonly maxCapacity?: Size;
  /** Whether disks of this kind may set provisioned IOPS and throughput. @default false */
  readonly hasExtraConfig?: boolean;
  /** Set when servers may not use this kind, saying why. @default - eligible */
  readonly nonEligibleReason?: string;
}

/** A model of disk: medium and size. The id is the kind's name (`default-ssd`). */
export class DiskKind extends EplConstruct {
  readonly kindName: string;
  readonly medium: DiskMedium;
  readonly capacity: Size | undefined;
  readonly elastic: boolean;
  readonly minCapacity: Size | undefined;
  readonly maxCapacity: Size | undefined;
  readonly hasExtraConfig: boolean;
  readonly nonEligibleReason: string | undefined;

  constructor(scope: App, name: string, props: DiskKindProps = {}) {
    super(scope, name);
    props = checkProps(this, 'DiskKindProps', props);
    this.kindName = name;
    this.medium = props.medium ?? DiskMedium.SSD;
    this.capacity = props.capacity;
    this.elastic = props.elastic ?? false;
    this.minCapacity = props.minCapacity;
    this.maxCapacity = props.maxCapacity;
    this.hasExtraConfig = props.hasExtraConfig ?? false;
    this.nonEligibleReason = props.nonEligibleReason;
  }
}
