import type { App } from '../../../../constructs';
import type { MemoryReservation, PortReservation, ServerLock } from '../../../../synth/components/component';
import { buildModel } from '../../../../synth/model/build-model';
import type { Model } from '../../../../synth/model/model';
import { planPlatform, type PlatformPlan } from '../../../../synth/plan/platform';
import { component as l1Services } from '../../../../synth/components/l1-services';
import { BackendApplication, BackendDeployment, type Region } from '../../../../constructs';

/** A plan with nothing in it. */
export function emptyPlan(): PlatformPlan {
  return { jobs: [], ports: [], memory: [], locks: [], vaultSecrets: [], consulTokens: [], l2Steps: [], l2Files: [], images: [], volumeUses: [], telemetry: [] };
}

export interface Extra {
  readonly ports?: readonly PortReservation[];
  readonly memory?: readonly MemoryReservation[];
  readonly locks?: readonly ServerLock[];
}

/**
 * The app's model and the L1 services' real reservations with hand-made ones added (other
 * components are left out, so these tests hold whatever they contribute).
 */
export function planWith(app: App, extra: Extra = {}): { model: Model; plan: PlatformPlan } {
  const model = buildModel(app);
  const base = planPlatform(model, [l1Services]);
  return {
    model,
    plan: {
      ...base,
      ports: [...base.ports, ...(extra.ports ?? [])],
      memory: [...base.memory, ...(extra.memory ?? [])],
      locks: [...base.locks, ...(extra.locks ?? [])],
    },
  };
}

/** A backend deployment `<name>` in the region, standing for a workload's origin. */
export function deployment(app: App, region: Region, name: string, count = 1): BackendDeployment {
  return new BackendDeployment(region, name, { application: new BackendApplication(app, `${name}-app`), count });
}
