import type { EplConstruct } from '../../constructs/core/epl-construct';
import type { Region } from '../../constructs/core/region';
import type { Server } from '../../constructs/core/server';
import type { ServerVolume } from '../../constructs/storage/volumes';
import type { Architecture } from '../../constructs/core/enums';
import type { DockerImagePin, DockerImageSet } from '../../constructs/core/docker-image-pin';
import type { PropPath } from '../../lib/diagnostics/types';
import type { Model } from '../model/model';
import type { Rule } from '../rules/rule';
import type { NomadJob } from '../plan/nomad/job';
import type { MonitoringCluster } from '../../constructs/services/monitoring-cluster';
import type { LokiCluster } from '../../constructs/services/loki-cluster';
import type { TempoCluster } from '../../constructs/services/tempo-cluster';

/**
 * A cluster service (Postgres, NATS, MinIO, ...) as one folder: its rules and a pure `plan` that
 * says what it needs from the platform. Generic machinery merges every component's contributions
 * into one plan (synth/plan/platform.ts), checks what crosses components (ports, memory, locks)
 * and renders it; no central list names a service's ports or secrets.
 *
 * A folder under synth/components/ with an `index.ts` exporting `component` is registered by
 * `npm run build` (synth/components/registry.generated.ts).
 */
export interface Component {
  /** The folder's name. */
  readonly name: string;
  /** Invariants of the component's own constructs. @default - none */
  readonly rules?: readonly Rule[];
  /** What the component contributes to the platform; pure, reads only the model. */
  plan(model: Model): Contributions;
}

/** The construct (and prop) a contribution comes from, for diagnostics at the user's line. */
export interface Origin {
  readonly construct: EplConstruct;
  readonly prop?: PropPath;
}

/** What one component asks of the platform. Every list is optional. */
export interface Contributions {
  readonly jobs?: readonly PlannedJob[];
  readonly ports?: readonly PortReservation[];
  readonly memory?: readonly MemoryReservation[];
  readonly locks?: readonly ServerLock[];
  readonly vaultSecrets?: readonly VaultSecret[];
  readonly consulTokens?: readonly ConsulToken[];
  readonly l2Steps?: readonly L2Step[];
  readonly l2Files?: readonly L2File[];
  readonly images?: readonly ImageUse[];
  readonly volumeUses?: readonly VolumeUse[];
  readonly telemetry?: readonly TelemetryUse[];
}

/** Every list of `parts` concatenated: how a component merges what each of its constructs asks. */
export function mergeContributions(parts: readonly Contributions[]): Contributions {
  const out: Record<string, unknown[]> = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) if (v) (out[k] ??= []).push(...(v as unknown[]));
  }
  return out as Contributions;
}

/** A Nomad job and the L2 stage that schedules it. */
export interface PlannedJob {
  readonly job: NomadJob;
  /** `system` jobs are scheduled in stage 20, `app` jobs (built images) in stage 60. */
  readonly stage: 'system' | 'app';
  readonly origin: Origin;
}

/**
 * A port taken on one server, or (`region`) on every server of a region that may run a
 * stateless workload, since Nomad may place it on any of them.
 */
export interface PortReservation {
  readonly on: { readonly server: Server } | { readonly region: Region };
  readonly port: number;
  /** Who holds it, as the reservation report and diagnostics say it ('consul serf lan'). */
  readonly owner: string;
  /** @default - a built-in reservation (L1 service) */
  readonly origin?: Origin;
}

/**
 * Memory a workload reserves: on one server (L1 services, stateful instances bound to a volume)
 * or, for stateless workloads, per instance on whichever servers the bin-packing chooses.
 */
export type MemoryReservation =
  | {
      readonly on: { readonly server: Server };
      readonly mib: number;
      readonly owner: string;
      readonly origin?: Origin;
    }
  | {
      readonly on: {
        readonly region: Region;
        readonly instances: number;
        /** Only servers with all these labels. @default - servers that run unassigned workloads */
        readonly labels?: Readonly<Record<string, string>>;
        /** The prop that sets how many instances or where, for "too few servers". @default origin.prop */
        readonly instancesProp?: PropPath;
      };
      /** Per instance; no two instances share a server. */
      readonly mib: number;
      readonly owner: string;
      readonly origin: Origin;
    };

