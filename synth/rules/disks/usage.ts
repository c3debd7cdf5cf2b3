import type { ServerVolume } from '../../../constructs/storage/volumes';
import { VolumeUsage } from '../../../constructs/storage/enums';
import type { VolumeUse } from '../../components/component';
import type { Model } from '../../model/model';
import { planPlatform } from '../../plan/platform';
import { defineRule } from '../rule';

/** Every use of every volume, as the components planned them, by volume. */
function usesOf(model: Model): Map<ServerVolume, VolumeUse[]> {
  const uses = new Map<ServerVolume, VolumeUse[]>();
  for (const use of planPlatform(model).volumeUses) uses.set(use.volume, [...(uses.get(use.volume) ?? []), use]);
  return uses;
}

export const volumeUsageContract = defineRule({
  code: 'disks/volume-usage-contract',
  severity: 'error',
  title: "Workloads use a volume as its usage allows",
  doc: "A volume's `usage` says how it may be shared: `EXCLUSIVE` by one workload, `READ_ONLY` by readers only, `ONE_WRITER_MANY_READERS` by at most one writer, `MULTIPLE_WRITERS` by anyone. Two databases writing the same directory corrupt each other; give each its own volume.",
  reference: ['ServerVolumeUsageContractBreachDetected'],
  check(model, report) {
    for (const [volume, uses] of usesOf(model)) {
      const writers = uses.filter((u) => u.writes);
      const server = model.serverOf(volume).hostname;
      const breach =
        (volume.usage === VolumeUsage.EXCLUSIVE && uses.length > 1) ||
        (volume.usage === VolumeUsage.READ_ONLY && writers.length > 0) ||
        (volume.usage === VolumeUsage.ONE_WRITER_MANY_READERS && writers.length > 1);
      if (!breach) continue;
      const last = uses[uses.length - 1]!;
      report(last.origin.construct, `volume '${volume.volumeName}' on '${server}' is ${volume.usage} but used by ${uses.map((u) => `${u.label}${u.writes ? ', writing' : ''}`).join(' and ')}`, {
        ...(last.origin.prop ? { prop: last.origin.prop } : {}),
        related: [{ construct: volume, message: 'the volume' }],
      });
    }
  },
});
