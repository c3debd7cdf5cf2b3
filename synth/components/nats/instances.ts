import type { NatsCluster, NatsStream } from '../../../constructs/services/nats-cluster';
import { pinnedInstances, type PinnedInstance } from '../../plan/nomad/pinned';
import type { Model } from '../../model/model';

/** One NATS server of a cluster as the job and its config file need it (its group is `nats-<n>`). */
export interface NatsInstancePlan extends PinnedInstance {
  /**
   * The NATS `server_name`, which JetStream knows the peer by: named after the server, not the
   * position, since the peer's state lives on that server's volume; reordering the instances then
   * renames no peer.
   */
  readonly serverName: string;
}

/** The instances of a cluster, each pinned to its volume's server (so its address is known at synth). */
export function natsInstances(model: Model, c: NatsCluster): NatsInstancePlan[] {
  return pinnedInstances(model, c.instances, 'nats').map((i) => ({ ...i, serverName: `${c.clusterName}-${i.server.hostname}` }));
}

/** Memory of the exporter sidecar, reserved and at most, in MiB. */
export const EXPORTER_MEMORY = { memoryMb: 32, memoryMaxMb: 64 } as const;

/** Memory an instance reserves on its server: the NATS server and its exporter. */
export function natsInstanceMemory(c: NatsCluster): number {
  return c.instanceMemoryMb + EXPORTER_MEMORY.memoryMb;
}

/** JetStream's largest replica count. */
export const MAX_STREAM_REPLICAS = 5;

/**
 * How many copies of each stream the cluster keeps: one per instance (3 or 5), at most 5. A stream
 * then survives losing a minority of the instances, as the cluster's own meta group does; fewer
 * replicas than instances would make some instances' loss cost a stream its quorum.
 */
export function natsStreamReplicas(c: NatsCluster): number {
  return Math.max(1, Math.min(c.instances.length, MAX_STREAM_REPLICAS));
}

/**
 * The most a NATS client may publish at once (`max_payload`): the largest message a stream of the
 * cluster accepts, at least the server's default 1 MiB. A stream's `max_msg_size` above the
 * server's limit could never be reached.
 */
export function natsMaxPayload(c: NatsCluster): number {
  return Math.max(DEFAULT_MAX_PAYLOAD, ...c.streams.map((s: NatsStream) => s.maxMessageSize.bytes));
}

export const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/** NATS refuses a `max_payload` above `max_pending` (64 MiB by default), so no stream's messages may be larger. */
export const MAX_PAYLOAD_LIMIT = 64 * 1024 * 1024;
