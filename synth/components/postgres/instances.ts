import type { PgDeployment } from '../../../constructs/apps/pg-deployment';
import type { Model } from '../../model/model';
import { pinnedInstances, type PinnedInstance } from '../../plan/nomad/pinned';

/** One instance of a deployment as the job and its config files need it (its group is `pg-<n>`, also the Patroni member name). */
export interface PgInstancePlan extends PinnedInstance {
  readonly failoverPriority: number;
}

/** The instances of a deployment, each pinned to its volume's server. */
export function pgInstances(model: Model, d: PgDeployment): PgInstancePlan[] {
  return pinnedInstances(model, d.instances, 'pg').map((i) => ({ ...i, failoverPriority: d.failoverPriorities[i.index]! }));
}

/** The lock that pins instance groups to their servers (`meta.lock_<lock>` on the Nomad client). */
export function pgLock(d: PgDeployment): string {
  return `epl-pg-${d.deploymentName}`;
}

/** How many `work_mem` allocations an instance reserves memory for. */
export const RESERVED_WORK_MEM_ALLOCATIONS = 4;

/** Memory of the small sidecar tasks (HAProxy, postgres_exporter), reserved and at most, in MiB. */
export const SIDECAR_MEMORY = { memoryMb: 64, memoryMaxMb: 128 } as const;

/**
 * Memory of the Patroni task (Patroni and Postgres), in MiB.
 *
 * Reserved: shared buffers, one maintenance operation (vacuum or index build), the overhead
 * (Patroni, connection processes, catalog caches) and a few concurrent sorts/hashes:
 * `shared_buffers + maintenance_work_mem + overhead + 4 × work_mem` (512 MiB with the defaults).
 * A sort may take `work_mem` per connection, but reserving that for every connection would
 * reserve memory that is almost never used; instead the task may grow, when the server has memory
 * to spare, to one sort per ten connections: `max` adds `work_mem × max(4, ⌈max_connections / 10⌉)`
 * instead (1088 MiB with the defaults).
 */
export function patroniTaskMemory(d: PgDeployment): { memoryMb: number; memoryMaxMb: number } {
  const base = d.sharedBuffersMb + d.maintenanceWorkMemMb + d.overheadMemMb;
  const burst = Math.max(RESERVED_WORK_MEM_ALLOCATIONS, Math.ceil(d.maxConnections / 10));
  return { memoryMb: base + RESERVED_WORK_MEM_ALLOCATIONS * d.workMemMb, memoryMaxMb: base + burst * d.workMemMb };
}

/** Memory an instance reserves on its server: all its tasks. */
export function pgInstanceMemory(d: PgDeployment): number {
  return patroniTaskMemory(d).memoryMb + 2 * SIDECAR_MEMORY.memoryMb;
}
