import type { Server } from '../../../constructs/core/server';
import type { Disk } from '../../../constructs/storage/disk';
import { DiskMedium, VdevType } from '../../../constructs/storage/enums';
import type { Model } from '../../model/model';
import { zpoolNameProblem } from '../../../lib/formats/zfs';
import { isRedefinition } from '../../../constructs/storage/containers';
import { defineRule } from '../rule';
import { sortedStrings } from '../../../lib/text/order';
import { plural } from '../../../lib/text/plural';

const MEDIUM_SPEED: Record<DiskMedium, number> = { [DiskMedium.HDD]: 0, [DiskMedium.SSD]: 1, [DiskMedium.NVME]: 2 };
const RAIDZ_PARITY: Partial<Record<VdevType, number>> = { [VdevType.RAIDZ1]: 1, [VdevType.RAIDZ2]: 2, [VdevType.RAIDZ3]: 3 };

/** Every role each disk of a server plays: root, xfs, or a slot of a pool. */
function diskRoles(model: Model, server: Server): Map<Disk, string[]> {
  const roles = new Map<Disk, string[]>();
  const add = (d: Disk, role: string) => roles.set(d, [...(roles.get(d) ?? []), role]);
  const roots = model.rootDisksOf(server);
  for (const d of roots) add(d, 'root disk');
  // An XFS root disk is reported by disks/root-disk-xfs.
  for (const d of model.disksOf(server)) if (d.xfsFormat && !roots.includes(d)) add(d, 'XFS disk');
  for (const p of model.zpoolsOf(server)) {
    p.vdevs.forEach((v, i) => v.disks.forEach((d) => add(d, `vdev ${i + 1} of pool '${p.poolName}'`)));
    p.spares.forEach((d) => add(d, `spare of pool '${p.poolName}'`));
    p.cache.forEach((d) => add(d, `cache of pool '${p.poolName}'`));
    p.log.forEach((d) => add(d, `log of pool '${p.poolName}'`));
  }
  return roles;
}

export const diskUsedTwice = defineRule({
  code: 'disks/disk-used-twice',
  severity: 'error',
  title: 'Each disk has one role: root, XFS, or one slot of one pool',
  doc: 'A disk can back only one thing: the root pool, an XFS file system, or one vdev, spare, cache or log slot of one extra pool.',
  reference: ['DoubleUsageOfServerDiskDetected'],
  check(model, report) {
    for (const s of model.servers) {
      for (const [disk, roles] of diskRoles(model, s)) {
        if (roles.length > 1) report(disk, `disk '${disk.diskId}' is used as ${roles.join(' and as ')}`);
      }
    }
  },
});

export const poolDiskOfOtherServer = defineRule({
  code: 'disks/pool-disk-of-other-server',
  severity: 'error',
  title: "A pool is made of its own server's disks",
  doc: 'A ZFS pool can only use disks attached to the server it is defined on.',
  check(model, report) {
    for (const p of model.zpools) {
      const all = [...p.vdevs.flatMap((v) => v.disks), ...p.spares, ...p.cache, ...p.log];
      for (const d of all) {
        if (model.serverOf(d) !== model.serverOf(p)) report(p, `pool '${p.poolName}' uses disk '${d.diskId}' of server '${model.serverOf(d).hostname}'`);
      }
    }
  },
});

export const invalidZpoolName = defineRule({
  code: 'disks/invalid-zpool-name',
  severity: 'error',
  title: 'Pool names are kebab-case names zpool accepts, unique per server',
  doc: "Pool names become ZFS pool names, given to `zpool` on the command line: a lower-case letter, then letters, digits and inner dashes; not a vdev keyword (`mirror`, `raidz1`, `log`, `spare`, ...) and not starting with `c` and a digit (zpool reads those as disks). Once per server.",
  check(model, report) {
    for (const p of model.zpools) {
      const problem = zpoolNameProblem(p.poolName);
      if (problem && p.poolName !== 'rpool') report(p, `pool name '${p.poolName}' cannot be used: ${problem}`);
      else if (isRedefinition(p)) report(p, `pool '${p.poolName}' is defined more than once on '${model.serverOf(p).hostname}'`);
    }
  },
});

export const zpoolNameReserved = defineRule({
  code: 'disks/zpool-name-reserved',
  severity: 'error',
  title: "No extra pool is named 'rpool'",
  doc: '`rpool` is the root pool on the root disk; epl creates it.',
  reference: ['ServerZpoolNameIsReserved'],
  check(model, report) {
    for (const p of model.zpools) if (p.poolName === 'rpool') report(p, "pool name 'rpool' is reserved for the root pool");
  },
});

