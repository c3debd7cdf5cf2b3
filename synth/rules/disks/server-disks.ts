import { DatacenterImplementation } from '../../../constructs/core/enums';
import { ONE_GIB } from '../../../constructs/core/size';
import { DiskIdsPolicy, DiskMedium } from '../../../constructs/storage/enums';
import type { Disk } from '../../../constructs/storage/disk';
import type { Model } from '../../model/model';
import { isRedefinition } from '../../../constructs/storage/containers';
import { defineRule } from '../rule';

const DEVICE_NAME = /^(sd[a-z]+|vd[a-z]+|xvd[a-z]+|hd[a-z]+|nvme\d+n\d+)$/;

export const invalidDiskId = defineRule({
  code: 'disks/invalid-disk-id',
  severity: 'error',
  title: 'Disk ids use letters, digits, _ and -',
  doc: 'A disk id is a kernel device name (`vda`) or a serial number as listed in /dev/disk/by-id; both use only letters, digits, `_` and `-`.',
  check(model, report) {
    for (const d of model.disks) if (!/^[A-Za-z0-9_-]+$/.test(d.diskId)) report(d, `disk id '${d.diskId}' may only contain letters, digits, _ and -`);
  },
});

export const duplicateDiskId = defineRule({
  code: 'disks/duplicate-disk-id',
  severity: 'error',
  title: 'A server does not define the same disk twice',
  doc: 'Each disk id names one device of the server.',
  check(model, report) {
    for (const d of model.disks) if (isRedefinition(d)) report(d, `disk '${d.diskId}' is defined more than once on '${model.serverOf(d).hostname}'`);
  },
});

export const rootDiskCount = defineRule({
  code: 'disks/root-disk-count',
  severity: 'error',
  title: 'Every server has exactly one root disk',
  doc: 'The root disk holds the root ZFS pool `rpool` with the operating system and root volumes. Mark it with `root: true`, or name it `vda`; mark only one.',
  check(model, report) {
    for (const s of model.servers) {
      const roots = model.rootDisksOf(s);
      if (roots.length === 0) report(s, `server '${s.hostname}' has no root disk: add one with addDisk(id, { root: true }) (or name it 'vda')`);
      for (const extra of roots.slice(1)) report(extra, `disk '${extra.diskId}' is marked root, but so is '${roots[0]!.diskId}'`, { prop: ['root'] });
    }
  },
});

export const rootDiskXfs = defineRule({
  code: 'disks/root-disk-xfs',
  severity: 'error',
  title: 'The root disk is not XFS-formatted',
  doc: 'The root disk always holds the root ZFS pool `rpool`; XFS volumes need a disk of their own.',
  reference: ['ServerRootDiskCanOnlyBeFormattedAsZfs'],
  check(model, report) {
    for (const s of model.servers) for (const d of model.rootDisksOf(s)) if (d.xfsFormat) report(d, `root disk '${d.diskId}' cannot be XFS-formatted`, { prop: ['xfsFormat'] });
  },
});

export const rootDiskTooSmall = defineRule({
  code: 'disks/root-disk-too-small',
  severity: 'error',
  title: 'The root disk has at least 5 GiB',
  doc: 'The operating system, the nix store and logs live on the root pool; less than 5 GiB fills up during the first provisioning.',
  reference: ['ServerDiskRootDiskMustBeAtLeast5GB'],
  check(model, report) {
    for (const s of model.servers) {
      for (const d of model.rootDisksOf(s)) {
        const bytes = model.diskBytes(d);
        if (bytes !== undefined && bytes < 5 * ONE_GIB) report(d, `root disk '${d.diskId}' has ${(bytes / ONE_GIB).toFixed(2)} GiB, at least 5 GiB is required`);
      }
    }
  },
});

export const noDiskKind = defineRule({
  code: 'disks/no-disk-kind',
  severity: 'error',
  title: 'Every disk has a kind',
  doc: 'The kind gives the disk\'s medium and size. Give the disk a `kind`, or its datacenter a `defaultDiskKind`.',
  check(model, report) {
    for (const d of model.disks) {
      if (!model.diskKindOf(d)) report(d, `disk '${d.diskId}' has no kind and datacenter '${model.serverOf(d).datacenter.dcName}' has no defaultDiskKind`, { prop: ['kind'] });
    }
  },
});

export const diskKindNotEligible = defineRule({
  code: 'disks/disk-kind-not-eligible',
  severity: 'error',
  title: 'Disks do not use a kind marked not eligible',
  doc: 'Some disk kinds cannot be provisioned by epl; such kinds carry a reason.',
  reference: ['ServerDiskWithDiskKindIsNotSupportedForProvisioning'],
  check(model, report) {
    for (const d of model.disks) {
      const k = model.diskKindOf(d);
      if (k?.nonEligibleReason) report(d, `disk '${d.diskId}' uses kind '${k.kindName}', which cannot be used: ${k.nonEligibleReason}`, { prop: ['kind'] });
    }
  },
});

export const elasticDiskWithoutCapacity = defineRule({
  code: 'disks/elastic-disk-without-capacity',
  severity: 'error',
  title: 'A disk of an elastic kind states its capacity',
  doc: 'Elastic (cloud) disks are created with the size you give; set `capacity` on the disk.',
  reference: ['ServerDiskKindIsElasticButDiskSizeIsNotSpecified'],
  check(model, report) {
    for (const d of model.disks) if (model.diskKindOf(d)?.elastic && !d.capacity) report(d, `disk '${d.diskId}' is of elastic kind '${model.diskKindOf(d)!.kindName}' and needs a capacity`);
  },
});

