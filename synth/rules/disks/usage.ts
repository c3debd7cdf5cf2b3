import type { EplConstruct } from '../../../constructs/core/epl-construct';
import { VolumeUsage } from '../../../constructs/storage/enums';
import type { ServerVolume } from '../../../constructs/storage/volumes';
import type { Model } from '../../model/model';
import { defineRule } from '../rule';

/** A workload's use of a volume. */
interface VolumeUse {
  readonly user: EplConstruct;
  readonly label: string;
  readonly writes: boolean;
  readonly prop: ReadonlyArray<string | number>;
}

/** Every use of every volume by the platform's stateful workloads (so far: Postgres instances). */
function usesOf(model: Model): Map<ServerVolume, VolumeUse[]> {
  const uses = new Map<ServerVolume, VolumeUse[]>();
  const add = (v: ServerVolume, use: VolumeUse) => uses.set(v, [...(uses.get(v) ?? []), use]);
  for (const d of model.pgDeployments) {
    d.instances.forEach((v, i) => add(v, { user: d, label: `Postgres deployment '${d.deploymentName}' (instance ${i + 1})`, writes: true, prop: ['instances', i] }));
  }
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
      report(last.user, `volume '${volume.volumeName}' on '${server}' is ${volume.usage} but used by ${uses.map((u) => `${u.label}${u.writes ? ', writing' : ''}`).join(' and ')}`, {
        prop: last.prop,
        related: [{ construct: volume, message: 'the volume' }],
      });
    }
  },
});
