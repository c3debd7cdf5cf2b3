/** Kind of storage medium; pools must not mix them. */
export enum DiskMedium {
  HDD = 'hdd',
  SSD = 'ssd',
  NVME = 'nvme',
}

/** Layout of a ZFS vdev. */
export enum VdevType {
  MIRROR = 'mirror',
  RAIDZ1 = 'raidz1',
  RAIDZ2 = 'raidz2',
  RAIDZ3 = 'raidz3',
}

/** ZFS recordsize of a dataset. */
export enum ZfsRecordSize {
  K4 = '4k',
  K8 = '8k',
  K16 = '16k',
  K32 = '32k',
  K64 = '64k',
  K128 = '128k',
  K256 = '256k',
  K512 = '512k',
  M1 = '1M',
}

/** How workloads may use a volume. */
export enum VolumeUsage {
  /** One workload uses it, reading and writing. */
  EXCLUSIVE = 'exclusive',
  /** Nobody writes. */
  READ_ONLY = 'read_only',
  /** At most one writer, any number of readers. */
  ONE_WRITER_MANY_READERS = 'one_writer_many_readers',
  /** Anything goes: the workloads coordinate among themselves. */
  MULTIPLE_WRITERS = 'multiple_writers',
}

/** How the disks of a datacenter are identified. */
export enum DiskIdsPolicy {
  /** Device names on test VMs, serial numbers on bare metal. */
  AUTO = 'auto',
  /** Serial numbers, as found in /dev/disk/by-id (stable across reboots and cabling). */
  REQUIRE_SERIAL = 'require_serial',
  /** Kernel device names (`vda`, `sdb`, `nvme0n1`). */
  REQUIRE_DEVNAME = 'require_devname',
}
