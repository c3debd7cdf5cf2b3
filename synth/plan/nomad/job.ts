/**
 * Nomad jobs as data: the subset of the job specification epl emits
 * (https://developer.hashicorp.com/nomad/docs/job-specification). Components build these; the
 * Nomad emitter prints them as HCL. Field names follow the job specification in camelCase;
 * durations are Nomad duration strings ('30s', '5m').
 */

export type NomadDuration = `${number}${'ms' | 's' | 'm' | 'h'}`;

export interface NomadJob {
  /** The job id; also the file name `<namespace>_<name>.hcl`. */
  readonly name: string;
  readonly namespace: string;
  readonly region: string;
  readonly datacenters: readonly string[];
  readonly type: 'service' | 'system' | 'batch';
  /** @default - Nomad's default */
  readonly update?: NomadUpdate;
  readonly groups: readonly NomadGroup[];
}

export interface NomadUpdate {
  readonly maxParallel: number;
  readonly healthCheck?: 'checks' | 'task_states' | 'manual';
  readonly minHealthyTime?: NomadDuration;
  readonly healthyDeadline?: NomadDuration;
  readonly progressDeadline?: NomadDuration;
  readonly stagger?: NomadDuration;
  readonly autoRevert?: boolean;
}

export interface NomadConstraint {
  readonly attribute: string;
  /** @default '=' */
  readonly operator?: '=' | '!=' | '>' | '>=' | '<' | '<=' | 'distinct_hosts' | 'regexp' | 'is_set';
  readonly value?: string;
}

export interface NomadPort {
  /** The port's label in the group; tasks see it as NOMAD_PORT_<label>. */
  readonly label: string;
  readonly static: number;
  /** @default 'lan' */
  readonly hostNetwork?: string;
}

export interface NomadHostVolume {
  readonly name: string;
  /** The client's `host_volume` name. */
  readonly source: string;
  readonly readOnly: boolean;
}

export interface NomadCheck {
  readonly type: 'tcp' | 'http';
  readonly port: string;
  /** For http checks. */
  readonly path?: string;
  /** @default '10s' */
  readonly interval?: NomadDuration;
  /** @default '2s' */
  readonly timeout?: NomadDuration;
}

export interface NomadService {
  readonly name: string;
  /** A port label of the group. */
  readonly port: string;
  readonly tags: readonly string[];
  /** @default '${meta.private_ip}': the server's LAN address */
  readonly address?: string;
  readonly meta?: Readonly<Record<string, string>>;
  readonly checks: readonly NomadCheck[];
}

export interface NomadRestart {
  readonly attempts: number;
  readonly interval: NomadDuration;
  readonly delay: NomadDuration;
  readonly mode: 'fail' | 'delay';
}

export interface NomadGroup {
  readonly name: string;
  readonly count: number;
  readonly constraints: readonly NomadConstraint[];
  readonly ports: readonly NomadPort[];
  readonly volumes: readonly NomadHostVolume[];
  readonly services: readonly NomadService[];
  readonly tasks: readonly NomadTask[];
  /** @default - none */
  readonly shutdownDelay?: NomadDuration;
  /** @default - Nomad's default */
  readonly restart?: NomadRestart;
}

export interface NomadTemplate {
  /** Relative to the task directory: `secrets/…` for secret material, `local/…` otherwise. */
  readonly destination: string;
  /** consul-template text; `{{ with secret "epl/data/…" }}` reads Vault. */
  readonly data: string;
  /** Load the rendered file as environment variables. @default false */
  readonly env?: boolean;
  /** @default 'restart' */
  readonly changeMode?: 'restart' | 'signal' | 'noop' | 'script';
  /** With changeMode 'signal' ('SIGHUP'). */
  readonly changeSignal?: string;
  /** With changeMode 'script': a command run inside the task when the file changes. */
  readonly changeScript?: NomadChangeScript;
  /** @default - Nomad's default '0644' */
  readonly perms?: string;
  /**
   * Owner of the rendered file: the image's user, when it is not root and the file is private.
   * @default - the Nomad agent's user (root)
   */
  readonly uid?: number;
  /** Group of the rendered file. @default - the Nomad agent's group */
  readonly gid?: number;
}

/** A command Nomad runs in the task when a template's file changes (`change_script`). */
export interface NomadChangeScript {
  readonly command: string;
  /** @default - none */
  readonly args?: readonly string[];
  /** @default - Nomad's default '5s' */
  readonly timeout?: NomadDuration;
  /** Kill the task when the script fails. @default false */
  readonly failOnError?: boolean;
}

export interface NomadVolumeMount {
  /** A volume name of the group. */
  readonly volume: string;
  readonly destination: string;
  /** @default false */
  readonly readOnly?: boolean;
}

export interface NomadTask {
  readonly name: string;
  /** The docker driver: an image pinned by digest, host networking. */
  readonly image: string;
  readonly args?: readonly string[];
  readonly entrypoint?: readonly string[];
  /**
   * The user the container runs as, instead of its image's (`root` where the image's own user
   * cannot write its root-owned host volume).
   * @default - the image's user
   */
  readonly user?: string;
  /** Docker container labels (`epl_loki_cluster`, ...). */
  readonly labels?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  /** Reserved memory in MiB. */
  readonly memoryMb: number;
  /** The most it may use when the server has memory to spare (oversubscription). */
  readonly memoryMaxMb?: number;
  /** @default 100 */
  readonly cpu?: number;
  readonly templates: readonly NomadTemplate[];
  readonly volumeMounts: readonly NomadVolumeMount[];
  /**
   * Read Vault secrets with the job's workload identity (templates use `secret`): `true`, or how
   * the task learns of a renewed token. @default false
   */
  readonly vault?: boolean | NomadTaskVault;
  /** In-memory filesystems mounted into the container (docker `mount { type = "tmpfs" }`). @default - none */
  readonly tmpfs?: readonly NomadTmpfs[];
  /** @default - a main task */
  readonly lifecycle?: { readonly hook: 'prestart' | 'poststart' | 'poststop'; readonly sidecar: boolean };
}

/** A job's file name under the region's `nomad-jobs/`: `<namespace>_<job>.hcl`. */
export function nomadJobFileName(job: Pick<NomadJob, 'namespace' | 'name'>): string {
  return `${job.namespace}_${job.name}.hcl`;
}

/** Nomad's placeholder for an image epl builds during L2 provisioning (replaced by its digest). */
export function appImagePlaceholder(arch: string, app: string): string {
  return `@@EPL_APP_IMAGE_${arch}:${app}@@`;
}

/** A task's `vault` block: the workload identity gets a token; only its renewal is configured here. */
export interface NomadTaskVault {
  /** @default - Nomad's default 'restart' */
  readonly changeMode?: 'restart' | 'signal' | 'noop';
  /** With changeMode 'signal'. */
  readonly changeSignal?: string;
}

export interface NomadTmpfs {
  /** The path inside the container. */
  readonly target: string;
  /** @default - Docker's default: unlimited (bounded by the task's memory) */
  readonly sizeBytes?: number;
}