export const zpoolWithoutVdevs = defineRule({
  code: 'disks/zpool-without-vdevs',
  severity: 'error',
  title: 'A pool has at least one vdev, and every vdev has disks',
  doc: 'A pool stores data on its vdevs; a pool without vdevs, or a vdev without disks, cannot be created.',
  reference: ['ServerZpoolHasNoVdevs', 'ServerZpoolVdevHasNoDisks'],
  check(model, report) {
    for (const p of model.zpools) {
      if (p.vdevs.length === 0) report(p, `pool '${p.poolName}' has no vdevs`, { prop: ['vdevs'] });
      p.vdevs.forEach((v, i) => {
        if (v.disks.length === 0) report(p, `vdev ${i + 1} of pool '${p.poolName}' has no disks`, { prop: ['vdevs', i, 'disks'] });
      });
    }
  },
});

export const redundantPoolSingleDiskVdev = defineRule({
  code: 'disks/redundant-pool-single-disk-vdev',
  severity: 'error',
  title: 'A redundant pool has no single-disk vdevs',
  doc: 'A vdev of one disk loses the whole pool when that disk dies. Give every vdev two or more disks, or declare the pool `redundant: false`.',
  reference: ['ServerRedundantZpoolVdevHasOnlyOneDisk'],
  check(model, report) {
    for (const p of model.zpools) {
      if (!p.redundant) continue;
      p.vdevs.forEach((v, i) => {
        if (v.disks.length === 1) report(p, `vdev ${i + 1} of redundant pool '${p.poolName}' has a single disk`, { prop: ['vdevs', i, 'disks'] });
      });
    }
  },
});

export const zpoolMixedVdevTypes = defineRule({
  code: 'disks/zpool-mixed-vdev-types',
  severity: 'error',
  title: 'All vdevs of a pool have the same type',
  doc: 'A pool is as redundant as its weakest vdev; mixing mirrors and raidz makes that hard to see and is refused by `zpool` without force.',
  reference: ['ServerZpoolHasMoreThanOneVdevType'],
  check(model, report) {
    for (const p of model.zpools) {
      const first = p.vdevs[0];
      p.vdevs.forEach((v, i) => {
        if (first && v.type !== first.type) report(p, `vdev ${i + 1} of pool '${p.poolName}' is ${v.type}, vdev 1 is ${first.type}`, { prop: ['vdevs', i, 'type'] });
      });
    }
  },
});

export const zpoolUnequalVdevWidths = defineRule({
  code: 'disks/zpool-unequal-vdev-widths',
  severity: 'error',
  title: 'All vdevs of a pool have the same number of disks',
  doc: 'ZFS stripes writes over vdevs; vdevs of different widths fill unevenly.',
  reference: ['ServerZpoolVdevsHaveUnequalAmountOfDisks'],
  check(model, report) {
    for (const p of model.zpools) {
      const first = p.vdevs[0];
      p.vdevs.forEach((v, i) => {
        if (first && v.disks.length > 0 && v.disks.length !== first.disks.length) {
          report(p, `vdev ${i + 1} of pool '${p.poolName}' has ${plural(v.disks.length, 'disk')}, vdev 1 has ${first.disks.length}`, { prop: ['vdevs', i, 'disks'] });
        }
      });
    }
  },
});

export const vdevWidth = defineRule({
  code: 'disks/vdev-width',
  severity: 'error',
  title: 'Mirrors have at most 3 disks; raidzN vdevs have N+2 to 24 disks',
  doc: 'Wider mirrors only add copies; a raidzN vdev needs at least N+2 disks to be worth its parity, and resilvering vdevs of more than 24 disks takes too long.',
  reference: ['ServerZpoolMirrorVdevHasMoreThanAllowedDisks', 'ServerZpoolRaidzVdevHasTooFewDisks', 'ServerZpoolRaidzVdevHasTooManyDisks'],
  check(model, report) {
    for (const p of model.zpools) {
      p.vdevs.forEach((v, i) => {
        const n = v.disks.length;
        const parity = RAIDZ_PARITY[v.type];
        const where = { prop: ['vdevs', i, 'disks'] };
        if (v.type === VdevType.MIRROR && n > 3) report(p, `mirror vdev ${i + 1} of pool '${p.poolName}' has ${plural(n, 'disk')}, at most 3 are allowed`, where);
        if (parity !== undefined && n > 0 && n < parity + 2) report(p, `${v.type} vdev ${i + 1} of pool '${p.poolName}' has ${plural(n, 'disk')}, at least ${parity + 2} are needed`, where);
        if (parity !== undefined && n > 24) report(p, `${v.type} vdev ${i + 1} of pool '${p.poolName}' has ${plural(n, 'disk')}, at most 24 are allowed`, where);
      });
    }
  },
});

