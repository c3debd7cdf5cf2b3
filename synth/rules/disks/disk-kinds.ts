import { ONE_GIB } from '../../../constructs/core/size';
import { defineRule } from '../rule';

export const fixedKindWithoutCapacity = defineRule({
  code: 'disks/fixed-kind-without-capacity',
  severity: 'error',
  title: 'A disk kind that is not elastic has a capacity',
  doc: 'Every disk of a fixed-size kind has the kind\'s capacity; pools are checked for equal disk sizes with it. Give the kind a `capacity`, or make it `elastic`.',
  reference: ['DiskKindDiskIsNotElasticButHasUnspecifiedCapacity'],
  check(model, report) {
    for (const k of model.diskKinds) if (!k.elastic && !k.capacity) report(k, `disk kind '${k.kindName}' is not elastic and has no capacity`);
  },
});

export const kindCapacityTooSmall = defineRule({
  code: 'disks/kind-capacity-too-small',
  severity: 'error',
  title: 'A disk kind has at least 1 GiB',
  doc: 'Disks smaller than 1 GiB cannot hold a ZFS pool or XFS file system worth having; this is usually a unit mistake (use `Size.gibibytes`).',
  reference: ['DiskKindDiskCapacityMustBeAtLeast1GB'],
  check(model, report) {
    for (const k of model.diskKinds) {
      if (!k.elastic && k.capacity && k.capacity.bytes < ONE_GIB) report(k, `disk kind '${k.kindName}' has capacity ${k.capacity}, at least 1 GiB is required`, { prop: ['capacity'] });
    }
  },
});

export const elasticKindWithCapacity = defineRule({
  code: 'disks/elastic-kind-with-capacity',
  severity: 'error',
  title: 'An elastic disk kind does not fix a capacity',
  doc: 'The size of an elastic (cloud) disk is chosen per disk with its `capacity`; the kind only bounds it with `minCapacity` and `maxCapacity`.',
  reference: ['DiskKindDiskIsElasticButHasSpecifiedCapacity'],
  check(model, report) {
    for (const k of model.diskKinds) if (k.elastic && k.capacity) report(k, `elastic disk kind '${k.kindName}' sets a capacity; set it on each disk instead`, { prop: ['capacity'] });
  },
});

export const elasticKindWithoutMax = defineRule({
  code: 'disks/elastic-kind-without-max-capacity',
  severity: 'error',
  title: 'An elastic disk kind has a maximum capacity',
  doc: 'Providers limit the size of a volume type; state the limit as `maxCapacity` so disks that exceed it are caught at synth.',
  reference: ['DiskKindDiskIsElasticButDoesntSpecifyMaxCapacity'],
  check(model, report) {
    for (const k of model.diskKinds) if (k.elastic && !k.maxCapacity) report(k, `elastic disk kind '${k.kindName}' has no maxCapacity`);
  },
});

export const fixedKindWithBounds = defineRule({
  code: 'disks/fixed-kind-with-capacity-bounds',
  severity: 'error',
  title: 'A disk kind that is not elastic has no capacity bounds',
  doc: '`minCapacity` and `maxCapacity` bound the per-disk size of elastic kinds; a fixed-size kind has exactly its `capacity`.',
  reference: ['DiskKindDiskIsNotElasticButHasMaxCapacitySpecified', 'DiskKindDiskIsNotElasticButHasMinCapacitySpecified'],
  check(model, report) {
    for (const k of model.diskKinds) {
      if (k.elastic) continue;
      if (k.minCapacity) report(k, `disk kind '${k.kindName}' is not elastic but sets minCapacity`, { prop: ['minCapacity'] });
      if (k.maxCapacity) report(k, `disk kind '${k.kindName}' is not elastic but sets maxCapacity`, { prop: ['maxCapacity'] });
    }
  },
});

export const elasticKindMinAboveMax = defineRule({
  code: 'disks/elastic-kind-min-above-max',
  severity: 'error',
  title: "An elastic disk kind's minimum capacity does not exceed its maximum",
  doc: 'No disk could satisfy both bounds.',
  reference: ['DiskKindMinCapacityBiggerThanMaxCapacity'],
  check(model, report) {
    for (const k of model.diskKinds) {
      if (k.elastic && k.minCapacity && k.maxCapacity && k.minCapacity.bytes > k.maxCapacity.bytes) {
        report(k, `disk kind '${k.kindName}' has minCapacity ${k.minCapacity} above maxCapacity ${k.maxCapacity}`, { prop: ['minCapacity'] });
      }
    }
  },
});