export const fixedDiskWithCapacity = defineRule({
  code: 'disks/fixed-disk-with-capacity',
  severity: 'error',
  title: 'A disk of a fixed-size kind does not state a capacity',
  doc: 'A fixed-size kind determines the disk\'s size; a capacity on the disk would be ignored or contradict it.',
  reference: ['ServerDiskKindIsNotElasticButDiskSizeIsSpecified'],
  check(model, report) {
    for (const d of model.disks) {
      const k = model.diskKindOf(d);
      if (k && !k.elastic && d.capacity) report(d, `disk '${d.diskId}' sets a capacity but its kind '${k.kindName}' has a fixed size of ${k.capacity ?? 'unknown'}`, { prop: ['capacity'] });
    }
  },
});

export const elasticDiskOutOfBounds = defineRule({
  code: 'disks/elastic-disk-capacity-out-of-bounds',
  severity: 'error',
  title: "An elastic disk's capacity is at least 1 GiB and within its kind's bounds",
  doc: 'The provider rejects volumes outside the bounds of their type.',
  reference: ['ServerDiskMinimumCapacityIs1GB', 'ServerDiskExceedsMaximumCapacityAllowedByDiskKind', 'ServerDiskHasLowerThanMinimumCapacityAllowedByDiskKind'],
  check(model, report) {
    for (const d of model.disks) {
      const k = model.diskKindOf(d);
      if (!k?.elastic || !d.capacity) continue;
      const min = Math.max(ONE_GIB, k.minCapacity?.bytes ?? 0);
      const max = k.maxCapacity?.bytes ?? Infinity;
      if (d.capacity.bytes < min || d.capacity.bytes > max) {
        report(d, `disk '${d.diskId}' has capacity ${d.capacity}, kind '${k.kindName}' allows ${k.minCapacity ?? '1 GiB'} to ${k.maxCapacity ?? 'any size'}`, { prop: ['capacity'] });
      }
    }
  },
});

export const extraConfigNotAllowed = defineRule({
  code: 'disks/extra-config-not-allowed',
  severity: 'error',
  title: 'Only disks of kinds with extra config set IOPS or throughput',
  doc: 'Provisioned IOPS and throughput exist only for some volume types (e.g. AWS io2, gp3); the kind says so with `hasExtraConfig`.',
  reference: ['ServerDiskHasExtraConfigNotAllowedForDiskKind'],
  check(model, report) {
    for (const d of model.disks) {
      const k = model.diskKindOf(d);
      if (k && !k.hasExtraConfig && (d.provisionedIops !== undefined || d.provisionedThroughputMbps !== undefined)) {
        report(d, `disk '${d.diskId}' sets provisioned IOPS or throughput but kind '${k.kindName}' does not allow extra config`);
      }
    }
  },
});

export const nvmeDiskNotNvmeKind = defineRule({
  code: 'disks/nvme-disk-not-nvme-kind',
  severity: 'error',
  title: "A disk named 'nvme…' has an NVMe disk kind",
  doc: 'Pools refuse to mix media, so the medium must be right: a device named `nvme0n1` is an NVMe disk.',
  reference: ['ServerNvmeNamedDiskIsNotNvmeMediumByDiskKind'],
  check(model, report) {
    for (const d of model.disks) {
      const k = model.diskKindOf(d);
      if (d.diskId.startsWith('nvme') && k && k.medium !== DiskMedium.NVME) report(d, `disk '${d.diskId}' looks like an NVMe device but kind '${k.kindName}' has medium ${k.medium}`, { prop: ['kind'] });
    }
  },
});

function expectsSerial(model: Model, d: Disk): boolean {
  const dc = model.serverOf(d).datacenter;
  if (dc.diskIdsPolicy === DiskIdsPolicy.REQUIRE_SERIAL) return true;
  if (dc.diskIdsPolicy === DiskIdsPolicy.REQUIRE_DEVNAME) return false;
  return dc.implementation === DatacenterImplementation.BARE_METAL;
}

export const diskIdPolicy = defineRule({
  code: 'disks/disk-id-policy',
  severity: 'error',
  title: "Disk ids follow the datacenter's disk id policy",
  doc: 'Bare-metal datacenters identify disks by serial number (stable when cabling changes); test VMs and devname policies by kernel device name. Set `diskIdsPolicy` on the datacenter to choose.',
  reference: ['ServerDiskIdUnexpectedFormatInDatacenter'],
  check(model, report) {
    for (const d of model.disks) {
      const serial = expectsSerial(model, d);
      if (serial && DEVICE_NAME.test(d.diskId)) report(d, `disk id '${d.diskId}' is a device name, datacenter '${model.serverOf(d).datacenter.dcName}' identifies disks by serial number`);
      if (!serial && !DEVICE_NAME.test(d.diskId)) report(d, `disk id '${d.diskId}' is not a device name (sda, vdb, xvdc, nvme0n1), as datacenter '${model.serverOf(d).datacenter.dcName}' requires`);
    }
  },
});

export const duplicateDiskSerial = defineRule({
  code: 'disks/duplicate-disk-serial',
  severity: 'error',
  title: 'Disk serial numbers are unique across servers',
  doc: 'A serial number identifies one physical disk; the same serial on two servers is a copy-paste mistake.',
  reference: ['DetectedDuplicateDiskSerials'],
  check(model, report) {
    const seen = new Map<string, Disk>();
    for (const d of model.disks) {
      if (!expectsSerial(model, d)) continue;
      const first = seen.get(d.diskId);
      if (first && model.serverOf(first) !== model.serverOf(d)) {
        report(d, `disk serial '${d.diskId}' is also used on '${model.serverOf(first).hostname}'`, { related: [{ construct: first, message: 'also used here' }] });
      } else if (!first) seen.set(d.diskId, d);
    }
  },
});
