import { DatacenterImplementation } from '../../constructs/core/enums';
import type { Server } from '../../constructs/core/server';
import type { Disk } from '../../constructs/storage/disk';
import { DiskIdsPolicy } from '../../constructs/storage/enums';
import { XfsVolume, ZfsVolume } from '../../constructs/storage/volumes';
import type { Model } from '../model/model';

export interface PlannedDataset {
  readonly dataset: string;
  readonly mountpoint: string;
  readonly recordSize: string;
  readonly compression: boolean;
  readonly encryption: boolean;
}

export interface PlannedPool {
  readonly name: string;
  /** Arguments of `zpool create` after the pool name: vdevs, spares, cache and log. */
  readonly layout: readonly string[];
}

export interface StoragePlan {
  readonly xfsDisks: ReadonlyArray<{ readonly device: string; readonly mountpoint: string; readonly volumeDirs: readonly string[] }>;
  readonly pools: readonly PlannedPool[];
  readonly datasets: readonly PlannedDataset[];
}

/** The device node of a disk: `/dev/<name>`, or `/dev/disk/by-id/<serial>`. */
export function devicePath(model: Model, disk: Disk): string {
  const dc = model.serverOf(disk).datacenter;
  const serial =
    dc.diskIdsPolicy === DiskIdsPolicy.REQUIRE_SERIAL || (dc.diskIdsPolicy === DiskIdsPolicy.AUTO && dc.implementation === DatacenterImplementation.BARE_METAL);
  return serial ? `/dev/disk/by-id/${disk.diskId}` : `/dev/${disk.diskId}`;
}

/** What provisioning creates on a server's disks. Assumes the disk rules passed. */
export function planStorage(model: Model, server: Server): StoragePlan {
  const volumes = model.volumesOf(server);
  const xfsDisks = model
    .disksOf(server)
    .filter((d) => d.xfsFormat)
    .map((d) => ({
      device: devicePath(model, d),
      mountpoint: `/srv/xfs-jbods/${d.diskId}`,
      volumeDirs: volumes.filter((v): v is XfsVolume => v instanceof XfsVolume && v.disk === d).map((v) => v.mountpoint),
    }));
  const pools = model.zpoolsOf(server).map((p) => {
    const dev = (d: Disk) => devicePath(model, d);
    const layout = p.vdevs.flatMap((v) => (v.disks.length > 1 ? [v.type, ...v.disks.map(dev)] : v.disks.map(dev)));
    if (p.spares.length) layout.push('spare', ...p.spares.map(dev));
    if (p.cache.length) layout.push('cache', ...p.cache.map(dev));
    if (p.log.length) layout.push('log', ...(p.log.length > 1 ? ['mirror'] : []), ...p.log.map(dev));
    return { name: p.poolName, layout };
  });
  const datasets = volumes
    .filter((v): v is ZfsVolume => v instanceof ZfsVolume)
    .map((v) => ({ dataset: v.datasetName, mountpoint: v.mountpoint, recordSize: v.recordSize, compression: v.compression, encryption: v.encryption }));
  return { xfsDisks, pools, datasets };
}
