import type { Model } from '../model/model';
import type {
  Component,
  ImageUse,
  ConsulToken,
  Contributions,
  L2File,
  L2Step,
  MemoryReservation,
  PlannedJob,
  PortReservation,
  ServerLock,
  VaultSecret,
  VolumeUse,
  TelemetryUse,
} from '../components/component';
import { ALL_COMPONENTS } from '../components/registry.generated';

/** Every component's contributions, merged: what the L2 emitters and the reservation rules read. */
export interface PlatformPlan {
  readonly jobs: readonly PlannedJob[];
  readonly ports: readonly PortReservation[];
  readonly memory: readonly MemoryReservation[];
  readonly locks: readonly ServerLock[];
  readonly vaultSecrets: readonly VaultSecret[];
  readonly consulTokens: readonly ConsulToken[];
  readonly l2Steps: readonly L2Step[];
  readonly l2Files: readonly L2File[];
  readonly images: readonly ImageUse[];
  readonly volumeUses: readonly VolumeUse[];
  readonly telemetry: readonly TelemetryUse[];
}

const plans = new WeakMap<Model, PlatformPlan>();

/** The platform plan of a model, computed once and shared by rules and emitters. */
export function planPlatform(model: Model, components: readonly Component[] = ALL_COMPONENTS): PlatformPlan {
  const memo = components === ALL_COMPONENTS ? plans.get(model) : undefined;
  if (memo) return memo;
  const parts: Contributions[] = components.map((c) => c.plan(model));
  const all = <K extends keyof Contributions>(k: K) => parts.flatMap((p) => (p[k] ?? []) as NonNullable<Contributions[K]>[number][]);
  const plan: PlatformPlan = {
    jobs: all('jobs') as PlannedJob[],
    ports: all('ports') as PortReservation[],
    memory: all('memory') as MemoryReservation[],
    locks: all('locks') as ServerLock[],
    vaultSecrets: all('vaultSecrets') as VaultSecret[],
    consulTokens: all('consulTokens') as ConsulToken[],
    l2Steps: all('l2Steps') as L2Step[],
    l2Files: all('l2Files') as L2File[],
    images: all('images') as ImageUse[],
    volumeUses: all('volumeUses') as VolumeUse[],
    telemetry: all('telemetry') as TelemetryUse[],
  };
  if (components === ALL_COMPONENTS) plans.set(model, plan);
  return plan;
}