function sizesAndMedia(model: Model, disks: readonly Disk[]) {
  const sizes = new Set(disks.map((d) => model.diskBytes(d)).filter((b): b is number => b !== undefined));
  const media = new Set(disks.map((d) => model.diskKindOf(d)?.medium).filter((m): m is DiskMedium => m !== undefined));
  return { sizes, media };
}

export const zpoolMixedDisks = defineRule({
  code: 'disks/zpool-mixed-disks',
  severity: 'error',
  title: 'The data and spare disks of a pool share one size and one medium',
  doc: 'ZFS sizes a vdev by its smallest disk and runs at the pace of its slowest; a spare must be able to replace any data disk.',
  reference: ['ServerZpoolDifferentDiskSizesDetected', 'ServerZpoolDifferentDiskMediumsDetected'],
  check(model, report) {
    for (const p of model.zpools) {
      const { sizes, media } = sizesAndMedia(model, [...p.vdevs.flatMap((v) => v.disks), ...p.spares]);
      if (sizes.size > 1) report(p, `pool '${p.poolName}' mixes data disks of ${sizes.size} different sizes`);
      if (media.size > 1) report(p, `pool '${p.poolName}' mixes media ${sortedStrings(media).join(', ')} in its data disks`);
    }
  },
});

export const zpoolLogDisks = defineRule({
  code: 'disks/zpool-log-disks',
  severity: 'error',
  title: 'A pool has at most two log disks, of one size and one medium',
  doc: 'A SLOG is mirrored at most two-way; mismatched log disks waste the larger or faster one.',
  reference: ['ServerZpoolCannotHaveMoreThanTwoLogDisks', 'ServerZpoolLogDifferentDiskSizesDetected', 'ServerZpoolLogDifferentDiskMediumsDetected'],
  check(model, report) {
    for (const p of model.zpools) {
      if (p.log.length > 2) report(p, `pool '${p.poolName}' has ${plural(p.log.length, 'log disk')}, at most 2 are allowed`, { prop: ['log'] });
      const { sizes, media } = sizesAndMedia(model, p.log);
      if (sizes.size > 1 || media.size > 1) report(p, `the log disks of pool '${p.poolName}' differ in size or medium`, { prop: ['log'] });
    }
  },
});

export const zpoolCacheSlower = defineRule({
  code: 'disks/zpool-cache-slower-than-data',
  severity: 'error',
  title: "A pool's cache disks are not slower than its data disks",
  doc: 'An L2ARC device only helps when it is faster than the disks it caches.',
  reference: ['ServerZpoolCacheDeviceIsSlowerThanVdevDisks'],
  check(model, report) {
    for (const p of model.zpools) {
      const data = p.vdevs.flatMap((v) => v.disks).map((d) => model.diskKindOf(d)?.medium).filter((m): m is DiskMedium => !!m);
      const fastest = Math.max(-1, ...data.map((m) => MEDIUM_SPEED[m]));
      for (const c of p.cache) {
        const m = model.diskKindOf(c)?.medium;
        if (m && MEDIUM_SPEED[m] < fastest) report(p, `cache disk '${c.diskId}' of pool '${p.poolName}' is ${m}, slower than the pool's data disks`, { prop: ['cache'] });
      }
    }
  },
});

export const elasticZpoolMultipleVdevs = defineRule({
  code: 'disks/elastic-zpool-multiple-vdevs',
  severity: 'error',
  title: 'A pool of elastic disks has one vdev',
  doc: 'Grow a pool of cloud volumes by growing its disks, not by adding vdevs.',
  reference: ['ServerZpoolHasMoreThanOneVdevButHasElasticDisk'],
  check(model, report) {
    for (const p of model.zpools) {
      const elastic = p.vdevs.flatMap((v) => v.disks).some((d) => model.diskKindOf(d)?.elastic);
      if (elastic && p.vdevs.length > 1) report(p, `pool '${p.poolName}' uses elastic disks and has ${plural(p.vdevs.length, 'vdev')}, only one is allowed`, { prop: ['vdevs'] });
    }
  },
});

