import { XfsVolume } from '../../../constructs/storage/volumes';
import { KEBAB_CASE } from '../patterns';
import { isRedefinition } from '../../../constructs/storage/containers';
import { defineRule } from '../rule';

export const invalidVolumeName = defineRule({
  code: 'disks/invalid-volume-name',
  severity: 'error',
  title: 'Volume names are kebab-case',
  doc: 'Volume names become dataset names, directories and Nomad host volume names; use lower-case letters, digits and dashes.',
  check(model, report) {
    for (const v of model.volumes) if (!KEBAB_CASE.test(v.volumeName)) report(v, `volume name '${v.volumeName}' is not kebab-case (a-z, 0-9, -)`);
  },
});

export const duplicateVolumeName = defineRule({
  code: 'disks/duplicate-volume-name',
  severity: 'error',
  title: 'Volume names are unique per server',
  doc: 'Root volumes, ZFS datasets and XFS volumes share one namespace per server: workloads are placed on a volume by its name.',
  check(model, report) {
    for (const v of model.volumes) {
      if (KEBAB_CASE.test(v.volumeName) && isRedefinition(v)) report(v, `volume '${v.volumeName}' is defined more than once on '${model.serverOf(v).hostname}'`);
    }
  },
});

export const xfsVolumeNotOnXfsDisk = defineRule({
  code: 'disks/xfs-volume-not-on-xfs-disk',
  severity: 'error',
  title: "An XFS volume is on an XFS-formatted disk of its own server",
  doc: 'XFS volumes are directories on a disk that epl formats as XFS; create the disk with `xfsFormat: true` on the same server.',
  reference: ['ServerXfsVolumeIsNotOnXfsFormattedDisk'],
  check(model, report) {
    for (const v of model.volumes) {
      if (!(v instanceof XfsVolume)) continue;
      if (model.serverOf(v.disk) !== model.serverOf(v)) report(v, `XFS volume '${v.volumeName}' is on disk '${v.disk.diskId}' of another server`, { prop: ['disk'] });
      else if (!v.disk.xfsFormat) report(v, `XFS volume '${v.volumeName}' is on disk '${v.disk.diskId}', which is not XFS-formatted`, { prop: ['disk'] });
    }
  },
});