/**
 * A stateful deployment's claim on a server: one instance per server. The server's Nomad client
 * gets `meta.lock_<lock>`, which the job's groups are constrained to.
 */
export interface ServerLock {
  readonly server: Server;
  readonly lock: string;
  readonly origin: Origin;
}

/** A value of a Vault secret: generated once by L2 provisioning, or derived from other secrets. */
export type VaultValue =
  | { readonly generate: 'password' | 'uuid' }
  | { readonly copy: { readonly path: string; readonly field: string } }
  /** Text and other secrets' fields joined, e.g. a connection string with a password in it. */
  | { readonly compose: readonly (string | { readonly path: string; readonly field: string })[] }
  /**
   * The user's own secret `custom/<name>` of the secrets file (`epl secrets set`), which reaches
   * provisioning in the region's bootstrap bundle; Vault follows the secrets file when it changes.
   */
  | { readonly custom: string; /** The construct (and prop) that names it, for the diagnostic when it is unset. */ readonly origin?: Origin };

/**
 * A secret in Vault's `epl` KV mount at `path` (`<namespace>/<job>/<name>`: a job reads the
 * paths under its own namespace and id). Provisioning never overwrites a generated field.
 */
export interface VaultSecret {
  readonly region: Region;
  readonly path: string;
  readonly fields: Readonly<Record<string, VaultValue>>;
}

/**
 * A Consul ACL token a workload needs (Patroni's DCS access), made by L2 provisioning with its
 * policy and kept in Vault at `vaultPath`, field `field`.
 */
export interface ConsulToken {
  readonly region: Region;
  readonly name: string;
  /** Consul ACL rules (HCL). */
  readonly rules: string;
  readonly vaultPath: string;
  readonly field: string;
}

/** A script of the region's L2 provisioning; scripts of one stage run in parallel. */
export interface L2Step {
  readonly region: Region;
  /** Stages run in ascending order (10 secrets, 20 system jobs, 30 databases, 60 app jobs). */
  readonly stage: number;
  /** The script's file name without `.sh`; unique in the region. */
  readonly name: string;
  readonly script: string;
}

/** Another file of the region's L2 provisioning, relative to `l2-provisioning/<region>/`. */
export interface L2File {
  readonly region: Region;
  readonly path: string;
  readonly content: string;
  /** @default 0o644 */
  readonly mode?: number;
}

/**
 * A pin a workload runs: it must hold an image of the expected set for the workload's
 * architecture (checked once for every component).
 */
export interface ImageUse {
  readonly pin: DockerImagePin;
  readonly set: DockerImageSet;
  readonly architecture: Architecture;
  /** The prop that chose the pin (or the construct that got the built-in default). */
  readonly origin: Origin;
}

/**
 * A stateful workload's use of a server volume, checked against the volume's usage contract
 * (disks/volume-usage-contract): two databases writing one directory corrupt each other.
 */
export interface VolumeUse {
  readonly volume: ServerVolume;
  readonly writes: boolean;
  /** The workload as a diagnostic names it: "Postgres deployment 'testdb' (instance 2)". */
  readonly label: string;
  readonly origin: Origin;
}

/**
 * Where a workload's metrics, logs and traces go: each signal it sends names its cluster (the
 * construct's `monitoringCluster`, `lokiCluster`, `tracingCluster` prop) or goes to its region's
 * default. Checked once for every component: a named cluster is in the workload's region
 * (regions/telemetry-cluster-region), and a region whose workloads send a signal has a cluster
 * for it (monitoring/, loki/, tempo/region-missing).
 */
export interface TelemetryUse {
  readonly origin: Origin;
  readonly region: Region;
  /** Sends metrics: scraped by the named monitoring cluster, or the region's default. */
  readonly metrics?: { readonly cluster?: MonitoringCluster };
  /** Sends logs: shipped to the named Loki cluster, or the region's default. */
  readonly logs?: { readonly cluster?: LokiCluster };
  /** Sends traces: to the named Tempo cluster, or the region's default. */
  readonly traces?: { readonly cluster?: TempoCluster };
}
